import { MARKS_SHEET_MARKER, MARKS_SHEET_NAME, MAX_FILLED_CELLS, verticalRuns } from '../../src/excel/marks';
import { flagRows, markRuleFormula, markRuleSheet, payloadBlocks } from '../../src/excel/markRules';
import { needsQuotePrefix } from '../../src/excel/toCellInput';
import { detectCapabilities } from '../../src/excel/capabilities';
import type { DocumentSettings } from '../../src/excel/documentSettings';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { PortError, type CellMark } from '../../src/workflows/workbookPort';
import type { FakeExcel } from '../fakes/fakeExcel';
import type { FakeRequestContext } from '../fakes/excel/objects';
import { highlightedCells } from '../fakes/excel/highlightedCells';
import { fakeWorkbook, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

const RED = '#FFC7CE';
const YELLOW = '#FFEB9C';

/** A ledger whose F3 and B4 carry the user's own fills, and F2 a user conditional format. */
async function decoratedLedger(apiVersion: string, rows = 5) {
  const wb = fakeWorkbook({ apiVersion, sheets: { 台账: smallLedger(rows) } });
  await wb.fake.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('台账');
    sheet.getRange('F3').format.fill.color = '#00B050';
    sheet.getRange('B4').format.fill.color = '#FFFF00';
    if (apiVersion !== '1.1') addUserRule(context, 'F2', '=F2>100', '#0000FF');
  });
  return wb;
}

/** A user's own custom rule with a font colour (added on top, as Excel adds new rules). */
function addUserRule(context: FakeRequestContext, address: string, formula: string, fontColor: string): void {
  const own = context.workbook.worksheets.getItem('台账').getRange(address).conditionalFormats.add('Custom');
  own.custom.rule.formula = formula;
  own.custom.format.font.color = fontColor;
}

/** Document settings the test can change between two calls of the port. */
function memorySettings(): DocumentSettings {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, JSON.parse(JSON.stringify(value)) as unknown),
    remove: (key) => void values.delete(key),
    save: async () => undefined,
    reload: async () => undefined,
  };
}

const highlights = (fake: FakeExcel, sheet = '台账') => highlightedCells(fake.snapshot(), sheet).fills;
const userRules = (fake: FakeExcel, sheet = '台账') =>
  sheetSnapshot(fake, sheet)
    .conditionalFormats.filter((f) => markRuleSheet(f.rule.formula ?? '') === undefined)
    .map((f) => [f.address, f.rule.formula]);
const markSheets = (fake: FakeExcel) => fake.snapshot().sheets.filter((s) => s.values[0]?.[0] === MARKS_SHEET_MARKER);

describe('flagRows', () => {
  it('writes one flag per column up to the last flagged one, an error winning over a warning', () => {
    const flags = flagRows([
      { address: 'C2', severity: 'warning' },
      { address: 'C2', severity: 'error' },
      { address: 'A4', severity: 'warning' },
      { address: 'not a cell', severity: 'error' },
    ]);
    expect(flags).toEqual({ firstRow: 1, rows: ['__e', '', 'w'], lastRow: 3, lastCol: 2, severities: new Set(['error', 'warning']) });
  });

  it('handles every row of a sheet flagged (no argument-list limit)', () => {
    const marks: CellMark[] = Array.from({ length: 300_000 }, (_, i) => ({ address: `A${i + 1}`, severity: 'warning' }));
    const flags = flagRows(marks);
    expect([flags?.firstRow, flags?.lastRow, flags?.rows.length, flags?.rows[299_999]]).toEqual([0, 299_999, 300_000, 'w']);
  });

  it('writes flags as text Excel keeps as it is', () => {
    const rows = flagRows([
      { address: 'A2', severity: 'error' },
      { address: 'C3', severity: 'warning' },
    ])?.rows;
    expect(rows?.filter((row) => row !== '' && needsQuotePrefix(row))).toEqual([]);
  });

  it('gives null when no mark has a cell address', () => {
    expect(flagRows([{ address: 'F', severity: 'error' }])).toBeNull();
  });
});

describe('payloadBlocks', () => {
  it('cuts the rows into blocks under the byte budget, keeping every row once', () => {
    const rows = Array.from({ length: 100 }, (_, i) => 'e'.repeat(i % 7));
    const blocks = payloadBlocks(rows, 60);
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.flatMap((b) => b.rows)).toEqual(rows);
    for (const block of blocks) expect(block.rows.length === 1 || JSON.stringify(block.rows.map((r) => [r])).length <= 60).toBe(true);
  });
});

describe('markRuleSheet', () => {
  it.each([
    [markRuleFormula("Bob's marks", 'error'), "Bob's marks"],
    ['=MID(_ledger_marks!$B7,COLUMN(),1)="w"', '_ledger_marks'],
    ['=MID(#REF!,COLUMN(),1)="e"', null],
    ['=MID(#REF!$B3,COLUMN(),1)="w"', null],
    ['=TRUE', undefined],
    ['=MID(x!$B1,COLUMN(),1)="e"+0', undefined],
    ['=MID(x!$C1,COLUMN(),1)="e"', undefined],
  ])('reads %s as a mark rule of sheet %p', (formula, sheet) => {
    expect(markRuleSheet(formula)).toBe(sheet);
  });
});

describe('verticalRuns', () => {
  it('groups adjacent cells of one column with the same value', () => {
    const cells = [
      { row: 3, col: 1, value: 'a' },
      { row: 1, col: 1, value: 'a' },
      { row: 2, col: 1, value: 'a' },
      { row: 4, col: 1, value: 'b' },
      { row: 2, col: 0, value: 'a' },
    ];
    expect(verticalRuns(cells)).toEqual([
      { row: 2, col: 0, rows: 1, value: 'a' },
      { row: 1, col: 1, rows: 3, value: 'a' },
      { row: 4, col: 1, rows: 1, value: 'b' },
    ]);
  });
});

describe('markCells with conditional formats (ExcelApi 1.6+)', () => {
  it('highlights exactly the flagged cells with two rules that read a very hidden helper sheet', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'F4', severity: 'error' },
      { address: 'B2', severity: 'warning' },
    ]);
    expect(highlights(fake)).toEqual({ F3: RED, F4: RED, B2: YELLOW });
    const ours = sheetSnapshot(fake, '台账').conditionalFormats.filter((f) => markRuleSheet(f.rule.formula ?? '') !== undefined);
    expect(ours.map((f) => f.address)).toEqual(['A1:F4', 'A1:F4']);
    const helper = markSheets(fake);
    expect(helper.map((s) => [s.name, s.visibility])).toEqual([[MARKS_SHEET_NAME, 'VeryHidden']]);
    expect(sheetSnapshot(fake, '台账').fills).toEqual({ F3: '#00B050', B4: '#FFFF00' });
    expect(port.capabilityNotes()).toEqual([]);
  });

  it('keeps user rules before and after ours in priority order through refreshes and clear', async () => {
    const { fake, port } = await decoratedLedger('1.16'); // user rule on F2, before ours
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    await fake.run(async (context) => addUserRule(context, 'C2:C6', '=C2="中国华能"', '#FF00FF')); // above ours
    const users = [
      ['C2:C6', '=C2="中国华能"'],
      ['F2', '=F2>100'],
    ];
    expect(userRules(fake)).toEqual(users);
    await port.markCells('台账', [
      { address: 'C4', severity: 'warning' },
      { address: 'A2', severity: 'error' },
    ]);
    expect(userRules(fake)).toEqual(users);
    expect(highlights(fake)).toEqual({ C4: YELLOW, A2: RED });
    await port.markCells('台账', [{ address: 'D5', severity: 'error' }]);
    expect(userRules(fake)).toEqual(users);
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账').conditionalFormats.map((f) => [f.address, f.rule.formula])).toEqual(users);
    expect(markSheets(fake)).toEqual([]);
  });

  it('replaces the previous marks in two round trips, rows removed since then included', async () => {
    const { fake, port } = await decoratedLedger('1.16', 40);
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'B41', severity: 'warning' },
    ]);
    fake.resetSyncStats();
    await port.markCells('台账', [{ address: 'C5', severity: 'warning' }]);
    expect(fake.syncCount).toBe(2);
    expect(highlights(fake)).toEqual({ C5: YELLOW });
    const helper = markSheets(fake)[0];
    expect(helper?.values.flat().filter((v) => v !== '')).toEqual([MARKS_SHEET_MARKER, '__w']);
  });

  it('sends the same operations for 10 marks and for 20,000 (only the plain flag values grow)', async () => {
    const operations = async (count: number) => {
      const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
      const marks: CellMark[] = Array.from({ length: count }, (_, i) => ({ address: `${'BCD'[i % 3] ?? 'B'}${2 + Math.floor(i / 2)}`, severity: i % 5 === 0 ? 'error' : 'warning' }));
      await port.markCells('台账', marks);
      fake.resetSyncStats();
      await port.markCells('台账', marks);
      return { log: fake.syncLog.map((s) => s.operations), fills: Object.keys(highlights(fake)).length };
    };
    const few = await operations(10);
    const many = await operations(20_000);
    expect(many.log).toEqual(few.log);
    expect(many.fills).toBeGreaterThan(10_000); // every mark kept: no cap at 5,000
    expect(few.log.flat().filter((op) => op === 'ConditionalFormatCollection.add')).toHaveLength(2);
  });

  it('marks more than 5,000 cells without a note', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    const warnings = Array.from({ length: 6_000 }, (_, i) => ({ address: `B${i + 2}`, severity: 'warning' as const }));
    await port.markCells('台账', [...warnings, { address: 'D9000', severity: 'error' }]);
    const fills = highlights(fake);
    expect(Object.keys(fills)).toHaveLength(6_001);
    expect([fills.B6001, fills.D9000]).toEqual([YELLOW, RED]);
    expect(port.capabilityNotes()).toEqual([]);
  });

  it('never touches a user sheet named like the helper, and names its own helper differently', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3), [MARKS_SHEET_NAME]: [['我的表'], ['e', 'w']] } });
    const mine = sheetSnapshot(fake, MARKS_SHEET_NAME);
    await port.markCells('台账', [{ address: 'B2', severity: 'error' }]);
    await port.markCells('台账', [{ address: 'B3', severity: 'error' }]);
    expect(sheetSnapshot(fake, MARKS_SHEET_NAME)).toEqual(mine);
    expect(markSheets(fake).map((s) => s.name)).toEqual([`${MARKS_SHEET_NAME}_2`]);
    expect(highlights(fake)).toEqual({ B3: RED });
    await port.clearMarks();
    expect(sheetSnapshot(fake, MARKS_SHEET_NAME)).toEqual(mine);
    expect(markSheets(fake)).toEqual([]);
  });

  it('leaves other hidden sheets alone and hides its helper again when it was made visible', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3), _ledger_stats: [['ledger-stats/state', 1]] } });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('_ledger_stats').visibility = 'VeryHidden';
    });
    const other = sheetSnapshot(fake, '_ledger_stats');
    await port.markCells('台账', [{ address: 'B2', severity: 'error' }]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem(MARKS_SHEET_NAME).visibility = 'Visible';
    });
    await port.markCells('台账', [{ address: 'B3', severity: 'warning' }]);
    expect(markSheets(fake).map((s) => s.visibility)).toEqual(['VeryHidden']);
    await port.clearMarks();
    expect(sheetSnapshot(fake, '_ledger_stats')).toEqual(other);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '_ledger_stats']);
  });

  it('replaces its rules and keeps the user rules after the workbook is reopened (new sheet ids)', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    await fake.run(async (context) => addUserRule(context, 'B2:B6', '=B2=""', '#FF00FF'));
    fake.reopen();
    await createOfficeWorkbookPort().markCells('台账', [{ address: 'D4', severity: 'warning' }]);
    expect(highlights(fake)).toEqual({ D4: YELLOW });
    expect(userRules(fake)).toEqual([
      ['B2:B6', '=B2=""'],
      ['F2', '=F2>100'],
    ]);
    expect(markSheets(fake)).toHaveLength(1);
  });

  it('also removes its rules that read a second helper, and that helper', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    await fake.run(async (context) => {
      const second = context.workbook.worksheets.add(`${MARKS_SHEET_NAME}_2`);
      second.getRange('A1:B4').values = [[MARKS_SHEET_MARKER, ''], ['', ''], ['', ''], ['', '___w']];
      second.visibility = 'VeryHidden';
      const stray = context.workbook.worksheets.getItem('台账').getRange('A1:D4').conditionalFormats.add('Custom');
      stray.custom.rule.formula = markRuleFormula(`${MARKS_SHEET_NAME}_2`, 'warning');
      stray.custom.format.fill.color = YELLOW;
    });
    expect(highlights(fake)).toEqual({ C3: RED, D4: YELLOW });
    await port.markCells('台账', [{ address: 'B5', severity: 'error' }]);
    expect(highlights(fake)).toEqual({ B5: RED });
    expect(markSheets(fake).map((s) => s.name)).toEqual([MARKS_SHEET_NAME]);
    expect(userRules(fake)).toEqual([['F2', '=F2>100']]);
  });

  it('recognises its rules by their content when the settings record is gone', async () => {
    const settings = memorySettings();
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(5) } }, { settings });
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    settings.remove('ledgerStats.marks');
    await port.markCells('台账', [{ address: 'C4', severity: 'error' }]);
    expect(highlights(fake)).toEqual({ C4: RED });
    expect(sheetSnapshot(fake, '台账').conditionalFormats).toHaveLength(1);
    expect(markSheets(fake)).toHaveLength(1);
  });

  it('replaces its rules after the helper sheet was deleted', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    await fake.run(async (context) => {
      // A very hidden sheet is deleted once unhidden (office-js #365).
      context.workbook.worksheets.getItem(MARKS_SHEET_NAME).visibility = 'Hidden';
      context.workbook.worksheets.getItem(MARKS_SHEET_NAME).delete();
    });
    expect(sheetSnapshot(fake, '台账').conditionalFormats[0]?.rule.formula).toBe('=MID(#REF!$B1,COLUMN(),1)="e"');
    await port.markCells('台账', [{ address: 'D4', severity: 'warning' }]);
    expect(highlights(fake)).toEqual({ D4: YELLOW });
    expect(userRules(fake)).toEqual([['F2', '=F2>100']]);
  });

  it('clears exactly its own rules and helper, restoring the sheet', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    const before = sheetSnapshot(fake, '台账');
    const sheets = fake.snapshot().sheets.map((s) => s.name);
    await port.markCells('台账', [
      { address: 'F2', severity: 'error' },
      { address: 'F3', severity: 'warning' },
    ]);
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账')).toEqual(before);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(sheets);
    expect(fake.snapshot().settings['ledgerStats.marks']).toBeUndefined();
  });

  it('removes marks left on a sheet that is no longer the source', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 旧台账: smallLedger(2), 台账: smallLedger(2) } });
    await port.markCells('旧台账', [{ address: 'B2', severity: 'error' }]);
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    expect(sheetSnapshot(fake, '旧台账').conditionalFormats).toEqual([]);
    expect(highlights(fake)).toEqual({ C3: RED });
  });

  it('cleans a workbook marked the old way once: recorded =TRUE rules with our fill, never by id alone', async () => {
    const settings = memorySettings();
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(5) } }, { settings });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      const add = (address: string, fill: string) => {
        const rule = sheet.getRange(address).conditionalFormats.add('Custom');
        rule.custom.rule.formula = '=TRUE';
        rule.custom.format.fill.color = fill;
      };
      add('F3:F4', RED); // ours (recorded)
      add('B2', YELLOW); // ours (recorded)
      add('C5', '#00B050'); // the user's: a recorded address, another fill
      add('D6', RED); // the user's: our fill, an address never recorded
    });
    const formats = [
      { id: '3', address: 'F3:F4' },
      { id: '2', address: 'B2' },
      { id: '1', address: 'C5' },
    ];
    settings.set('ledgerStats.marks', { kind: 'cf', sheetId: sheetSnapshot(fake, '台账').id, sheetName: '台账', formats });
    await port.markCells('台账', [{ address: 'E2', severity: 'warning' }]);
    const left = sheetSnapshot(fake, '台账').conditionalFormats.filter((f) => f.rule.formula === '=TRUE');
    expect(left.map((f) => [f.address, f.format.fill])).toEqual([
      ['D6', RED],
      ['C5', '#00B050'],
    ]);
    expect(highlights(fake).E2).toBe(YELLOW);
    expect(settings.get('ledgerStats.marks')).toMatchObject({ kind: 'rules' });
  });

  it('cleans old-style marks left on a sheet that is no longer the source', async () => {
    const settings = memorySettings();
    const { fake, port } = fakeWorkbook({ sheets: { 旧台账: smallLedger(3), 台账: smallLedger(3) } }, { settings });
    await fake.run(async (context) => {
      const rule = context.workbook.worksheets.getItem('旧台账').getRange('B2:B3').conditionalFormats.add('Custom');
      rule.custom.rule.formula = '=TRUE';
      rule.custom.format.fill.color = YELLOW;
    });
    settings.set('ledgerStats.marks', { kind: 'cf', sheetId: sheetSnapshot(fake, '旧台账').id, sheetName: '旧台账', formats: [{ id: '0', address: 'B2:B3' }] });
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    expect(sheetSnapshot(fake, '旧台账').conditionalFormats).toEqual([]);
    expect(highlights(fake)).toEqual({ C3: RED });
  });

  it('reads the ranges of many old rules in blocks and deletes them apart from the flags', async () => {
    const settings = memorySettings();
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } }, { settings });
    const formats = Array.from({ length: 1_200 }, (_, i) => ({ id: String(i), address: `C${i + 2}` }));
    for (let start = 0; start < formats.length; start += 600) {
      await fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('台账');
        for (const { address } of formats.slice(start, start + 600)) {
          const rule = sheet.getRange(address).conditionalFormats.add('Custom');
          rule.custom.rule.formula = '=TRUE';
          rule.custom.format.fill.color = RED;
        }
      });
    }
    settings.set('ledgerStats.marks', { kind: 'cf', sheetId: 'gone', sheetName: '台账', formats });
    fake.resetSyncStats();
    await port.markCells('台账', [{ address: 'B2', severity: 'warning' }]);
    const perSync = fake.syncLog.map((sync) => sync.operations.filter((op) => op === 'ConditionalRangeFill.load').length);
    expect(Math.max(...perSync)).toBeLessThanOrEqual(1_000);
    expect(perSync.reduce((a, b) => a + b, 0)).toBe(1_200);
    const deletes = fake.syncLog.map((sync) => sync.operations.filter((op) => op === 'ConditionalFormat.delete').length);
    expect(fake.syncLog[deletes.indexOf(1_200)]?.operations.some((op) => op.startsWith('ConditionalFormatCollection.add'))).toBe(false);
    expect(sheetSnapshot(fake, '台账').conditionalFormats.map((f) => f.rule.formula)).toEqual([markRuleFormula(MARKS_SHEET_NAME, 'warning')]);
  });

  it('restores the fills of a workbook marked by an ExcelApi 1.1 host', async () => {
    const settings = memorySettings();
    const { fake } = await decoratedLedger('1.16');
    const before = sheetSnapshot(fake, '台账').fills;
    const older = createOfficeWorkbookPort({ settings, capabilities: { ...detectCapabilities(), conditionalFormats: false } });
    await older.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    expect(sheetSnapshot(fake, '台账').fills.F3).toBe(RED);
    await createOfficeWorkbookPort({ settings }).markCells('台账', [{ address: 'C2', severity: 'error' }]);
    expect(sheetSnapshot(fake, '台账').fills).toEqual(before);
    expect(highlights(fake)).toEqual({ C2: RED });
  });

  it('throws source_not_found for a missing sheet', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    const error = await port.markCells('没有', [{ address: 'B2', severity: 'error' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('source_not_found');
  });
});

describe('markCells with fills (ExcelApi 1.1)', () => {
  it('fills the flagged cells and notes the degraded marking', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'C2', severity: 'warning' },
    ]);
    expect(sheetSnapshot(fake, '台账').fills).toEqual({ F3: RED, C2: YELLOW, B4: '#FFFF00' });
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(['marks_as_fills']);
  });

  it('fills at most MAX_FILLED_CELLS cells, errors first, and notes the cap', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.1', sheets: { 台账: smallLedger(2) } });
    const warnings = Array.from({ length: MAX_FILLED_CELLS }, (_, i) => ({ address: `B${i + 2}`, severity: 'warning' as const }));
    await port.markCells('台账', [...warnings, { address: 'D9000', severity: 'error' }]);
    const fills = sheetSnapshot(fake, '台账').fills;
    expect(Object.keys(fills)).toHaveLength(MAX_FILLED_CELLS);
    expect([fills.D9000, fills[`B${MAX_FILLED_CELLS}`], fills[`B${MAX_FILLED_CELLS + 1}`]]).toEqual([RED, YELLOW, undefined]);
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(['marks_as_fills', 'marks_capped']);
  });

  it('restores the user fills, and no fill, when the marks are cleared', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    const before = sheetSnapshot(fake, '台账');
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'B4', severity: 'warning' },
      { address: 'C2', severity: 'warning' },
    ]);
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账')).toEqual(before);
  });

  it('keeps the original fill of a cell marked twice and restores a mark no longer wanted', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [
      { address: 'F3', severity: 'warning' },
      { address: 'B4', severity: 'error' },
    ]);
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    expect(sheetSnapshot(fake, '台账').fills).toEqual({ F3: RED, B4: '#FFFF00' });
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账').fills).toEqual({ F3: '#00B050', B4: '#FFFF00' });
  });

  it('leaves a fill the user changed after marking', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('台账').getRange('F3').format.fill.color = '#7030A0';
    });
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账').fills.F3).toBe('#7030A0');
  });

  it('takes two round trips', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    fake.resetSyncStats();
    await port.markCells('台账', [{ address: 'F4', severity: 'error' }]);
    expect(fake.syncCount).toBe(2);
  });
});

describe('clearMarks', () => {
  it('does nothing, without a round trip, when nothing is marked (and the state read lists no marks of the CLI)', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    await port.readState();
    fake.resetSyncStats();
    await port.clearMarks();
    expect(fake.syncCount).toBe(0);
  });

  it('clears marks made by another runtime (the ribbon) from the saved settings', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    await port.markCells('台账', [{ address: 'B2', severity: 'error' }]);
    await createOfficeWorkbookPort().clearMarks();
    expect(sheetSnapshot(fake, '台账').conditionalFormats).toEqual([]);
    expect(markSheets(fake)).toEqual([]);
  });
});
