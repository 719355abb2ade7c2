import { arrayOnDemand } from '../ledger/arrayOnDemand';
import { CellColumn } from '../ledger/cellColumn';
import { grownArray } from '../ledger/grownArray';
import { ValueTable } from '../ledger/valueTable';
import type { ColumnRef, Severity } from '../ledger/types';
import { createIssue, type IssueAt } from './createIssue';
import { ISSUE_CODES, ISSUE_SEVERITY, type IssueCode, type IssueParams } from './issueMessages';
import type { IssueColumn, LedgerIssue } from './types';

/** Receives the issues of a read as they are found, instead of the reader building each one at once. */
export interface IssueSink {
  add<C extends IssueCode>(code: C, params: IssueParams[C], at: IssueAt): void;
}

/** The code slot of an entry kept as a whole `LedgerIssue` (`addIssue`). */
const WHOLE = 255;
const CODE_INDEX = new Map<string, number>(ISSUE_CODES.map((code, i) => [code, i]));

/**
 * The row issues of a large read, each kept as what it was built from (code, arguments, row, column, raw cell) instead
 * of as a `LedgerIssue` with its two messages (issue 15: 759,412 warnings of a full sheet were 300 MB of objects and
 * message texts). `issues()` gives them as a read-only array of `LedgerIssue`s built when read (`arrayOnDemand`,
 * by `createIssue`, so equal to building them at once); `severityAt`, `sheetRowAt` and `columnAt` read an entry
 * without building its messages.
 */
export class IssueStore implements IssueSink {
  private size = 0;
  private capacity: number;
  private codes: Uint8Array;
  private sheetRows: Int32Array;
  private columns: Int16Array;
  private readonly raws = new CellColumn();
  /** The arguments of each entry, or the whole issue for a `WHOLE` entry. */
  private readonly params: unknown[] = [];
  private readonly columnRefs = new ValueTable<ColumnRef>();

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    this.codes = new Uint8Array(this.capacity);
    this.sheetRows = new Int32Array(this.capacity);
    this.columns = new Int16Array(this.capacity);
  }

  /** Entries kept so far. */
  get length(): number {
    return this.size;
  }

  add<C extends IssueCode>(code: C, params: IssueParams[C], at: IssueAt): void {
    const i = this.next();
    this.codes[i] = CODE_INDEX.get(code) as number;
    this.sheetRows[i] = at.sheetRow ?? 0;
    this.columns[i] = at.column === null ? -1 : this.columnRefs.indexOf(at.column);
    this.raws.push(at.raw === undefined ? null : at.raw);
    this.params.push(params);
  }

  /** Keep an issue already built (the few found after the rows, such as outliers). */
  addIssue(issue: LedgerIssue): void {
    const i = this.next();
    this.codes[i] = WHOLE;
    this.sheetRows[i] = issue.sheetRow ?? 0;
    this.columns[i] = -1;
    this.raws.push(null);
    this.params.push(issue);
  }

  /** Entry `i` as a `LedgerIssue`, built now. */
  issue(i: number): LedgerIssue {
    const code = this.codes[i] as number;
    if (code === WHOLE) return this.params[i] as LedgerIssue;
    const column = this.columns[i] as number;
    const sheetRow = this.sheetRows[i] as number;
    return createIssue(ISSUE_CODES[code] as IssueCode, this.params[i] as never, {
      sheetRow: sheetRow === 0 ? null : sheetRow,
      column: column < 0 ? null : this.columnRefs.valueAt(column),
      raw: this.raws.get(i) ?? null,
    });
  }

  severityAt(i: number): Severity {
    const code = this.codes[i] as number;
    return code === WHOLE ? (this.params[i] as LedgerIssue).severity : ISSUE_SEVERITY[ISSUE_CODES[code] as IssueCode];
  }

  sheetRowAt(i: number): number | null {
    const sheetRow = this.sheetRows[i] as number;
    return sheetRow === 0 ? null : sheetRow;
  }

  /** Entry `i`'s column (letter, header, index), or `null`. */
  columnAt(i: number): Pick<IssueColumn, 'letter' | 'index'> | null {
    if (this.codes[i] === WHOLE) return (this.params[i] as LedgerIssue).column;
    const column = this.columns[i] as number;
    return column < 0 ? null : this.columnRefs.valueAt(column);
  }

  /** The entries as a read-only array of `LedgerIssue`s, each built when read; `before` (few, kept whole) first. */
  issues(before: readonly LedgerIssue[] = []): readonly LedgerIssue[] {
    const offset = before.length;
    const list = arrayOnDemand(offset + this.size, (i) => (i < offset ? (before[i] as LedgerIssue) : this.issue(i - offset)));
    STORES.set(list, { store: this, before });
    return list;
  }

  /**
   * Sort the entries from `start` on by column (no column first), keeping the order of equal ones: what the reader
   * does to one row's issues.
   */
  sortFrom(start: number): void {
    const count = this.size - start;
    if (count < 2) return;
    // Mostly in order already (the reader checks a row's columns from left to right).
    let sorted = true;
    for (let i = start + 1; i < this.size && sorted; i++) sorted = this.columnKey(i - 1) <= this.columnKey(i);
    if (sorted) return;
    const order = Array.from({ length: count }, (_, k) => start + k);
    order.sort((a, b) => this.columnKey(a) - this.columnKey(b));
    this.permute(start, order);
  }

  /**
   * Merge `issues` (sorted by row, then column) into the entries (sorted the same way), an entry before an issue of
   * the same row and column: the order a stable sort of the entries followed by `issues` gives.
   */
  mergeSorted(issues: readonly LedgerIssue[]): void {
    if (issues.length === 0) return;
    const kept = this.size;
    for (const issue of issues) this.addIssue(issue);
    const order: number[] = [];
    let a = 0;
    let b = kept;
    while (a < kept || b < this.size) {
      if (b >= this.size || (a < kept && this.compare(a, b) <= 0)) order.push(a++);
      else order.push(b++);
    }
    this.permute(0, order);
  }

  private compare(a: number, b: number): number {
    return (this.sheetRows[a] as number) - (this.sheetRows[b] as number) || this.columnKey(a) - this.columnKey(b);
  }

  private columnKey(i: number): number {
    return this.columnAt(i)?.index ?? -1;
  }

  /** Put the entries `order` (indexes from `start` on) at `start`, `start + 1`, … */
  private permute(start: number, order: readonly number[]): void {
    const codes = order.map((k) => this.codes[k] as number);
    const sheetRows = order.map((k) => this.sheetRows[k] as number);
    const columns = order.map((k) => this.columns[k] as number);
    const raws = order.map((k) => this.raws.get(k) ?? null);
    const params = order.map((k) => this.params[k]);
    order.forEach((_, n) => {
      const i = start + n;
      this.codes[i] = codes[n] as number;
      this.sheetRows[i] = sheetRows[n] as number;
      this.columns[i] = columns[n] as number;
      this.raws.set(i, raws[n] ?? null);
      this.params[i] = params[n];
    });
  }

  private next(): number {
    if (this.size === this.capacity) {
      this.capacity *= 2;
      this.codes = grownArray(this.codes, this.capacity);
      this.sheetRows = grownArray(this.sheetRows, this.capacity);
      this.columns = grownArray(this.columns, this.capacity);
    }
    return this.size++;
  }
}

/** The store behind each list `IssueStore.issues` made. */
const STORES = new WeakMap<readonly LedgerIssue[], { readonly store: IssueStore; readonly before: readonly LedgerIssue[] }>();

/** Where an issue points and how bad it is, without its messages. */
export interface IssueLocation {
  readonly severity: Severity;
  readonly sheetRow: number | null;
  readonly column: Pick<IssueColumn, 'letter' | 'index'> | null;
}

/**
 * Visit every issue's severity, row and column in order. For a list from `IssueStore.issues` no issue is built (its
 * messages are not needed to count or mark issues); any other list is read as it is. The location object passed is
 * reused: read it during the call.
 */
export function forEachIssueLocation(issues: readonly LedgerIssue[], visit: (location: IssueLocation) => void): void {
  const backed = STORES.get(issues);
  if (backed === undefined) {
    for (const issue of issues) visit(issue);
    return;
  }
  for (const issue of backed.before) visit(issue);
  const { store } = backed;
  const location: { severity: Severity; sheetRow: number | null; column: Pick<IssueColumn, 'letter' | 'index'> | null } = { severity: 'info', sheetRow: null, column: null };
  for (let i = 0; i < store.length; i++) {
    location.severity = store.severityAt(i);
    location.sheetRow = store.sheetRowAt(i);
    location.column = store.columnAt(i);
    visit(location);
  }
}

/**
 * The indexes of the issues of each severity, in order (`forEachIssueLocation`: no issue of a stored list is built),
 * for a caller that lists issues by severity: the issues themselves are read by index when needed, one at a time.
 */
export function issueIndexesBySeverity(issues: readonly LedgerIssue[]): Record<Severity, number[]> {
  const indexes: Record<Severity, number[]> = { error: [], warning: [], info: [] };
  let next = 0;
  forEachIssueLocation(issues, (issue) => {
    const index = next++;
    indexes[issue.severity]?.push(index);
  });
  return indexes;
}

/** Issues by severity (`forEachIssueLocation`: no messages built for a stored list). */
export function countIssuesBySeverity(issues: readonly LedgerIssue[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  forEachIssueLocation(issues, (issue) => counts[issue.severity]++);
  return counts;
}

/** Whether `issues` is a list made by `IssueStore.issues` (a compact read's, on Node.js). */
export function isStoredIssueList(issues: readonly LedgerIssue[]): boolean {
  return STORES.has(issues);
}
