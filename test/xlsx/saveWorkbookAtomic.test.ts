import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { saveWorkbookAtomic } from '../../src/xlsx/saveWorkbookAtomic';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const workbook = (): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('S').getCell('A1').value = 'new';
  return wb;
};

describe('saveWorkbookAtomic', () => {
  it('replaces the target and leaves no temporary file', async () => {
    const path = join(dir, 'out.xlsx');
    writeFileSync(path, 'old');
    await saveWorkbookAtomic(workbook(), path);
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.readFile(path);
    expect(reloaded.getWorksheet('S')!.getCell('A1').value).toBe('new');
  });

  it('throws write_failed and leaves the target untouched when the rename fails', async () => {
    const path = join(dir, 'out.xlsx');
    writeFileSync(path, 'old');
    await expect(saveWorkbookAtomic(workbook(), join(dir, 'missing-dir', 'out.xlsx'))).rejects.toMatchObject({ code: 'write_failed' });
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
  });
});
