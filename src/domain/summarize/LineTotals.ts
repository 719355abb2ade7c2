import { STAGES } from '../ledger/types';
import { ExactSums } from './ExactSums';
import { yuanToWan } from './sumWan';

const STAGE_COUNT = STAGES.length;
const ALL_STAGES: readonly number[] = STAGES.map((_, index) => index);
/** Largest (line × SOE) seen-matrix; pairs beyond it (absurd key counts) go to a Set. */
const MAX_MATRIX_CELLS = 1 << 24;
/** Pair key span in the Set: line × span + SOE stays below 2^53 for up to 2^26 SOEs. */
const PAIR_SPAN = 2 ** 26;

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
 * - `seen[line × seenSoes + soe]` / `soes[line]`: distinct SOEs per line. The loop marks pairs
 *   inside the matrix (`line < seenLines`, `soe < seenSoes`) itself and calls `markSoeOutside`
 *   for the rest.
 */
export class LineTotals {
  lineCount = 0;
  capacity = 0;
  counts = new Float64Array(0);
  total = new Float64Array(0);
  invested = new Float64Array(0);
  soes = new Int32Array(0);
  seen = new Uint8Array(0);
  /** Rows (lines) of the `seen` matrix. */
  seenLines = 0;
  /** Columns (SOEs) of the `seen` matrix. */
  seenSoes = 8;
  private overflow: Set<number> | null = null;
  private readonly exactTotal = new ExactSums();
  private readonly exactInvested = new ExactSums();

  constructor(initialLines = 64) {
    this.grow(initialLines);
  }

  /** Reserve `n` consecutive lines; returns the first. */
  allocate(n: number): number {
    const first = this.lineCount;
    this.lineCount += n;
    if (this.lineCount > this.capacity) this.grow(this.lineCount);
    return first;
  }

  /** Mark SOE `soe` on `line` when the pair is outside the `seen` matrix. */
  markSoeOutside(line: number, soe: number): void {
    if (this.overflow === null) {
      let seenSoes = this.seenSoes;
      while (seenSoes <= soe) seenSoes *= 2;
      if (!this.resizeSeen(this.capacity, seenSoes)) this.overflow = new Set<number>();
    }
    if (line < this.seenLines && soe < this.seenSoes) {
      const cell = line * this.seenSoes + soe;
      if (this.seen[cell] === 1) return;
      this.seen[cell] = 1;
    } else {
      // Only pairs outside the matrix live in the Set, so each pair has one home.
      const key = line * PAIR_SPAN + soe;
      if (this.overflow === null || this.overflow.has(key)) return;
      this.overflow.add(key);
    }
    this.soes[line] = (this.soes[line] as number) + 1;
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
    if (this.overflow === null && !this.resizeSeen(capacity, this.seenSoes)) this.overflow = new Set<number>();
  }

  /** Grow the `seen` matrix, keeping its marks; false when it would get too large. */
  private resizeSeen(lines: number, soes: number): boolean {
    if (lines * soes > MAX_MATRIX_CELLS) return false;
    const grown = new Uint8Array(lines * soes);
    for (let line = 0; line < this.seenLines; line += 1) {
      grown.set(this.seen.subarray(line * this.seenSoes, (line + 1) * this.seenSoes), line * soes);
    }
    this.seen = grown;
    this.seenLines = lines;
    this.seenSoes = soes;
    return true;
  }
}

function widen<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
