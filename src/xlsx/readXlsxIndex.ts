import { openXlsxReader } from './reader/openXlsxReader';

export { decodeXml } from './reader/xmlText';

/** A worksheet as the workbook part lists it, before any cell is read. */
export interface XlsxSheetEntry {
  readonly name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  readonly state: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml`. */
  readonly part: string;
  /** Last used row from the sheet's `<dimension>`, or `null` when the part does not say. */
  readonly rowCount: number | null;
}

/** What an .xlsx file holds, read from its zip directory and a few small parts. */
export interface XlsxIndex {
  /** Worksheets in tab order. */
  readonly sheets: readonly XlsxSheetEntry[];
}

/**
 * Index an .xlsx file without loading it: sheet names, visibility and row counts (`openXlsxReader`,
 * then each sheet's `<dimension>`).
 * @throws PortError `file_unreadable` (missing, unreadable, not a zip), `unsupported_format` when
 *   the zip is not an Excel workbook (e.g. .ods or .xlsb).
 */
export async function readXlsxIndex(path: string): Promise<XlsxIndex> {
  const reader = await openXlsxReader(path);
  try {
    const sheets: XlsxSheetEntry[] = [];
    for (const sheet of reader.sheets) {
      sheets.push({ name: sheet.name, state: sheet.state, part: sheet.part, rowCount: await reader.dimensionRows(sheet) });
    }
    return { sheets };
  } finally {
    await reader.close();
  }
}
