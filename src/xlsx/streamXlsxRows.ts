import ExcelJS from 'exceljs';
import { Readable } from 'stream';
import type { CellValue } from '../domain';
import { PortError } from '../workflows/workbookPort';
import { readXlsxIndex, type XlsxSheetEntry } from './readXlsxIndex';
import { readRowCells } from './readRowCells';

/** A worksheet being streamed. */
export interface StreamedSheet {
  readonly name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  readonly state: string;
  /** Last used row according to the sheet's `<dimension>`, or `null` when unknown. */
  readonly rowCount: number | null;
  /** Position in tab order (0-based). */
  readonly tabIndex: number;
}

/** What to do after a row: go on (`undefined`), skip the rest of this sheet, or stop reading. */
export type RowDecision = undefined | 'skip-sheet' | 'stop';

/** Callbacks of `streamXlsxRows`. */
export interface XlsxRowVisitor {
  /**
   * Called when a worksheet starts: return `true` to read its rows, `false` to skip it, `'stop'`
   * to stop reading the file.
   */
  readonly onSheet?: (sheet: StreamedSheet) => boolean | 'stop';
  /**
   * Called for every row present in the file, in order. `rowIndex` is 0-based (sheet row − 1);
   * rows absent from the file (blank rows) are not reported. `cells[0]` is column A.
   */
  readonly onRow: (sheet: StreamedSheet, rowIndex: number, cells: CellValue[]) => RowDecision;
}

/** A failure inside the visitor: passed through unchanged, never classified as a file error. */
class VisitorFailure {
  constructor(readonly cause: unknown) {}
}

/** The part of ExcelJS's worksheet reader that its typings leave out. */
interface WorksheetReaderLike extends AsyncIterable<ExcelJS.Row> {
  readonly name?: string;
  readonly state?: string;
  /** The sheet's XML: a file read stream for a sheet parked in a temporary file. */
  readonly iterator?: unknown;
}

/**
 * Let go of a sheet that is not read. ExcelJS parks a sheet stored before the shared strings in a
 * temporary file, opens a read stream on it, and deletes the file as soon as the next sheet is
 * asked for. A stream nobody reads may still be opening then, and fail with an uncaught ENOENT
 * that crashes the process. So the stream is destroyed here, with its late errors ignored.
 */
function discardSheet(worksheet: WorksheetReaderLike): void {
  const source = worksheet.iterator;
  if (source instanceof Readable) {
    source.on('error', () => undefined);
    source.destroy();
  }
}

/**
 * Stream an .xlsx file's rows with bounded memory: ExcelJS's streaming reader with shared
 * strings cached and styles and hyperlinks ignored. Without styles ExcelJS cannot tell a date
 * from a number, so dates arrive as Excel serial numbers, which is what the domain reads.
 * Worksheets come in the order of the file's parts (normally tab order).
 * @returns the workbook's sheets, in tab order.
 * @throws PortError `file_unreadable` when the archive is corrupt; `unsupported_format` when it is not a workbook.
 */
export async function streamXlsxRows(path: string, visitor: XlsxRowVisitor): Promise<readonly XlsxSheetEntry[]> {
  const index = await readXlsxIndex(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    let fallbackIndex = 0;
    outer: for await (const worksheet of reader as AsyncIterable<WorksheetReaderLike>) {
      const name = worksheet.name ?? index.sheets[fallbackIndex]?.name ?? `Sheet${fallbackIndex + 1}`;
      fallbackIndex++;
      const tabIndex = index.sheets.findIndex((s) => s.name === name);
      const entry = index.sheets[tabIndex];
      const sheet: StreamedSheet = {
        name,
        state: worksheet.state ?? entry?.state ?? 'visible',
        rowCount: entry?.rowCount ?? null,
        tabIndex: tabIndex < 0 ? fallbackIndex - 1 : tabIndex,
      };
      let wanted: boolean | 'stop';
      try {
        wanted = visitor.onSheet?.(sheet) ?? true;
      } catch (error) {
        throw new VisitorFailure(error);
      }
      if (wanted === 'stop') {
        discardSheet(worksheet);
        break;
      }
      if (!wanted) {
        discardSheet(worksheet);
        continue;
      }
      for await (const row of worksheet) {
        const cells = readRowCells(row);
        let decision: RowDecision;
        try {
          decision = visitor.onRow(sheet, row.number - 1, cells);
        } catch (error) {
          throw new VisitorFailure(error);
        }
        if (decision === 'skip-sheet') break;
        if (decision === 'stop') break outer;
      }
    }
  } catch (error) {
    if (error instanceof VisitorFailure) throw error.cause;
    if (error instanceof PortError) throw error;
    throw new PortError('file_unreadable', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return index.sheets;
}
