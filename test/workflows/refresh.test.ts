/**
 * Integration: the refresh workflow with the Office.js adapter against the fake Excel, on the
 * realistic ledger (test/fixtures/realisticLedger.ts).
 */
import type { CellValue } from '../../src/domain/ledger/types';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { refresh, type RefreshOptions, type RunReport } from '../../src/workflows/refresh';
import type { WorkbookSnapshot } from '../fakes/fakeExcel';
import { fakeWorkbook, normalisedSnapshot, sheetSnapshot, uninstallFakes } from '../excel/fakeWorkbook';
import { highlightedCells } from '../fakes/excel/highlightedCells';
import { realisticLedgerExpected, realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

const NOW = new Date(2025, 8, 30, 14, 5);
const options: RefreshOptions = { now: () => NOW, displayLanguage: 'zh-CN' };

/** Refresh with a new port each time, as the ribbon does (nothing cached between refreshes). */
function refreshOnce(): Promise<RunReport> {
  return refresh(createOfficeWorkbookPort(), options);
}

type Sheet = WorkbookSnapshot['sheets'][number];

function numbers(sheet: Sheet): number[] {
  return sheet.values.flat().filter((v): v is number => typeof v === 'number');
}

function texts(sheet: Sheet): string[] {
  return sheet.values.flat().filter((v): v is string => typeof v === 'string');
}

/** The ledger sheet of the fixture as the fake stores it. */
function ledgerWorkbook(apiVersion?: string, grid: CellValue[][] = realisticLedgerGrid()) {
  return fakeWorkbook({ ...(apiVersion === undefined ? {} : { apiVersion }), sheets: { 台账: grid } });
}

describe('refresh with the Office.js adapter', () => {
  it('writes the summary with the ledger figures and a validation sheet linking to each error', async () => {
    const { fake } = ledgerWorkbook();
    const report = await refreshOnce();
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.sheets).toMatchObject({ summary: expect.any(String), validation: expect.any(String) });
    expect(report.read?.counts.dataRows).toBe(realisticLedgerExpected.dataRows);

    const summary = sheetSnapshot(fake, report.sheets.summary!);
    expect(numbers(summary)).toContain(realisticLedgerExpected.projects);
    // Total investment in 亿元 (displayed with one decimal; the cell may hold it rounded or not).
    const totalYi = realisticLedgerExpected.totalWan / 10_000;
    expect(numbers(summary).some((n) => Math.abs(n - totalYi) < 0.05)).toBe(true);

    const validation = sheetSnapshot(fake, report.sheets.validation!);
    const links = Object.values(validation.formulas).filter((f) => f.startsWith('=HYPERLINK('));
    for (const row of realisticLedgerExpected.errorSheetRows) {
      expect([row, links.some((f) => new RegExp(`"#'台账'!\\$?[A-Z]{1,3}\\$?${row}"`).test(f))]).toEqual([row, true]);
    }
  });

  it('draws native charts over the summary sheet own ranges', async () => {
    const { fake } = ledgerWorkbook();
    const report = await refreshOnce();
    const summary = sheetSnapshot(fake, report.sheets.summary!);
    expect(summary.charts.length).toBeGreaterThan(0);
    const prefix = /^'?([^!]+?)'?!/;
    for (const chart of summary.charts) {
      expect(chart.seriesBy).toBe('Columns');
      expect(chart.position).not.toBeNull();
      for (const series of chart.series) {
        expect(series.values?.match(prefix)?.[1]).toBe(summary.name);
        expect(series.xValues?.match(prefix)?.[1]).toBe(summary.name);
      }
    }
    expect(new Set(summary.charts.map((c) => c.name)).size).toBe(summary.charts.length);
  });

  it('marks the error cells in the ledger', async () => {
    const { fake } = ledgerWorkbook();
    await refreshOnce();
    const marked = new Set(Object.keys(highlightedCells(fake.snapshot(), '台账').fills).map((a) => Number(/\d+$/.exec(a)?.[0])));
    for (const row of realisticLedgerExpected.errorSheetRows) expect([row, marked.has(row)]).toEqual([row, true]);
  });

  it('gives the same workbook when run twice', async () => {
    const { fake } = ledgerWorkbook();
    await refreshOnce();
    const first = fake.snapshot();
    // The first refresh stores the period baseline; from the second on, the summary also shows the
    // changes against it (none here), so compare the second and third refreshes.
    await refreshOnce();
    const twice = normalisedSnapshot(fake);
    expect((await refreshOnce()).ok).toBe(true);
    expect(normalisedSnapshot(fake)).toEqual(twice);
    expect(fake.snapshot().sheets.map((s) => [s.name, s.charts.map((c) => c.name)])).toEqual(first.sheets.map((s) => [s.name, s.charts.map((c) => c.name)]));
  });

  it('leaves the summaries and the ledger as they were and reports a failure, whichever round trip fails', async () => {
    const probe = ledgerWorkbook();
    await refreshOnce();
    await refreshOnce();
    probe.fake.resetSyncStats();
    await refreshOnce();
    const trips = probe.fake.syncCount;
    uninstallFakes();

    for (let n = 1; n <= trips; n++) {
      const { fake } = ledgerWorkbook();
      await refreshOnce();
      expect((await refreshOnce()).ok).toBe(true);
      const before = normalisedSnapshot(fake);
      fake.failAtSync(n);
      const report = await refreshOnce();
      expect([n, report.ok, report.error?.code]).toEqual([n, false, 'host_error']);
      expect([n, normalisedSnapshot(fake)]).toEqual([n, before]);
      uninstallFakes();
    }
  });

  it('keeps a user sheet named 汇总 and gives the summary another name', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid(), 汇总: [['我自己的汇总', 42]] } });
    const report = await refreshOnce();
    expect(report.sheets.summary).toBe('汇总 (2)');
    expect(sheetSnapshot(fake, '汇总').values).toEqual([['我自己的汇总', 42]]);
    expect((await refreshOnce()).sheets.summary).toBe('汇总 (2)');
    expect(fake.snapshot().sheets.filter((s) => s.name.startsWith('汇总'))).toHaveLength(2);
  });

  it('keeps ledger text that starts with = as text everywhere it is shown', async () => {
    const { fake } = ledgerWorkbook();
    const injected = '=HYPERLINK("http://x","y")';
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      sheet.getRange('B7').values = [[`'${injected}`]]; // a project name, typed as text
      sheet.getRange('H7').values = [['待定']]; // …on an error row, so the validation sheet shows it
      sheet.getRange('C8').values = [[`'${injected}`]]; // an SOE name on a counted row
    });
    const report = await refreshOnce();
    expect(report.ok).toBe(true);
    for (const sheet of fake.snapshot().sheets) {
      expect([sheet.name, Object.values(sheet.formulas).filter((f) => f.includes('http://x'))]).toEqual([sheet.name, []]);
    }
    const shown = fake.snapshot().sheets.filter((s) => s.name !== '台账' && texts(s).some((t) => t.includes(injected)));
    expect(shown.length).toBeGreaterThan(0);
  });

  describe.each(['1.1', '1.16'])('marks on ExcelApi %s', (apiVersion) => {
    it('restores the user fills when the marks are cleared', async () => {
      const { fake } = ledgerWorkbook(apiVersion);
      await fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('台账');
        sheet.getRange('H31').format.fill.color = '#00B050'; // an error cell
        sheet.getRange('B7:B9').format.fill.color = '#FFFF00'; // a warning cell among others
      });
      const before = sheetSnapshot(fake, '台账');
      const port = createOfficeWorkbookPort();
      expect((await refresh(port, options)).ok).toBe(true);
      expect(sheetSnapshot(fake, '台账')).not.toEqual(before);
      await port.clearMarks();
      expect(sheetSnapshot(fake, '台账')).toEqual(before);
    });
  });

  it('runs the whole refresh on ExcelApi 1.1 and reports what is degraded', async () => {
    const { fake } = ledgerWorkbook('1.1');
    const report = await refreshOnce();
    expect(report.ok).toBe(true);
    expect(report.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['marks_as_fills', 'snapshot_in_settings']));
    expect(report.notes.every((n) => n.message['zh-CN'] !== '' && n.message['en-US'] !== '')).toBe(true);
    const summary = sheetSnapshot(fake, report.sheets.summary!);
    expect(numbers(summary)).toContain(realisticLedgerExpected.projects);
    expect(summary.charts.length).toBeGreaterThan(0);
  });

  it('counts its round trips: 9 on a new workbook and 10 on the next refresh', async () => {
    const { fake } = ledgerWorkbook();
    await refreshOnce();
    expect(fake.syncCount).toBe(9);
    fake.resetSyncStats();
    await refreshOnce();
    expect(fake.syncCount).toBe(10);
  });
});

