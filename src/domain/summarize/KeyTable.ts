import type { LineTotals } from './LineTotals';

/**
 * Keys of one breakdown, each given `span` consecutive lines in a `LineTotals` when first seen
 * (internal to `summarizeRows`). `null` (a blank cell) is a key of its own.
 */
export class KeyTable {
  /** Keys in order of first appearance. */
  readonly keys: (string | null)[] = [];
  /** First line of each key, parallel to `keys`. */
  readonly lines: number[] = [];
  private readonly ids = new Map<string, number>();
  private blankLine = -1;
  // Ledgers are often grouped by sector or category, so the previous key is tried first.
  private lastKey: string | null = null;
  private lastLine = -1;

  constructor(
    private readonly totals: LineTotals,
    private readonly span = 1,
  ) {}

  /** True when some row had a (non-blank) value. */
  get hasValue(): boolean {
    return this.ids.size > 0;
  }

  /** The first line of `key`, allocated on first sight. */
  lineOf(key: string | null): number {
    if (key === null) {
      if (this.blankLine < 0) this.blankLine = this.add(null);
      return this.blankLine;
    }
    if (key === this.lastKey) return this.lastLine;
    let line = this.ids.get(key);
    if (line === undefined) {
      line = this.add(key);
      this.ids.set(key, line);
    }
    this.lastKey = key;
    this.lastLine = line;
    return line;
  }

  private add(key: string | null): number {
    const line = this.totals.allocate(this.span);
    this.keys.push(key);
    this.lines.push(line);
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
  private readonly ids = new Map<string, number>();

  constructor(private readonly totals: LineTotals) {}

  /** The SOE's id (0, 1, 2… in order of first appearance). */
  idOf(canonical: string, shortName: string, isKnown: boolean): number {
    let id = this.ids.get(canonical);
    if (id === undefined) {
      id = this.canonical.push(canonical) - 1;
      this.ids.set(canonical, id);
      this.shortName.push(shortName);
      this.isKnown.push(isKnown);
      this.lines.push(this.totals.allocate(1));
      return id;
    }
    const kept = this.shortName[id] as string;
    if (shortName !== kept && shortName < kept) this.shortName[id] = shortName;
    if (isKnown && this.isKnown[id] !== true) this.isKnown[id] = true;
    return id;
  }
}
