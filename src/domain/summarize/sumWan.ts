/**
 * Exact, order-independent sums of 万元 amounts.
 *
 * Every amount is taken to the nearest whole 元 (4 decimals of 万元, the finest precision a 万元
 * ledger carries) and summed as an integer (`ExactSums`). Integers add exactly in float64, so
 * a sum does not depend on the order of its terms, and a breakdown's lines add up to the grand
 * total to the last bit. Taking amounts to whole 元 also removes binary artefacts of unit
 * conversion: 0.57 亿元 × 10⁴ = 5699.999999999999 万元 counts as 5700 万元. Sub-元 parts
 * (分) are dropped; reports show at best 0.01 亿元 = 10⁶ 元.
 */
import { ExactSums } from './ExactSums';

/** 元 per 万元. */
export const YUAN_PER_WAN = 10_000;

/**
 * Below this many 元 (2^50 ≈ 1.1 × 10⁷ 亿元) a whole-元 total converts to 万元 and back without
 * loss (`toYuan(yuanToWan(k)) === k`), which `reconcile` relies on.
 */
export const MAX_EXACT_YUAN = 2 ** 50;

/** The nearest whole 元 of an amount in 万元 (`NaN` and ±`Infinity` stay as they are). */
export function toYuan(wan: number): number {
  return Math.round(wan * YUAN_PER_WAN);
}

/** A whole-元 amount in 万元 (one correctly rounded division). */
export function yuanToWan(yuan: number): number {
  return yuan / YUAN_PER_WAN;
}

/**
 * Sum amounts in 万元 exactly: each taken to the nearest whole 元, then added as integers, so
 * the result is the same bit for bit in any order. Use it wherever an amount total must agree
 * with `summarize` (a 合计 row, a snapshot's totals).
 * @throws RangeError when an amount is `NaN`, infinite, or too large to count in 元.
 * @example sumWan([0.1, 0.2]) // 0.3 (the plain sum gives 0.30000000000000004)
 */
export function sumWan(amountsWan: Iterable<number>): number {
  const sums = new ExactSums(1);
  for (const wan of amountsWan) {
    const yuan = toYuan(wan);
    if (!Number.isFinite(yuan)) throw new RangeError(`sumWan: amount ${String(wan)} 万元 is not a finite number of 元`);
    sums.add(0, yuan);
  }
  return yuanToWan(sums.value(0));
}
