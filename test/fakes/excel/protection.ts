/**
 * Worksheet protection (ExcelApi 1.2 `worksheet.protection`). A protected sheet refuses writing
 * cells, merging and clearing (every cell counts as locked; `format.protection.locked` is not
 * modelled); formats and conditional formats unless protected with allowFormatCells; charts and
 * tables unless protected with allowEditObjects. Renaming, moving, hiding or deleting the sheet is
 * workbook structure protection's business (not modelled), and view settings such as freeze panes
 * stay free. Passwords are not modelled.
 *
 * Excel refuses with AccessDenied, "You cannot perform the requested operation.": the Excel service
 * answers so for a write to a locked cell (microsoftgraph/microsoft-graph-docs issue 4546), and the
 * Office.js reference names AccessDenied for edits refused by worksheet protection
 * (https://learn.microsoft.com/javascript/api/excel/excel.alloweditrange).
 */
import type { Op, Tx } from './core';
import { FakeOfficeError } from './errors';

/** Classes whose queued writes change cell formats: allowed when the sheet was protected with allowFormatCells. */
const FORMAT_CLASSES: ReadonlySet<string> = new Set([
  'RangeFormat',
  'RangeFill',
  'RangeFont',
  'ConditionalFormatCollection',
  'ConditionalFormat',
  'CustomConditionalFormat',
  'CellValueConditionalFormat',
  'ConditionalFormatRule',
  'ConditionalRangeFormat',
  'ConditionalRangeFill',
  'ConditionalRangeFont',
]);

/** Classes of drawing objects and tables: allowed when protected with allowEditObjects. */
const OBJECT_CLASSES: ReadonlySet<string> = new Set([
  'ChartCollection',
  'Chart',
  'ChartAxes',
  'ChartAxis',
  'ChartDataLabels',
  'ChartLegend',
  'ChartSeries',
  'ChartSeriesCollection',
  'ChartTitle',
  'TableCollection',
  'Table',
]);

/** Operations that only read, select or navigate. */
const READS: ReadonlySet<string> = new Set(['load', '_instantiate', 'select', 'activate', 'getCount']);

/** The options protect() applies when given none (all false: Excel's "Protect Sheet" defaults). */
export const DEFAULT_PROTECTION_OPTIONS: Readonly<Record<string, unknown>> = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
  selectionMode: 'Normal',
};

/** The message Excel gives with AccessDenied. */
export const ACCESS_DENIED_MESSAGE = 'You cannot perform the requested operation.';

function sheetOf(tx: Tx, op: Op): string | null {
  const t = op.target._target(tx);
  if (typeof t === 'string') return tx.findSheet(t) ? t : null;
  if (t !== null && typeof t === 'object' && 'sheetId' in t && typeof t.sheetId === 'string') return t.sheetId;
  return null;
}

/** Throws AccessDenied when `op` writes to a protected sheet (checked when the op runs, at sync). */
export function checkProtection(tx: Tx, op: Op): void {
  if (tx.protection.sheets.size === 0 || READS.has(op.member)) return;
  const dot = op.location.indexOf('.');
  const cls = dot < 0 ? op.location : op.location.slice(0, dot);
  const isFormat = FORMAT_CLASSES.has(cls) || op.location === 'Range.numberFormat';
  const isObject = OBJECT_CLASSES.has(cls);
  if (cls !== 'Range' && !isFormat && !isObject) return;
  const sheetId = sheetOf(tx, op);
  const options = sheetId === null ? undefined : tx.protection.sheets.get(sheetId);
  if (options === undefined) return;
  if (isFormat && options.allowFormatCells === true) return;
  if (isObject && options.allowEditObjects === true) return;
  throw new FakeOfficeError('AccessDenied', ACCESS_DENIED_MESSAGE);
}

/** Protection with `sheetId` protected (or not), leaving the engine's own maps untouched. */
export function withSheetProtection(
  tx: Tx,
  sheetId: string,
  options: Readonly<Record<string, unknown>> | null,
): void {
  const sheets = new Map(tx.protection.sheets);
  if (options === null) sheets.delete(sheetId);
  else sheets.set(sheetId, options);
  tx.protection = { sheets };
}
