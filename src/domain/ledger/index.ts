/**
 * Public exports of the ledger reader, the validator and the reference data (issue 4).
 * The lead assembles `src/domain/index.ts` from this list.
 */
export { readLedger } from './readLedger';
export { createLedgerReader } from './createLedgerReader';
export type { LedgerReader } from './createLedgerReader';
export { findHeader, HEADER_SEARCH_ROWS } from './findHeader';
export { findDataDate, formatDataDate, parseDataDatePhrase } from './findDataDate';
export type { DataDate } from './findDataDate';
export { HEADER_SYNONYMS } from './headerSynonyms';
export { matchHeaderText, unitOfText } from './matchHeaderText';
export type { HeaderTextMatch } from './matchHeaderText';
export { parseAmount, AMOUNT_INVALID_REASONS } from './parseAmount';
export type { AmountParse, AmountInvalidReason } from './parseAmount';
export { parseLedgerDate, compareLedgerDates, dateCellIn1900, DATE_1904_OFFSET_DAYS } from './parseLedgerDate';
export type { DateParse, DateSystem } from './parseLedgerDate';
export { parseStage } from './parseStage';
export type { StageParse } from './parseStage';
export { STAGE_TERMS } from './stageTerms';
export { matchSoes, matchSoeCell } from './matchSoes';
export type { SoeCellMatch, SoeFinding } from './matchSoes';
export { normalizeText } from './normalizeText';
export { columnLetter, columnIndexOf } from './columnLetter';
export { classifyRow } from './classifyRow';
export type { RowClass, RowKind, RowLayout } from './classifyRow';
export { isBlankCell, cellText } from './cellText';
export { isPlaceholder, PLACEHOLDERS } from './placeholders';
export { editDistance, nearestTerms } from './editDistance';
export { FIELD_LABELS, STAGE_LABELS } from './fieldLabels';
export { STAGES, STARTED_STAGES, FIELDS, PROGRESS_FIELDS, REQUIRED_FIELDS, AMOUNT_UNITS, SEVERITIES, LANGS, FORMULA_NOT_CALCULATED } from './types';
export type {
  CellValue,
  Grid,
  Stage,
  Field,
  AmountUnit,
  ColumnRef,
  ColumnMapping,
  ColumnOverrides,
  HeaderInfo,
  SoeRef,
  LedgerDate,
  ProjectRow,
  RowProgress,
  Severity,
  Lang,
  Bilingual,
} from './types';

export { ISSUE_CODES, ISSUE_SEVERITY, describeIssueCode, isIssueCode, issueMessage, formatWan } from '../validate/issueMessages';
export type { IssueCode, IssueParams } from '../validate/issueMessages';
export { validateRow } from '../validate/validateRow';
export { OUTLIER_FACTOR } from '../validate/flagOutliers';
export type { IssueColumn, LedgerIssue, ReadCounts, LedgerRead, ReadOptions } from '../validate/types';
export { countIssuesBySeverity, forEachIssueLocation, issueIndexesBySeverity, isStoredIssueList, type IssueLocation } from '../validate/issueStore';

export { SOE_GROUPS, SOE_ALIASES } from '../reference/soeData';
export { REGIONS } from '../reference/regionData';
export { lookupSoe, soeGroupByFullName } from '../reference/lookupSoe';
export type { SoeLookup, SoeMatchVia } from '../reference/lookupSoe';
export { lookupRegion } from '../reference/lookupRegion';
export { SOE_STATUSES, SOE_ALIAS_RELATIONS, FLAGGED_ALIAS_RELATIONS } from '../reference/types';
export type { SoeGroup, SoeStatus, SoeAlias, SoeAliasRelation, Region } from '../reference/types';
export { arrayOnDemand } from './arrayOnDemand';
export { grownArray, type ColumnArray } from './grownArray';
export { ValueTable } from './valueTable';
