import { columnIndexOf, columnLetter } from '../domain';
import type { PlanRange } from '../domain';

/** A 0-based cell position on a sheet. */
export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

/** The A1 address of a 0-based cell: `cellAddress(11, 5)` → "F12". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** The A1 address of a 0-based rectangle: "B3:D7", or "B3" for one cell. */
export function rangeAddress(range: PlanRange): string {
  const start = cellAddress(range.row, range.col);
  if (range.rows === 1 && range.cols === 1) return start;
  return `${start}:${cellAddress(range.row + range.rows - 1, range.col + range.cols - 1)}`;
}

/** The rectangle of rows `[row, row + rows)` and columns `[col, col + cols)`. */
export function planRange(row: number, col: number, rows: number, cols: number): PlanRange {
  return { row, col, rows, cols };
}

/**
 * The 0-based position of a single-cell A1 address ("F12", "$F$12"), or `null` when the text is not one.
 * @example parseCellAddress('F12') // { row: 11, col: 5 }
 */
export function parseCellAddress(address: string): CellPosition | null {
  const match = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(address.trim());
  if (match === null) return null;
  const col = columnIndexOf(match[1] ?? '');
  const row = Number(match[2]) - 1;
  if (col === null || col > 16_383 || row > 1_048_575) return null;
  return { row, col };
}

/**
 * A sheet name as it appears inside a formula reference: always quoted, with `'` doubled.
 * Quoting a name that would not need it is valid Excel syntax.
 * @example quotedSheetName("Bob's 汇总") // "'Bob''s 汇总'"
 */
export function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
