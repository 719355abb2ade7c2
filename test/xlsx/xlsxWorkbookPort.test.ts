import ExcelJS from 'exceljs';
import type { PlanCell, SheetPlan } from '../../src/domain/layout/types';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';
import { findStateSheet } from '../../src/xlsx/ledgerStateSheet';
import { chartPlaceholderText } from '../../src/xlsx/writeSheetPlan';
import { CHARTS_NOTE, cleanSheetName, createXlsxWorkbookPort, marksToRef } from '../../src/xlsx/xlsxWorkbookPort';
import { gridWorkbook } from './xlsxFixtures';

const INJECTION = "=cmd|' /C calc'!A0";

function plan(overrides: Partial<SheetPlan> & { values?: PlanCell[][] } = {}): SheetPlan {
  const { values, ...rest } = overrides;
  return {
    role: 'summary',
    name: '汇总',
    blocks: [{ row: 0, col: 0, values: values ?? [['标题', 1]] }],
    formats: [],
    merges: [],
    columnWidths: [],
    charts: [],
    ...rest,
  };
}

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const reloaded = new ExcelJS.Workbook();
  await reloaded.xlsx.load(await workbook.xlsx.writeBuffer());
  return reloaded;
}

const ledger = (): ExcelJS.Workbook =>
  gridWorkbook([{ name: '台账', grid: [['投资情况', null], ['总投资', '累计完成投资'], [1, 2]], merges: ['A1:B1'] }]);

describe('createXlsxWorkbookPort', () => {
  it('lists user sheets with a preview, and never the state sheet', async () => {
    const workbook = ledger();
    const port = createXlsxWorkbookPort(workbook);
    await port.writeState({ snapshot: 'x' });
    const sheets = await port.listSheets();
    expect(sheets.map((s) => s.name)).toEqual(['台账']);
    expect(sheets[0]).toMatchObject({ ownedRole: null, rowCount: 3, tables: [] });
    expect(sheets[0]?.preview).toEqual([['投资情况'], ['总投资', '累计完成投资'], [1, 2]]);
  });

  it('reads a grid from A1 with merged cells empty except the top-left', async () => {
    const port = createXlsxWorkbookPort(ledger());
    const chunks: number[] = [];
    const { sheet, grid } = await port.readGrid({ kind: 'sheet', name: '台账' }, (done) => chunks.push(done));
    expect(sheet).toBe('台账');
    expect(grid).toEqual([['投资情况'], ['总投资', '累计完成投资'], [1, 2]]);
    expect(chunks.at(-1)).toBe(3);
  });

  it('throws source_not_found for a missing sheet or table, and for the state sheet', async () => {
    const workbook = ledger();
    const port = createXlsxWorkbookPort(workbook);
    await port.writeState({ snapshot: 'x' });
    await expect(port.readGrid({ kind: 'sheet', name: '没有' })).rejects.toMatchObject({ code: 'source_not_found' });
    await expect(port.readGrid({ kind: 'table', name: 'T' })).rejects.toMatchObject({ code: 'source_not_found' });
    await expect(port.readGrid({ kind: 'sheet', name: findStateSheet(workbook)!.name })).rejects.toMatchObject({ code: 'source_not_found' });
  });

  it('writes strings as literal text, even when they look like formulas', async () => {
    const workbook = ledger();
    await createXlsxWorkbookPort(workbook).applySheetPlans([plan({ values: [[INJECTION, '+SUM(1)', '@A1', '-1']] })]);
    const sheet = (await roundTrip(workbook)).getWorksheet('汇总')!;
    for (const col of [1, 2, 3, 4]) expect(sheet.getCell(1, col).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A1').value).toBe(INJECTION);
  });

  it('writes formulas with their cached result, links, number formats, styles, merges, widths, row heights and frozen panes', async () => {
    const workbook = ledger();
    await createXlsxWorkbookPort(workbook).applySheetPlans([
      plan({
        blocks: [
          { row: 0, col: 0, values: [['标题', null]], style: { bold: true, fill: '#D9E1F2', fontColor: '#1F3864', fontSize: 14 } },
          { row: 1, col: 0, values: [[{ formula: '=1+2', result: 3 }, { link: { sheet: '台账', address: 'B3' }, text: '第3行' }]], numberFormat: ['0.0', null] },
        ],
        merges: [{ row: 0, col: 0, rows: 1, cols: 2 }],
        columnWidths: [20, 12],
        rowHeights: [{ row: 1, height: 48 }],
        freeze: { rows: 1, cols: 0 },
        formats: [{ range: { row: 1, col: 0, rows: 1, cols: 1 }, style: { horizontalAlignment: 'right' } }],
      }),
    ]);
    const sheet = (await roundTrip(workbook)).getWorksheet('汇总')!;
    expect(sheet.getCell('A2').value).toEqual({ formula: '1+2', result: 3 });
    expect(sheet.getCell('A2').numFmt).toBe('0.0');
    expect(sheet.getCell('A2').alignment?.horizontal).toBe('right');
    expect(sheet.getCell('B2').value).toMatchObject({ text: '第3行', hyperlink: "#'台账'!B3" });
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 14, color: { argb: 'FF1F3864' } });
    expect(sheet.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(sheet.getCell('B1').isMerged).toBe(true);
    expect(sheet.getColumn(1).width).toBe(20);
    expect(sheet.getRow(2).height).toBe(48);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('says where each chart would be, and reports that charts are not written', async () => {
    const workbook = ledger();
    const port = createXlsxWorkbookPort(workbook);
    expect(port.capabilityNotes()).toEqual([]);
    const chart = {
      id: 'c1',
      type: 'pie' as const,
      title: '按领域总投资',
      categories: { row: 0, col: 0, rows: 1, cols: 1 },
      series: [{ name: '总投资', values: { row: 0, col: 1, rows: 1, cols: 1 } }],
      valueAxisTitle: '亿元',
      showDataLabels: true,
      position: { row: 5, col: 3, rows: 10, cols: 6 },
    };
    await port.applySheetPlans([plan({ charts: [chart] })]);
    expect(workbook.getWorksheet('汇总')!.getCell('D6').value).toBe(chartPlaceholderText(chart));
    expect(chartPlaceholderText(chart)).toContain('Excel');
    expect(port.capabilityNotes()).toEqual([CHARTS_NOTE]);
  });

  it('never touches a user sheet with the wanted name: the summary gets another name', async () => {
    const workbook = ledger();
    workbook.addWorksheet('汇总').getCell('A1').value = '用户自己的汇总';
    const applied = await createXlsxWorkbookPort(workbook).applySheetPlans([plan()]);
    expect(applied.summary).toBe('汇总 (2)');
    expect(workbook.getWorksheet('汇总')!.getCell('A1').value).toBe('用户自己的汇总');
  });

  it('replaces its own sheets on the next run, in place, after a save and reload', async () => {
    const first = ledger();
    await createXlsxWorkbookPort(first).applySheetPlans([plan({ values: [['v1']] }), plan({ role: 'validation', name: '校验', values: [['ok']] })]);
    first.addWorksheet('用户表');
    const second = await roundTrip(first);
    const port = createXlsxWorkbookPort(second);
    expect((await port.listSheets()).map((s) => [s.name, s.ownedRole])).toEqual([
      ['台账', null],
      ['汇总', 'summary'],
      ['校验', 'validation'],
      ['用户表', null],
    ]);
    const applied = await port.applySheetPlans([plan({ values: [['v2']] }), plan({ role: 'validation', name: '校验', values: [['ok2']] })]);
    expect(applied).toEqual({ summary: '汇总', validation: '校验' });
    const names = (await roundTrip(second)).worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);
    expect(names).toEqual(['台账', '汇总', '校验', '用户表']);
    expect(second.getWorksheet('汇总')!.getCell('A1').value).toBe('v2');
  });

  it('leaves an owned sheet alone once the user renamed it', async () => {
    const workbook = ledger();
    const port = createXlsxWorkbookPort(workbook);
    await port.applySheetPlans([plan({ values: [['v1']] })]);
    workbook.getWorksheet('汇总')!.name = '九月汇总';
    await port.applySheetPlans([plan({ values: [['v2']] })]);
    expect(workbook.getWorksheet('九月汇总')!.getCell('A1').value).toBe('v1');
    expect(workbook.getWorksheet('汇总')!.getCell('A1').value).toBe('v2');
  });

  it('removes the half-built sheets and keeps the old ones when a plan cannot be written', async () => {
    const workbook = ledger();
    const port = createXlsxWorkbookPort(workbook);
    await port.applySheetPlans([plan({ values: [['v1']] })]);
    const bad = plan({ merges: [{ row: 0, col: 0, rows: 2, cols: 2 }, { row: 1, col: 1, rows: 2, cols: 2 }] });
    await expect(port.applySheetPlans([bad])).rejects.toMatchObject({ code: 'write_failed' });
    expect(workbook.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name)).toEqual(['台账', '汇总']);
    expect(workbook.getWorksheet('汇总')!.getCell('A1').value).toBe('v1');
  });

  it('marks issue cells with conditional formats and removes only its own marks', async () => {
    const workbook = ledger();
    const sheet = workbook.getWorksheet('台账')! as ExcelJS.Worksheet & { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };
    const userRule: ExcelJS.ConditionalFormattingOptions = { ref: 'A1:A3', rules: [{ type: 'expression', priority: 9, formulae: ['A1>1'], style: {} }] };
    sheet.addConditionalFormatting(userRule);
    const port = createXlsxWorkbookPort(workbook);
    await port.markCells('台账', [
      { address: 'B3', severity: 'error' },
      { address: 'B4', severity: 'error' },
      { address: 'C2', severity: 'warning' },
    ]);
    expect(sheet.conditionalFormattings.map((cf) => cf.ref)).toEqual(['A1:A3', 'B3:B4', 'C2']);
    await port.markCells('台账', [{ address: 'A2', severity: 'warning' }]);
    expect(sheet.conditionalFormattings.map((cf) => cf.ref)).toEqual(['A1:A3', 'A2']);
    await port.clearMarks();
    expect(sheet.conditionalFormattings).toEqual([userRule]);
  });

  it('round-trips its state through the file', async () => {
    const workbook = ledger();
    await createXlsxWorkbookPort(workbook).writeState({ snapshot: '{"v":1}', settings: { ...DEFAULT_SETTINGS, decimals: 2 } });
    const state = await createXlsxWorkbookPort(await roundTrip(workbook)).readState();
    expect(state).toEqual({ settings: { ...DEFAULT_SETTINGS, decimals: 2 }, snapshot: '{"v":1}', lastRefresh: null });
  });
});

describe('marksToRef', () => {
  it('merges consecutive rows of a column into ranges', () => {
    expect(marksToRef(['F12', 'F13', 'F14', 'F20', 'B3', 'AA1', 'bogus'])).toBe('B3 F12:F14 F20 AA1');
  });
});

describe('cleanSheetName', () => {
  it.each([
    ['汇总', '汇总'],
    ['a/b:c*d?[e]\\f', 'a_b_c_d__e__f'],
    ["'quoted'", 'quoted'],
    ['x'.repeat(40), 'x'.repeat(31)],
    ['History', 'Sheet'],
  ])('makes %s a valid sheet name', (input, expected) => {
    expect(cleanSheetName(input)).toBe(expected);
  });
});
