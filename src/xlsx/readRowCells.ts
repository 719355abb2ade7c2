import ExcelJS from 'exceljs';
import type { CellValue } from '../domain';
import { toCellValue } from './toCellValue';

/**
 * A row's cells as plain values, `cells[0]` being column A, trailing blanks trimmed.
 * Formula cells give their cached result, read through `cell.result`: ExcelJS's `cell.value`
 * drops a falsy result (0, false, and the NaN its streaming reader makes of an error).
 * The non-anchor cells of a merged range are `null`, as in Excel's `Range.values`.
 */
export function readRowCells(row: ExcelJS.Row): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell((cell, col) => {
    let value: CellValue;
    switch (cell.type) {
      case ExcelJS.ValueType.Merge:
        return;
      case ExcelJS.ValueType.Formula: {
        const result: unknown = cell.result;
        value = result === undefined || result === null ? null : toCellValue(result);
        break;
      }
      default:
        value = toCellValue(cell.value);
    }
    if (value === null || value === '') return;
    while (cells.length < col - 1) cells.push(null);
    cells[col - 1] = value;
  });
  return cells;
}
