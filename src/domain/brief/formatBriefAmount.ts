/** How the briefing writes amounts: `exact` at the display decimals, or `rounded` the way bulletins do. */
export const BRIEF_STYLES = ['exact', 'rounded'] as const;
/** A briefing style. */
export type BriefStyle = (typeof BRIEF_STYLES)[number];

/** The display units of amounts in a briefing. */
export type BriefUnit = 'yi' | 'wan';

/**
 * What an amount is. `planned`: a planned total investment (计划总投资), an estimate by nature.
 * `actual`: invested to date (累计完成投资), a reported statistic.
 */
export type AmountKind = 'planned' | 'actual';

/** Options of `formatBriefAmount`. */
export interface BriefAmountOptions {
  readonly style: BriefStyle;
  readonly unit: BriefUnit;
  /** Decimals shown (0–6). */
  readonly decimals: number;
  readonly kind: AmountKind;
}

/** An amount as the briefing writes it: an optional qualifier and the digits. */
export interface BriefAmount {
  /** `near` → 近 / "nearly", `about` → 约 / "about", `null` → no qualifier. */
  readonly qualifier: 'near' | 'about' | null;
  /** The number as written, without unit and without thousands separators (e.g. "4952.7", "5000"). */
  readonly digits: string;
}

/**
 * How far below a round number a planned total may lie to be written 近N (nearly N): 1% of N.
 * Seed 000: 4952.7亿元 is 0.95% below 5000 → 近5000亿元; 3940.5亿元 is 1.49% below 4000 → 约3940.5亿元.
 */
export const NEAR_TOLERANCE = 0.01;

/** Units per 万元. */
const WAN_PER_UNIT: Readonly<Record<BriefUnit, number>> = { yi: 10_000, wan: 1 };

/** Relative tolerance for "this float is that decimal" (sums in 万元 carry binary noise). */
const SAME = 1e-9;

const isSame = (a: number, b: number): boolean => Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Round half away from zero at `decimals`, on the decimal representation (as Excel displays
 * 0.0 formats), so 3940.45 gives 3940.5 even though the binary float is slightly below.
 */
export function roundHalfAway(value: number, decimals: number): number {
  const magnitude = Math.abs(value);
  if (!Number.isFinite(magnitude)) return value;
  const text = String(magnitude);
  // Shift the decimal point in the decimal text, not by multiplying: 3940.45 * 10 is 39404.49999….
  const shifted = text.includes('e') ? Math.round(magnitude * 10 ** decimals) : Math.round(Number(`${text}e${decimals}`));
  const rounded = shifted / 10 ** decimals;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** `value` at `decimals` fixed decimals, after `roundHalfAway`. */
export function fixedDigits(value: number, decimals: number): string {
  const text = roundHalfAway(value, decimals).toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** `fixedDigits` without trailing zeros after the point ("112.0" → "112", "11.90" → "11.9"). */
export function trimmedDigits(value: number, decimals: number): string {
  const text = fixedDigits(value, decimals);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * The smallest number with at most two significant figures that is ≥ `value` (> 0),
 * as an integer mantissa and a power of ten: 4952.7 → {mantissa: 50, exponent: 2} (5000).
 */
function roundCeiling(value: number): { mantissa: number; exponent: number } {
  let exponent = Math.floor(Math.log10(value)) - 1;
  let mantissa = Math.ceil(value / 10 ** exponent - SAME * 100);
  if (mantissa >= 100) {
    mantissa = Math.round(mantissa / 10);
    exponent += 1;
  }
  return { mantissa, exponent };
}

function roundNumberDigits(mantissa: number, exponent: number): string {
  if (exponent >= 0) return String(mantissa * 10 ** exponent);
  return trimmedDigits(mantissa / 10 ** -exponent, -exponent);
}

/**
 * Write an amount (given in 万元) in the briefing's unit and style.
 *
 * `exact`: the value at `decimals` fixed decimals, no qualifier ("4952.7", "112.0").
 *
 * `rounded` (documented rule, seed 000 style; trailing zeros dropped):
 * - planned totals (estimates):
 *   1. a round number (at most two significant figures, e.g. 5000, 120, 0.35) or ≤ 0 → as is, no qualifier;
 *   2. else, when the value lies below the next round number N (its two-significant-figure ceiling)
 *      by at most `NEAR_TOLERANCE` (1%) of N → 近N ("nearly N"): 4952.7 → 近5000;
 *   3. else → 约 ("about") the value at `decimals`: 3940.5 → 约3940.5, 3940.46 → 约3940.5.
 * - actual amounts (invested to date): the value at `decimals`; 约 only when that rounding changed
 *   the value (112 → 112, 11.9 → 11.9, 11.94 → 约11.9). 近 is never used: a reported statistic is
 *   never rounded up.
 */
export function formatBriefAmount(valueWan: number, options: BriefAmountOptions): BriefAmount {
  const decimals = Math.min(6, Math.max(0, Math.trunc(options.decimals)));
  const value = valueWan / WAN_PER_UNIT[options.unit];
  if (options.style === 'exact') return { qualifier: null, digits: fixedDigits(value, decimals) };
  const rounded = roundHalfAway(value, decimals);
  const atDecimals = trimmedDigits(value, decimals);
  if (options.kind === 'actual' || value <= 0) {
    return { qualifier: isSame(rounded, value) ? null : 'about', digits: atDecimals };
  }
  const { mantissa, exponent } = roundCeiling(value);
  const ceiling = mantissa * 10 ** exponent;
  if (isSame(ceiling, value)) return { qualifier: null, digits: roundNumberDigits(mantissa, exponent) };
  if ((ceiling - value) / ceiling <= NEAR_TOLERANCE) return { qualifier: 'near', digits: roundNumberDigits(mantissa, exponent) };
  return { qualifier: 'about', digits: atDecimals };
}
