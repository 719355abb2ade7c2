import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readLedger } from '../../src/domain/ledger/readLedger';
import type { CellValue, Grid } from '../../src/domain/ledger/types';
import { gridSourcePort, readLedgerSource } from '../../src/workflows/readLedgerSource';
import { DEFAULT_SETTINGS, type SheetInfo, type SourceRef } from '../../src/workflows/workbookPort';
import { EMPTY_STATE_DOC } from '../../src/workflows/stateSheet';
import { writeStateDoc } from '../../src/xlsx/ledgerStateSheet';
import { writeFormat1State } from './format1State';
import { cropRow, openXlsxReadPort } from '../../src/xlsx/xlsxReadPort';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-readport-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）'];
const ROWS = [
  ['华能风电', '中国华能', '能源', '在建', 12],
  ['长海大桥', '中国交建', '交通', '前期', 30],
];

async function save(workbook: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function streamed(path: string, source: SourceRef): Promise<{ sheet: string; rows: [number, readonly CellValue[]][] }> {
  const port = await openXlsxReadPort(path);
  try {
    let sheet = '';
    const rows: [number, readonly CellValue[]][] = [];
    await port.streamRows(source, { onSource: (name) => (sheet = name), onRow: (i, cells) => rows.push([i, cells]) });
    return { sheet, rows };
  } finally {
    await port.close();
  }
}

describe('openXlsxReadPort', () => {
  it('lists the user sheets with 40-row previews, owned roles and tables, never the state sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const deep = workbook.addWorksheet('台账');
    deep.getCell('A1').value = '标题';
    deep.getRow(33).values = HEADER;
    ROWS.forEach((r, i) => (deep.getRow(34 + i).values = r));
    const summary = workbook.addWorksheet('汇总');
    summary.getCell('A1').value = 'x';
    const withTable = workbook.addWorksheet('表');
    withTable.addTable({ name: 'Ledger1', ref: 'A1', columns: HEADER.map((name) => ({ name })), rows: ROWS });
    workbook.definedNames.add("'汇总'!$A$1", '_LedgerStats_Owner_summary');
    writeStateDoc(workbook, EMPTY_STATE_DOC);
    const port = await openXlsxReadPort(await save(workbook, 'a.xlsx'));
    const sheets: readonly SheetInfo[] = await port.listSheets();
    await port.close();
    expect(sheets.map((s) => [s.name, s.ownedRole, s.tables])).toEqual([
      ['台账', null, []],
      ['汇总', 'summary', []],
      ['表', null, ['Ledger1']],
    ]);
    expect(sheets[0]?.preview[32]).toEqual(HEADER);
    expect(sheets[0]?.rowCount).toBe(35);
  });

  it('owns the sheet an owner name points at, renamed or not, and never a user sheet called 汇总 without one', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账').addRow(HEADER);
    workbook.addWorksheet('汇总').getCell('A1').value = '我的汇总';
    workbook.addWorksheet('九月汇总').getCell('A1').value = '央地合作项目统计汇总';
    workbook.addWorksheet('校验结果').getCell('A1').value = 'x';
    workbook.definedNames.add("'九月汇总'!$A$1", '_LedgerStats_Owner_summary');
    // A format-1 record decides only for a role without an owner name: summary's is ignored, validation's holds.
    const validation = workbook.getWorksheet('校验结果')!;
    writeFormat1State(workbook, {
      owned: [
        { role: 'summary', name: '汇总', sheetId: workbook.getWorksheet('汇总')!.id },
        { role: 'validation', name: '校验结果', sheetId: validation.id },
      ],
    });
    const helper = workbook.addWorksheet('_ledger_marks', { state: 'veryHidden' });
    helper.getCell('A1').value = 'ledger-stats/marks';
    const port = await openXlsxReadPort(await save(workbook, 'owned.xlsx'));
    const sheets = await port.listSheets();
    await port.close();
    expect(sheets.map((s) => [s.name, s.ownedRole])).toEqual([
      ['台账', null],
      ['汇总', null],
      ['九月汇总', 'summary'],
      ['校验结果', 'validation'],
    ]);
  });

  it('reads the stored settings, and the defaults without a state sheet', async () => {
    const stored = new ExcelJS.Workbook();
    stored.addWorksheet('台账').addRow(HEADER);
    writeStateDoc(stored, { ...EMPTY_STATE_DOC, settings: { ...DEFAULT_SETTINGS, decimals: 3, mapping: { totalInvestment: 'E' } } });
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('台账').addRow(HEADER);
    const a = await openXlsxReadPort(await save(stored, 'a.xlsx'));
    const b = await openXlsxReadPort(await save(plain, 'b.xlsx'));
    expect((await a.readState()).settings).toEqual({ ...DEFAULT_SETTINGS, decimals: 3, mapping: { totalInvestment: 'E' } });
    expect((await b.readState()).settings).toEqual(DEFAULT_SETTINGS);
    await a.close();
    await b.close();
  });

  it('streams a table cut to its range, and a sheet by its name in any case', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.getCell('A1').value = 'title';
    sheet.getCell('A3').value = 'left of the table';
    sheet.addTable({ name: 'T1', ref: 'B2', columns: HEADER.map((name) => ({ name })), rows: ROWS });
    sheet.getCell('A6').value = 'below';
    const path = await save(workbook, 't.xlsx');
    const table = await streamed(path, { kind: 'table', name: 't1' });
    expect(table.sheet).toBe('Data');
    expect(table.rows).toEqual([
      [1, [null, ...HEADER]],
      [2, [null, ...ROWS[0]!]],
      [3, [null, ...ROWS[1]!]],
    ]);
    expect((await streamed(path, { kind: 'sheet', name: 'data' })).rows.map(([i]) => i)).toEqual([0, 1, 2, 3, 5]);
    await expect(streamed(path, { kind: 'sheet', name: 'nope' })).rejects.toMatchObject({ code: 'source_not_found' });
    await expect(streamed(path, { kind: 'table', name: 'nope' })).rejects.toMatchObject({ code: 'source_not_found' });
  });
});

describe('cropRow', () => {
  it('blanks the cells left of the area and drops those right of it', () => {
    expect(cropRow([1, 2, 3, 4, 5], { top: 0, left: 1, bottom: 9, right: 3 })).toEqual([null, 2, 3, 4]);
  });
});

describe('readLedgerSource', () => {
  const grid: Grid = [HEADER, ...ROWS, ['大项目', '中国华能', '文旅', '在建', 99]];
  const port = (settings = DEFAULT_SETTINGS) =>
    gridSourcePort({
      listSheets: async () => [
        { name: '样表', ownedRole: null, rowCount: 2, columnCount: 5, tables: [], preview: grid.slice(0, 2) },
        { name: '台账', ownedRole: null, rowCount: 4, columnCount: 5, tables: [], preview: grid },
      ],
      readState: async () => ({ settings, snapshot: null, lastRefresh: null }),
      readGrid: async (source) => ({ sheet: source.name, grid: source.name === '台账' ? grid : grid.slice(0, 2) }),
    });

  it('chooses the source like refresh and reads it like readLedger, with the stored allowed lists', async () => {
    const result = await readLedgerSource(port({ ...DEFAULT_SETTINGS, allowedSectors: ['能源', '交通'] }));
    expect(result.source).toEqual({ kind: 'sheet', name: '台账' });
    expect(result.read).toEqual(readLedger(grid, { sheetName: '台账', mapping: {}, allowedSectors: ['能源', '交通'], allowedDistricts: [] }));
    expect(result.read.issues.map((i) => i.code)).toContain('sector_not_allowed');
  });

  it('reads the stored source, and lets an override win over it', async () => {
    const stored = { ...DEFAULT_SETTINGS, source: { kind: 'sheet' as const, name: '样表' } };
    expect((await readLedgerSource(port(stored))).read.rows).toHaveLength(1);
    expect((await readLedgerSource(port(stored), { settings: { source: { kind: 'sheet', name: '台账' } } })).read.rows).toHaveLength(3);
  });
});
