import type { Bilingual, CellValue, ColumnOverrides, HeaderInfo, ProjectRow, Severity } from '../ledger/types';
import type { DataDate } from '../ledger/findDataDate';
import type { DateSystem } from '../ledger/parseLedgerDate';

/** Where an issue points: a column letter and its header text. */
export interface IssueColumn {
  readonly letter: string;
  readonly header: string;
  /** 0-based column index (added for ordering and cell marking; always set by the reader). */
  readonly index?: number;
}

/**
 * One finding about the ledger. Bad input is data: every unreadable cell becomes one of these.
 * `code` is a stable snake_case identifier (see `ISSUE_CODES`).
 */
export interface LedgerIssue {
  readonly code: string;
  readonly severity: Severity;
  /** 1-based sheet row, or `null` for a sheet-level issue. */
  readonly sheetRow: number | null;
  /** The column, or `null` for a row- or sheet-level issue. */
  readonly column: IssueColumn | null;
  /** The raw cell value, when the issue is about one cell. */
  readonly raw: Exclude<CellValue, undefined>;
  readonly message: Bilingual;
  readonly suggestion?: Bilingual;
}

/** Row counts of a read. */
export interface ReadCounts {
  /** Rows below the header that look like projects (skipped rows excluded). */
  readonly dataRows: number;
  /** Project rows without any issue. */
  readonly validRows: number;
  /** Project rows counted with at least one warning. */
  readonly warningRows: number;
  /** Project rows excluded because of an error. */
  readonly errorRows: number;
  /** Non-project rows skipped (blank, headings, 小计/合计, footnotes). */
  readonly skippedRows: number;
  /**
   * Later rows of a duplicate project (same name key and SOE set as a counted row): warned
   * (`duplicate_project`) and NOT counted again. `dataRows = validRows + warningRows + errorRows + duplicateRows`.
   */
  readonly duplicateRows?: number;
}

/** The result of reading and validating one sheet. */
export interface LedgerRead {
  readonly sheet: string;
  /** `null` when no header was found (then `issues` says why). */
  readonly header: HeaderInfo | null;
  /** The data date the rows above the header name ("截至2025年9月30日", `findDataDate`); absent when none does. */
  readonly dataDate?: DataDate;
  /** Counted rows (valid and warning rows), in sheet order. */
  readonly rows: readonly ProjectRow[];
  /** Every issue: sheet-level first, then by sheet row. */
  readonly issues: readonly LedgerIssue[];
  readonly counts: ReadCounts;
}

/** Options of `readLedger`. */
export interface ReadOptions {
  /** Sheet name reported in the result. */
  readonly sheetName?: string | undefined;
  /** Overrides of the detected column mapping. */
  readonly mapping?: ColumnOverrides | undefined;
  /** Allowed sector names; a value outside the list is a warning. Empty or absent: no check. */
  readonly allowedSectors?: readonly string[] | undefined;
  /** Allowed districts; a value outside the list is a warning. Empty or absent: no check. */
  readonly allowedDistricts?: readonly string[] | undefined;
  /**
   * The workbook's date system, for a grid of the serials the workbook stores (Office.js's `Range.values`): in a
   * 1904-system workbook the numbers of the date fields are read as 1904 serials (`dateCellIn1900`). Absent: 1900,
   * as the .xlsx reader already moves the dates of such a workbook.
   */
  readonly dateSystem?: DateSystem | undefined;
  /**
   * Keep the rows and issues in columns (`ProjectRowStore`, `IssueStore`) and give them as arrays built when read
   * (issue 15: a full sheet in bounded memory). Equal results; each read of an item builds it anew. Needs `Proxy`:
   * for Node.js (the CLI), not for the task panes, which must run in Internet Explorer 11.
   */
  readonly compact?: boolean | undefined;
}
