import { STAGES } from '../ledger/types';
import { ExactSums } from './ExactSums';
import { yuanToWan } from './sumWan';

const STAGE_COUNT = STAGES.length;
const ALL_STAGES: readonly number[] = STAGES.map((_, index) => index);
/** Largest (line × SOE) seen-matrix in bits (16 MB); pairs beyond it (absurd key counts) go to a Map of Sets. */
const MAX_MATRIX_CELLS = 1 << 27;

/**
 * The sums of every line of every breakdown in one index space, for `summarizeRows`' hot loop
 * (internal). Keys get line ids when first seen (`allocate`); the loop then updates the public
 * typed arrays in place, without calls, so V8 keeps amounts unboxed.
 *
 * - `counts[line × 5 + stage]`: projects per line and stage (one increment serves projects,
 *   started and completed).
 * - `total[line]`, `invested[line]`: whole 元 in plain float64, exact only while every partial
 *   sum stays below 2^53. The caller ends a chunk (`flush`) before the chunk's absolute amount
 *   sum could reach 2^52; `flush` folds the chunk into `ExactSums`.
 * - `seen` / `soes[line]`: distinct SOEs per line. `seen` is a bit matrix, line by line, of
 *   `seenWords` 32-bit words per line: SOE `soe` on `line` is bit `soe & 31` of word
 *   `line × seenWords + (soe >>> 5)`. The loop marks pairs inside the matrix
 *   (`line < seenLines`, `soe < seenWords × 32`) itself and calls `markSoe`
 *   for the rest.
 */
export class LineTotals {
  lineCount = 0;
  capacity = 0;
  counts = new Float64Array(0);
  total = new Float64Array(0);
  invested = new Float64Array(0);
  soes = new Int32Array(0);
  seen = new Int32Array(0);
  /** Rows (lines) of the `seen` matrix. */
  seenLines = 0;
  /** Words per line of the `seen` matrix (32 SOEs each). */
  seenWords = 1;
  /** Once the matrix cannot grow: per line, its SOEs outside the matrix. */
  private overflow: Map<number, Set<number>> | null = null;
  private readonly exactTotal = new ExactSums();
  private readonly exactInvested = new ExactSums();

  /**
   * @param initialLines Lines to reserve at first.
   * @param maxMatrixBits Largest `seen` matrix in bits; pairs beyond it go to `overflow` (a
   *   parameter so tests can reach it).
   */
  constructor(
    initialLines = 64,
    private readonly maxMatrixBits = MAX_MATRIX_CELLS,
  ) {
    this.grow(initialLines);
  }

  /** Reserve `n` consecutive lines; returns the first. */
  allocate(n: number): number {
    const first = this.lineCount;
    this.lineCount += n;
    if (this.lineCount > this.capacity) this.grow(this.lineCount);
    return first;
  }

  /**
   * Mark SOE `soe` on `line`, counting it on the line the first time; for pairs outside the
   * `seen` matrix, which the hot loop marks itself.
   */
  markSoe(line: number, soe: number): void {
    if (this.overflow === null && !(line < this.seenLines && soe < this.seenWords * 32)) {
      let seenWords = this.seenWords;
      while (seenWords * 32 <= soe) seenWords *= 2;
      if (!this.resizeSeen(this.capacity, seenWords)) this.overflow = new Map();
    }
    if (line < this.seenLines && soe < this.seenWords * 32) {
      const word = line * this.seenWords + (soe >>> 5);
      const bit = 1 << (soe & 31);
      if (((this.seen[word] as number) & bit) !== 0) return;
      this.seen[word] = (this.seen[word] as number) | bit;
    } else {
      // Only pairs outside the matrix live in `overflow`, so each pair has one home.
      if (this.overflow === null) return;
      let marked = this.overflow.get(line);
      if (marked === undefined) this.overflow.set(line, (marked = new Set()));
      if (marked.has(soe)) return;
      marked.add(soe);
    }
    this.soes[line] = (this.soes[line] as number) + 1;
  }

  /**
   * Mark on line `to` every SOE below `soeCount` marked on line `from` (counting the new ones):
   * word by word inside the matrix, otherwise mark by mark (`from`'s bits, then its SOEs in
   * `overflow`), so the cost follows the marks, not the number of SOEs.
   */
  unionSoes(from: number, to: number, soeCount: number): void {
    const { seen, seenWords } = this;
    if (from < this.seenLines && to < this.seenLines && soeCount <= seenWords * 32) {
      for (let w = 0; w < seenWords; w += 1) {
        const added = (seen[from * seenWords + w] as number) & ~(seen[to * seenWords + w] as number);
        if (added !== 0) {
          seen[to * seenWords + w] = (seen[to * seenWords + w] as number) | added;
          this.soes[to] = (this.soes[to] as number) + bitCount(added);
        }
      }
      return;
    }
    if (from < this.seenLines) {
      for (let w = 0; w < this.seenWords; w += 1) {
        let bits = this.seen[from * this.seenWords + w] as number;
        while (bits !== 0) {
          const lowest = bits & -bits;
          const soe = w * 32 + 31 - Math.clz32(lowest);
          if (soe < soeCount) this.markSoe(to, soe);
          bits ^= lowest;
        }
      }
    }
    for (const soe of this.overflow?.get(from) ?? []) if (soe < soeCount) this.markSoe(to, soe);
  }

  /** True when SOE `soe` is marked on `line`. */
  hasSoe(line: number, soe: number): boolean {
    if (line < this.seenLines && soe < this.seenWords * 32) {
      return (((this.seen[line * this.seenWords + (soe >>> 5)] as number) >>> (soe & 31)) & 1) === 1;
    }
    return this.overflow?.get(line)?.has(soe) === true;
  }

  /** Count one project without amounts, on a line that may not be allocated yet (split SOE credit). */
  countAt(line: number, stageIndex: number): void {
    if (line >= this.capacity) this.grow(line + 1);
    this.lineCount = Math.max(this.lineCount, line + 1);
    const cell = line * STAGE_COUNT + stageIndex;
    this.counts[cell] = (this.counts[cell] as number) + 1;
  }

  /** End the chunk: move its amounts into the exact accumulators. */
  flush(): void {
    for (let line = 0; line < this.lineCount; line += 1) {
      const total = this.total[line] as number;
      const invested = this.invested[line] as number;
      if (total !== 0) this.exactTotal.add(line, total);
      if (invested !== 0) this.exactInvested.add(line, invested);
    }
    this.total.fill(0);
    this.invested.fill(0);
  }

  /** Projects on `line` whose stage index is in `stages` (default: all). */
  projects(line: number, stages: readonly number[] = ALL_STAGES): number {
    let count = 0;
    for (const stageIndex of stages) count += this.counts[line * STAGE_COUNT + stageIndex] ?? 0;
    return count;
  }

  /** Distinct SOEs marked on `line`. */
  soeCount(line: number): number {
    return this.soes[line] ?? 0;
  }

  /** Total investment of `line` in 万元 (after `flush`). */
  totalWan(line: number): number {
    return yuanToWan(this.exactTotal.value(line));
  }

  /** Invested to date of `line` in 万元 (after `flush`). */
  investedWan(line: number): number {
    return yuanToWan(this.exactInvested.value(line));
  }

  private grow(needed: number): void {
    let capacity = Math.max(this.capacity * 2, 8);
    while (capacity < needed) capacity *= 2;
    this.counts = widen(this.counts, new Float64Array(capacity * STAGE_COUNT));
    this.total = widen(this.total, new Float64Array(capacity));
    this.invested = widen(this.invested, new Float64Array(capacity));
    this.soes = widen(this.soes, new Int32Array(capacity));
    this.capacity = capacity;
    if (this.overflow === null && !this.resizeSeen(capacity, this.seenWords)) this.overflow = new Map();
  }

  /** Grow the `seen` matrix, keeping its marks; false when it would get too large. */
  private resizeSeen(lines: number, words: number): boolean {
    if (lines * words * 32 > this.maxMatrixBits) return false;
    const grown = new Int32Array(lines * words);
    for (let line = 0; line < this.seenLines; line += 1) {
      grown.set(this.seen.subarray(line * this.seenWords, (line + 1) * this.seenWords), line * words);
    }
    this.seen = grown;
    this.seenLines = lines;
    this.seenWords = words;
    return true;
  }

}

/** Number of set bits in a 32-bit integer. */
function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function widen<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
