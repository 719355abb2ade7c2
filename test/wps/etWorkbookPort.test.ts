/**
 * The WPS 表格 port (src/wps/etWorkbookPort.ts) over the fake ET object model (test/fakes/et): the same refresh
 * workflow as in Excel, compared with the Office.js port over the fake Excel. What both hosts do alike (run twice, a
 * failure at any step, a user's 汇总 sheet, 变动, a workbook moved between them) is in the shared suite,
 * test/workflows/hosts/refreshOnHosts.test.ts.
 */
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { refresh, type RefreshOptions, type RunReport } from '../../src/workflows/refresh';
import { baselineRevision } from '../../src/workflows/baselineRevision';
import { chunkText, largestChunkBytes, readStateSheet, STATE_MARKER, STATE_SHEET_NAME } from '../../src/workflows/stateSheet';
import { createEtWorkbookPort, normaliseValue2 } from '../../src/wps/etWorkbookPort';
import { fakeWorkbook, uninstallFakes } from '../excel/fakeWorkbook';
import { createFakeEt, type FakeEt } from '../fakes/et/fakeEt';
import type { PrintState } from '../fakes/excel/state';
import { largeLedger } from '../fixtures/largeLedger';
import { realisticLedgerExpected, realisticLedgerGrid } from '../fixtures/realisticLedger';
import { BLOCK_ROWS } from '../../src/wps/etWorkbookPort';

afterEach(uninstallFakes);

const NOW = new Date(2025, 8, 30, 14, 5);
const options: RefreshOptions = { now: () => NOW, displayLanguage: 'zh-CN' };

function etLedger(): FakeEt {
  return createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
}

function refreshEt(et: FakeEt): Promise<RunReport> {
  let n = 0;
  return refresh(createEtWorkbookPort({ application: et, token: () => `t${++n}` }), options);
}

const sheet = (et: FakeEt, name: string) => {
  const found = et.snapshot().find((s) => s.name === name);
  if (found === undefined) throw new Error(`no sheet ${name}`);
  return found;
};

/** The Office.js port's print settings (the fake Excel's `PrintState`) as the ET `PageSetup` values and page breaks they mean. */
function asEtPageSetup(print: PrintState): [Record<string, unknown>, number[]] {
  if (print.orientation === 'Portrait' && print.zoom?.scale === 100 && print.titleRows === null) return [{}, print.rowBreaks];
  const upper = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);
  const setup: Record<string, unknown> = {
    Orientation: print.orientation === 'Landscape' ? 2 : 1,
    PaperSize: print.paperSize === 'A4' ? 9 : print.paperSize,
    Zoom: false,
    FitToPagesWide: print.zoom?.horizontalFitToPages,
    FitToPagesTall: false,
    ...Object.fromEntries(Object.entries(print.margins).map(([k, v]) => [upper(k), v])),
    CenterHorizontally: print.centerHorizontally,
    ...Object.fromEntries(['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'].map((k) => [upper(k), print.headersFooters[k] ?? ''])),
  };
  if (print.titleRows !== null) setup.PrintTitleRows = print.titleRows;
  return [setup, print.rowBreaks];
}

describe('normaliseValue2', () => {
  it('gives rows for a scalar, a flat row, a flat column and rows, with empty cells as null', () => {
    expect(normaliseValue2(5, 1, 1)).toEqual([[5]]);
    expect(normaliseValue2(undefined, 1, 1)).toEqual([[null]]);
    expect(normaliseValue2(['a', '', 3], 1, 3)).toEqual([['a', null, 3]]);
    expect(normaliseValue2(['a', null, 3], 3, 1)).toEqual([['a'], [null], [3]]);
    expect(normaliseValue2([[1, undefined], ['x', true]], 2, 2)).toEqual([
      [1, null],
      ['x', true],
    ]);
  });
});

describe('refresh over the WPS 表格 port', () => {
  it('gives the same summary JSON as the Office.js port over the fake Excel', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    const office = await refresh(createOfficeWorkbookPort(), options);
    const et = etLedger();
    const wps = await refreshEt(et);
    expect([wps.ok, wps.error]).toEqual([true, null]);
    expect(office.json).not.toBeNull();
    expect(wps.json).toEqual(office.json);
    expect(wps.brief).toBe(office.brief);
    expect(wps.issues).toEqual(office.issues);
    expect(wps.sheets).toEqual(office.sheets);
    expect(wps.read?.counts.dataRows).toBe(realisticLedgerExpected.dataRows);
    // Summary cells as the Office.js port wrote them.
    const summary = sheet(et, wps.sheets.summary!);
    expect(summary.values.flat()).toContain(realisticLedgerExpected.projects);
    expect(summary.values.flat()).toContain('截至：2025年9月30日');
    // Frozen panes and print settings are applied: no note.
    expect(wps.notes.map((n) => n.code)).toEqual([]);

    // The same merges, number formats and fills as the Office.js port's, on every owned sheet.
    for (const role of Object.keys(office.sheets) as (keyof typeof office.sheets)[]) {
      const excelSheet = fake.snapshot().sheets.find((s) => s.name === office.sheets[role])!;
      const etSheet = sheet(et, wps.sheets[role]!);
      expect([role, [...etSheet.mergedAreas].sort()]).toEqual([role, [...excelSheet.mergedAreas].sort()]);
      expect([role, etSheet.numberFormats]).toEqual([role, excelSheet.numberFormats]);
      expect([role, etSheet.fills]).toEqual([role, Object.fromEntries(Object.entries(excelSheet.fills).map(([k, v]) => [k, v.toUpperCase()]))]);
      // Frozen panes and print settings as the Office.js port set them (ET's VBA numbers for Office.js's names).
      expect([role, etSheet.frozenPanes]).toEqual([role, excelSheet.frozenPanes]);
      expect([role, etSheet.pageSetup, etSheet.pageBreaks]).toEqual([role, ...asEtPageSetup(fake.printSettings(office.sheets[role]!))]);
    }
    // Not vacuous: the plans freeze headers and set print settings.
    expect(et.snapshot().filter((s) => s.frozenPanes !== null).length).toBeGreaterThan(0);
    expect(et.snapshot().filter((s) => s.pageSetup.PrintTitleRows !== undefined).length).toBeGreaterThan(0);
    expect(et.snapshot().filter((s) => s.pageSetup.Orientation === 2).length).toBeGreaterThan(0);
    expect(summary.bold.length).toBeGreaterThan(0);
    expect(Object.keys(summary.columnWidths).length).toBeGreaterThan(0);

    // Native charts with the names the Office.js port gives them, each over the summary sheet's own cells.
    const excelCharts = fake.snapshot().sheets.find((s) => s.name === office.sheets.summary)?.charts ?? [];
    expect(summary.charts.map((c) => c.name)).toEqual(excelCharts.map((c) => c.name));
    // Titles, axis titles and data labels as the Office.js port set them.
    const shown = (t: { text: string; visible: boolean }): string | null => (t.visible && t.text !== '' ? t.text : null);
    expect(summary.charts.map((c) => [c.name, c.title, c.valueAxis?.title ?? null, c.categoryAxis?.title ?? null, c.series.some((s) => s.dataLabels)])).toEqual(
      excelCharts.map((c) => [c.name, shown(c.title), shown(c.valueAxisTitle), shown(c.categoryAxisTitle), c.dataLabels.showValue || c.dataLabels.showPercentage]),
    );
    // Bar charts list their categories top-down (the plans set reverseCategories on them).
    for (const chart of summary.charts) expect([chart.name, chart.categoryAxis?.reversed ?? false]).toEqual([chart.name, chart.type === 57]);
    expect(summary.charts.length).toBeGreaterThan(0);
    for (const chart of summary.charts) {
      expect([chart.name, [51, 52, 57, 5].includes(chart.type), chart.title !== null && chart.title !== '']).toEqual([chart.name, true, true]);
      for (const series of chart.series) {
        expect(series.values.startsWith(`${summary.name}!`)).toBe(true);
        expect(series.xValues?.startsWith(`${summary.name}!`)).toBe(true);
        expect(series.name).not.toMatch(/^Series\d+$/);
      }
    }
  });

  it('keeps the state in a very hidden state sheet that the shared reader reads', async () => {
    const et = etLedger();
    await refreshEt(et);
    const states = et.snapshot().filter((s) => s.values[0]?.[0] === STATE_MARKER);
    expect(states.map((s) => s.visible)).toEqual([2]);
    const doc = readStateSheet((r, c) => states[0]!.values[r]?.[c] ?? null);
    expect(doc?.lastRefresh).toBe(NOW.toISOString()); // text, not a date serial: written as literal text
    expect(doc?.snapshot).not.toBeNull();
    const port = createEtWorkbookPort({ application: et });
    await port.writeState({ settings: { ...(await port.readState()).settings, decimals: 2 } });
    const state = await port.readState();
    expect([state.settings.decimals, state.lastRefresh, state.snapshot]).toEqual([2, NOW.toISOString(), doc?.snapshot]);
  });

  it('writes D1 and E1 of a new baseline as the Office.js port does (its hash and largest chunk), and keeps them with it', async () => {
    const et = etLedger();
    const port = createEtWorkbookPort({ application: et });
    const head = () => et.snapshot().find((s) => s.values[0]?.[0] === STATE_MARKER)?.values[0];
    await port.writeState({ snapshot: 'first' });
    // Another host's E1 left over from a larger baseline: a new baseline replaces it.
    et.ActiveWorkbook.Worksheets.Item(STATE_SHEET_NAME).Range('E1').Value2 = 9_999;
    await port.writeState({ snapshot: '第二期' });
    expect(head()).toEqual([STATE_MARKER, 2, 'D', baselineRevision('第二期'), largestChunkBytes(chunkText('第二期'))]);
    await port.writeState({ settings: { ...(await port.readState()).settings, decimals: 2 } });
    expect(head()).toEqual([STATE_MARKER, 2, 'D', baselineRevision('第二期'), largestChunkBytes(chunkText('第二期'))]);
    await port.writeState({ snapshot: null });
    expect(head()?.slice(0, 5)).toEqual([STATE_MARKER, 2, null, null, null]);
  });

  it('marks the error rows with conditional formats and removes them on clearMarks', async () => {
    const et = etLedger();
    await refreshEt(et);
    const conditions = sheet(et, '台账').conditions;
    expect(conditions.length).toBeGreaterThan(0);
    const marked = new Set(conditions.flatMap((c) => c.ref.split(' ')).flatMap((a) => a.split(':').map((x) => Number(/\d+$/.exec(x)?.[0]))));
    for (const row of realisticLedgerExpected.errorSheetRows) expect([row, marked.has(row)]).toEqual([row, true]);
    await refreshEt(et);
    expect(sheet(et, '台账').conditions).toEqual(conditions);
    await createEtWorkbookPort({ application: et }).clearMarks();
    expect(sheet(et, '台账').conditions).toEqual([]);
  });

  it('refreshes on a host without charts or conditional formats, and says what is missing', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() }, missing: ['ChartObjects', 'FormatConditions'] });
    const report = await refreshEt(et);
    expect([report.ok, report.error]).toEqual([true, null]);
    expect(report.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['wps_no_charts', 'wps_no_marks']));
    expect(sheet(et, report.sheets.summary!).values.flat()).toContain(realisticLedgerExpected.projects);
    expect(et.snapshot().flatMap((s) => s.charts)).toEqual([]);

    // The full host gives no such notes.
    const full = await refreshEt(etLedger());
    expect(full.notes.map((n) => n.code)).not.toEqual(expect.arrayContaining(['wps_no_charts']));
    expect(full.notes.map((n) => n.code)).not.toContain('wps_no_marks');
  });

  it('reads the ledger in blocks of rows: the reads grow with the blocks, not the rows', async () => {
    const blocks = (rows: number): number => Math.ceil(largeLedger(rows).length / BLOCK_ROWS);
    const readsOf = async (rows: number): Promise<number> => {
      const et = createFakeEt({ sheets: { 台账: largeLedger(rows) } });
      const report = await refreshEt(et);
      expect([rows, report.ok, report.read?.counts.dataRows]).toEqual([rows, true, expect.any(Number)]);
      return et.reads.get('台账') ?? 0;
    };
    const small = await readsOf(3 * BLOCK_ROWS);
    const large = await readsOf(6 * BLOCK_ROWS);
    // The blocks, the 40-row preview, and A1 once per state lookup (readState, writeState, markCells).
    expect(small).toBeLessThanOrEqual(blocks(3 * BLOCK_ROWS) + 1 + 5);
    expect(large - small).toBe(blocks(6 * BLOCK_ROWS) - blocks(3 * BLOCK_ROWS));
  });

  it('leaves the user on the sheet they were on, or on the new sheet of the role they were looking at', async () => {
    const et = etLedger();
    await refreshEt(et);
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('台账');
    et.ActiveWorkbook.Worksheets.Item('汇总').Activate();
    await refreshEt(et);
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('汇总');
  });
});
