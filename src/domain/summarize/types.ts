/**
 * Plain data types of a ledger summary (`summarize`) and of its JSON form (`toSummaryJson`).
 * Amounts in a `Summary` are 万元 (`…Wan`), unrounded; the JSON form carries 亿元.
 * Everything is serialisable: no classes, no functions, no Dates.
 */
import type { AmountUnit, Stage } from '../ledger/types';
import type { LedgerIssue, ReadCounts } from '../validate/types';

/** How a project naming several SOEs is credited in the SOE table. */
export const SOE_ATTRIBUTIONS = ['full', 'split'] as const;
/**
 * `full`: every partner gets the whole project (count and amounts); the SOE table then sums to
 * more than the grand total. `split`: every partner gets 1/n of the count and of the amounts.
 */
export type SoeAttribution = (typeof SOE_ATTRIBUTIONS)[number];

/**
 * Size bands on total investment in 亿元, half-open, largest first (DOMAIN.md §3):
 * `100+` = [100, ∞), `10-100` = [10, 100), `1-10` = [1, 10), `0-1` = below 1 (negative amounts included).
 */
export const SIZE_BANDS = ['100+', '10-100', '1-10', '0-1'] as const;
/** A size band. */
export type SizeBand = (typeof SIZE_BANDS)[number];

/** The figures of one summary line (or of the grand total). Amounts in 万元. */
export interface Figures {
  /** Projects counted. In the SOE table with `split` attribution, a fraction (1/n per joint project). */
  readonly projects: number;
  /** Distinct SOEs (canonical names) among the line's projects. 1 on an SOE line. */
  readonly soes: number;
  /** Projects in construction or completed (`STARTED_STAGES`). Split like `projects`. */
  readonly started: number;
  /** Projects completed. Split like `projects`. */
  readonly completed: number;
  /** Total investment, 万元. */
  readonly totalWan: number;
  /** Invested to date, 万元. */
  readonly investedWan: number;
  /** `investedWan / totalWan`; `null` when `totalWan` is 0. */
  readonly investedShare: number | null;
  /** `totalWan` / the grand total's `totalWan`; `null` when the grand total is 0. */
  readonly shareOfTotal: number | null;
}

/** A line of a breakdown by a text column. `key` is `null` for rows whose cell is blank ("(未填)"). */
export interface BreakdownLine extends Figures {
  readonly key: string | null;
}

/** A line of the stage breakdown. */
export interface StageLine extends Figures {
  readonly key: Stage;
}

/** A line of the size-band breakdown. */
export interface SizeBandLine extends Figures {
  readonly key: SizeBand;
}

/** A line of the SOE breakdown. */
export interface SoeLine extends Figures {
  /** Canonical group name (e.g. 中国华能集团有限公司). */
  readonly key: string;
  /** Short display name (e.g. 中国华能). */
  readonly shortName: string;
  /** True when the name was matched against the SASAC list or the alias table. */
  readonly isKnown: boolean;
}

/**
 * The SOE table's note on joint projects: how many projects name several SOEs, and by how much
 * the SOE table's column sums exceed the grand total (0 with `split` attribution). Amounts in 万元.
 */
export interface JointProjectsNote {
  readonly attribution: SoeAttribution;
  /** Projects naming two or more SOEs. */
  readonly count: number;
  readonly projectsExcess: number;
  readonly totalWanExcess: number;
  readonly investedWanExcess: number;
}

/**
 * Sector × stage cross-tab. `projects[i][j]` and `totalWan[i][j]` are for `sectors[i]` (the
 * `bySector` order) and `STAGES[j]`.
 */
export interface CrossTab {
  readonly sectors: readonly string[];
  readonly stages: readonly Stage[];
  readonly projects: readonly (readonly number[])[];
  readonly totalWan: readonly (readonly number[])[];
}

/** The breakdowns that must add up to the grand total. */
export const RECONCILED_DIMENSIONS = ['bySector', 'byStage', 'byDistrict', 'byCategory', 'bySizeBand', 'crossTab'] as const;
/** A reconciled breakdown. */
export type ReconciledDimension = (typeof RECONCILED_DIMENSIONS)[number];

/**
 * One reconciliation check: a breakdown's column sums minus the grand total. `ok` when every
 * difference is exactly 0. A `null` difference: the breakdown does not carry that figure
 * (the cross-tab has only projects and total investment). Amounts in 万元.
 */
export interface ReconciliationCheck {
  readonly dimension: ReconciledDimension;
  readonly ok: boolean;
  readonly projectsDiff: number;
  readonly startedDiff: number | null;
  readonly completedDiff: number | null;
  readonly totalWanDiff: number;
  readonly investedWanDiff: number | null;
}

/** Where the summarised rows came from. */
export interface SummarySource {
  readonly sheet: string;
  /** 1 or 2; 0 when no header was found. */
  readonly headerRows: number;
  /** Rows below the header that look like projects. */
  readonly dataRows: number;
  /** The amount unit the ledger states (total-investment header, else the sheet's unit line); `null` when it states none. */
  readonly unit: AmountUnit | null;
  readonly counts: ReadCounts;
}

/**
 * Totals and breakdowns of the counted rows of one ledger. Amounts in 万元, unrounded; every sum
 * is exact in whole 元 and independent of row order (see `sumWan`).
 * Sorting: `byStage` in lifecycle order, `bySizeBand` in band order (`100+` first), every other
 * breakdown by `totalWan` descending, then key in code-unit order; a blank-key line comes last.
 */
export interface Summary {
  readonly source: SummarySource;
  readonly soeAttribution: SoeAttribution;
  readonly totals: Figures;
  readonly bySector: readonly BreakdownLine[];
  /** All five stages, in lifecycle order, even when empty. */
  readonly byStage: readonly StageLine[];
  readonly bySoe: readonly SoeLine[];
  /** `null` when the ledger has no district column. */
  readonly byDistrict: readonly BreakdownLine[] | null;
  /** `null` when the ledger has no category column. */
  readonly byCategory: readonly BreakdownLine[] | null;
  /** All four bands, in band order, even when empty. */
  readonly bySizeBand: readonly SizeBandLine[];
  readonly crossTab: CrossTab;
  readonly jointProjects: JointProjectsNote;
  readonly reconciliation: readonly ReconciliationCheck[];
  /** The read's issues, unchanged. */
  readonly issues: readonly LedgerIssue[];
}

/** The key figures, in the order the briefings and the task pane cards use. */
export const KEY_FIGURE_IDS = ['projects', 'soes', 'totalWan', 'started', 'investedWan'] as const;
/** A key figure. `totalWan` and `investedWan` are amounts in 万元; the others are counts. */
export type KeyFigureId = (typeof KEY_FIGURE_IDS)[number];

/** One key figure and its value (万元 for amounts). */
export interface KeyFigureValue {
  readonly id: KeyFigureId;
  readonly kind: 'count' | 'amount';
  readonly value: number;
}

/* ----------------------------------------------------------------------------------------------
 * JSON form (docs/summary.schema.json). Amounts in 亿元 (万元 / 10⁴), unrounded.
 * -------------------------------------------------------------------------------------------- */

/** `source` of the summary JSON. */
export interface SummaryJsonSource {
  readonly sheet: string;
  readonly headerRows: number;
  readonly dataRows: number;
  /** The unit the ledger states (`yuan`, `wan`, `yi`), or `null`. JSON amounts are always 亿元. */
  readonly unit: AmountUnit | null;
}

/** Figures of the summary JSON. Amounts in 亿元. */
export interface SummaryJsonFigures {
  readonly projects: number;
  readonly soes: number;
  readonly started: number;
  readonly completed: number;
  readonly totalInvestment: number;
  readonly investedToDate: number;
}

/** A breakdown line of the summary JSON; `key` is `null` for the blank-cell line. */
export interface SummaryJsonLine extends SummaryJsonFigures {
  readonly key: string | null;
}

/** An SOE line of the summary JSON. */
export interface SummaryJsonSoeLine extends SummaryJsonFigures {
  readonly key: string;
  readonly shortName: string;
}

/** An issue of the summary JSON. */
export interface SummaryJsonIssue {
  readonly sheetRow: number | null;
  /** "F 总投资" (letter, space, header), or `null` for a row- or sheet-level issue. */
  readonly column: string | null;
  readonly code: string;
  readonly severity: LedgerIssue['severity'];
  /** In the language asked for. */
  readonly message: string;
}

/** The joint-project note of the summary JSON. Amounts in 亿元. */
export interface SummaryJsonJointProjects {
  readonly attribution: SoeAttribution;
  readonly count: number;
  readonly projectsExcess: number;
  readonly totalInvestmentExcess: number;
  readonly investedToDateExcess: number;
}

/** The sector × stage cross-tab of the summary JSON. Amounts in 亿元. */
export interface SummaryJsonCrossTab {
  readonly sectors: readonly string[];
  readonly stages: readonly Stage[];
  readonly projects: readonly (readonly number[])[];
  readonly totalInvestment: readonly (readonly number[])[];
}

/** A reconciliation check of the summary JSON. Amounts in 亿元. */
export interface SummaryJsonCheck {
  readonly dimension: ReconciledDimension;
  readonly ok: boolean;
  readonly projectsDiff: number;
  readonly startedDiff: number | null;
  readonly completedDiff: number | null;
  readonly totalInvestmentDiff: number;
  readonly investedToDateDiff: number | null;
}

/**
 * The summary as JSON (docs/summary.schema.json). Deterministic: no timestamp, so the same
 * ledger always gives the same text.
 */
export interface SummaryJson {
  readonly source: SummaryJsonSource;
  readonly totals: SummaryJsonFigures;
  readonly bySector: readonly SummaryJsonLine[];
  readonly byStage: readonly SummaryJsonLine[];
  readonly bySoe: readonly SummaryJsonSoeLine[];
  /** [] when the ledger has no district column. */
  readonly byRegion: readonly SummaryJsonLine[];
  /** [] when the ledger has no category column. */
  readonly byCategory: readonly SummaryJsonLine[];
  readonly bySizeBand: readonly SummaryJsonLine[];
  readonly issues: readonly SummaryJsonIssue[];
  readonly jointProjects: SummaryJsonJointProjects;
  readonly crossTab: SummaryJsonCrossTab;
  readonly reconciliation: readonly SummaryJsonCheck[];
  /** The briefing paragraph (`draftBrief`), attached by the workflows and the CLI after `toSummaryJson`; optional in the schema. */
  readonly brief?: string;
}
