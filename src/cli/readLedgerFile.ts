import { stat } from 'fs/promises';
import { basename, extname } from 'path';
import { createLedgerReader } from '../domain';
import type { LedgerRead } from '../domain';
import { readLedgerSource } from '../workflows/readLedgerSource';
import { DEFAULT_SETTINGS, PortError, type LedgerSettings, type SourceRef } from '../workflows/workbookPort';
import { countSheetRows } from '../xlsx/countSheetRows';
import { detectInputFormat, type InputFormat } from '../xlsx/detectInputFormat';
import { readCsvRows } from '../xlsx/readCsvRows';
import { streamSourceInWorker } from '../xlsx/streamLedgerSheetInWorker';
import { openXlsxReadPort } from '../xlsx/xlsxReadPort';

/** Options of `readLedgerFile`. */
export interface ReadLedgerFileOptions {
  /**
   * Overrides of the settings stored in the workbook (`--sheet` as `source`, `--mapping`,
   * `--soe-attribution`), as `refresh` takes them.
   */
  readonly settings?: Partial<LedgerSettings>;
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
  /** The stored settings with the overrides applied (the defaults and overrides for a CSV file). */
  readonly settings: LedgerSettings;
  /** The source that was read (chosen by `chooseSource` unless stored or given). */
  readonly source: SourceRef;
  readonly read: LedgerRead;
  /** The period baseline stored in the workbook (`StoredState.snapshot`, see `src/domain/diff`); `null` for a CSV file or before the first refresh. */
  readonly snapshot: string | null;
}

/** Report progress every this many rows (a callback per row would cost more than the read). */
const PROGRESS_EVERY = 1_000;

/**
 * Read and validate a ledger file with bounded memory. An .xlsx goes through the same workflow as
 * `refresh` and the add-in (`readLedgerSource`): the settings stored in the workbook, under the
 * overrides; the stored source or else `chooseSource` over 40-row previews; the project's own
 * streaming reader (`openXlsxReadPort`, large sheets parsed on a worker thread); an old .xls the same
 * way through `openXlsReadPort` (SheetJS). A .csv is read line by line with the overrides.
 * @throws PortError for an unreadable, protected or unsupported file, or `source_not_found` for `--sheet`;
 *   WorkflowError `ledger_not_found` when no sheet has a ledger header.
 */
export async function readLedgerFile(path: string, options: ReadLedgerFileOptions = {}): Promise<LedgerFile> {
  const format = await detectInputFormat(path);
  const progress = options.onProgress;

  if (format === 'csv') {
    const settings: LedgerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
    const sheetName = basename(path, extname(path));
    if (settings.source !== null && settings.source.name !== sheetName) {
      throw new PortError('source_not_found', `sheet "${settings.source.name}" not found`);
    }
    const { size } = await stat(path);
    options.onSourceRows?.(null);
    const reader = createLedgerReader({
      sheetName,
      mapping: settings.mapping,
      allowedSectors: settings.allowedSectors,
      allowedDistricts: settings.allowedDistricts,
      compact: true,
    });
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
    return { format, settings, source: { kind: 'sheet', name: sheetName }, read: reader.finish(), snapshot: null };
  }

  // An old .xls (BIFF8) goes the same way as an .xlsx, through SheetJS instead of the streaming reader.
  // SheetJS (about 0.4 s to load) only for an .xls: this module is loaded by every command that reads a ledger.
  const port = format === 'xls' ? await (await import('../xlsx/xlsReadPort')).openXlsReadPort(path) : await openXlsxReadPort(path, { streamSource: streamSourceInWorker });
  try {
    let total: number | null = null;
    const { settings, source, read, state } = await readLedgerSource(port, {
      ...(options.settings === undefined ? {} : { settings: options.settings }),
      progressRows: PROGRESS_EVERY,
      // Rows and issues in columns (bounded memory for a full sheet): the CLI runs on Node.js, which has `Proxy`.
      compact: true,
      onSourceRows: (rows, sheet) => {
        total = rows;
        options.onSourceRows?.(rows);
        if (rows === null && options.countRows === true) {
          void countSheetRows(path, sheet).then((count) => {
            if (count === null) return;
            total = count;
            options.onSourceRows?.(count);
          });
        }
      },
      onProgress: (rows) => progress?.(rows, total !== null && total > 0 ? Math.min(1, rows / total) : null),
    });
    return { format, settings, source, read, snapshot: state.snapshot };
  } finally {
    await port.close();
  }
}
