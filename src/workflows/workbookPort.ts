import type { Grid, Severity, SheetPlan, SheetRole } from '../domain';

/**
 * The workbook as the workflows see it: a few coarse operations, never host proxies.
 * Implemented over Office.js (`src/excel`), over .xlsx files with ExcelJS (`src/xlsx`),
 * and later over WPS 表格. Every method is one unit of work for the host (a bounded
 * number of round trips, independent of the row count).
 */
export interface WorkbookPort {
  /** The workbook's sheets and tables, in tab order. */
  listSheets(): Promise<readonly SheetInfo[]>;

  /**
   * Read a source's cells as a plain grid whose row 0 is sheet row 1 and column 0 is column A,
   * so `sheetRow = rowIndex + 1` always holds. Reads in chunks below the host's payload limit.
   * @throws PortError `source_not_found` when the sheet or table does not exist.
   */
  readGrid(source: SourceRef, onChunk?: (rowsRead: number, rowsTotal: number) => void): Promise<SourceGrid>;

  /**
   * Replace the owned sheets with `plans`, atomically: the new sheets are built first, and the
   * old owned sheets are removed only when every new sheet was written. On failure the previous
   * owned sheets are intact and the half-built ones are removed. Never touches a sheet it does
   * not own; when a user sheet already has a plan's name, another name is chosen.
   * @returns the names the sheets got, by role.
   */
  applySheetPlans(plans: readonly SheetPlan[]): Promise<AppliedPlans>;

  /** Mark issue cells in the source sheet, replacing the previous marks without destroying user formatting. */
  markCells(sheet: string, marks: readonly CellMark[]): Promise<void>;

  /** Remove every mark this add-in made, restoring the cells' own formatting. */
  clearMarks(): Promise<void>;

  /** Read the add-in's state that travels with the workbook (settings, last-period snapshot). */
  readState(): Promise<StoredState>;

  /** Write the add-in's state into the workbook. Only the given keys change. */
  writeState(patch: Partial<StoredState>): Promise<void>;

  /** Select and scroll to a cell (task pane only; ports without a UI may ignore it). */
  selectCell?(sheet: string, address: string): Promise<void>;

  /**
   * Create a sheet of the user's (the 赛马规则 rules sheet) with `plan`'s cells, unless a sheet with that name
   * (compared without regard to case) already exists. The sheet is not owned: no later operation writes to it.
   * @returns the name of the sheet created, or `null` when one with that name existed and nothing was written.
   */
  createSheetIfAbsent?(plan: UserSheetPlan): Promise<string | null>;

  /**
   * Write `sheet`'s grid to a plain sheet `name` (the merged ledger 合并台账), replacing the sheet this method wrote
   * for `name` before (recognised by a hidden owner name, never by its sheet name); a user's sheet of that name is
   * left alone and another name chosen. Strings are written as literal text. The sheet is not an owned role: it is a
   * ledger the user may choose as the refresh source. Writes in payload-sized chunks.
   * @returns the name of the sheet written.
   */
  writeGridSheet?(name: string, sheet: GridSheet): Promise<string>;

  /**
   * Write a one-line status (e.g. "已刷新 2025-09-30 14:05" or the failure message) into the owned
   * summary sheet, on the row below everything the summary plan draws, as literal text. Used by the
   * ribbon command, which has no pane to report in. A no-op when no owned summary sheet exists.
   * @returns whether the line was written (false: there is no owned summary sheet).
   */
  writeStatus?(text: string): Promise<boolean>;

  /**
   * Run `work` as the only refresh of this workbook: queued behind the refreshes of this runtime,
   * and under a lease kept in the workbook itself against other runtimes (the task pane and the
   * ribbon command run in separate runtimes). Waits a while for another runtime's refresh to end,
   * calling `onWait` once when it starts waiting. Ports without concurrent writers (a file on disk)
   * need not implement it.
   * @throws PortError `refresh_in_progress` when another runtime still holds the lease after the wait.
   */
  exclusive?<T>(work: () => Promise<T>, onWait?: () => void): Promise<T>;

  /**
   * Remove what ledger-stats keeps in the workbook before it is sent outside the office: the state sheet
   * (settings, last refresh, the period baseline with its project list), the state of versions before it
   * (document settings, custom XML parts) and the issue marks. The owned summary sheets stay.
   */
  dropState?(): Promise<void>;

  /** Notes about degraded features (e.g. an API set the host lacks), shown to the user. */
  capabilityNotes(): readonly CapabilityNote[];
}

/** A sheet or table in the workbook. */
export interface SheetInfo {
  readonly name: string;
  /** Role when the add-in owns this sheet (by marker, never by name). */
  readonly ownedRole: SheetRole | null;
  /** Rows and columns of the used range (0 for an empty sheet). */
  readonly rowCount: number;
  readonly columnCount: number;
  /** Names of tables (ListObjects) on the sheet. */
  readonly tables: readonly string[];
  /** The first rows of the sheet (at most `SOURCE_PREVIEW_ROWS`, see chooseSource.ts), for ledger auto-detection. */
  readonly preview: Grid;
}

/** A sheet created once for the user and then left to them (`createSheetIfAbsent`). */
export interface UserSheetPlan {
  readonly name: string;
  /** Cells from A1, row by row: a string is always written as literal text, `null` leaves the cell empty. */
  readonly cells: readonly (readonly (string | number | null)[])[];
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  /** 0-based rows shown in bold (titles and headers). */
  readonly boldRows: readonly number[];
}

/** A plain sheet's content for `writeGridSheet` (a `MergedLedgerGrid` is one). */
export interface GridSheet {
  /** Cells from A1, row by row: a string is always written as literal text, `null` leaves the cell empty. */
  readonly grid: readonly (readonly (string | number | null)[])[];
  /** 0-based row shown in bold (the header). */
  readonly headerRowIndex?: number;
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
}

/** What to read: a sheet's used range or a named table. */
export type SourceRef = { readonly kind: 'sheet'; readonly name: string } | { readonly kind: 'table'; readonly name: string };

/** A read source. */
export interface SourceGrid {
  /** The sheet the cells come from (a table's worksheet for a table). */
  readonly sheet: string;
  /** Cells from A1 (empty rows/columns before the used range are filled with `null`). */
  readonly grid: Grid;
  /**
   * The workbook's date system when the grid holds the serials the workbook stores (Office.js's `Range.values`):
   * 1904 means its dates count from 1904-01-01. Absent: the dates are 1900-system serials (or unknown).
   */
  readonly dateSystem?: 1900 | 1904;
}

/** The names the owned sheets got. */
export type AppliedPlans = Partial<Record<SheetRole, string>>;

/** One cell to mark in the ledger. */
export interface CellMark {
  /** A1 address without sheet, e.g. "F12". */
  readonly address: string;
  readonly severity: Exclude<Severity, 'info'>;
}

/** A feature that works in a reduced form on this host. */
export interface CapabilityNote {
  readonly code: string;
  readonly message: { readonly 'zh-CN': string; readonly 'en-US': string };
}

/** Settings that travel with the workbook, so a colleague gets the same result. */
export interface LedgerSettings {
  /** The ledger source; `null` = auto-detect. */
  readonly source: SourceRef | null;
  /** Column overrides: field → column letter or header text. */
  readonly mapping: Readonly<Record<string, string>>;
  readonly soeAttribution: 'full' | 'split';
  /** `null` = follow Office's display language. */
  readonly lang: 'zh-CN' | 'en-US' | null;
  /** Display unit of the summary sheets. */
  readonly displayUnit: 'yi' | 'wan';
  /** Decimals shown on the summary sheets. */
  readonly decimals: number;
  readonly allowedSectors: readonly string[];
  readonly allowedDistricts: readonly string[];
  /**
   * The data date the reports state (截至), `YYYY-MM-DD`; `null` or absent: the date the ledger's title names
   * (`resolveDataDate`).
   */
  readonly asOf?: string | null;
}

/** Defaults for a workbook that has no stored settings. */
export const DEFAULT_SETTINGS: LedgerSettings = {
  source: null,
  mapping: {},
  soeAttribution: 'full',
  lang: null,
  displayUnit: 'yi',
  decimals: 1,
  allowedSectors: [],
  allowedDistricts: [],
  asOf: null,
};

/** Everything the add-in stores in the workbook. */
export interface StoredState {
  readonly settings: LedgerSettings;
  /** The last refresh's per-project snapshot, as JSON text (see `src/domain/diff`); `null` before the first refresh. */
  readonly snapshot: string | null;
  /** ISO time of the last successful refresh. */
  readonly lastRefresh: string | null;
}

/** Error codes a port may throw. Hosts map their own errors onto these in one place. */
export const PORT_ERROR_CODES = [
  'source_not_found',
  'payload_too_large',
  'not_supported',
  'busy',
  'refresh_in_progress',
  'invalid_name',
  'write_failed',
  'read_failed',
  'file_unreadable',
  'password_protected',
  'unsupported_format',
  'host_error',
] as const;
/** A port error code. */
export type PortErrorCode = (typeof PORT_ERROR_CODES)[number];

/** A host failure, typed. The original error is kept as `cause`. */
export class PortError extends Error {
  override readonly name = 'PortError';
  constructor(
    readonly code: PortErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
