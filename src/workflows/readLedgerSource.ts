import { createLedgerReader } from '../domain';
import type { CellValue, DateSystem, LedgerRead } from '../domain';
import { chooseSource } from './chooseSource';
import { DEFAULT_SETTINGS, type LedgerSettings, type SheetInfo, type SourceRef, type StoredState, type WorkbookPort } from './workbookPort';

/** Receives a source's rows as a port streams them. */
export interface SourceRowVisitor {
  /**
   * The sheet the rows come from, and the rows known to be in the source (`null` when unknown), before the first row;
   * `dateSystem` when the rows hold a 1904-system workbook's stored serials (`SourceGrid.dateSystem`).
   */
  onSource(sheet: string, rowsTotal: number | null, dateSystem?: DateSystem): void;
  /**
   * The source's rows in order, `rowIndex` 0 being sheet row 1 (as in `readGrid`); rows without
   * cells may be left out: the receiver fills the gaps with blank rows.
   */
  onRow(rowIndex: number, cells: readonly CellValue[]): void;
}

/**
 * The read half of a `WorkbookPort`, with the source streamed instead of returned as a grid, so
 * that a file of a million rows is read with bounded memory. The .xlsx reader implements it
 * (`src/xlsx/xlsxReadPort.ts`); any `WorkbookPort` can be adapted (`gridSourcePort`).
 */
export interface LedgerSourcePort {
  /** As `WorkbookPort.listSheets`, previews of `SOURCE_PREVIEW_ROWS` rows. */
  listSheets(): Promise<readonly SheetInfo[]>;
  /** As `WorkbookPort.readState`. */
  readState(): Promise<StoredState>;
  /**
   * Stream a source's rows.
   * @throws PortError `source_not_found` when the sheet or table does not exist.
   */
  streamRows(source: SourceRef, visitor: SourceRowVisitor): Promise<void>;
}

/** A ledger read through the workflow: what was read, from where, with which settings. */
export interface LedgerSourceRead {
  /** The stored settings with the overrides applied. */
  readonly settings: LedgerSettings;
  readonly state: StoredState;
  readonly source: SourceRef;
  /** The sheet the rows came from. */
  readonly sheet: string;
  readonly read: LedgerRead;
}

/** Options of `readLedgerSource`. */
export interface ReadLedgerSourceOptions {
  /** Overrides of the stored settings (command-line options); not written back. */
  readonly settings?: Partial<LedgerSettings>;
  /** Called with the rows read so far, every `progressRows` rows, and with the known total (or `null`). */
  readonly onProgress?: (rowsRead: number, rowsTotal: number | null) => void;
  /** Called once the source is chosen, with the rows known to be in it (`null` when unknown) and its sheet. */
  readonly onSourceRows?: (rowsTotal: number | null, sheet: string) => void;
  /** Rows between two `onProgress` calls (default 1,000). */
  readonly progressRows?: number;
  /**
   * Keep the read's rows and issues in columns (`ReadOptions.compact`: bounded memory for a full sheet). For Node.js
   * only: the read's arrays then need `Proxy`.
   */
  readonly compact?: boolean;
}

/**
 * Read and validate the ledger of a workbook the way `refresh` does, for every read-only command:
 * the stored settings (`readState`) under the overrides, the stored source or else `chooseSource`
 * over the sheets' previews, and the domain's reader with the mapping and the allowed lists. The
 * rows are streamed into the incremental reader, never held as a grid.
 * @throws PortError from the port (`source_not_found`, an unreadable file); WorkflowError
 *   `ledger_not_found` from `chooseSource`.
 */
export async function readLedgerSource(port: LedgerSourcePort, options: ReadLedgerSourceOptions = {}): Promise<LedgerSourceRead> {
  const { state, settings, source } = await resolveLedgerSource(port, options.settings);
  const { sheet, read } = await streamLedger(port, source, settings, options);
  return { settings, state, source, sheet, read };
}

/**
 * The first half of `readLedgerSource`: the stored state, the settings (stored, under `overrides`)
 * and the source they name, else the one `chooseSource` picks from the sheets' previews.
 * @throws PortError from the port; WorkflowError `ledger_not_found` from `chooseSource`.
 */
export async function resolveLedgerSource(
  port: Pick<LedgerSourcePort, 'readState' | 'listSheets'>,
  overrides: Partial<LedgerSettings> = {},
): Promise<{ readonly state: StoredState; readonly settings: LedgerSettings; readonly source: SourceRef }> {
  const state = await port.readState();
  const settings: LedgerSettings = { ...DEFAULT_SETTINGS, ...state.settings, ...overrides };
  const source = settings.source ?? chooseSource(await port.listSheets(), settings.mapping);
  return { state, settings, source };
}

/**
 * The second half of `readLedgerSource`: stream `source`'s rows into the domain's incremental
 * reader with the settings' mapping and allowed lists, and finish the read.
 * @throws PortError from the port (`source_not_found`, an unreadable file).
 */
export async function streamLedger(
  port: Pick<LedgerSourcePort, 'streamRows'>,
  source: SourceRef,
  settings: LedgerSettings,
  options: Pick<ReadLedgerSourceOptions, 'onProgress' | 'onSourceRows' | 'progressRows' | 'compact'> = {},
): Promise<{ readonly sheet: string; readonly read: LedgerRead }> {
  const every = options.progressRows ?? 1_000;
  let reader: ReturnType<typeof createLedgerReader> | null = null;
  let sheet = source.name;
  let total: number | null = null;
  let next = 0;
  let rows = 0;
  await port.streamRows(source, {
    onSource(name, rowsTotal, dateSystem) {
      sheet = name;
      total = rowsTotal;
      reader = createLedgerReader({
        sheetName: name,
        mapping: settings.mapping,
        allowedSectors: settings.allowedSectors,
        allowedDistricts: settings.allowedDistricts,
        dateSystem,
        compact: options.compact === true,
      });
      options.onSourceRows?.(rowsTotal, name);
    },
    onRow(rowIndex, cells) {
      const target = reader as ReturnType<typeof createLedgerReader> | null;
      if (target === null) return;
      // Rows absent from the stream are blank: the reader must see them so that sheet rows stay aligned.
      for (; next < rowIndex; next++) target.push([]);
      target.push(cells);
      next = rowIndex + 1;
      if (++rows % every === 0) options.onProgress?.(rows, total);
    },
  });
  const chosen = reader as ReturnType<typeof createLedgerReader> | null;
  const read = (chosen ?? createLedgerReader({ sheetName: sheet, mapping: settings.mapping, compact: options.compact === true })).finish();
  return { sheet, read };
}

/** Whether a workbook port can also stream its sources (`LedgerSourcePort`), as the .xlsx file port does. */
export function canStreamRows<P extends object>(port: P): port is P & Pick<LedgerSourcePort, 'streamRows'> {
  return typeof (port as Partial<LedgerSourcePort>).streamRows === 'function';
}

/** Options of `gridSourcePort`. */
export interface GridSourceOptions {
  /** Passed on to `readGrid`: the rows read so far, of the total. */
  readonly onChunk?: (rowsRead: number, rowsTotal: number) => void;
  /** Awaited once the grid is read, before its first row is handed on. */
  readonly onGrid?: () => Promise<void>;
  /** Awaited between two slices of `sliceRows` rows (the task pane yields to the UI there). */
  readonly pause?: () => Promise<void>;
  /** Rows handed on between two pauses (default: all of them). */
  readonly sliceRows?: number;
}

/**
 * A `LedgerSourcePort` over any `WorkbookPort` (the add-in's, the ExcelJS one): the source is read
 * with `readGrid` and handed on row by row, in slices with a pause between them when asked.
 */
export function gridSourcePort(port: Pick<WorkbookPort, 'listSheets' | 'readState' | 'readGrid'>, options: GridSourceOptions = {}): LedgerSourcePort {
  return {
    listSheets: () => port.listSheets(),
    readState: () => port.readState(),
    async streamRows(source, visitor) {
      const { sheet, grid, dateSystem } = await port.readGrid(source, options.onChunk);
      await options.onGrid?.();
      visitor.onSource(sheet, grid.length, dateSystem);
      const slice = options.sliceRows ?? grid.length;
      for (let start = 0; start < grid.length; start += slice) {
        const end = Math.min(grid.length, start + slice);
        for (let rowIndex = start; rowIndex < end; rowIndex++) visitor.onRow(rowIndex, grid[rowIndex] ?? []);
        if (end < grid.length) await options.pause?.();
      }
    },
  };
}
