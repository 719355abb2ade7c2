import * as XLSX from '@e965/xlsx';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/main';
import { readLedgerFile } from '../../src/cli/readLedgerFile';
import { summarize, toSummaryJson } from '../../src/domain';
import type { CellValue } from '../../src/domain';
import { detectInputFormat } from '../../src/xlsx/detectInputFormat';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeGridXlsx } from './xlsxFixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-xls-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An .xls (BIFF8) written by SheetJS's own writer from a grid; numbers ≥ 40000 in column J get a date format. */
function writeXls(path: string, grid: readonly (readonly CellValue[])[]): void {
  const sheet = XLSX.utils.aoa_to_sheet(grid.map((row) => row.map((v) => (v === undefined ? null : v))));
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['填表说明：本表为示例']]), '说明');
  XLSX.utils.book_append_sheet(workbook, sheet, '台账');
  writeFileSync(path, XLSX.write(workbook, { bookType: 'biff8', type: 'buffer' }) as Buffer);
}

function captureIo(): CliIo & { out: () => string } {
  let out = '';
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {}, out: () => out };
}

describe('reading an old .xls (BIFF8) ledger', () => {
  it('reads the same ledger as the .xlsx of the same cells', async () => {
    const xls = join(dir, 'ledger.xls');
    const xlsx = join(dir, 'ledger.xlsx');
    writeXls(xls, realisticLedgerGrid());
    await writeGridXlsx(xlsx, [{ name: '说明', grid: [['填表说明：本表为示例']] }, { name: '台账', grid: realisticLedgerGrid() }]);
    expect(await detectInputFormat(xls)).toBe('xls');
    const fromXls = await readLedgerFile(xls);
    const fromXlsx = await readLedgerFile(xlsx);
    expect(fromXls.format).toBe('xls');
    expect(fromXls.source).toEqual({ kind: 'sheet', name: '台账' });
    expect(fromXls.read.counts).toEqual(fromXlsx.read.counts);
    expect(fromXls.read.dataDate).toEqual(fromXlsx.read.dataDate);
    expect(toSummaryJson(summarize(fromXls.read))).toEqual(toSummaryJson(summarize(fromXlsx.read)));
    expect(fromXls.read.issues.map((i) => [i.code, i.sheetRow])).toEqual(fromXlsx.read.issues.map((i) => [i.code, i.sheetRow]));
  });

  it('gives a date cell as its serial number, as the .xlsx reader does', async () => {
    const path = join(dir, 'dates.xls');
    const header = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '开工时间'];
    const sheet = XLSX.utils.aoa_to_sheet([header, ['甲项目', '中国华能', '能源', '在建', 10, 44866]]);
    const cell = sheet.F2 as XLSX.CellObject;
    cell.z = 'yyyy-mm-dd';
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, '台账');
    writeFileSync(path, XLSX.write(workbook, { bookType: 'biff8', type: 'buffer' }) as Buffer);
    const { read } = await readLedgerFile(path);
    // 44866 is 2022-11-01 in the 1900 date system.
    expect(read.rows[0]?.startDate).toBe('2022-11-01');
  });

  it('is read by summarize --json through the CLI', async () => {
    const path = join(dir, 'cli.xls');
    writeXls(path, realisticLedgerGrid());
    const io = captureIo();
    expect(await main(['summarize', path, '--json'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { totals: { projects: number } };
    expect(json.totals.projects).toBe(23);
  });
});
