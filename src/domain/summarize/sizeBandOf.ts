import { SIZE_BANDS, type SizeBand } from './types';
import { toYuan } from './sumWan';

/** Lower bounds of the size bands in whole 元, in `SIZE_BANDS` order: 100 亿, 10 亿, 1 亿. */
const BAND_FLOORS_YUAN = [1e10, 1e9, 1e8] as const;

/**
 * Index in `SIZE_BANDS` of a total investment in whole 元. Half-open bands: exactly 10 亿元
 * (10⁹ 元) is in `10-100`. Used by `summarize`'s hot loop; `sizeBandOf` is the public form.
 */
export function sizeBandIndexOfYuan(totalYuan: number): number {
  if (totalYuan >= BAND_FLOORS_YUAN[0]) return 0;
  if (totalYuan >= BAND_FLOORS_YUAN[1]) return 1;
  if (totalYuan >= BAND_FLOORS_YUAN[2]) return 2;
  return 3;
}

/**
 * The size band of a total investment given in 万元, on half-open intervals of 亿元
 * (DOMAIN.md §3): ≥ 100, [10, 100), [1, 10), below 1 (negative and `NaN` included).
 * The amount is first taken to whole 元, as every sum in `summarize` is.
 * @example sizeBandOf(100_000) // '10-100' (10 亿元 exactly)
 */
export function sizeBandOf(totalWan: number): SizeBand {
  return SIZE_BANDS[sizeBandIndexOfYuan(toYuan(totalWan))] as SizeBand;
}
