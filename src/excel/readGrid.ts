import type { CellValue, Grid } from '../domain';
import type { SourceGrid, SourceRef } from '../workflows/workbookPort';
import { rangeAddress } from './a1';
import { syncChunk } from './batch';
import type { Capabilities } from './capabilities';
import { isPayloadLimitError } from './toPortError';
import { GUESSED_BYTES_PER_CELL, jsonBytes, PayloadBudget, rowsPerChunk } from './payload';

/** What `listSheets` saw of a source: its rows and the bytes per row of its preview. */
export interface ReadHint {
  readonly rows: number;
  readonly bytesPerRow: number;
}

/** Rows of the first chunk when nothing is known about the source yet. */
export const BLIND_FIRST_ROWS = 2_000;

/** What a read measured, for sizing later reads of the same sheet. */
export interface ReadGridResult extends SourceGrid {
  /** Bytes per row of the response, measured over all chunks. */
  readonly bytesPerRow: number;
}

/** Where the source sits on its sheet (0-based, as `Range.rowIndex` / `columnIndex` give it). */
interface SourceArea {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

interface Located {
  readonly area: SourceArea;
  /** Values of the first rows when they could be read in the same round trip. */
  readonly firstValues: readonly (readonly unknown[])[];
  /** The workbook's date system, when the host could tell it (`dateSystemOf`). */
  readonly dateSystem: 1900 | 1904 | undefined;
}

/** The year, month and day whose DATE serial tells the date system: 1904-01-01. */
const EPOCH_1904 = [1904, 1, 1] as const;

/**
 * The date system from `DATE(1904, 1, 1)` as the workbook computes it: 0 in the 1904 system, whose serial 0 is
 * 1904-01-01, and 1462 in the 1900 system, whose serial 1 is 1900-01-01 and which counts a 1900-02-29 (ECMA-376
 * Part 1 §18.17.7.74 DATE and its "Date Representation": years from 1904 are taken as they are in both systems).
 * Anything else (an error result has no value) is `undefined`: unknown.
 */
export function dateSystemOf(epochSerial: unknown): 1900 | 1904 | undefined {
  if (epochSerial === 0) return 1904;
  if (epochSerial === 1462) return 1900;
  return undefined;
}

/**
 * Sync 1: find the source and its extent; where `Range.getResizedRange` exists (ExcelApi 1.2) read
 * the first chunk in the same round trip. A payload error there halves the first chunk, down to none.
 */
async function locate(context: Excel.RequestContext, source: SourceRef, caps: Capabilities, firstRows: number, budget: PayloadBudget): Promise<Located> {
  let range: Excel.Range;
  let sheet: Excel.Worksheet;
  if (source.kind === 'sheet') {
    sheet = context.workbook.worksheets.getItem(source.name);
    // valuesOnly (1.2) ignores cells that only carry formatting, e.g. whole columns a user coloured.
    range = caps.valuesOnlyUsedRange ? sheet.getUsedRange(true) : sheet.getUsedRange();
  } else {
    // Table.worksheet is ExcelApi 1.2; Range.worksheet is 1.1.
    sheet = context.workbook.tables.getItem(source.name).getRange().worksheet;
    range = context.workbook.tables.getItem(source.name).getRange();
  }
  sheet.load('name');
  range.load('rowIndex,columnIndex,rowCount,columnCount');
  const first = caps.valuesOnlyUsedRange && firstRows > 0 ? range.getRow(0).getResizedRange(firstRows - 1, 0) : null;
  if (first !== null) first.load('values');
  // Office.js has no Date1904 property: the workbook's DATE function tells it, in this same round trip.
  const epoch = caps.workbookFunctions ? context.workbook.functions.date(...EPOCH_1904).load('value') : null;
  try {
    await context.sync();
  } catch (error) {
    if (first !== null && isPayloadLimitError(error)) {
      budget.shrink();
      return locate(context, source, caps, Math.floor(firstRows / 2), budget);
    }
    throw error;
  }
  const area = { sheet: sheet.name, row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount };
  const firstValues = first === null ? [] : (first.values as unknown[][]).slice(0, area.rows);
  return { area, firstValues, dateSystem: epoch === null ? undefined : dateSystemOf(epoch.value) };
}

/**
 * Read up to `rows` rows of the area from `offset`. On a payload error, shrink the budget and read
 * the first half instead (recursion, not a loop); the caller continues after what was returned.
 */
async function readRows(context: Excel.RequestContext, area: SourceArea, offset: number, rows: number, budget: PayloadBudget): Promise<unknown[][]> {
  const range = context.workbook.worksheets
    .getItem(area.sheet)
    .getRange(rangeAddress({ row: area.row + offset, col: area.col, rows, cols: area.cols }))
    .load('values');
  try {
    await syncChunk(context);
  } catch (error) {
    if (!isPayloadLimitError(error) || rows <= 1) throw error;
    // Retry the first half; the caller continues after it with chunks sized to the smaller budget.
    budget.shrink();
    return readRows(context, area, offset, Math.ceil(rows / 2), budget);
  }
  return range.values as unknown[][];
}

function toCell(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * Read a sheet's used range or a table in row chunks below the payload limit, and return the cells
 * from A1: rows and columns before the source are `null`, so `sheetRow = rowIndex + 1` and column 0
 * is column A. A table gives its own rows (header included) at their real rows and columns. `""` is
 * `null`. Round trips: 1 + one per further chunk; chunks are sized from the measured bytes per row
 * (first guess: `hint`, from the preview `listSheets` read). From ExcelApi 1.2 the first round trip also asks the
 * workbook's date system (`dateSystem`; `Range.values` gives the serials the workbook stores).
 * @throws the Office error (`ItemNotFound` when the sheet or table is missing); the caller maps it.
 */
export async function readGrid(
  context: Excel.RequestContext,
  source: SourceRef,
  caps: Capabilities,
  options: { hint?: ReadHint; onChunk?: (rowsRead: number, rowsTotal: number) => void } = {},
): Promise<ReadGridResult> {
  // Before the first round trip the extent is unknown: size the first chunk from the hint (what
  // listSheets saw moments before), or from a guess for a 20-column ledger, capped so that a small
  // sheet does not read thousands of empty rows.
  const budget = new PayloadBudget();
  const { hint } = options;
  const firstRows =
    hint === undefined
      ? Math.min(BLIND_FIRST_ROWS, rowsPerChunk(20 * GUESSED_BYTES_PER_CELL, 20))
      : Math.min(hint.rows, rowsPerChunk(hint.bytesPerRow, 20));
  const { area, firstValues, dateSystem } = await locate(context, source, caps, firstRows, budget);

  const grid: CellValue[][] = [];
  for (let r = 0; r < area.row; r++) grid.push(new Array<CellValue>(area.col + area.cols).fill(null));
  const lead: CellValue[] = new Array<CellValue>(area.col).fill(null);
  let bytes = 0;
  let lastChunkBytesPerRow = 0;
  const append = (values: readonly (readonly unknown[])[]): void => {
    const chunkBytes = jsonBytes(values);
    bytes += chunkBytes;
    lastChunkBytesPerRow = values.length > 0 ? chunkBytes / values.length : 0;
    for (const row of values) grid.push(lead.concat(row.map(toCell)));
  };

  append(firstValues);
  let read = firstValues.length;
  options.onChunk?.(read, area.rows);
  while (read < area.rows) {
    const measured = read > 0 ? Math.max(bytes / read, lastChunkBytesPerRow) : (hint?.bytesPerRow ?? area.cols * GUESSED_BYTES_PER_CELL);
    const rows = Math.min(rowsPerChunk(measured, area.cols, budget.bytes), area.rows - read);
    const values = await readRows(context, area, read, rows, budget);
    append(values);
    read += values.length;
    options.onChunk?.(read, area.rows);
  }

  // An empty sheet's used range is A1 holding "": report no cells at all.
  const isEmpty = grid.every((row) => row.every((cell) => cell === null));
  return {
    sheet: area.sheet,
    grid: isEmpty ? [] : (grid as Grid),
    bytesPerRow: read > 0 ? bytes / read : 0,
    ...(dateSystem === undefined ? {} : { dateSystem }),
  };
}
