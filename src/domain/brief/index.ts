/** Public exports of `brief`: the briefing paragraph drafted from a summary. */
export { draftBrief, LISTED_SECTORS, type BriefOptions } from './draftBrief';
export {
  formatBriefAmount,
  roundHalfAway,
  fixedDigits,
  trimmedDigits,
  BRIEF_STYLES,
  NEAR_TOLERANCE,
  type BriefStyle,
  type BriefUnit,
  type AmountKind,
  type BriefAmount,
  type BriefAmountOptions,
} from './formatBriefAmount';
export { plainText } from './plainText';
export { lightsSentence } from './lightsSentence';
