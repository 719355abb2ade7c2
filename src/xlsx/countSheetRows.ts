import { openXlsxReader } from './reader/openXlsxReader';

/**
 * Count a worksheet's `<row>` elements by inflating its part and scanning the text, without
 * parsing cells (`XlsxReader.countRows`). For sheets whose part has no `<dimension>` (ExcelJS's
 * streaming writer omits it), so that a progress bar knows its total.
 * @returns the count, or `null` when the sheet or its part cannot be found or read.
 */
export async function countSheetRows(path: string, sheetName: string): Promise<number | null> {
  try {
    const reader = await openXlsxReader(path);
    try {
      const sheet = reader.sheets.find((s) => s.name === sheetName);
      return sheet === undefined ? null : await reader.countRows(sheet);
    } finally {
      await reader.close();
    }
  } catch {
    return null;
  }
}
