/**
 * Plain data types of a read ledger. These are the contract between the reader
 * (`readLedger`), the validator, `summarize`, the layout and the workflows.
 * Everything here is serialisable: no classes, no functions, no Dates.
 */

/**
 * One cell as a host hands it over: a number (dates arrive as Excel serial
 * numbers), a string, a boolean, or empty (`null`, `undefined` or `""`).
 */
export type CellValue = string | number | boolean | null | undefined;

/**
 * The value a file reader gives a formula cell whose result was never calculated (a file saved by a
 * program that writes formulas without their results): not a value, so a row that needs the cell is
 * not counted and gets `formula_not_calculated` instead of looking empty. A control character that
 * no worksheet cell can hold (XML 1.0 forbids U+0000) keeps it apart from any text.
 */
export const FORMULA_NOT_CALCULATED = '\u0000formula_not_calculated';

/** A sheet's cells as rows of values, top-left at `rowIndex` 0 / column 0 of the sheet. */
export type Grid = readonly (readonly CellValue[])[];

/** The five canonical project stages, in lifecycle order (DOMAIN.md §3). */
export const STAGES = ['planning', 'signed', 'preparation', 'construction', 'completed'] as const;
/** A canonical project stage. */
export type Stage = (typeof STAGES)[number];

/** Stages that count as "started" (开工): construction or completed. */
export const STARTED_STAGES: readonly Stage[] = ['construction', 'completed'];

/** The ledger columns the engine knows. */
export const FIELDS = [
  'serial',
  'name',
  'soe',
  'sector',
  'stage',
  'category',
  'district',
  'totalInvestment',
  'investedToDate',
  'startDate',
  'completionDate',
  'notes',
  'signDate',
  'plannedStartDate',
  'actualStartDate',
  'plannedCompletionDate',
  'annualPlanInvestment',
  'yearInvested',
] as const;
/** A known ledger column. */
export type Field = (typeof FIELDS)[number];

/** Columns without which no row can be counted. A missing one is one sheet-level error. */
export const REQUIRED_FIELDS: readonly Field[] = ['name', 'soe', 'sector', 'stage', 'totalInvestment'];

/** Amount units seen in ledgers. Internally every amount is stored in 万元 (`wan`). */
export const AMOUNT_UNITS = ['yuan', 'wan', 'yi'] as const;
/** An amount unit: 元, 万元 or 亿元. */
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

/** Where a column was found. */
export interface ColumnRef {
  /** 0-based column index in the grid. */
  readonly index: number;
  /** Column letter as Excel shows it ("A", "AB"). */
  readonly letter: string;
  /** The header text as written (both header rows joined with "/" for two-row headers). */
  readonly header: string;
  /** Unit taken from this column's header, if it names one. */
  readonly unit?: AmountUnit;
}

/** Which column holds which field. */
export type ColumnMapping = Partial<Record<Field, ColumnRef>>;

/**
 * A caller-supplied mapping that overrides detection: a column letter ("E")
 * or the exact header text ("计划总投资（亿元）") per field.
 */
export type ColumnOverrides = Partial<Record<Field, string>>;

/** Where the table is in the sheet. */
export interface HeaderInfo {
  /** 0-based index of the first header row. */
  readonly headerRowIndex: number;
  /** 1 or 2 header rows. */
  readonly headerRows: number;
  /** 0-based index of the first row below the header. */
  readonly dataStartRowIndex: number;
  /** Detected (and overridden) columns. */
  readonly columns: ColumnMapping;
  /** Unit from a unit line ("单位：亿元") above the header, if any. */
  readonly sheetUnit?: AmountUnit;
}

/** One SOE named in a row, matched against the SASAC list. */
export interface SoeRef {
  /** The name as written in the cell (one part of a split cell). */
  readonly raw: string;
  /** Canonical group full name (e.g. 中国华能集团有限公司), or the cleaned raw name when unknown. */
  readonly canonical: string;
  /** Short display name (e.g. 中国华能), or the cleaned raw name when unknown. */
  readonly shortName: string;
  /** True when matched against the SASAC list or the alias table. */
  readonly isKnown: boolean;
}

/**
 * A date as precise as the ledger gives it: "2024", "2024-03" or "2024-03-15".
 * Comparable as strings for the same precision.
 */
export type LedgerDate = string;

/** One project row that is counted (it may carry warnings, never errors). */
export interface ProjectRow {
  /** 1-based row number as Excel shows it. Stable key of the row. */
  readonly sheetRow: number;
  readonly name: string;
  /** Normalised name (NFKC, no spaces) used for duplicate detection and period matching. */
  readonly nameKey: string;
  /** The SOEs named in the row, deduplicated by canonical name, in cell order. */
  readonly soes: readonly SoeRef[];
  readonly sector: string;
  readonly stage: Stage;
  /** The stage text as written. */
  readonly stageRaw: string;
  /** Category (项目类别), `null` when the column is absent or the cell blank. */
  readonly category: string | null;
  /** District (所属地区), `null` when the column is absent or the cell blank. */
  readonly district: string | null;
  /** Total investment in 万元, unrounded. */
  readonly totalWan: number;
  /** Invested to date in 万元, unrounded; 0 when the column is absent or the cell blank. */
  readonly investedWan: number;
  readonly startDate: LedgerDate | null;
  readonly completionDate: LedgerDate | null;
  /** True when any amount in the row was approximate (约, 左右, 以上). */
  readonly isApproximate: boolean;
  /** The optional schedule and annual-investment columns (issue 17); absent when the ledger has none of them. */
  readonly progress?: RowProgress;
}

/**
 * The optional columns the 赛马 ranking and the 红黄绿灯 lights read (issue 17). Each value is `null` when its
 * column is absent, the cell blank or unreadable (an unreadable cell is a warning of the row).
 */
export interface RowProgress {
  /** 签约时间. */
  readonly signDate: LedgerDate | null;
  /** 计划开工时间. */
  readonly plannedStartDate: LedgerDate | null;
  /** 实际开工时间. */
  readonly actualStartDate: LedgerDate | null;
  /** 计划竣工时间. */
  readonly plannedCompletionDate: LedgerDate | null;
  /** 年度计划投资 in 万元, unrounded. */
  readonly annualPlanWan: number | null;
  /** 本年完成投资 (本年累计完成投资, 今年完成投资) in 万元, unrounded. */
  readonly yearInvestedWan: number | null;
}

/** The fields `RowProgress` is read from. */
export const PROGRESS_FIELDS = ['signDate', 'plannedStartDate', 'actualStartDate', 'plannedCompletionDate', 'annualPlanInvestment', 'yearInvested'] as const;

/** Issue severities. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
/** `error`: the row is excluded. `warning`: counted and listed. `info`: a skipped non-project row. */
export type Severity = (typeof SEVERITIES)[number];

/** The two UI languages. */
export const LANGS = ['zh-CN', 'en-US'] as const;
/** A UI language. */
export type Lang = (typeof LANGS)[number];

/** A text in both languages. */
export interface Bilingual {
  readonly 'zh-CN': string;
  readonly 'en-US': string;
}
