/** Public exports of `race`: the 赛马 ranking of districts and the 红黄绿灯 lights of projects (issue 17). */
export {
  RACE_INDICATORS,
  RACE_INDICATOR_LABELS,
  DEFAULT_RACE_RULES,
  parseRaceRules,
  type RaceIndicator,
  type RaceGroupRule,
  type LightThresholds,
  type RaceRules,
  type RaceRulesParse,
} from './raceRules';
export { parseAsOf, lastCompleteMonthEnd, formatAsOf, monthIndexOf, isInYearToDate, type AsOfDate, type AsOfParts } from './asOfDate';
export {
  computeLights,
  describeLightReason,
  LIGHTS,
  LIGHT_RULES,
  type Light,
  type LightRule,
  type FlaggedProject,
  type LightReason,
  type LightCounts,
  type DistrictLightCounts,
  type RuleNote,
  type LightsResult,
  type LightsInput,
} from './computeLights';
export {
  computeRace,
  raceRanks,
  withRankChanges,
  RANK_TIE_TOLERANCE,
  type RaceValues,
  type RaceDistrict,
  type RaceGroup,
  type RaceOutside,
  type RaceResult,
  type RaceBaseline,
  type RaceInput,
} from './computeRace';
export { toRaceJson, toWarningsJson, type RaceJson, type RaceDistrictJson, type WarningsJson, type FlaggedProjectJson } from './toRaceJson';
export { RULES_SHEET_NAME, rulesSheetGrid, parseRulesSheet, layoutRulesSheet, type RulesSheetLayout } from './rulesSheet';
