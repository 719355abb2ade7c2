/** Public exports of `merge`: the districts' ledgers into one city ledger (issue 18). */
export { createLedgerMerge, mergeLedgers, type LedgerMerge } from './mergeLedgers';
export { mergedLedgerGrid, SOURCE_HEADER, CODE_HEADER, type MergedCell, type MergedLedgerGrid, type MergedLedgerGridOptions } from './mergedLedgerGrid';
export { districtOfText } from './districtOfText';
export { looseNameKey } from './looseNameKey';
export { isProjectCodeHeader } from './isProjectCodeHeader';
export {
  MERGE_ISSUE_CODES,
  MERGE_ISSUE_SEVERITY,
  createMergeIssue,
  describeMergeIssueCode,
  describeSource,
  type MergeIssueCode,
  type MergeIssueParams,
} from './mergeIssueMessages';
export {
  CONFLICT_FIELDS,
  DUPLICATE_MATCHES,
  MERGE_UNITS,
  type ConflictField,
  type DuplicateMatch,
  type MergedProject,
  type MergeDuplicate,
  type MergeIssue,
  type MergeOptions,
  type MergeResult,
  type MergeSource,
  type MergeUnit,
  type ProjectSource,
} from './types';
