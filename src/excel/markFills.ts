import type { CellMark } from '../workflows/workbookPort';
import { cellAddress, parseCellAddress, rangeAddress } from './a1';
import { sheetNameKey } from './sheetNames';
import { queueWorksheets } from './worksheets';

/**
 * At most this many cells are filled on a host without conditional formats (errors first); the
 * validation sheet lists every issue. The fill path reads each flagged cell's fill to restore it
 * later, one small range per cell, so its request grows with the marks: 5,000 scattered cells
 * measured at 2.95 MB per request in Office.js's format (the fake's officeWireMeter). It runs only below
 * ExcelApi 1.6, i.e. on perpetual Office 2016 desktop builds: Excel on the web always has the
 * newest requirement sets and takes the conditional-format path, and no payload limit is documented
 * for the desktop hosts (OFFICE-PLATFORM.md §2).
 */
export const MAX_FILLED_CELLS = 5_000;

/** Excel's "Light red fill" and "Yellow fill" presets of Highlight Cells Rules. */
export const MARK_FILLS: Record<CellMark['severity'], string> = { error: '#FFC7CE', warning: '#FFEB9C' };

/**
 * What the fill path stored: the flagged cells were filled; their previous fill (`null` = none) is
 * restored on clear, unless the user changed the fill since (then theirs wins).
 */
export interface FillRecord {
  readonly kind: 'fill';
  readonly sheetId: string;
  readonly sheetName: string;
  readonly cells: readonly { readonly address: string; readonly original: string | null; readonly mark: string }[];
}

/** A vertical run of cells in one column sharing a value (one range operation instead of one per cell). */
interface Run<T> {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly value: T;
}

/** Group cells into vertical runs of equal values (column by column, top to bottom). */
export function verticalRuns<T>(cells: readonly { readonly row: number; readonly col: number; readonly value: T }[]): Run<T>[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: Run<T>[] = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.col === cell.col && last.row + last.rows === cell.row && last.value === cell.value) {
      runs[runs.length - 1] = { ...last, rows: last.rows + 1 };
    } else runs.push({ row: cell.row, col: cell.col, rows: 1, value: cell.value });
  }
  return runs;
}

const runAddress = (run: Run<unknown>): string => rangeAddress({ row: run.row, col: run.col, rows: run.rows, cols: 1 });

/** A cell to fill, with its fill colour. */
export type FillCell = { readonly row: number; readonly col: number; readonly value: string };

/** Errors first, then sheet order; at most `MAX_FILLED_CELLS`. */
export function capFills(marks: readonly CellMark[]): { cells: FillCell[]; capped: boolean } {
  const cells = marks
    .map((mark) => ({ mark, cell: parseCellAddress(mark.address) }))
    .filter((m): m is { mark: CellMark; cell: { row: number; col: number } } => m.cell !== null)
    .sort((a, b) => (a.mark.severity === b.mark.severity ? 0 : a.mark.severity === 'error' ? -1 : 1) || a.cell.row - b.cell.row || a.cell.col - b.cell.col);
  const kept = cells.slice(0, MAX_FILLED_CELLS);
  return { cells: kept.map(({ mark, cell }) => ({ row: cell.row, col: cell.col, value: MARK_FILLS[mark.severity] })), capped: cells.length > kept.length };
}

function sameColor(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toUpperCase() === b.toUpperCase();
}

/**
 * A fill as `Range.format.fill.color` reads it: "#FFFFFF" is what a cell without fill reports, so
 * it is restored with `fill.clear()` (an explicit white fill would hide the gridlines).
 */
function restoreFill(range: Excel.Range, original: string | null): void {
  if (original === null || original.toUpperCase() === '#FFFFFF') range.format.fill.clear();
  else range.format.fill.color = original;
}

/** Queue a fill read of each cell (one small range per cell; at most `MAX_FILLED_CELLS`). */
function loadFills(sheet: Excel.Worksheet, addresses: readonly string[]): Map<string, Excel.RangeFill> {
  const fills = new Map<string, Excel.RangeFill>();
  for (const address of addresses) {
    const fill = sheet.getRange(address).format.fill;
    fill.load('color');
    fills.set(address, fill);
  }
  return fills;
}

/** Queue fill restores, grouped into vertical runs of equal original fill. */
function queueRestores(sheet: Excel.Worksheet, cells: readonly { address: string; original: string | null }[]): void {
  const positioned = cells.flatMap((c) => {
    const at = parseCellAddress(c.address);
    return at === null ? [] : [{ row: at.row, col: at.col, value: c.original }];
  });
  for (const run of verticalRuns(positioned)) restoreFill(sheet.getRange(runAddress(run)), run.value);
}

/**
 * Fill marks (ExcelApi 1.1, no conditional formats): read the flagged cells' fills, remember them,
 * fill. Two round trips, three or four when the previous fills sit on another sheet. A cell marked
 * last time keeps its remembered original when it still shows our mark; a previous mark that is no
 * longer wanted is restored unless the user refilled it since.
 */
export async function markWithFills(
  context: Excel.RequestContext,
  target: Excel.Worksheet,
  sheetName: string,
  cells: readonly FillCell[],
  previous: FillRecord | null,
): Promise<FillRecord | null> {
  const wanted = cells.map((c) => cellAddress(c.row, c.col));
  // The previous fills can be checked in the same round trip when they are (probably) on this sheet.
  const before = previous !== null && sheetNameKey(previous.sheetName) === sheetNameKey(sheetName) ? previous : null;
  const fills = loadFills(target, [...new Set([...wanted, ...(before?.cells.map((c) => c.address) ?? [])])]);
  await context.sync();
  const here = before !== null && before.sheetId === target.id ? before : null;
  if (previous !== null && here === null) await queueClearFills(context, previous);
  const color = (address: string): string | null => fills.get(address)?.color ?? null;
  const remembered = new Map((here?.cells ?? []).map((c) => [c.address, c]));
  const wantedSet = new Set(wanted);
  queueRestores(
    target,
    (here?.cells ?? []).filter((c) => !wantedSet.has(c.address) && sameColor(color(c.address), c.mark)),
  );
  const record = cells.map((c) => {
    const address = cellAddress(c.row, c.col);
    const old = remembered.get(address);
    const original = old !== undefined && sameColor(color(address), old.mark) ? old.original : color(address);
    return { address, original, mark: c.value };
  });
  for (const run of verticalRuns(cells)) target.getRange(runAddress(run)).format.fill.color = run.value;
  await context.sync();
  if (record.length === 0) return null;
  return { kind: 'fill', sheetId: target.id, sheetName: target.name, cells: record };
}

/**
 * Queue the restore of the fills `record` describes, wherever its sheet is now (found by id; a
 * deleted sheet has nothing to restore). Two round trips: find the sheet, then read the current
 * fills; the restores themselves go with the caller's next sync.
 */
export async function queueClearFills(context: Excel.RequestContext, record: FillRecord): Promise<void> {
  const worksheets = queueWorksheets(context);
  await context.sync();
  const sheet = worksheets.items.find((s) => s.id === record.sheetId);
  if (sheet === undefined) return;
  const fills = loadFills(sheet, record.cells.map((c) => c.address));
  await context.sync();
  queueRestores(
    sheet,
    record.cells.filter((c) => sameColor(fills.get(c.address)?.color ?? null, c.mark)),
  );
}
