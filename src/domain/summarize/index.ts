/** Public exports of `summarize`: totals by any dimension, size bands, reconciliation, JSON form. */
export { summarize, type SummarizeOptions } from './summarize';
export { summarizeRows, type SummarizeRowsOptions } from './summarizeRows';
export { reconcile, type ReconcilableSummary } from './reconcile';
export { keyFigures } from './keyFigures';
export { toSummaryJson, type SummaryJsonOptions } from './toSummaryJson';
export { sizeBandOf } from './sizeBandOf';
export { sumWan, toYuan, yuanToWan, YUAN_PER_WAN, MAX_EXACT_YUAN } from './sumWan';
export { fsum } from './fsum';
export { SummarizeInputError, SUMMARIZE_INPUT_ERROR_CODES, type SummarizeInputErrorCode } from './SummarizeInputError';
export {
  SOE_ATTRIBUTIONS,
  SIZE_BANDS,
  RECONCILED_DIMENSIONS,
  KEY_FIGURE_IDS,
  type SoeAttribution,
  type SizeBand,
  type Figures,
  type BreakdownLine,
  type StageLine,
  type SizeBandLine,
  type SoeLine,
  type JointProjectsNote,
  type CrossTab,
  type ReconciledDimension,
  type ReconciliationCheck,
  type SummarySource,
  type Summary,
  type KeyFigureId,
  type KeyFigureValue,
  type SummaryJson,
  type SummaryJsonSource,
  type SummaryJsonFigures,
  type SummaryJsonLine,
  type SummaryJsonSoeLine,
  type SummaryJsonIssue,
  type SummaryJsonJointProjects,
  type SummaryJsonCrossTab,
  type SummaryJsonCheck,
} from './types';
