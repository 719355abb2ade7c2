/** Public exports of `layout`: summaries and issues as sheet plans (cells, formats, charts as data). */
export { layoutSummary, KEY_FIGURE_NAMES, type LayoutOptions } from './layoutSummary';
export { layoutValidation, type ValidationLayoutOptions } from './layoutValidation';
export { layoutChanges, type ChangesLayoutOptions } from './layoutChanges';
export { layoutRace, rankChangeText, type RaceLayoutOptions } from './layoutRace';
export { layoutWarnings, LIGHT_STYLES, type WarningsLayoutOptions } from './layoutWarnings';
export { LABELS, type LabelKey } from './labels';
export { formatLabel } from './formatLabel';
export { fillTemplate } from './fillTemplate';
export { formatNumber } from './formatNumber';
export { displayWidth, padDisplay, truncateDisplay } from './displayWidth';
export { numberFormats, type NumberFormats } from './numberFormats';
export { sheetAmountUnit, type SheetAmountUnit } from './sheetAmountUnit';
export { PLAN_STYLES } from './planStyles';
export {
  SHEET_ROLES,
  CHART_TYPES,
  type SheetRole,
  type PlanFormula,
  type PlanLink,
  type PlanCell,
  type PlanRange,
  type PlanStyle,
  type PlanBlock,
  type PlanFormat,
  type ChartType,
  type ChartSeriesSpec,
  type ChartSpec,
  type PlanRowHeight,
  type PlanName,
  type HeaderFooterText,
  type PageSetup,
  type SheetPlan,
  type KeyFigureDeltas,
} from './types';
