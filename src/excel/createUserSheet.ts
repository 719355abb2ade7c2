import type { UserSheetPlan } from '../workflows/workbookPort';
import { cellAddress, rangeAddress } from './a1';
import type { Capabilities } from './capabilities';
import { columnWidthPoints } from './planOps';
import { sheetNameKey } from './sheetNames';
import { literalText } from './toCellInput';

/**
 * Create the user's sheet `plan.name` with `plan`'s cells, unless a sheet of that name (without regard to case)
 * exists: two round trips (the sheet names; then the new sheet, its values, bold rows and column widths). Strings
 * are written as literal text (`literalText`), so a group or district typed as "=x" stays text. The sheet is added
 * after the others and not activated (`WorksheetCollection.add`, ExcelApi 1.1: "If you wish to activate the newly
 * added worksheet, call .activate() on it"); column widths need ExcelApi 1.2 and are skipped without it.
 * @returns the name of the new sheet, or `null` when one with that name existed (nothing was written).
 */
export async function createUserSheet(context: Excel.RequestContext, caps: Capabilities, plan: UserSheetPlan): Promise<string | null> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const wanted = sheetNameKey(plan.name);
  if (sheets.items.some((sheet) => sheetNameKey(sheet.name) === wanted)) return null;
  const sheet = sheets.add(plan.name);
  const cols = Math.max(1, ...plan.cells.map((row) => row.length));
  if (plan.cells.length > 0) {
    const values = plan.cells.map((row) => Array.from({ length: cols }, (_, c) => input(row[c] ?? null)));
    sheet.getRange(rangeAddress({ row: 0, col: 0, rows: values.length, cols })).values = values;
  }
  for (const row of plan.boldRows) sheet.getRange(rangeAddress({ row, col: 0, rows: 1, cols })).format.font.bold = true;
  if (caps.columnWidth) {
    plan.columnWidths.forEach((chars, col) => {
      const letter = cellAddress(0, col).replace(/[0-9]+$/, '');
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(chars);
    });
  }
  await context.sync();
  return plan.name;
}

function input(value: string | number | null): string | number {
  if (value === null) return '';
  return typeof value === 'string' ? literalText(value) : Number.isFinite(value) ? value : '';
}
