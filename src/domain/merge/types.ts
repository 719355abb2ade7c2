import type { AmountUnit, Bilingual, ProjectRow, Severity } from '../ledger/types';
import type { LedgerRead } from '../validate/types';

/** One district's ledger as read by the project's reader, with what the merge needs besides the rows. */
export interface MergeSource {
  /** The file name as shown to the user (no folder), e.g. 甘井子区央地合作项目台账.xlsx. */
  readonly file: string;
  /** The reader's result for the file's ledger sheet (`read.sheet` names the sheet). */
  readonly read: LedgerRead;
  /** The text of the rows above the header (the title), `''` when none; searched for a district name. */
  readonly title?: string;
  /** Explicit project codes (项目代码) by sheet row, when the ledger has such a column. */
  readonly codes?: ReadonlyMap<number, string>;
}

/** Where a merged project was reported: file, sheet and 1-based sheet row. */
export interface ProjectSource {
  /** Index of the file in the merge's input order. */
  readonly fileIndex: number;
  readonly file: string;
  readonly sheet: string;
  readonly sheetRow: number;
}

/** Why two rows of different files are the same project. */
export const DUPLICATE_MATCHES = ['code', 'name_soes'] as const;
/** `code`: the same explicit project code; `name_soes`: the same normalised name and the same SOE set. */
export type DuplicateMatch = (typeof DUPLICATE_MATCHES)[number];

/** One project of the merged ledger. */
export interface MergedProject {
  /** The row whose values the merged ledger shows: the first file's (first file wins). */
  readonly row: ProjectRow;
  /** The explicit project code, `null` when none of its sources has one. */
  readonly code: string | null;
  /** Every row that reported it, the winning one first, in input order. */
  readonly sources: readonly ProjectSource[];
}

/** A project reported by more than one file: listed once in the merged ledger. */
export interface MergeDuplicate {
  readonly name: string;
  readonly match: DuplicateMatch;
  /** The winning row's source first, then the later ones. */
  readonly sources: readonly ProjectSource[];
  /** The fields whose values differ between the winning row and a later one. */
  readonly conflicts: readonly ConflictField[];
}

/** The fields compared between the rows of a duplicate. */
export const CONFLICT_FIELDS = ['totalInvestment', 'stage', 'district'] as const;
/** A compared field. */
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

/**
 * A finding of the merge, pointing at every row it is about (`sources`, the first one being the row that
 * stays). `code` is stable snake_case (`MERGE_ISSUE_CODES`).
 */
export interface MergeIssue {
  readonly code: string;
  readonly severity: Severity;
  readonly sources: readonly ProjectSource[];
  readonly message: Bilingual;
  readonly suggestion?: Bilingual;
}

/** The merged ledger: projects in input order (file by file, sheet order), duplicates listed once. */
export interface MergeResult {
  readonly projects: readonly MergedProject[];
  readonly duplicates: readonly MergeDuplicate[];
  /** The merge's own findings (conflicts, near-duplicates, district mismatches); the reader's stay in each `read`. */
  readonly issues: readonly MergeIssue[];
  /** The district each file's name or title names, by file index; `null` when none (or several) is named. */
  readonly fileDistricts: readonly (string | null)[];
}

/** Options of `mergeLedgers`. */
export interface MergeOptions {
  /**
   * Relative tolerance under which two totals are equal (default 1e-9): a total written in 亿元 in one file and
   * in 万元 in another differs only by rounding after the conversion.
   */
  readonly tolerance?: number;
}

/** Units the merged ledger can state its amounts in. */
export const MERGE_UNITS = ['yi', 'wan'] as const satisfies readonly AmountUnit[];
/** 亿元 (default) or 万元. */
export type MergeUnit = (typeof MERGE_UNITS)[number];
