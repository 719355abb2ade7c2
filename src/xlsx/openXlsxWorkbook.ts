import ExcelJS from 'exceljs';
import { PortError, type WorkbookPort } from '../workflows/workbookPort';
import { detectInputFormat } from './detectInputFormat';
import { createXlsxWorkbookPort } from './xlsxWorkbookPort';

/**
 * Load a whole .xlsx workbook into memory with ExcelJS (needed to write it back).
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

/** Open an .xlsx file as a workbook port (see `createXlsxWorkbookPort`); save it with `saveWorkbookAtomic`. */
export async function openXlsxPort(path: string): Promise<{ readonly workbook: ExcelJS.Workbook; readonly port: WorkbookPort }> {
  const workbook = await openXlsxWorkbook(path);
  return { workbook, port: createXlsxWorkbookPort(workbook) };
}
