import { PortError } from '../workflows/workbookPort';
import { openXlsxReader, type XlsxReader, type XlsxSheet } from './reader/openXlsxReader';
import { xlsxReadPortOver, type XlsxReadPort, type XlsxReadPortOptions } from './xlsxReadPortOver';
import type { CellValue } from '../domain';

export { areaOf, cropRow, streamResolvedSource, xlsxReadPortOver, type CellArea, type ResolvedSource, type XlsxReadPort, type XlsxReadPortOptions } from './xlsxReadPortOver';

/**
 * Open an .xlsx file as a read-only workbook port (`LedgerSourcePort`) over the project's own
 * streaming reader: sheet previews for `chooseSource`, the state sheet's settings, and a source's
 * rows streamed with bounded memory. The same steps as the ExcelJS `WorkbookPort` that `refresh`
 * uses: the state sheet (A1 `ledger-stats/state`, `src/workflows/stateSheet.ts`) and the add-in's marks helper are
 * never listed, owned sheets (`ownedSheets`: by owner name) carry their role, tables are listed by name.
 * @throws PortError as `openXlsxReader`.
 */
export async function openXlsxReadPort(path: string, options: XlsxReadPortOptions = {}): Promise<XlsxReadPort> {
  return xlsxReadPortOver(await openXlsxReader(path), options);
}

/** A worksheet's rows by sheet name, as the file port of `refresh` reads them (`SheetRowSource` in writer/openXlsxFilePort.ts). */
export interface SheetRows {
  /**
   * Stream a worksheet's rows in order (rows without cells left out), stopping when `onRow` returns `'stop'`.
   * @throws PortError `source_not_found` for a sheet that does not exist.
   */
  streamRows(sheetName: string, onRow: (rowIndex: number, cells: CellValue[]) => 'stop' | undefined): Promise<void>;
  /** The last used row from the sheet's `<dimension>`, or `null` when the part does not say. */
  rowCount(sheetName: string): Promise<number | null>;
}

/** The project's reader as a source of rows by sheet name, for the writer's file port. */
export function sheetRowsOf(reader: XlsxReader): SheetRows {
  const find = (name: string): XlsxSheet => {
    const sheet = reader.sheets.find((s) => s.name === name) ?? reader.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (sheet === undefined) throw new PortError('source_not_found', `sheet "${name}" not found`);
    return sheet;
  };
  return {
    streamRows: (sheetName, onRow) => reader.streamRows(find(sheetName), onRow),
    rowCount: (sheetName) => reader.dimensionRows(find(sheetName)),
  };
}
