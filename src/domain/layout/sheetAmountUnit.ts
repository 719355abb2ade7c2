import type { Lang } from '../ledger/types';
import { formatLabel } from './formatLabel';

/** How a sheet shows amounts: the unit's label, the conversion from 万元 and the decimals of its number format. */
export interface SheetAmountUnit {
  /** The unit as the sheet names it: 亿元, 万元, CNY bn, CNY 10,000. */
  readonly label: string;
  /** An amount in 万元 in this unit, exact (no -0). */
  readonly fromWan: (wan: number) => number;
  /** Decimals of the amount format (the setting's; one more for billions, so that 369.5 亿元 shows as 36.95). */
  readonly decimals: number;
}

/**
 * The amount unit of the summary and changes sheets for a language and the `displayUnit` setting. Chinese sheets
 * show 亿元 or 万元 as set; English sheets show 亿元 as billions of yuan ("CNY bn", 1 亿元 = 0.1 bn), never
 * "hundred million", with one decimal more so that no digit is lost; 万元 as "CNY 10,000".
 * @example sheetAmountUnit('en-US', 'yi', 1).fromWan(3_695_100) // → 36.951 (shown 36.95)
 */
export function sheetAmountUnit(lang: Lang, displayUnit: 'yi' | 'wan', decimals: number): SheetAmountUnit {
  if (displayUnit === 'wan') return { label: formatLabel(lang, 'unitWan'), fromWan: noNegativeZero, decimals };
  if (lang === 'en-US') return { label: formatLabel(lang, 'unitBn'), fromWan: (wan) => noNegativeZero(wan / 100_000), decimals: decimals + 1 };
  return { label: formatLabel(lang, 'unitYi'), fromWan: (wan) => noNegativeZero(wan / 10_000), decimals };
}

function noNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}
