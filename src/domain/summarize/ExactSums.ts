const CARRY_AT = 2 ** 52;
const CARRY_UNIT = 2 ** 32;
const DIRECT_LIMIT = 2 ** 50;

/**
 * A growable array of exact accumulators of whole-元 amounts (see `sumWan` for the method).
 * Accumulator i is two float64 cells: `lo[i]` takes each term, and when it nears 2^52 its
 * multiple of 2^32 moves to `hi[i]`, which therefore stays exact up to 2^85 元. The value is
 * `hi + lo`: the exact sum rounded once, the same for any order of the terms.
 * A class (not free functions) so that hot loops call a method V8 can inline, whatever module
 * format a bundler gives the imports.
 */
export class ExactSums {
  private lo: Float64Array;
  private hi: Float64Array;

  constructor(capacity = 8) {
    this.lo = new Float64Array(capacity);
    this.hi = new Float64Array(capacity);
  }

  /** Number of accumulators available without growing. */
  get capacity(): number {
    return this.lo.length;
  }

  /** Add a whole number of 元 to accumulator `i`, growing the array when needed. */
  add(i: number, yuan: number): void {
    if (i >= this.lo.length) this.grow(i + 1);
    if (yuan < DIRECT_LIMIT && yuan > -DIRECT_LIMIT) {
      const sum = (this.lo[i] as number) + yuan;
      if (sum < CARRY_AT && sum > -CARRY_AT) {
        this.lo[i] = sum;
        return;
      }
      const rest = sum % CARRY_UNIT;
      this.hi[i] = (this.hi[i] as number) + (sum - rest);
      this.lo[i] = rest;
      return;
    }
    // A huge term: its multiple of 2^32 goes straight to hi, the rest through lo.
    const rest = yuan % CARRY_UNIT;
    this.hi[i] = (this.hi[i] as number) + (yuan - rest);
    this.add(i, rest);
  }

  /** The exact sum of accumulator `i` in 元, rounded once (0 for an accumulator never added to). */
  value(i: number): number {
    return i < this.lo.length ? (this.hi[i] as number) + (this.lo[i] as number) : 0;
  }

  private grow(needed: number): void {
    let capacity = Math.max(this.lo.length * 2, 8);
    while (capacity < needed) capacity *= 2;
    const lo = new Float64Array(capacity);
    const hi = new Float64Array(capacity);
    lo.set(this.lo);
    hi.set(this.hi);
    this.lo = lo;
    this.hi = hi;
  }
}
