/**
 * One workflow suite, two hosts (issue 20): the fake Excel with the Office.js port (`excelHost.ts`) and the fake ET
 * with the WPS 表格 port (`etHost.ts`) behind one interface, so `refreshOnHosts.test.ts` runs the same tests on both
 * (`describe.each(HOSTS)`) and hands a workbook from one host to the other (`PortableWorkbook`).
 */
import type { Grid } from '../../../src/domain/ledger/types';
import { parseCellAddress } from '../../../src/excel/a1';
import type { RefreshOptions, RunReport } from '../../../src/workflows/refresh';
import type { WorkbookPort } from '../../../src/workflows/workbookPort';

/** A cell as a test sees it on either host: empty is `null`, a formula cell is its formula text (`=HYPERLINK(…)`). */
export type ShownCell = string | number | boolean | null;

/** A sheet's visibility, in the words of both object models (Office.js `Visible`/`Hidden`/`VeryHidden`, VBA -1/0/2). */
export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

/** A sheet as a test sees it on either host. */
export interface SheetView {
  readonly name: string;
  readonly visibility: SheetVisibility;
  /** Rows from A1 to the last row with a value, each without its trailing empty cells. */
  readonly cells: readonly (readonly ShownCell[])[];
  /** Number formats other than General, by cell (`B7`: `0.0`). */
  readonly numberFormats: Readonly<Record<string, string>>;
  /** Names of the sheet's charts. */
  readonly charts: readonly string[];
}

/** A workbook-scoped defined name. */
export interface DefinedName {
  readonly name: string;
  /** What it refers to, as formula text (`='汇总'!$A$1`). */
  readonly refersTo: string;
  readonly visible: boolean;
}

/**
 * A workbook in the form both hosts open, as a file carries it from one office to the other: sheets in tab order
 * (values, formulas, number formats, visibility), workbook-scoped names and expression-kind conditional formats;
 * where the add-in keeps its ownership (owner names), its state (the state sheet) and its issue marks. Not carried:
 * other formatting, merges, charts (`charts` is ignored), other conditional formats and Office's document settings
 * (which WPS does not read); the next refresh rebuilds the owned sheets.
 */
export interface PortableWorkbook {
  readonly sheets: readonly SheetView[];
  readonly names: readonly DefinedName[];
  /** Conditional formats of the expression kind (Office.js `Custom`, ET `xlExpression`): how both hosts mark issues. */
  readonly conditionalFormats: readonly ExpressionFormat[];
}

/** A conditional format whose rule is a formula, with a fill. */
export interface ExpressionFormat {
  readonly sheet: string;
  /** The cells, as A1 areas separated by spaces (`F2:F9 H31`). */
  readonly ref: string;
  /** The rule's formula (`=TRUE`, `=MID('_ledger_marks'!$B1,COLUMN(),1)="e"`). */
  readonly formula: string;
  /** `#RRGGBB`, upper case. */
  readonly fill: string;
}

/** One step of the host that its failure hook can fail: a change (ET) or a round trip (Office.js). */
export interface HostStep {
  /** 1-based, from the start of the work measured (the number `failAt` takes). */
  readonly index: number;
  /** `Sheets.Add`, `Name`, `Delete`, `Names.Add`, `Value2`, … (ET) or `sync` (Office.js). */
  readonly kind: string;
  /** Adds, renames, deletes or owns a sheet, or names a range: every Office.js round trip counts as one. */
  readonly structural: boolean;
}

/** One workbook open in a host. */
export interface HostWorkbook {
  /** Run `work` with a new port over this workbook, as the ribbon does (nothing cached from before). */
  withPort<T>(work: (port: WorkbookPort) => Promise<T>): Promise<T>;
  /** `refresh` through a new port. */
  refresh(options: RefreshOptions): Promise<RunReport>;
  /** Every sheet in tab order, hidden ones too. */
  listSheets(): SheetView[];
  /** One sheet by its exact name. @throws when there is none, so a test fails clearly. */
  readSheet(name: string): SheetView;
  /** A user types `rows` into the cells from A1 of `sheet` (`null`: clears the cell). */
  editCells(sheet: string, rows: Grid): Promise<void>;
  /** The steps `work` takes on this workbook, in order. */
  recordSteps(work: () => Promise<unknown>): Promise<HostStep[]>;
  /**
   * Make the `step`th step from now fail (1-based, as `recordSteps` numbers them); `null` ends the plan.
   * @throws on `null` when the planned step was not reached (a test that meant to fail a step did not).
   */
  failAt(step: number | null): void;
  /**
   * Everything the host keeps of the workbook, for comparing it before and after on the same host, or two workbooks
   * of the same host (the state sheet's baseline revision, D1, is a hash of the baseline on both hosts).
   */
  fullState(): unknown;
  /** The expression-kind conditional formats of `sheet` (the issue marks of both hosts). */
  conditionalFormats(sheet: string): ExpressionFormat[];
  /** The workbook as a file would carry it to the other host. */
  toPortable(): PortableWorkbook;
}

/** A host: the fake object model with its port. */
export interface WorkflowHost {
  readonly name: string;
  /** The run error code (`RunReport.error.code`) of a refresh whose host step failed before the summaries were written. */
  readonly failedStepCode: string;
  /** Whether a failure late in a refresh can leave the previous summaries behind (the note `wps_old_sheets_left`). */
  readonly leavesOldSheets: boolean;
  /** A workbook of `sheets` (rows from A1; `null`/`undefined` empty), the first sheet active. */
  open(sheets: Readonly<Record<string, Grid>>): HostWorkbook;
  /** A workbook another host saved. */
  openPortable(workbook: PortableWorkbook): HostWorkbook;
}

/** Rows without trailing empty rows, each without its trailing empty cells. */
export function trimmedRows(rows: readonly (readonly ShownCell[])[]): ShownCell[][] {
  const out = rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === null) end--;
    return row.slice(0, end);
  });
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/** `values` with each formula cell replaced by its formula text (`formulas` by A1 address), trimmed. */
export function shownCells(values: readonly (readonly ShownCell[])[], formulas: Readonly<Record<string, string>>): ShownCell[][] {
  const rows = values.map((row) => [...row]);
  for (const [address, formula] of Object.entries(formulas)) {
    const at = parseCellAddress(address);
    if (at === null) throw new Error(`not a cell address: ${address}`);
    const { row, col } = at;
    while (rows.length <= row) rows.push([]);
    const cells = rows[row]!;
    while (cells.length <= col) cells.push(null);
    cells[col] = formula;
  }
  return trimmedRows(rows);
}
