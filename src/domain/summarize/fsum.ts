/**
 * The correctly rounded sum of doubles: Shewchuk's exact partials, as Python's `math.fsum`.
 * The result is the exact sum rounded once, so it does not depend on the order of `values`.
 * Non-finite inputs give the plain sum (`NaN` or ±`Infinity`).
 * Cost grows with the spread of exponents, so the hot paths use `sumWan`'s integer lanes instead.
 * @example fsum([0.1, 0.2, -0.3]) // 2.7755575615628914e-17 (the plain sum gives 5.551115123125783e-17)
 */
export function fsum(values: Iterable<number>): number {
  const partials: number[] = [];
  let plain = 0;
  for (const value of values) {
    plain += value;
    if (!Number.isFinite(value)) continue;
    let x = value;
    let kept = 0;
    for (let j = 0; j < partials.length; j += 1) {
      let y = partials[j] as number;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials.length = kept;
    partials.push(x);
  }
  if (!Number.isFinite(plain)) return plain;
  return roundPartials(partials);
}

/** Sum non-overlapping partials (ascending magnitude) with one correct rounding (half to even). */
function roundPartials(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  n -= 1;
  let hi = partials[n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    n -= 1;
    const y = partials[n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // The exact sum lies between hi and its neighbour; when lo is exactly half an ulp, the next
  // partial decides the direction (as CPython's math.fsum does).
  const next = n > 0 ? (partials[n - 1] as number) : 0;
  if ((lo < 0 && next < 0) || (lo > 0 && next > 0)) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
