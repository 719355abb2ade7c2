import { stat } from 'fs/promises';
import { basename, extname } from 'path';
import { createLedgerReader } from '../domain';
import type { ColumnOverrides, LedgerRead, LedgerReader } from '../domain';
import { PortError } from '../workflows/workbookPort';
import { detectInputFormat, type InputFormat } from '../xlsx/detectInputFormat';
import { countSheetRows } from '../xlsx/countSheetRows';
import { readCsvRows } from '../xlsx/readCsvRows';
import { streamLedgerSheetInWorker } from '../xlsx/streamLedgerSheetInWorker';

/** Options of `readLedgerFile`. */
export interface ReadLedgerFileOptions {
  /** Read this sheet; else the first sheet (file order) whose first 40 rows hold a ledger header. */
  readonly sheet?: string;
  readonly mapping?: ColumnOverrides;
  /** Rows read so far and the fraction done (`null` when unknown), reported as rows arrive. */
  readonly onProgress?: (rowsRead: number, fraction: number | null) => void;
  /** Rows known to be in the source (from the sheet's dimension), once the source is chosen. */
  readonly onSourceRows?: (rows: number | null) => void;
  /**
   * Count the source's rows when its part does not say (a progress bar needs the total): the
   * count runs beside the read and `onSourceRows` is called again with it.
   */
  readonly countRows?: boolean;
}

/** A read ledger file. */
export interface LedgerFile {
  readonly format: InputFormat;
  /** Sheets of the workbook in tab order (the file's base name for a CSV file). */
  readonly sheets: readonly string[];
  readonly read: LedgerRead;
}

/** Report progress every this many rows (a callback per row would cost more than the read). */
const PROGRESS_EVERY = 1_000;

/**
 * Read and validate a ledger file through the domain's incremental reader, with bounded memory:
 * an .xlsx is streamed (ExcelJS on a worker thread, see `streamLedgerSheetInWorker`; only the first
 * 40 rows of each candidate sheet are buffered, to find the header), a .csv is read line by line.
 * @throws PortError for an unreadable, protected or unsupported file, or `source_not_found` for `--sheet`;
 *   WorkflowError `ledger_not_found` when no sheet has a ledger header.
 */
export async function readLedgerFile(path: string, options: ReadLedgerFileOptions = {}): Promise<LedgerFile> {
  const format = await detectInputFormat(path);
  const readOptions = (sheetName: string): { sheetName: string; mapping?: ColumnOverrides } =>
    options.mapping === undefined ? { sheetName } : { sheetName, mapping: options.mapping };
  const progress = options.onProgress;

  if (format === 'csv') {
    const sheetName = basename(path, extname(path));
    if (options.sheet !== undefined && options.sheet !== sheetName) {
      throw new PortError('source_not_found', `sheet "${options.sheet}" not found`);
    }
    const { size } = await stat(path);
    options.onSourceRows?.(null);
    const reader = createLedgerReader(readOptions(sheetName));
    let rows = 0;
    await readCsvRows(
      path,
      (_rowIndex, cells) => {
        reader.push(cells);
        if (++rows % PROGRESS_EVERY === 0) progress?.(rows, null);
        return undefined;
      },
      { onBytes: (bytes) => progress?.(rows, size > 0 ? bytes / size : null) },
    );
    return { format, sheets: [sheetName], read: reader.finish() };
  }

  let reader: LedgerReader | null = null;
  let total: number | null = null;
  let nextRowIndex = 0;
  let rows = 0;
  const sheetOptions = {
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
  };
  const sheets = await streamLedgerSheetInWorker(path, sheetOptions, {
    onSource: (sheet) => {
      reader = createLedgerReader(readOptions(sheet.name));
      total = sheet.rowCount;
      options.onSourceRows?.(total);
      if (total === null && options.countRows === true) {
        void countSheetRows(path, sheet.name).then((count) => {
          if (count === null) return;
          total = count;
          options.onSourceRows?.(count);
        });
      }
    },
    onRow: (rowIndex, cells) => {
      const target = reader as LedgerReader | null;
      if (target === null) return;
      // Blank rows are absent from the file: the reader must see them so that sheet rows stay aligned.
      for (; nextRowIndex < rowIndex; nextRowIndex++) target.push([]);
      target.push(cells);
      nextRowIndex = rowIndex + 1;
      if (++rows % PROGRESS_EVERY === 0) progress?.(rows, total !== null && total > 0 ? Math.min(1, rowIndex / total) : null);
    },
  });
  const chosen = reader as LedgerReader | null;
  if (chosen === null) throw new PortError('source_not_found', `no sheet was read from ${path}`);
  return { format, sheets, read: chosen.finish() };
}
