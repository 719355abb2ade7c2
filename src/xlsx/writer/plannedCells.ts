import type { PlanCell, PlanStyle, SheetPlan } from '../../domain';

/** One cell of a sheet plan after every block and format was applied. */
export interface PlannedCell {
  value: PlanCell;
  numberFormat: string | null;
  style: PlanStyle;
}

/** A plan's cells by 0-based row, then column. */
export type PlannedCells = Map<number, Map<number, PlannedCell>>;

const EMPTY_STYLE: PlanStyle = {};

/**
 * Merge two styles, reusing one merged object per pair, so that cells of one look share one
 * style object (the style book then finds their format by identity instead of by content).
 */
function merger(): (base: PlanStyle, over: PlanStyle) => PlanStyle {
  const merged = new WeakMap<PlanStyle, WeakMap<PlanStyle, PlanStyle>>();
  return (base, over) => {
    if (base === EMPTY_STYLE) return over;
    let byOver = merged.get(base);
    if (byOver === undefined) {
      byOver = new WeakMap();
      merged.set(base, byOver);
    }
    let style = byOver.get(over);
    if (style === undefined) {
      style = { ...base, ...over };
      byOver.set(over, style);
    }
    return style;
  };
}

function cellAt(cells: PlannedCells, row: number, col: number): PlannedCell {
  let line = cells.get(row);
  if (line === undefined) {
    line = new Map();
    cells.set(row, line);
  }
  let cell = line.get(col);
  if (cell === undefined) {
    cell = { value: null, numberFormat: null, style: EMPTY_STYLE };
    line.set(col, cell);
  }
  return cell;
}

/**
 * Lay a sheet plan's blocks and formats onto a cell map, the way `writeSheetPlan` applies them
 * to an ExcelJS sheet: a block sets the number format and style of each of its cells and writes
 * its non-null values; a format merges its style into every cell of its range.
 */
export function plannedCells(plan: SheetPlan): PlannedCells {
  const cells: PlannedCells = new Map();
  const merge = merger();
  for (const block of plan.blocks) {
    block.values.forEach((rowValues, r) => {
      rowValues.forEach((value, c) => {
        const format = typeof block.numberFormat === 'string' ? block.numberFormat : block.numberFormat?.[c];
        if (value === null && (format === undefined || format === null) && block.style === undefined) return;
        const cell = cellAt(cells, block.row + r, block.col + c);
        if (format !== undefined && format !== null) cell.numberFormat = format;
        if (block.style !== undefined) cell.style = merge(cell.style, block.style);
        if (value !== null) cell.value = value;
      });
    });
  }
  for (const format of plan.formats) {
    const { row, col, rows, cols } = format.range;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const cell = cellAt(cells, row + r, col + c);
        cell.style = merge(cell.style, format.style);
      }
    }
  }
  return cells;
}

/** The value shown in a planned cell: a formula's cached result, a link's text, else the value. */
export function shownValue(cells: PlannedCells, row: number, col: number): string | number | boolean | null {
  const value = cells.get(row)?.get(col)?.value ?? null;
  if (value === null || typeof value !== 'object') return value;
  if ('formula' in value) return value.result ?? null;
  return value.text;
}
