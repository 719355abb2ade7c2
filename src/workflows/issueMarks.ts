import { arrayOnDemand, forEachIssueLocation, grownArray, isStoredIssueList, ValueTable, type LedgerIssue } from '../domain';
import type { CellMark } from './workbookPort';

/**
 * The cells to mark in the ledger: one mark per flagged cell, the worst severity winning, in the order the cells are
 * first flagged. Info issues (skipped rows) and sheet-level issues are not marked. Reads the issues' locations only
 * (`forEachIssueLocation`: a compact read's issues are not built for this). A read's issues come by row, then column,
 * so the issues of one cell are neighbours: they are merged in one pass, without a table of every address (a full
 * sheet flags 759,412 cells); a list in any other order is merged through one. For a compact read the marks are
 * built when read (`arrayOnDemand`).
 */
export function issueMarks(issues: readonly LedgerIssue[]): readonly CellMark[] {
  const marks = new MarkColumns();
  let lastRow = -1;
  let lastColumn = -1;
  let inOrder = true;
  forEachIssueLocation(issues, (issue) => {
    if (!inOrder || issue.severity === 'info' || issue.sheetRow === null || issue.column === null) return;
    const row = issue.sheetRow;
    const column = issue.column.index ?? -1;
    if (row === lastRow && column === lastColumn) {
      if (issue.severity === 'error') marks.setLastError();
      return;
    }
    if (column < 0 || row < lastRow || (row === lastRow && column < lastColumn)) {
      inOrder = false;
      return;
    }
    lastRow = row;
    lastColumn = column;
    marks.push(issue.column.letter, row, issue.severity);
  });
  if (!inOrder) return marksByAddress(issues);
  if (!isStoredIssueList(issues)) return Array.from({ length: marks.length }, (_, i) => marks.mark(i));
  const list = arrayOnDemand(marks.length, (i) => marks.mark(i));
  MARK_COLUMNS.set(list, marks);
  return list;
}

/** Marks in columns: row numbers and severities in typed arrays, each column letter once. */
class MarkColumns {
  length = 0;
  private rows = new Int32Array(1024);
  private columns = new Int32Array(1024);
  private errors = new Uint8Array(1024);
  private readonly letters = new ValueTable<string>();

  push(letter: string, row: number, severity: CellMark['severity']): void {
    if (this.length === this.rows.length) this.grow();
    this.rows[this.length] = row;
    this.columns[this.length] = this.letters.indexOf(letter);
    this.errors[this.length] = severity === 'error' ? 1 : 0;
    this.length++;
  }

  /** Visit each mark's column letter, row and severity, building nothing. */
  forEach(visit: (letter: string, row: number, severity: CellMark['severity']) => void): void {
    for (let i = 0; i < this.length; i++) visit(this.letters.valueAt(this.columns[i] as number), this.rows[i] as number, this.errors[i] === 1 ? 'error' : 'warning');
  }

  setLastError(): void {
    this.errors[this.length - 1] = 1;
  }

  mark(i: number): CellMark {
    return { address: `${this.letters.valueAt(this.columns[i] as number)}${this.rows[i] as number}`, severity: this.errors[i] === 1 ? 'error' : 'warning' };
  }

  private grow(): void {
    const length = this.rows.length * 2;
    this.rows = grownArray(this.rows, length);
    this.columns = grownArray(this.columns, length);
    this.errors = grownArray(this.errors, length);
  }
}

/** `issueMarks` for issues in any order: one table entry per flagged address. */
function marksByAddress(issues: readonly LedgerIssue[]): CellMark[] {
  const marks = new Map<string, CellMark>();
  forEachIssueLocation(issues, (issue) => {
    if (issue.severity === 'info' || issue.sheetRow === null || issue.column === null) return;
    const address = `${issue.column.letter}${issue.sheetRow}`;
    const previous = marks.get(address);
    if (previous?.severity === 'error') return;
    marks.set(address, { address, severity: issue.severity });
  });
  return [...marks.values()];
}

/** The columns behind each list `issueMarks` built on demand. */
const MARK_COLUMNS = new WeakMap<readonly CellMark[], MarkColumns>();

/**
 * Visit the cells of marks from `issueMarks` by column letter and 1-based row, without building a mark or an address
 * (a full sheet has 759,412 of them). @returns false, visiting nothing, for any other list: read it as it is then.
 */
export function forEachMarkCell(marks: readonly CellMark[], visit: (letter: string, row: number, severity: CellMark['severity']) => void): boolean {
  const columns = MARK_COLUMNS.get(marks);
  if (columns === undefined) return false;
  columns.forEach(visit);
  return true;
}
