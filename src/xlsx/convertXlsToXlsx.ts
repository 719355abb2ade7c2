import * as XLSX from '@e965/xlsx';
import { readFile, writeFile } from 'fs/promises';
import { PortError } from '../workflows/workbookPort';

/**
 * Write an old .xls (BIFF8) workbook's sheets and cells as an .xlsx file with SheetJS (`@e965/xlsx`), so that
 * `refresh` can add its sheets to it: values, number formats (dates stay dates) and merged cells carry over;
 * what SheetJS CE does not write (VBA, charts, cell styles) does not.
 * @throws PortError `file_unreadable` when the .xls cannot be read, `write_failed` when the .xlsx cannot be written.
 */
export async function convertXlsToXlsx(xlsPath: string, xlsxPath: string): Promise<void> {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(await readFile(xlsPath), { type: 'buffer', cellDates: false, cellNF: true });
  } catch (error) {
    throw new PortError('file_unreadable', `${xlsPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    await writeFile(xlsxPath, XLSX.write(workbook, { bookType: 'xlsx', type: 'buffer', compression: true }) as Buffer);
  } catch (error) {
    throw new PortError('write_failed', `${xlsxPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
