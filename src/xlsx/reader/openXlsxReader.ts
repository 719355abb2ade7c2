import { openZipArchive } from './zipArchive';
import { openXlsxOver, type XlsxReader, type XlsxReaderOptions } from './xlsxReaderOf';

export { DATE_1904_OFFSET_DAYS, readSheetGrid, type XlsxReader, type XlsxReaderOptions, type XlsxSheet, type XlsxTable } from './xlsxReaderOf';

/**
 * Open an .xlsx (or .xlsm) file for streaming reads: the zip directory, the package relationships
 * (`_rels/.rels` names the workbook part, wherever it is), the workbook part (sheets, visibility,
 * date system) and each worksheet's tables. Cell data is read only by `streamRows`.
 * @throws PortError `file_unreadable` (missing, unreadable, not a zip, damaged), `unsupported_format`
 *   when the zip is not an Excel workbook (e.g. .ods, .docx or .xlsb).
 */
export function openXlsxReader(path: string, options: XlsxReaderOptions = {}): Promise<XlsxReader> {
  return openXlsxOver(path, () => openZipArchive(path), options);
}
