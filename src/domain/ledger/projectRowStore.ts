import { arrayOnDemand } from './arrayOnDemand';
import { grownArray } from './grownArray';
import { ValueTable } from './valueTable';
import { STAGES } from './types';
import type { LedgerDate, ProjectRow, RowProgress, SoeRef, Stage } from './types';

/** The interned fields of a row, in the order of their slots. */
const REF_FIELDS = 7;
const PROGRESS_DATES = 4;
const HAS_PROGRESS = 8;
const IS_APPROXIMATE = 16;
const STAGE_MASK = 7;

/**
 * The counted rows of a large read in columns (issue 15: a full sheet of 1,048,576 rows in bounded memory): numbers in
 * typed arrays, the few distinct texts of a column (SOE lists, sector, stage, category, district, dates) once each in
 * a table, the name once (its key only where it differs). About 120 bytes a row instead of about 310 as objects.
 * `rows()` gives them as a read-only array of `ProjectRow`s built when read (`arrayOnDemand`), equal to the rows
 * pushed. Rows are never changed once pushed.
 */
export class ProjectRowStore {
  private size = 0;
  private capacity: number;
  private sheetRows: Int32Array;
  private totals: Float64Array;
  private invested: Float64Array;
  private flags: Uint8Array;
  private refs: Uint32Array;
  private progressRefs: Uint32Array | null = null;
  private progressAmounts: Float64Array | null = null;
  private readonly names: string[] = [];
  /** Name keys that differ from the name, by row index. */
  private readonly keys = new Map<number, string>();
  /** Interned values (texts, SOE lists by identity, `null`), and their index. */
  private readonly values = new ValueTable<unknown>();

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    this.sheetRows = new Int32Array(this.capacity);
    this.totals = new Float64Array(this.capacity);
    this.invested = new Float64Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.refs = new Uint32Array(this.capacity * REF_FIELDS);
  }

  /** Rows pushed so far. */
  get length(): number {
    return this.size;
  }

  /** Keep `row` (it is not referenced afterwards, only its values). */
  push(row: ProjectRow): void {
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    this.sheetRows[i] = row.sheetRow;
    this.names.push(row.name);
    if (row.nameKey !== row.name) this.keys.set(i, row.nameKey);
    this.totals[i] = row.totalWan;
    this.invested[i] = row.investedWan;
    this.flags[i] = STAGES.indexOf(row.stage) | (row.isApproximate ? IS_APPROXIMATE : 0) | (row.progress === undefined ? 0 : HAS_PROGRESS);
    const at = i * REF_FIELDS;
    const refs = this.refs;
    refs[at] = this.values.indexOf(row.soes);
    refs[at + 1] = this.values.indexOf(row.sector);
    refs[at + 2] = this.values.indexOf(row.stageRaw);
    refs[at + 3] = this.values.indexOf(row.category);
    refs[at + 4] = this.values.indexOf(row.district);
    refs[at + 5] = this.values.indexOf(row.startDate);
    refs[at + 6] = this.values.indexOf(row.completionDate);
    if (row.progress !== undefined) this.pushProgress(i, row.progress);
  }

  /** Row `i` (0-based, in push order) as a new `ProjectRow`, equal to the one pushed. */
  row(i: number): ProjectRow {
    const at = i * REF_FIELDS;
    const refs = this.refs;
    const values = this.values;
    const flags = this.flags[i] ?? 0;
    const name = this.names[i] as string;
    // Same properties in the same order as the reader's own row literal (`validateRow`).
    const row: { -readonly [K in keyof ProjectRow]: ProjectRow[K] } = {
      sheetRow: this.sheetRows[i] as number,
      name,
      nameKey: this.keys.get(i) ?? name,
      soes: values.valueAt(refs[at] as number) as readonly SoeRef[],
      sector: values.valueAt(refs[at + 1] as number) as string,
      stage: STAGES[flags & STAGE_MASK] as Stage,
      stageRaw: values.valueAt(refs[at + 2] as number) as string,
      category: values.valueAt(refs[at + 3] as number) as string | null,
      district: values.valueAt(refs[at + 4] as number) as string | null,
      totalWan: this.totals[i] as number,
      investedWan: this.invested[i] as number,
      startDate: values.valueAt(refs[at + 5] as number) as LedgerDate | null,
      completionDate: values.valueAt(refs[at + 6] as number) as LedgerDate | null,
      isApproximate: (flags & IS_APPROXIMATE) !== 0,
    };
    if ((flags & HAS_PROGRESS) !== 0) row.progress = this.progressAt(i);
    return row;
  }

  /** The rows as a read-only array, each built when read. */
  rows(): readonly ProjectRow[] {
    const list = arrayOnDemand(this.size, (i) => this.row(i));
    STORES.set(list, this);
    return list;
  }

  private pushProgress(i: number, p: RowProgress): void {
    if (this.progressRefs === null || this.progressAmounts === null) {
      this.progressRefs = new Uint32Array(this.capacity * PROGRESS_DATES);
      this.progressAmounts = new Float64Array(this.capacity * 2);
    }
    const at = i * PROGRESS_DATES;
    this.progressRefs[at] = this.values.indexOf(p.signDate);
    this.progressRefs[at + 1] = this.values.indexOf(p.plannedStartDate);
    this.progressRefs[at + 2] = this.values.indexOf(p.actualStartDate);
    this.progressRefs[at + 3] = this.values.indexOf(p.plannedCompletionDate);
    // NaN stands for null: an amount read from a cell is never NaN.
    this.progressAmounts[i * 2] = p.annualPlanWan ?? NaN;
    this.progressAmounts[i * 2 + 1] = p.yearInvestedWan ?? NaN;
  }

  private progressAt(i: number): RowProgress {
    const refs = this.progressRefs as Uint32Array;
    const amounts = this.progressAmounts as Float64Array;
    const values = this.values;
    const at = i * PROGRESS_DATES;
    const annual = amounts[i * 2] as number;
    const year = amounts[i * 2 + 1] as number;
    return {
      signDate: values.valueAt(refs[at] as number) as LedgerDate | null,
      plannedStartDate: values.valueAt(refs[at + 1] as number) as LedgerDate | null,
      actualStartDate: values.valueAt(refs[at + 2] as number) as LedgerDate | null,
      plannedCompletionDate: values.valueAt(refs[at + 3] as number) as LedgerDate | null,
      annualPlanWan: Number.isNaN(annual) ? null : annual,
      yearInvestedWan: Number.isNaN(year) ? null : year,
    };
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.sheetRows = grownArray(this.sheetRows, capacity);
    this.totals = grownArray(this.totals, capacity);
    this.invested = grownArray(this.invested, capacity);
    this.flags = grownArray(this.flags, capacity);
    this.refs = grownArray(this.refs, capacity * REF_FIELDS);
    if (this.progressRefs !== null) this.progressRefs = grownArray(this.progressRefs, capacity * PROGRESS_DATES);
    if (this.progressAmounts !== null) this.progressAmounts = grownArray(this.progressAmounts, capacity * 2);
    this.capacity = capacity;
  }
}

/** The store behind each list `ProjectRowStore.rows` made. */
const STORES = new WeakMap<readonly ProjectRow[], ProjectRowStore>();

/**
 * The rows for which `predicate` holds, in order: `rows.filter(predicate)`, except that for a list from
 * `ProjectRowStore.rows` the result is built when read too (the rows' indexes are kept, not the rows: half a full
 * sheet's rows as objects are 150 MB).
 */
export function rowsWhere(rows: readonly ProjectRow[], predicate: (row: ProjectRow) => boolean): readonly ProjectRow[] {
  const store = STORES.get(rows);
  if (store === undefined) return rows.filter((row) => predicate(row));
  const indexes: number[] = [];
  for (let i = 0; i < store.length; i++) if (predicate(store.row(i))) indexes.push(i);
  return arrayOnDemand(indexes.length, (k) => store.row(indexes[k] as number));
}
