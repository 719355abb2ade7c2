import type { SoeRef } from '../ledger/types';
import type { LineTotals } from './LineTotals';

/**
 * Keys of one breakdown, each given an id (0, 1, 2… in order of first appearance) and `span`
 * consecutive lines in a `LineTotals` (internal to `summarizeRows`). `null` (a blank cell) is a
 * key of its own.
 */
export class KeyTable {
  /** Keys by id. */
  readonly keys: (string | null)[] = [];
  /** First line of each key, by id. */
  readonly lines: number[] = [];
  private readonly ids: Record<string, number | undefined> = Object.create(null) as Record<string, number | undefined>;
  private blankId = -1;

  constructor(
    private readonly totals: LineTotals,
    private readonly span = 1,
  ) {}

  /** True when some row had a (non-blank) value. */
  get hasValue(): boolean {
    return this.keys.length > (this.blankId < 0 ? 0 : 1);
  }

  /** The id of `key`, with its lines allocated on first sight. */
  idOf(key: string | null): number {
    if (key === null) {
      if (this.blankId < 0) this.blankId = this.add(null);
      return this.blankId;
    }
    let id = this.ids[key];
    if (id === undefined) {
      id = this.add(key);
      this.ids[key] = id;
    }
    return id;
  }

  private add(key: string | null): number {
    this.keys.push(key);
    this.lines.push(this.totals.allocate(this.span));
    return this.keys.length - 1;
  }
}

/** Above this many cells the pair grid gives way to a Map. */
const MAX_PAIR_CELLS = 1 << 22;
/** Pair key span in the Map: a × span + b stays below 2^53 for ids below 2^26. */
const PAIR_KEY_SPAN = 2 ** 26;

/**
 * A line for each pair of ids (a, b) seen together, allocated on first sight (internal): the
 * district × category lines of `summarizeRows`. Pairs are found in a dense grid while it is
 * small; once it would grow too large, pairs outside it go to a Map (each pair has one home).
 */
export class PairTable {
  /** The pairs' first and second ids and lines, in order of first appearance. */
  readonly first: number[] = [];
  readonly second: number[] = [];
  readonly lines: number[] = [];
  private grid = new Int32Array(64).fill(-1);
  private rows = 8;
  private columns = 8;
  private overflow: Map<number, number> | null = null;

  /** @param maxCells Largest grid; beyond it pairs go to a Map (a parameter so tests can reach the Map). */
  constructor(
    private readonly totals: LineTotals,
    private readonly maxCells = MAX_PAIR_CELLS,
  ) {}

  /** The line of the pair (a, b). */
  lineOf(a: number, b: number): number {
    if (a < this.rows && b < this.columns) {
      const line = this.grid[a * this.columns + b] as number;
      return line >= 0 ? line : this.add(a, b);
    }
    return this.lineOutside(a, b);
  }

  private lineOutside(a: number, b: number): number {
    if (this.overflow === null) {
      let { rows, columns } = this;
      while (rows <= a) rows *= 2;
      while (columns <= b) columns *= 2;
      if (rows * columns <= this.maxCells) {
        const grid = new Int32Array(rows * columns).fill(-1);
        for (let i = 0; i < this.lines.length; i += 1) grid[(this.first[i] as number) * columns + (this.second[i] as number)] = this.lines[i] as number;
        this.grid = grid;
        this.rows = rows;
        this.columns = columns;
        return this.lineOf(a, b);
      }
      // Pairs inside the grid stay there; only pairs outside it live in the Map.
      this.overflow = new Map();
    }
    const line = this.overflow.get(a * PAIR_KEY_SPAN + b);
    return line === undefined ? this.add(a, b) : line;
  }

  private add(a: number, b: number): number {
    const line = this.totals.allocate(1);
    this.first.push(a);
    this.second.push(b);
    this.lines.push(line);
    if (a < this.rows && b < this.columns) this.grid[a * this.columns + b] = line;
    else this.overflow?.set(a * PAIR_KEY_SPAN + b, line);
    return line;
  }
}

/**
 * SOEs by canonical name, each with a line in a `LineTotals` and a small id for the distinct-SOE
 * matrix (internal). The short name kept is the smallest seen in code-unit order, and `isKnown`
 * is true if any occurrence was known, so neither depends on row order.
 */
export class SoeTable {
  readonly canonical: string[] = [];
  readonly shortName: string[] = [];
  readonly isKnown: boolean[] = [];
  /** Line of each SOE, parallel to `canonical`. */
  readonly lines: number[] = [];
  /** The SoeRef each SOE was last seen as. */
  private readonly lastRef: SoeRef[] = [];
  private readonly ids: Record<string, number | undefined> = Object.create(null) as Record<string, number | undefined>;

  constructor(private readonly totals: LineTotals) {}

  /** The SOE's id (0, 1, 2… in order of first appearance). */
  idOf(ref: SoeRef): number {
    const id = this.ids[ref.canonical];
    if (id === undefined) return this.add(ref);
    // The same SOE usually comes as the same SoeRef object (the reader shares them per cell text).
    if (this.lastRef[id] !== ref) this.note(id, ref);
    return id;
  }

  private add(ref: SoeRef): number {
    const id = this.canonical.push(ref.canonical) - 1;
    this.ids[ref.canonical] = id;
    this.shortName.push(ref.shortName);
    this.isKnown.push(ref.isKnown);
    this.lastRef.push(ref);
    this.lines.push(this.totals.allocate(1));
    return id;
  }

  private note(id: number, ref: SoeRef): void {
    this.lastRef[id] = ref;
    const kept = this.shortName[id] as string;
    if (ref.shortName < kept) this.shortName[id] = ref.shortName;
    if (ref.isKnown) this.isKnown[id] = true;
  }
}
