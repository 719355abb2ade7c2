import { cellTextWidth } from './cellTextWidth';
import type { PlanBlock, PlanRange } from './types';

/**
 * Column widths (Excel character units) that fit the widest text of each column (`cellTextWidth`, a CJK character
 * counted as two), plus `padding`, between `minWidths[col]` and the column's maximum (`maxWidths`: one for every
 * column, or one per column; a column past the list takes the last). Only tables count: a one-cell block spills
 * over the empty cells to its right, and a merged range (title, paragraph) wraps or spans, so neither sizes a column.
 * @example fitColumnWidths([{ row: 0, col: 0, values: [['累计完成投资', 12.5]] }], [], [6, 6], 40) // → [14, 6]
 */
export function fitColumnWidths(
  blocks: readonly PlanBlock[],
  merges: readonly PlanRange[],
  minWidths: readonly number[],
  maxWidths: number | readonly number[],
  padding = 2,
): number[] {
  const widths = [...minWidths];
  const maxOf = (col: number): number =>
    typeof maxWidths === 'number' ? maxWidths : (maxWidths[Math.min(col, maxWidths.length - 1)] ?? Number.POSITIVE_INFINITY);
  const merged = (row: number, col: number): boolean => merges.some((m) => row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols);
  for (const block of blocks) {
    const cols = block.values[0]?.length ?? 0;
    if (cols < 2) continue;
    block.values.forEach((cells, r) => {
      cells.forEach((value, c) => {
        const col = block.col + c;
        if (value === null || merged(block.row + r, col)) return;
        const format = typeof block.numberFormat === 'string' ? block.numberFormat : (block.numberFormat?.[c] ?? null);
        const width = Math.min(maxOf(col), cellTextWidth(value, format) + padding);
        widths[col] = Math.max(widths[col] ?? 0, width);
      });
    });
  }
  return Array.from(widths, (w) => w ?? minWidths[0] ?? 8);
}
