import * as createIssueModule from '../validate/createIssue';
import type { IssueAt } from '../validate/createIssue';
import type { IssueCode, IssueParams } from '../validate/issueMessages';
import { IssueStore } from '../validate/issueStore';
import * as flagOutliersModule from '../validate/flagOutliers';
import type { LedgerIssue, LedgerRead, ReadOptions } from '../validate/types';
import * as validateRowModule from '../validate/validateRow';
import type { RowContext } from '../validate/validateRow';
import * as lookupRegionModule from '../reference/lookupRegion';
import * as classifyRowModule from './classifyRow';
import type { RowLayout } from './classifyRow';
import { findDataDate, type DataDate } from './findDataDate';
import * as findHeaderModule from './findHeader';
import { HEADER_SEARCH_ROWS } from './findHeader';
import * as matchHeaderTextModule from './matchHeaderText';
import { CellColumn } from './cellColumn';
import { grownArray } from './grownArray';
import { ProjectRowStore } from './projectRowStore';
import { REQUIRED_FIELDS } from './types';
import type { CellValue, ColumnRef, Field, HeaderInfo, ProjectRow } from './types';

// Performance: hot imports bound once to module constants. Under tsx/esbuild's CommonJS output each call to an
// imported function otherwise goes through an export getter, a measurable share of a 100,000-row read.
const { createIssue } = createIssueModule;
const { flagOutliers } = flagOutliersModule;
const { allowedKey, validateRow } = validateRowModule;
const { lookupRegion } = lookupRegionModule;
const { classifyRow } = classifyRowModule;
const { detectHeader } = findHeaderModule;
const { headerKey } = matchHeaderTextModule;

/** An incremental ledger read: push rows in sheet order from sheet row 1, then finish. */
export interface LedgerReader {
  /** Add the next row (row 0 is sheet row 1). The row is not kept once read, and never changed. */
  push(row: readonly CellValue[]): void;
  /** Finish the read: duplicate, outlier and ordering work, then the result. Later calls return the same result. */
  finish(): LedgerRead;
}

/**
 * Create an incremental reader, for the CLI's streaming .xlsx read. Memory stays bounded by the output: only the
 * first `HEADER_SEARCH_ROWS` rows are buffered (to find the header), then each row is read as it arrives and only
 * the project rows, the issues and one key per counted row (for duplicates) are kept. `readLedger` is built on it,
 * so both give identical results. Never throws on bad data.
 * @throws TypeError when `options` is not an object (a caller bug).
 */
export function createLedgerReader(options?: ReadOptions): LedgerReader {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError('createLedgerReader: options must be an object');
  }
  const reader = new StreamingReader(options ?? {});
  return { push: (row) => reader.push(row), finish: () => reader.finish() };
}

class StreamingReader {
  private rowIndex = 0;
  private buffer: (readonly CellValue[])[] | null = [];
  private header: HeaderInfo | null = null;
  private dataDate: DataDate | null = null;
  private ctx: RowContext | null = null;
  private layout: RowLayout | null = null;
  private readonly sheetIssues: LedgerIssue[] = [];
  private rowIssues: LedgerIssue[] = [];
  /** The row issues, unbuilt, for a compact read (`ReadOptions.compact`); `rowIssues` stays empty then. */
  private readonly issueStore: IssueStore | null;
  private readonly rows: ProjectRow[] = [];
  /** The rows of a compact read; `rows` stays empty then. */
  private readonly rowStore: ProjectRowStore | null;
  private readonly rowWarned = new Flags();
  /** The raw amount cells of the counted rows (for outliers). */
  private readonly rawTotals = new CellColumn();
  private readonly rawInvested = new CellColumn();
  /** Index in `rows` of the first counted row of each name key. */
  private readonly rowIndexByName = new Map<string, number>();
  /** First counted row per name key + SOE set, for names that occur with different SOE sets. */
  private readonly firstRowBySoeKey = new Map<string, number>();
  private dataRows = 0;
  private errorRows = 0;
  private skippedRows = 0;
  private duplicateRows = 0;
  private blankRunStart = -1;
  private blankRunEnd = -1;
  private result: LedgerRead | null = null;

  constructor(private readonly options: ReadOptions) {
    const compact = options.compact === true;
    this.issueStore = compact ? new IssueStore() : null;
    this.rowStore = compact ? new ProjectRowStore() : null;
  }

  /** Counted rows so far. */
  private get rowCount(): number {
    return this.rowStore?.length ?? this.rows.length;
  }

  private rowAt(index: number): ProjectRow | undefined {
    if (this.rowStore === null) return this.rows[index];
    return index < this.rowStore.length ? this.rowStore.row(index) : undefined;
  }

  /** Row issues so far (for `sortFrom`). */
  private get rowIssueCount(): number {
    return this.issueStore?.length ?? this.rowIssues.length;
  }

  private addRowIssue<C extends IssueCode>(code: C, params: IssueParams[C], at: IssueAt): void {
    if (this.issueStore !== null) this.issueStore.add(code, params, at);
    else this.rowIssues.push(createIssue(code, params, at));
  }

  /** Sort the row issues from `start` on by column, keeping the order of equal ones. */
  private sortRowIssuesFrom(start: number): void {
    if (this.issueStore !== null) this.issueStore.sortFrom(start);
    else if (this.rowIssues.length - start >= 2) {
      const tail = this.rowIssues.splice(start).sort(compareRowIssues);
      for (const issue of tail) this.rowIssues.push(issue);
    }
  }

  push(row: readonly CellValue[]): void {
    if (this.result !== null) return;
    const cells: readonly CellValue[] = Array.isArray(row) ? row : [];
    const index = this.rowIndex++;
    if (this.buffer !== null) {
      this.buffer.push(cells.slice());
      if (this.buffer.length >= HEADER_SEARCH_ROWS) this.decideHeader();
      return;
    }
    if (this.ctx !== null) this.readRow(cells, index);
  }

  finish(): LedgerRead {
    if (this.result !== null) return this.result;
    if (this.buffer !== null) this.decideHeader();
    this.flushBlankRun();
    this.result = this.buildResult();
    return this.result;
  }

  /** Find the header in the buffered rows, then read the buffered rows below it and drop the buffer. */
  private decideHeader(): void {
    const buffered = this.buffer ?? [];
    this.buffer = null;
    const { header, overrideProblems } = detectHeader(buffered, this.options.mapping ?? {});
    this.header = header;
    if (header !== null) this.dataDate = findDataDate(buffered.slice(0, header.headerRowIndex));
    if (header === null) {
      this.sheetIssues.push(
        createIssue('header_not_found', { rowsSearched: Math.min(buffered.length, HEADER_SEARCH_ROWS) }, { sheetRow: null, column: null, raw: null }),
      );
      return;
    }
    for (const p of overrideProblems) {
      this.sheetIssues.push(createIssue('mapping_invalid', { field: p.field, value: p.value }, { sheetRow: null, column: null, raw: p.value }));
    }
    const missing = REQUIRED_FIELDS.filter((f) => header.columns[f] === undefined);
    for (const field of missing) {
      this.sheetIssues.push(createIssue('missing_column', { field }, { sheetRow: null, column: null, raw: null }));
    }
    // Without a required column no row can be counted: one sheet-level error per column, no row errors.
    if (missing.length > 0) return;
    this.ctx = this.buildContext(header);
    this.layout = buildLayout(header);
    for (let i = header.dataStartRowIndex; i < buffered.length; i++) this.readRow(buffered[i] ?? [], i);
  }

  private buildContext(header: HeaderInfo): RowContext {
    const { columns, sheetUnit } = header;
    const amountFieldOf = (col: ColumnRef): Field =>
      col === columns.totalInvestment ? 'totalInvestment' : col === columns.investedToDate ? 'investedToDate' : col === columns.annualPlanInvestment ? 'annualPlanInvestment' : 'yearInvested';
    const unitOf = (col: ColumnRef | undefined): ColumnRef['unit'] => {
      if (col === undefined) return 'wan';
      if (col.unit !== undefined) return col.unit;
      if (sheetUnit !== undefined) return sheetUnit;
      this.sheetIssues.push(
        createIssue('unit_assumed', { field: amountFieldOf(col), header: col.header }, {
          sheetRow: null,
          column: col,
          raw: null,
        }),
      );
      return 'wan';
    };
    return {
      columns,
      totalUnit: unitOf(columns.totalInvestment) ?? 'wan',
      investedUnit: unitOf(columns.investedToDate) ?? 'wan',
      ...(columns.annualPlanInvestment === undefined ? {} : { annualPlanUnit: unitOf(columns.annualPlanInvestment) ?? 'wan' }),
      ...(columns.yearInvested === undefined ? {} : { yearInvestedUnit: unitOf(columns.yearInvested) ?? 'wan' }),
      allowedSectors: allowedSet(this.options.allowedSectors, false),
      allowedDistricts: allowedSet(this.options.allowedDistricts, true),
      ...(this.options.dateSystem === undefined ? {} : { dateSystem: this.options.dateSystem }),
      ...(this.issueStore === null ? {} : { issueSink: this.issueStore }),
    };
  }

  private readRow(cells: readonly CellValue[], rowIndex: number): void {
    const ctx = this.ctx;
    const layout = this.layout;
    if (ctx === null || layout === null) return;
    const sheetRow = rowIndex + 1;
    const cls = classifyRow(cells, layout);
    if (cls.kind === 'blank') {
      this.skippedRows++;
      if (this.blankRunStart < 0) this.blankRunStart = sheetRow;
      this.blankRunEnd = sheetRow;
      return;
    }
    this.flushBlankRun();
    if (cls.kind !== 'project') {
      this.skippedRows++;
      const code = cls.kind === 'heading' ? 'row_heading' : cls.kind === 'subtotal' ? 'row_subtotal' : 'row_footnote';
      this.addRowIssue(code, { text: cls.text }, { sheetRow, column: null, raw: cls.text });
      return;
    }
    this.dataRows++;
    const rowStart = this.rowIssueCount;
    const result = validateRow(cells, sheetRow, ctx);
    // A sink gets the row's issues in the order found: sorted by column here, as `validateRow` sorts its own.
    if (this.issueStore !== null) this.issueStore.sortFrom(rowStart);
    else for (const issue of result.issues) this.rowIssues.push(issue);
    if (result.row === null) {
      this.errorRows++;
      return;
    }
    const row = result.row;
    const firstIndex = this.rowIndexByName.get(row.nameKey);
    const firstRow = firstIndex === undefined ? null : this.findDuplicate(row, firstIndex);
    if (firstRow !== null) {
      // The later row of a duplicate is listed (warning) but NOT counted again.
      this.duplicateRows++;
      const nameCol = ctx.columns.name ?? null;
      this.addRowIssue('duplicate_project', { name: row.name, firstRow }, { sheetRow, column: nameCol, raw: nameCol === null ? null : cells[nameCol.index] });
      this.sortRowIssuesFrom(rowStart);
      return;
    }
    // Performance: the common case (a new name) costs one map lookup and one insert, keyed by the name key the
    // row already holds; composite name + SOE-set keys are built only for names seen before.
    if (firstIndex === undefined) this.rowIndexByName.set(row.nameKey, this.rowCount);
    else this.firstRowBySoeKey.set(soeSetKey(row), row.sheetRow);
    if (this.rowStore !== null) this.rowStore.push(row);
    else this.rows.push(row);
    this.rowWarned.push(result.hasWarning);
    this.rawTotals.push(rawAt(cells, ctx.columns.totalInvestment));
    this.rawInvested.push(rawAt(cells, ctx.columns.investedToDate));
  }

  /** The sheet row of an earlier counted row with the same name key (first at `firstIndex`) and SOE set, or `null`. */
  private findDuplicate(row: ProjectRow, firstIndex: number): number | null {
    const first = this.rowAt(firstIndex);
    if (first !== undefined && sameSoes(first, row)) return first.sheetRow;
    return this.firstRowBySoeKey.get(soeSetKey(row)) ?? null;
  }

  /** One `row_blank` issue per run of consecutive blank rows, so trailing empty rows do not flood the list. */
  private flushBlankRun(): void {
    if (this.blankRunStart < 0) return;
    const firstRow = this.blankRunStart;
    this.addRowIssue('row_blank', { firstRow, lastRow: this.blankRunEnd }, { sheetRow: firstRow, column: null, raw: null });
    this.blankRunStart = -1;
    this.blankRunEnd = -1;
  }

  private buildResult(): LedgerRead {
    const columns = this.header?.columns;
    const rows = this.rowStore === null ? this.rows : this.rowStore.rows();
    const outliers =
      this.ctx === null
        ? []
        : flagOutliers(
            rows,
            columns?.totalInvestment,
            columns?.investedToDate,
            (i, field) => (field === 'totalInvestment' ? this.rawTotals.get(i) : this.rawInvested.get(i)),
            { total: this.ctx.totalUnit, invested: this.ctx.investedUnit },
          );
    if (outliers.length > 0) {
      for (const issue of outliers) {
        const i = indexOfSheetRow(rows, issue.sheetRow ?? -1);
        if (i >= 0) this.rowWarned.set(i);
      }
      if (this.issueStore !== null) {
        this.issueStore.mergeSorted(outliers.slice().sort(compareRowIssues));
      } else {
        this.rowIssues = this.rowIssues.concat(outliers);
        this.rowIssues.sort(compareRowIssues);
      }
    }
    const warningRows = this.rowWarned.count();
    const rowCount = this.rowCount;
    return {
      sheet: this.options.sheetName ?? '',
      header: this.header,
      ...(this.dataDate === null ? {} : { dataDate: this.dataDate }),
      rows,
      issues: this.issueStore === null ? this.sheetIssues.concat(this.rowIssues) : this.issueStore.issues(this.sheetIssues),
      counts: {
        dataRows: this.dataRows,
        validRows: rowCount - warningRows,
        warningRows,
        errorRows: this.errorRows,
        skippedRows: this.skippedRows,
        duplicateRows: this.duplicateRows,
      },
    };
  }
}

function buildLayout(header: HeaderInfo): RowLayout {
  const { columns } = header;
  const nameIndex = columns.name?.index ?? 0;
  return {
    leadColumns: Math.max(3, nameIndex + 1),
    nameIndex,
    serialIndex: columns.serial?.index ?? -1,
    soeIndex: columns.soe?.index ?? -1,
    stageIndex: columns.stage?.index ?? -1,
    nameHeaderKey: columns.name === undefined ? '' : headerKey(columns.name.header.split('/').pop() ?? ''),
  };
}

function allowedSet(values: readonly string[] | undefined, isDistrict: boolean): ReadonlySet<string> | null {
  if (values === undefined || !Array.isArray(values) || values.length === 0) return null;
  const set = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    set.add(allowedKey(v));
    if (isDistrict) {
      const region = lookupRegion(v);
      if (region !== null) set.add(allowedKey(region.name));
    }
  }
  return set;
}

function soeSetKey(row: ProjectRow): string {
  return `${row.nameKey}\u0001${row.soes.map((s) => s.canonical).sort().join('\u0002')}`;
}

function sameSoes(a: ProjectRow, b: ProjectRow): boolean {
  if (a.soes.length !== b.soes.length) return false;
  if (a.soes === b.soes) return true;
  const set = new Set(a.soes.map((s) => s.canonical));
  return b.soes.every((s) => set.has(s.canonical));
}

function rawAt(cells: readonly CellValue[], col: ColumnRef | undefined): CellValue {
  return col === undefined ? null : (cells[col.index] ?? null);
}

function compareRowIssues(a: LedgerIssue, b: LedgerIssue): number {
  return (a.sheetRow ?? 0) - (b.sheetRow ?? 0) || (a.column?.index ?? -1) - (b.column?.index ?? -1);
}

/** The index of the counted row at `sheetRow` (rows are in sheet order), or -1. */
function indexOfSheetRow(rows: readonly ProjectRow[], sheetRow: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = (rows[mid] as ProjectRow).sheetRow;
    if (at === sheetRow) return mid;
    if (at < sheetRow) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** One flag per counted row, in a byte array that grows. */
class Flags {
  private bytes = new Uint8Array(1024);
  private size = 0;

  push(flag: boolean): void {
    if (this.size === this.bytes.length) this.bytes = grownArray(this.bytes, this.bytes.length * 2);
    this.bytes[this.size++] = flag ? 1 : 0;
  }

  set(index: number): void {
    if (index < this.size) this.bytes[index] = 1;
  }

  count(): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) n += this.bytes[i] as number;
    return n;
  }
}

