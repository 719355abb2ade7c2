import type { CellMark } from '../workflows/workbookPort';
import { cellAddress, parseCellAddress, rangeAddress } from './a1';
import type { ExcelRun } from './batch';
import type { Capabilities, CapabilityNotes } from './capabilities';
import { SETTING_KEYS, type DocumentSettings } from './documentSettings';
import { officeErrorCode, toPortError } from './toPortError';
import { sheetNameKey } from './sheetNames';
import { queueWorksheets } from './worksheets';

/** At most this many cells are marked (errors first); the validation sheet lists every issue. */
export const MAX_MARKED_CELLS = 5_000;

/** Excel's "Light red fill" and "Yellow fill" presets of Highlight Cells Rules. */
export const MARK_FILLS: Record<CellMark['severity'], string> = { error: '#FFC7CE', warning: '#FFEB9C' };

/**
 * What the last `markCells` did, stored in the document settings so the next refresh, or the
 * "clear marks" action in another runtime, removes exactly those marks:
 * - `cf` (ExcelApi 1.6+): one conditional format per run of flagged cells, by id. The cells' own
 *   formatting is never touched, and a CF sits above the user's fills.
 * - `fill` (ExcelApi 1.1): the flagged cells were filled; their previous fill (`null` = none) is
 *   restored on clear, unless the user changed the fill since (then theirs wins).
 */
export type MarkRecord =
  | { readonly kind: 'cf'; readonly sheetId: string; readonly sheetName: string; readonly formats: readonly { readonly id: string; readonly address: string }[] }
  | {
      readonly kind: 'fill';
      readonly sheetId: string;
      readonly sheetName: string;
      readonly cells: readonly { readonly address: string; readonly original: string | null; readonly mark: string }[];
    };

/** What the mark functions need from the port. */
export interface MarkDeps {
  readonly run: ExcelRun;
  readonly settings: DocumentSettings;
  readonly caps: Capabilities;
  readonly notes: CapabilityNotes;
}

function readRecord(settings: DocumentSettings): MarkRecord | null {
  const value = settings.get(SETTING_KEYS.marks) as MarkRecord | null | undefined;
  if (value === null || value === undefined || typeof value !== 'object') return null;
  return value.kind === 'cf' || value.kind === 'fill' ? value : null;
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

/** Errors first, then sheet order; at most `MAX_MARKED_CELLS`. */
function capMarks(marks: readonly CellMark[]): { cells: { row: number; col: number; value: string }[]; capped: boolean } {
  const cells = marks
    .map((mark) => ({ mark, cell: parseCellAddress(mark.address) }))
    .filter((m): m is { mark: CellMark; cell: { row: number; col: number } } => m.cell !== null)
    .sort((a, b) => (a.mark.severity === b.mark.severity ? 0 : a.mark.severity === 'error' ? -1 : 1) || a.cell.row - b.cell.row || a.cell.col - b.cell.col);
  const kept = cells.slice(0, MAX_MARKED_CELLS);
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

/**
 * Mark `marks` on `sheetName`, replacing the previous marks: 1 round trip in the usual case
 * (conditional formats, previous marks on the same sheet), 2 with fills, 3–4 when the previous
 * marks sit on another sheet.
 */
export async function markCells(deps: MarkDeps, sheetName: string, marks: readonly CellMark[]): Promise<void> {
  const { run, settings, caps, notes } = deps;
  notes.reset('marks');
  const { cells, capped } = capMarks(marks);
  if (capped) notes.add('marks', 'marks_capped', String(MAX_MARKED_CELLS));
  if (!caps.conditionalFormats) notes.add('marks', 'marks_as_fills');
  const previous = readRecord(settings);
  if (cells.length === 0 && previous === null) return; // nothing to mark, nothing to replace
  let record: MarkRecord | null;
  try {
    record = await run(async (context) => {
      const target = context.workbook.worksheets.getItem(sheetName);
      target.load('id,name');
      if (caps.conditionalFormats) return markWithFormats(context, target, cells, previous, caps);
      return markWithFills(context, target, sheetName, cells, previous, caps);
    });
  } catch (error) {
    throw toPortError(error, 'markCells');
  }
  if (record === null) settings.remove(SETTING_KEYS.marks);
  else settings.set(SETTING_KEYS.marks, record);
  await settings.save();
}

type MarkCell = { readonly row: number; readonly col: number; readonly value: string };

/** Queue one conditional format per run of equally marked cells (a custom rule that is always true). */
function addFormats(target: Excel.Worksheet, cells: readonly MarkCell[]): { address: string; format: Excel.ConditionalFormat }[] {
  return verticalRuns(cells).map((run) => {
    const address = runAddress(run);
    const format = target.getRange(address).conditionalFormats.add(Excel.ConditionalFormatType.custom);
    format.custom.rule.formula = '=TRUE';
    format.custom.format.fill.color = run.value;
    format.load('id');
    return { address, format };
  });
}

function cfRecord(target: Excel.Worksheet, added: readonly { address: string; format: Excel.ConditionalFormat }[]): MarkRecord | null {
  if (added.length === 0) return null;
  return { kind: 'cf', sheetId: target.id, sheetName: target.name, formats: added.map(({ address, format }) => ({ id: format.id, address })) };
}

/**
 * Conditional-format marks (ExcelApi 1.6). Usual case in one round trip: the previous formats are
 * deleted by id (`Worksheet.getItem` takes an id) while the new ones are added. If one of them is
 * gone (the user deleted it, or the sheet), the batch fails with ItemNotFound and the slower path
 * looks up what is really there.
 */
async function markWithFormats(
  context: Excel.RequestContext,
  target: Excel.Worksheet,
  cells: readonly MarkCell[],
  previous: MarkRecord | null,
  caps: Capabilities,
): Promise<MarkRecord | null> {
  if (previous?.kind === 'cf') {
    const formats = context.workbook.worksheets.getItem(previous.sheetId).getRange().conditionalFormats;
    for (const old of previous.formats) formats.getItem(old.id).delete();
  } else if (previous !== null) await queueClearRecorded(context, previous, caps);
  let added = addFormats(target, cells);
  try {
    await context.sync();
  } catch (error) {
    if (officeErrorCode(error) !== 'ItemNotFound' || previous?.kind !== 'cf') throw error;
    await queueClearRecorded(context, previous, caps);
    target.load('id,name');
    added = addFormats(target, cells);
    await context.sync();
  }
  return cfRecord(target, added);
}

/** Queue a fill read of each cell (one small range per cell; at most `MAX_MARKED_CELLS`). */
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
 * fill. Two round trips. A cell marked last time keeps its remembered original when it still shows
 * our mark; a previous mark that is no longer wanted is restored unless the user refilled it since.
 */
async function markWithFills(
  context: Excel.RequestContext,
  target: Excel.Worksheet,
  sheetName: string,
  cells: readonly MarkCell[],
  previous: MarkRecord | null,
  caps: Capabilities,
): Promise<MarkRecord | null> {
  const wanted = cells.map((c) => cellAddress(c.row, c.col));
  // The previous fills can be checked in the same round trip when they are (probably) on this sheet.
  const before = previous?.kind === 'fill' && sheetNameKey(previous.sheetName) === sheetNameKey(sheetName) ? previous : null;
  const fills = loadFills(target, [...new Set([...wanted, ...(before?.cells.map((c) => c.address) ?? [])])]);
  await context.sync();
  const here = before !== null && before.sheetId === target.id ? before : null;
  if (previous !== null && here === null) await queueClearRecorded(context, previous, caps);
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
 * Queue the removal of the marks `record` describes, wherever its sheet is now (found by id; a
 * deleted sheet has nothing to remove). Two round trips: find the sheet, then read what is there
 * (format ids, or current fills); the removals themselves go with the caller's next sync.
 */
async function queueClearRecorded(context: Excel.RequestContext, record: MarkRecord, caps: Capabilities): Promise<void> {
  // Conditional formats left by a newer Excel cannot be removed by an ExcelApi 1.1 host: left as they are.
  if (record.kind === 'cf' && !caps.conditionalFormats) return;
  const worksheets = queueWorksheets(context);
  await context.sync();
  const sheet = worksheets.items.find((s) => s.id === record.sheetId);
  if (sheet === undefined) return;
  if (record.kind === 'cf') {
    const formats = sheet.getRange().conditionalFormats;
    formats.load('items/id');
    await context.sync();
    const ours = new Set(record.formats.map((f) => f.id));
    for (const format of formats.items) if (ours.has(format.id)) format.delete();
    return;
  }
  const fills = loadFills(sheet, record.cells.map((c) => c.address));
  await context.sync();
  queueRestores(
    sheet,
    record.cells.filter((c) => sameColor(fills.get(c.address)?.color ?? null, c.mark)),
  );
}

/**
 * Remove every mark the add-in made ("clear marks"), restoring the cells' own formatting: deleting
 * exactly the recorded conditional formats, or restoring the remembered fills of cells that still
 * show our mark. No-op (no round trip) when nothing is marked.
 */
export async function clearMarks(deps: MarkDeps): Promise<void> {
  const { run, settings, notes } = deps;
  notes.reset('marks');
  await settings.reload();
  const record = readRecord(settings);
  if (record === null) return;
  try {
    await run(async (context) => {
      await queueClearRecorded(context, record, deps.caps);
      await context.sync();
    });
  } catch (error) {
    throw toPortError(error, 'clearMarks');
  }
  settings.remove(SETTING_KEYS.marks);
  await settings.save();
}
