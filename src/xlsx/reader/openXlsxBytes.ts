import { openZipBytes } from './openZipBytes';
import { openXlsxOver, type XlsxReader } from './xlsxReaderOf';

/**
 * Open an .xlsx (or .xlsm) workbook held in memory, e.g. a file picked in the task pane (`await file.arrayBuffer()`),
 * as `openXlsxReader` opens one on disk: the same reader, over fflate instead of the file system and zlib, so it runs
 * in a browser. `name` (the file's name) stands for the path in the reader and in messages.
 * @throws PortError `file_unreadable` (not a zip, damaged), `unsupported_format` when the zip is not an Excel workbook.
 */
export function openXlsxBytes(bytes: Uint8Array, name: string): Promise<XlsxReader> {
  return openXlsxOver(name, () => openZipBytes(bytes));
}
