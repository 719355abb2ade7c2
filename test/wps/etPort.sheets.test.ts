/**
 * The WPS port's sheet operations over the fake ET: the user's 赛马规则 sheet (`createSheetIfAbsent`), the merged
 * ledger (`writeGridSheet`), `selectCell`, tables (`ListObjects`), `dropState`, and marks taken back on a failure.
 */
import { MARKS_SHEET_MARKER } from '../../src/workflows/markRuleSheet';
import { refresh, type RefreshOptions } from '../../src/workflows/refresh';
import { STATE_MARKER } from '../../src/workflows/stateSheet';
import { gridOwnerName } from '../../src/workflows/gridOwnerName';
import { createEtWorkbookPort, LEFTOVER_NAME_PREFIX } from '../../src/wps/etWorkbookPort';
import type { EtWorksheet } from '../../src/wps/etTypes';
import { createFakeEt, type FakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

const options: RefreshOptions = { now: () => new Date(2025, 8, 30, 14, 5), displayLanguage: 'zh-CN' };

const portOf = (et: FakeEt) => createEtWorkbookPort({ application: et, token: () => 'tmp' });
const sheet = (et: FakeEt, name: string) => et.snapshot().find((s) => s.name === name);

describe('createSheetIfAbsent', () => {
  const plan = {
    name: '赛马规则',
    cells: [['赛马规则', null], ['组别', '=SUM(1)'], ['甲组', 3]],
    columnWidths: [12, 20],
    boldRows: [0, 1],
  };

  it('creates the sheet with literal text, bold rows and widths, after the others, and leaves the user where they were', async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']], 其他: [['y']] } });
    et.ActiveWorkbook.Worksheets.Item('其他').Activate();
    expect(await portOf(et).createSheetIfAbsent(plan)).toBe('赛马规则');
    const made = sheet(et, '赛马规则');
    expect(et.snapshot().map((s) => s.name)).toEqual(['台账', '其他', '赛马规则']);
    expect(made?.values).toEqual([
      ['赛马规则', null],
      ['组别', '=SUM(1)'],
      ['甲组', 3],
    ]);
    expect(made?.formulas).toEqual({});
    expect([...(made?.bold ?? [])].sort()).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(made?.columnWidths).toEqual({ A: 12, B: 20 });
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('其他');
  });

  it('writes nothing when a sheet of that name exists, whatever its case', async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']], 赛马规则: [['mine']] } });
    const before = et.snapshot();
    expect(await portOf(et).createSheetIfAbsent(plan)).toBeNull();
    expect(await portOf(createFakeEt({ sheets: { Rules: [['mine']] } })).createSheetIfAbsent({ ...plan, name: 'RULES' })).toBeNull();
    expect(et.snapshot()).toEqual(before);
  });

  it('leaves no half-made sheet when the host fails', async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']] } });
    const before = et.snapshot();
    et.failOnWrite = 3; // Sheets.Add, Name, then the cells
    await expect(portOf(et).createSheetIfAbsent(plan)).rejects.toEqual(expect.objectContaining({ code: 'write_failed' }));
    expect(et.snapshot()).toEqual(before);
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('台账');
  });
});

describe('writeGridSheet', () => {
  const grid = { grid: [['序号', '项目名称', '总投资'], [1, '=项目', 12.5], [2, '乙', null]], headerRowIndex: 0, columnWidths: [6, 30, 10] };

  it('writes a new sheet with literal text, a bold header and widths, then replaces that same sheet, found by its name after a rename', async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']] } });
    const port = portOf(et);
    expect(await port.writeGridSheet('合并台账', grid)).toBe('合并台账');
    const written = sheet(et, '合并台账');
    expect(written?.values).toEqual([
      ['序号', '项目名称', '总投资'],
      [1, '=项目', 12.5],
      [2, '乙', null],
    ]);
    expect(written?.formulas).toEqual({});
    expect([...(written?.bold ?? [])].sort()).toEqual(['A1', 'B1', 'C1']);
    expect(written?.columnWidths).toEqual({ A: 6, B: 30, C: 10 });
    expect(et.ActiveWorkbook.names.list).toContainEqual({ name: gridOwnerName('合并台账'), refersTo: "='合并台账'!$A$1", visible: false });
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('台账');

    et.ActiveWorkbook.Worksheets.Item('合并台账').Name = '我的合并';
    expect(await port.writeGridSheet('合并台账', { grid: [['只有一行']], columnWidths: [] })).toBe('我的合并');
    expect(sheet(et, '我的合并')?.values).toEqual([['只有一行']]);
    expect(sheet(et, '我的合并')?.bold).toEqual([]);
    expect(et.snapshot().map((s) => s.name)).toEqual(['台账', '我的合并']);
  });

  it("never writes to a user's sheet of that name: another name is chosen", async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']], 合并台账: [['我的']] } });
    expect(await portOf(et).writeGridSheet('合并台账', grid)).toBe('合并台账 (2)');
    expect(sheet(et, '合并台账')?.values).toEqual([['我的']]);
    expect(await portOf(et).writeGridSheet('合并台账', grid)).toBe('合并台账 (2)');
  });

  it('leaves no sheet and no name when the host fails while writing a new one', async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']] } });
    const before = et.snapshot();
    et.failOnWrite = 3;
    await expect(portOf(et).writeGridSheet('合并台账', grid)).rejects.toEqual(expect.objectContaining({ code: 'write_failed' }));
    expect(et.snapshot()).toEqual(before);
    expect(et.ActiveWorkbook.names.list).toEqual([]);
  });
});

describe('selectCell', () => {
  it('activates the sheet, then selects the cell (VBA selects on the active sheet only)', async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']], 汇总: [['y']] } });
    await portOf(et).selectCell('汇总', 'C7');
    expect([et.ActiveWorkbook.ActiveSheet.Name, et.ActiveWorkbook.selection]).toEqual(['汇总', '汇总!C7']);
    await expect(portOf(et).selectCell('没有', 'A1')).rejects.toEqual(expect.objectContaining({ code: 'source_not_found' }));
  });

  it('only activates the sheet on a host without Range.Select', async () => {
    const et = createFakeEt({ sheets: { 台账: [['x']], 汇总: [['y']] }, missing: ['Select'] });
    await portOf(et).selectCell('汇总', 'C7');
    expect([et.ActiveWorkbook.ActiveSheet.Name, et.ActiveWorkbook.selection]).toEqual(['汇总', null]);
  });
});

describe('tables (ListObjects)', () => {
  const ledger = realisticLedgerGrid();
  const lastRow = ledger.length;

  it('lists the tables of each sheet, reads a table from A1, and the refresh takes the table over the sheet', async () => {
    // The same ledger on a plain sheet (first) and as a table: chooseSource prefers the table.
    const et = createFakeEt({ sheets: { 副本: ledger, 台账: ledger }, tables: { 台账: [{ name: '项目表', ref: `A4:L${lastRow}` }] } });
    const port = portOf(et);
    expect((await port.listSheets()).map((s) => [s.name, s.tables])).toEqual([
      ['副本', []],
      ['台账', ['项目表']],
    ]);
    const read = await port.readGrid({ kind: 'table', name: '项目表' });
    expect(read.sheet).toBe('台账');
    expect(read.grid.slice(0, 3)).toEqual([[], [], []].map(() => new Array(12).fill(null)));
    expect(read.grid.slice(3)).toEqual(ledger.slice(3).map((row) => row.map((v) => (v === undefined ? null : v))));
    await expect(port.readGrid({ kind: 'table', name: '没有' })).rejects.toEqual(expect.objectContaining({ code: 'source_not_found' }));
    const report = await refresh(port, options);
    expect([report.ok, report.source]).toEqual([true, { kind: 'table', name: '项目表' }]);
  });

  it('lists no tables on a host without ListObjects, and the sheet is read as a sheet', async () => {
    const et = createFakeEt({ sheets: { 台账: ledger }, tables: { 台账: [{ name: '项目表', ref: `A4:L${lastRow}` }] }, missing: ['ListObjects'] });
    expect((await portOf(et).listSheets()).map((s) => s.tables)).toEqual([[]]);
    expect((await refresh(portOf(et), options)).source).toEqual({ kind: 'sheet', name: '台账' });
  });
});

/** Add the Office.js add-in's very hidden marks helper sheet (`name`, found by its marker) after the others; the ledger 台账. */
function addMarksHelper(et: FakeEt, name: string): EtWorksheet {
  const wb = et.ActiveWorkbook;
  const helper = wb.Worksheets.Add(undefined, wb.Worksheets.Item(wb.Worksheets.Count));
  helper.Name = name;
  helper.Range('A1:B1').Value2 = [[MARKS_SHEET_MARKER, '__e']];
  wb.Worksheets.Item('台账').Activate();
  helper.Visible = 2;
  return wb.Worksheets.Item('台账');
}

describe('markCells', () => {
  it('takes back the marks it added when the host fails part-way, so none is left that the state does not record', async () => {
    const et = createFakeEt({ sheets: { 台账: [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']] } });
    const port = portOf(et);
    await port.markCells('台账', [{ address: 'F5', severity: 'error' }]);
    // Delete F5's mark (1), add G9's (2), fail on H12's (3).
    et.failOnWrite = 3;
    await expect(port.markCells('台账', [{ address: 'G9', severity: 'error' }, { address: 'H12', severity: 'warning' }])).rejects.toEqual(expect.objectContaining({ code: 'write_failed' }));
    et.failOnWrite = null;
    await port.markCells('台账', [{ address: 'F5', severity: 'error' }]);
    expect(sheet(et, '台账')?.conditions.map((c) => c.ref)).toEqual(['F5']);
  });

  /**
   * The ledger as the Office.js add-in left it: its helper (found by the marker, under another name here), its two
   * rules between two rules of the user's, and a user's rule of the same shape that reads a sheet of the user's.
   */
  function officeMarked(): FakeEt {
    const et = createFakeEt({ sheets: { 台账: [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']], 标记: [['mine']] } });
    const ledger = addMarksHelper(et, '_ledger_marks2');
    ledger.Range('A1:A5').FormatConditions.Add(2, undefined, '=$A1>100');
    ledger.Range('A1:L40').FormatConditions.Add(2, undefined, `=MID('_ledger_marks2'!$B1,COLUMN(),1)="e"`);
    ledger.Range('A1:L40').FormatConditions.Add(2, undefined, `=MID(_ledger_marks2!$B1,COLUMN(),1)="w"`);
    ledger.Range('B1:B5').FormatConditions.Add(2, undefined, `=MID('标记'!$B1,COLUMN(),1)="e"`);
    ledger.Range('C1:C5').FormatConditions.Add(1, 5, '=10');
    return et;
  }
  const USER_RULES = [
    { ref: 'A1:A5', formula1: '=$A1>100', color: 0xffffff },
    { ref: 'B1:B5', formula1: `=MID('标记'!$B1,COLUMN(),1)="e"`, color: 0xffffff },
    { ref: 'C1:C5', formula1: '=10', color: 0xffffff },
  ];

  it("removes the Office.js add-in's mark rules, recognised by their formula, and keeps the user's rules before and after them", async () => {
    const et = officeMarked();
    await portOf(et).markCells('台账', [{ address: 'F5', severity: 'error' }]);
    const rules = sheet(et, '台账')?.conditions ?? [];
    expect(rules.slice(0, 3)).toEqual(USER_RULES);
    expect(rules.slice(3).map((c) => [c.ref, c.formula1])).toEqual([['F5', '=TRUE']]);
  });

  it("clearMarks removes the Office.js add-in's mark rules too, with no marks of its own recorded", async () => {
    const et = officeMarked();
    const port = portOf(et);
    await port.clearMarks();
    expect(sheet(et, '台账')?.conditions).toEqual(USER_RULES);
    expect(await port.readState()).toEqual({ settings: expect.any(Object), snapshot: null, lastRefresh: null });
  });
});

describe('old summaries a refresh could not delete', () => {
  /** Make `Delete` of the sheet named `name` fail until the returned function is called. */
  function refuseDelete(et: FakeEt, name: string): () => void {
    const ws = et.ActiveWorkbook.Worksheets.Item(name) as EtWorksheet & { Delete(): void };
    ws.Delete = () => {
      throw new Error('Test: the host refused to delete the sheet');
    };
    return () => {
      delete (ws as { Delete?: unknown }).Delete;
    };
  }
  const visible = (et: FakeEt) => et.snapshot().filter((s) => s.visible === -1).map((s) => s.name);

  it('are hidden and marked by a hidden name, left out of the sheet list, and deleted by the next refresh; a user sheet named like one stays', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid(), '~lo0tmp2': [['我的表']] } });
    const port = portOf(et);
    expect((await refresh(port, options)).ok).toBe(true);
    const usual = visible(et);
    const allow = refuseDelete(et, '汇总');
    const report = await refresh(port, options);
    expect([report.ok, report.notes.map((n) => n.code)]).toEqual([true, expect.arrayContaining(['wps_old_sheets_left'])]);
    const left = et.snapshot().filter((s) => s.name.startsWith('~lo') && s.name !== '~lo0tmp2');
    expect(left.map((s) => s.visible)).toEqual([2]);
    expect(et.ActiveWorkbook.names.list.filter((n) => n.name.startsWith(LEFTOVER_NAME_PREFIX))).toEqual([
      { name: `${LEFTOVER_NAME_PREFIX}1`, refersTo: `='${left[0]?.name}'!$A$1`, visible: false },
    ]);
    expect(visible(et)).toEqual(usual);
    expect((await port.listSheets()).map((s) => s.name)).not.toContain(left[0]?.name);

    allow();
    const next = await refresh(port, options);
    expect([next.ok, next.notes.map((n) => n.code)]).toEqual([true, expect.not.arrayContaining(['wps_old_sheets_left'])]);
    expect(et.snapshot().map((s) => s.name).filter((n) => n.startsWith('~lo'))).toEqual(['~lo0tmp2']);
    expect(sheet(et, '~lo0tmp2')?.values).toEqual([['我的表']]);
    expect(et.ActiveWorkbook.names.list.filter((n) => n.name.startsWith(LEFTOVER_NAME_PREFIX))).toEqual([]);
  });

  it('stay marked while they cannot be deleted, and the note says so again', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const port = portOf(et);
    await refresh(port, options);
    refuseDelete(et, '汇总');
    await refresh(port, options);
    const leftover = et.snapshot().find((s) => s.name.startsWith('~lo'))?.name;
    const again = await refresh(port, options);
    expect(again.notes.map((n) => n.code)).toContain('wps_old_sheets_left');
    expect(et.snapshot().filter((s) => s.name === leftover).map((s) => s.visible)).toEqual([0]);
    expect(et.ActiveWorkbook.names.list.filter((n) => n.name.startsWith(LEFTOVER_NAME_PREFIX)).map((n) => n.refersTo)).toEqual([`='${leftover}'!$A$1`]);
  });
});

describe('dropState', () => {
  /** A workbook the Office.js add-in marked: its very hidden helper sheet and a rule reading it, and a rule of the user's. */
  function addinMarked(et: FakeEt): void {
    const ledger = addMarksHelper(et, '_ledger_marks');
    ledger.Range('A1:L40').FormatConditions.Add(2, undefined, `=MID('_ledger_marks'!$B1,COLUMN(),1)="e"`);
    ledger.Range('A1:A5').FormatConditions.Add(2, undefined, '=$A1>100');
  }

  it('removes the state sheet, the marks (its own and the Office.js add-in’s) and the marks helper; the summaries stay', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const port = portOf(et);
    expect((await refresh(port, options)).ok).toBe(true);
    addinMarked(et);
    const summaries = et.snapshot().filter((s) => ['汇总', '校验', '变动'].includes(s.name));
    expect(sheet(et, '台账')?.conditions.length).toBeGreaterThan(2);
    expect(et.snapshot().some((s) => s.values[0]?.[0] === STATE_MARKER)).toBe(true);

    await port.dropState();
    expect(et.snapshot().some((s) => s.values[0]?.[0] === STATE_MARKER)).toBe(false);
    expect(sheet(et, '_ledger_marks')).toBeUndefined();
    expect(sheet(et, '台账')?.conditions).toEqual([{ ref: 'A1:A5', formula1: '=$A1>100', color: 0xffffff }]);
    expect(et.snapshot().filter((s) => ['汇总', '校验', '变动'].includes(s.name))).toEqual(summaries);
    expect(await port.readState()).toEqual({ settings: expect.any(Object), snapshot: null, lastRefresh: null });
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('台账');
    // Nothing left to drop: a no-op.
    const after = et.snapshot();
    await port.dropState();
    expect(et.snapshot()).toEqual(after);
  });

  it('empties a visible state sheet that is the only visible sheet instead of deleting it', async () => {
    const et = createFakeEt({ sheets: { 状态: [[STATE_MARKER, 2]], 台账: [['x']] } });
    et.ActiveWorkbook.Worksheets.Item('状态').Activate();
    et.ActiveWorkbook.Worksheets.Item('台账').Visible = 0;
    await portOf(et).dropState();
    expect(et.snapshot().map((s) => [s.name, s.values])).toEqual([
      ['状态', []],
      ['台账', [['x']]],
    ]);
  });
});
