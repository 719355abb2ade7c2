import type { PlanCell, PlanRange, SheetPlan } from '../../../src/domain/layout/types';

/** Column letters of a 0-based column index ("A", …, "Z", "AA"). */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The A1 address of a 0-based cell. */
export const a1 = (row: number, col: number): string => `${columnLetter(col)}${row + 1}`;

/** A range in A1 notation ("F12:F18", or "F12" for one cell). */
export function rangeA1(range: PlanRange): string {
  const first = a1(range.row, range.col);
  const last = a1(range.row + range.rows - 1, range.col + range.cols - 1);
  return first === last ? first : `${first}:${last}`;
}

/** Every written cell of a plan by A1 address, with its block's number format. */
export function cellsOf(plan: SheetPlan): Map<string, { value: PlanCell; numberFormat: string | null }> {
  const cells = new Map<string, { value: PlanCell; numberFormat: string | null }>();
  for (const block of plan.blocks) {
    block.values.forEach((values, r) => {
      values.forEach((value, c) => {
        const format = block.numberFormat;
        const numberFormat = typeof format === 'string' ? format : (format?.[c] ?? null);
        cells.set(a1(block.row + r, block.col + c), { value, numberFormat });
      });
    });
  }
  return cells;
}

/** The value at an A1 address (`undefined` when nothing is written there). */
export const cell = (plan: SheetPlan, address: string): PlanCell | undefined => cellsOf(plan).get(address)?.value;

/** The number format at an A1 address. */
export const formatAt = (plan: SheetPlan, address: string): string | null | undefined => cellsOf(plan).get(address)?.numberFormat;

/** The 1-based sheet row whose column A holds `text` (the first such row), or 0. */
export function rowOf(plan: SheetPlan, text: string, after = 0): number {
  for (const block of plan.blocks) {
    if (block.col !== 0) continue;
    const index = block.values.findIndex((values, r) => values[0] === text && block.row + r + 1 > after);
    if (index >= 0) return block.row + index + 1;
  }
  return 0;
}

/** The values of a 1-based sheet row from column A, up to its last written cell. */
export function rowValues(plan: SheetPlan, sheetRow: number): PlanCell[] {
  const values: PlanCell[] = [];
  for (const [address, { value }] of cellsOf(plan)) {
    const match = /^([A-Z]+)(\d+)$/u.exec(address);
    if (match === null || Number(match[2]) !== sheetRow) continue;
    const col = [...(match[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    values[col] = value;
  }
  return Array.from(values, (value) => value ?? null);
}

/** Every string written in the plan. */
export const textsOf = (plan: SheetPlan): string[] =>
  [...cellsOf(plan).values()].flatMap(({ value }) => (typeof value === 'string' ? [value] : []));
