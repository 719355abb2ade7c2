import ExcelJS from 'exceljs';
import { PortError } from '../workflows/workbookPort';
import { detectInputFormat } from './detectInputFormat';

/**
 * Load a whole .xlsx workbook into memory with ExcelJS (tests and tools that inspect a written file; the CLI
 * reads with `openXlsxReader` and writes with `openXlsxFilePort`).
 * @throws PortError `file_unreadable`, `password_protected` or `unsupported_format` (a CSV file included).
 */
export async function openXlsxWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const format = await detectInputFormat(path);
  if (format !== 'xlsx') throw new PortError('unsupported_format', `${path}: not an .xlsx workbook`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new PortError('file_unreadable', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return workbook;
}

