import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { countSheetRows } from '../../src/xlsx/countSheetRows';
import { writeGridXlsx } from './xlsxFixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-count-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('countSheetRows', () => {
  it('counts the rows of a sheet written without a dimension', async () => {
    const path = join(dir, 'a.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
    const sheet = writer.addWorksheet('台账');
    for (let i = 0; i < 5_000; i++) sheet.addRow([i, `row ${i}`]).commit();
    sheet.commit();
    await writer.commit();
    await expect(countSheetRows(path, '台账')).resolves.toBe(5_000);
  });

  it('gives null for a sheet that does not exist or a file that is not a workbook', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [{ name: 'S', grid: [['x'], ['y']] }]);
    await expect(countSheetRows(path, 'S')).resolves.toBe(2);
    await expect(countSheetRows(path, 'T')).resolves.toBeNull();
    await expect(countSheetRows(join(dir, 'missing.xlsx'), 'S')).resolves.toBeNull();
  });
});
