import {
  chunkText,
  isStateMarker,
  parseSettings,
  largestChunkBytes,
  readStateHeader,
  readStateSheet,
  SNAPSHOT_COLUMNS,
  STATE_CHUNK_CHARS,
  STATE_COLUMNS,
  STATE_FIRST_CHUNK_ROW,
  STATE_FORMAT_VERSION,
  STATE_LABELS,
  STATE_MARKER,
  STATE_SHEET_NAME,
  STATE_SHEET_NAME_VISIBLE,
  type LegacyOwnedRecord,
  type MarkRecord,
  type SnapshotColumn,
  type StateSheetDoc,
} from '../workflows/stateSheet';
import { baselineRevision } from '../workflows/baselineRevision';
import { DEFAULT_SETTINGS, PortError, type StoredState } from '../workflows/workbookPort';
import { cellAddress } from './a1';
import { syncChunk, syncResult, type ExcelRun } from './batch';
import type { Capabilities, CapabilityNotes } from './capabilities';
import { SETTING_KEYS, type DocumentSettings } from './documentSettings';
import { jsonBytes, PAYLOAD_TARGET_BYTES } from './payload';
import { LEASE_SHEET_NAME } from './refreshLock';
import { sheetNameKey } from './sheetNames';
import { literalText } from './toCellInput';
import { officeErrorCode, toPortError } from './toPortError';
import { ownerName } from './ownership';

/**
 * The add-in's side of the one state (issue 15; the format is `src/workflows/stateSheet.ts`): settings, the
 * last refresh time, the period baseline and the CLI's mark records live in a very hidden worksheet that every
 * host reads and writes, found by the marker in its A1, never by its name.
 *
 * Versions before issue 15 kept the settings and the last refresh time in the document settings and the
 * baseline in custom XML parts of `SNAPSHOT_NAMESPACE` (their ids in the settings; without custom XML parts, the
 * baseline in the settings too). That state is still read while the workbook has no state sheet, and removed
 * by the first write, once the state sheet holding it is complete.
 */
export const SNAPSHOT_NAMESPACE = 'urn:ledger-stats:snapshot:1';

/** The document-settings keys of the state before issue 15 (read for the migration, then removed). */
export const LEGACY_STATE_KEYS = [SETTING_KEYS.settings, SETTING_KEYS.lastRefresh, SETTING_KEYS.snapshot, SETTING_KEYS.snapshotParts] as const;

/** The baseline the port last read or wrote: the state sheet's pointer (C1) and revision (D1) identify it. */
export interface SnapshotCache {
  readonly column: SnapshotColumn;
  readonly revision: string;
  readonly text: string;
}

/** What the port remembers of the state between operations. */
export interface StateCache {
  /** See `SnapshotCache`: an unchanged baseline (same pointer and revision) is not read again. */
  snapshot: SnapshotCache | null;
  /** The CLI's mark records as last read or written (`null`: not read yet). */
  marks: readonly MarkRecord[] | null;
  /** A format-1 state's owned sheets, as last read (see ownership.ts). */
  legacyOwned: readonly LegacyOwnedRecord[];
  /** The name of the sheet where the state was last found or written (a hint: its marker decides). */
  sheetName: string | null;
  /**
   * The format-2 state sheet's head as a read under the refresh lease found it (`StateDeps.leaseHeld`), for a write
   * later in the same held section to skip finding the sheet again. The port empties it when a held section starts
   * and ends; a write empties it (the head it read is then out of date).
   */
  held: HeldHead | null;
}

/** The state sheet's head, read under the lease (see `StateCache.held`). */
export interface HeldHead {
  readonly sheetId: string;
  readonly name: string;
  readonly visibility: string;
  /** Rows 1–3 (the header: marker, version, pointer, revision, E1, labels, counts). */
  readonly cells: unknown[][];
  /** `Runtime.enableEvents` as that read found it (`null` below ExcelApi 1.8). */
  readonly enableEvents: boolean | null;
}

/** A fresh `StateCache`. */
export function emptyStateCache(): StateCache {
  return { snapshot: null, marks: null, legacyOwned: [], sheetName: null, held: null };
}

/**
 * Reads of another operation that go with the requests of `readState` (the port reads `listSheets`' two round
 * trips ahead this way): `first` is queued with its first request; `second` with the request that finds the state
 * sheet among the candidates, when it makes one, and returns ranges it loads from A1 of some sheets by sheet id
 * (`listSheets`' previews, rows 1–40 of A:BZ), which the state takes instead of reading those rows again.
 * `dropped` is called when that second request failed because a sheet went away in between (`ItemNotFound`):
 * the state is then found again without the reads along.
 */
export interface ReadAlong {
  first(context: Excel.RequestContext): void;
  second(context: Excel.RequestContext): ReadonlyMap<string, Excel.Range>;
  dropped(): void;
}

/** What the state functions need from the port. */
export interface StateDeps {
  readonly run: ExcelRun;
  readonly settings: DocumentSettings;
  readonly caps: Capabilities;
  readonly notes: CapabilityNotes;
  readonly cache: StateCache;
  /**
   * Whether this runtime holds the refresh lease now (refreshLock.ts): a read then records the head in
   * `cache.held`, and a write reuses it. Default: never.
   */
  readonly leaseHeld?: () => boolean;
  /** See `ReadAlong` (readState only). */
  readonly along?: ReadAlong;
  /**
   * writeState only: reads of another operation to queue at the end of the write's last request, after all of
   * the write (the port reads the marking's first round trip this way); returns what to call once that request
   * succeeded. When that request fails with ItemNotFound (what they read is gone) the write runs again without.
   */
  readonly alongWrite?: (context: Excel.RequestContext) => () => void;
}

/** `StoredState` with the CLI's mark records: what `writeState` takes. */
export type StatePatch = Partial<StoredState> & { readonly marks?: readonly MarkRecord[] };

/** Rows 1–3 of the format, plus row 4 (the first chunk of each column, so a one-chunk column needs no second read). */
const HEAD_ADDRESS = 'A1:E4';

/**
 * The worst case of a chunk cell on the wire, for a baseline without E1 and the other columns: its characters at
 * 3 bytes each (a CJK character in UTF-8; the state's JSON text has no raw control
 * characters, the only ones JSON escapes to 6 bytes). Format 2 cuts chunks at `STATE_CHUNK_CHARS`; format 1 (the
 * old CLI) at 32,000, and a cell holds at most 32,767.
 */
const WORST_CELL_BYTES = { 1: 32_767 * 3 + 8, 2: STATE_CHUNK_CHARS * 3 + 8 } as const;
/** Bytes a cell of the response costs beyond its value (brackets and commas of `values`). */
const CELL_OVERHEAD_BYTES = 8;

/** A state sheet (a sheet whose A1 holds the marker), with the cells read so far (0-based rows of A:E). */
interface StateSheet {
  readonly proxy: Excel.Worksheet;
  readonly id: string;
  readonly name: string;
  readonly visibility: string;
  readonly cells: unknown[][];
  /** 1 or 2, or `null` when B1 holds no known version (a sheet whose first write was interrupted). */
  readonly version: 1 | 2 | null;
}

/** The workbook's sheets as far as the state is concerned. */
interface Located {
  readonly sheets: readonly { readonly name: string; readonly visibility: string }[];
  /** Every sheet carrying the marker. */
  readonly marked: readonly StateSheet[];
  /** The one to read: format 2 first, else format 1. */
  readonly current: StateSheet | null;
  /** `Runtime.enableEvents` when asked for (`withEvents`), else `null`. */
  readonly enableEvents: boolean | null;
}

const cellAtOf =
  (cells: unknown[][]) =>
  (row: number, col: number): unknown =>
    cells[row]?.[col];

function isCandidate(name: string, visibility: string): boolean {
  const key = sheetNameKey(name);
  // The refresh lease (hidden while a refresh runs) is the add-in's own, never the state.
  if (key === sheetNameKey(LEASE_SHEET_NAME)) return false;
  return visibility !== 'Visible' || key.startsWith(sheetNameKey(STATE_SHEET_NAME)) || key.startsWith(sheetNameKey(STATE_SHEET_NAME_VISIBLE));
}

/**
 * Find the state sheet, by the marker in A1: every sheet's name and visibility, then rows 1–4 of the
 * candidates (hidden and very hidden sheets, and sheets named like the state sheet; a user renaming it keeps
 * it hidden). Office.js lists a workbook's sheets only after a sync, so the candidates' cells cannot go with
 * the list; but the sheet where this port last found the state (`cache.sheetName`) is read with the list, and
 * when it still holds a format-2 state that is the one round trip. Otherwise two whatever the number of rows
 * (one when no sheet is a candidate), and one more when the remembered sheet is gone (ItemNotFound). `along`:
 * see `ReadAlong`; a candidate whose rows `along.second` reads is not read again.
 */
async function locate(context: Excel.RequestContext, cache: StateCache, withEvents = false, along?: ReadAlong): Promise<Located> {
  along?.first(context);
  // After `along`'s reads and with `id`: a sheet list read along loads the same collection (officeWorkbookPort.ts).
  const worksheets = context.workbook.worksheets.load('items/name,items/visibility,items/id');
  if (withEvents) context.runtime.load('enableEvents');
  const remembered = cache.sheetName;
  const known = remembered === null ? null : context.workbook.worksheets.getItem(remembered).load('name,visibility,id');
  const knownHead = known?.getRange(HEAD_ADDRESS).load('values') ?? null;
  try {
    await context.sync();
  } catch (error) {
    if (known === null || officeErrorCode(error) !== 'ItemNotFound') throw error;
    cache.sheetName = null;
    return locate(context, cache, withEvents, along);
  }
  const sheets = worksheets.items.map((s) => ({ name: s.name, visibility: s.visibility }));
  const enableEvents = withEvents ? context.runtime.enableEvents : null;
  if (known !== null && knownHead !== null) {
    const sheet = stateSheetOf(known, knownHead);
    if (sheet?.version === 2) return { sheets, marked: [sheet], current: sheet, enableEvents };
  }
  const candidates = worksheets.items.filter((sheet) => isCandidate(sheet.name, sheet.visibility));
  const read = candidates.length > 0 ? along?.second(context) : undefined;
  const heads = candidates.map((proxy) => ({ proxy, head: read?.get(proxy.id) ?? proxy.getRange(HEAD_ADDRESS).load('values') }));
  if (heads.length > 0) {
    try {
      await context.sync();
    } catch (error) {
      // A sheet listed by the first request went away before the second, which the reads along cannot tell.
      if (read === undefined || officeErrorCode(error) !== 'ItemNotFound') throw error;
      along?.dropped();
      return locate(context, cache, withEvents);
    }
  }
  const marked = heads.flatMap(({ proxy, head }) => stateSheetOf(proxy, head) ?? []);
  const current = marked.find((s) => s.version === 2) ?? marked.find((s) => s.version === 1) ?? null;
  cache.sheetName = current?.name ?? null;
  return { sheets, marked, current, enableEvents };
}

/** The sheet as a state sheet, or `null` without the marker. */
function stateSheetOf(proxy: Excel.Worksheet, head: Excel.Range): StateSheet | null {
  if (!isStateMarker(head.values[0]?.[0])) return null;
  const version = head.values[0]?.[1];
  return {
    proxy,
    id: proxy.id,
    name: proxy.name,
    visibility: proxy.visibility,
    cells: head.values.map((row) => [...row]),
    version: version === 1 || version === STATE_FORMAT_VERSION ? version : null,
  };
}

/**
 * The response budget of a request of chunk reads. Higher than `PAYLOAD_TARGET_BYTES`, whose margin is for
 * estimates: a chunk's cost here is a bound (E1, the largest chunk's wire size as written, or the format's worst
 * case), so the response stays under it, below the 4,000,000 bytes every request and response keeps to (issue 14)
 * with the response's own framing to spare (measured with bench/refresh.bench.ts' 50,000-row ledger: a request of
 * 240 chunks estimated at 3,894,000 bytes by E1 had a response of 3,750,979 bytes in Office.js's format).
 */
export const STATE_READ_BYTES = 3_900_000;

/**
 * Read the chunk cells `rows` of `col` into `sheet.cells` that were not read with the head (rows 1–4, or the 40
 * rows of `listSheets`' preview), in requests of at most `STATE_READ_BYTES` each: a cell costs its segment's
 * `cellBytes` (stated by the writer), else the worst case of the sheet's format (`segments`: column, first row,
 * count).
 */
async function readSegments(
  context: Excel.RequestContext,
  sheet: StateSheet,
  segments: readonly { col: number; first: number; count: number; cellBytes?: number }[],
): Promise<void> {
  const worst = WORST_CELL_BYTES[sheet.version === 2 ? 2 : 1];
  const cells: { col: number; row: number; bytes: number }[] = [];
  for (const { col, first, count, cellBytes } of segments) {
    const bytes = cellBytes === undefined ? worst : Math.min(worst, cellBytes + CELL_OVERHEAD_BYTES);
    for (let row = Math.max(first, sheet.cells.length); row < first + count; row++) cells.push({ col, row, bytes });
  }
  for (let start = 0; start < cells.length; ) {
    let end = start + 1;
    let bytes = cells[start]?.bytes ?? 0;
    while (end < cells.length && bytes + (cells[end]?.bytes ?? 0) <= STATE_READ_BYTES) bytes += cells[end++]?.bytes ?? 0;
    const block = cells.slice(start, end);
    start = end;
    const ranges = runsOf(block).map((run) => ({ run, range: sheet.proxy.getRange(`${cellAddress(run.row, run.col)}:${cellAddress(run.row + run.count - 1, run.col)}`).load('values') }));
    await syncChunk(context);
    for (const { run, range } of ranges) {
      range.values.forEach((values, i) => {
        const row = (sheet.cells[run.row + i] ??= []);
        row[run.col] = values[0];
      });
    }
  }
}

/** Consecutive cells of one column as runs. */
function runsOf(cells: readonly { col: number; row: number }[]): { col: number; row: number; count: number }[] {
  const runs: { col: number; row: number; count: number }[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.col === cell.col && last.row + last.count === cell.row) last.count++;
    else runs.push({ ...cell, count: 1 });
  }
  return runs;
}

/**
 * The state of a located state sheet: the columns it needs beyond the head, with the baseline taken from
 * `cache` when the pointer and revision are those cached.
 */
async function readDoc(context: Excel.RequestContext, sheet: StateSheet, cache: StateCache): Promise<StateSheetDoc> {
  const cellAt = cellAtOf(sheet.cells);
  if (sheet.version === 1) {
    const count = cellAt(0, 2);
    if (typeof count === 'number' && Number.isInteger(count) && count > 0) await readSegments(context, sheet, [{ col: 0, first: 1, count }]);
    return readStateSheet(cellAt) ?? emptyDoc();
  }
  const header = readStateHeader(cellAt);
  if (header === null) return emptyDoc();
  const cached = cache.snapshot;
  const isCached = cached !== null && header.snapshotColumn === cached.column && header.revision === cached.revision && header.revision !== '';
  const columns: number[] = [STATE_COLUMNS.settings, STATE_COLUMNS.lastRefresh, STATE_COLUMNS.marks];
  if (header.snapshotColumn !== null && !isCached) columns.push(SNAPSHOT_COLUMNS[header.snapshotColumn]);
  await readSegments(
    context,
    sheet,
    // The baseline's chunks are read in requests sized by E1 (their largest wire size) when the writer stated it.
    columns.map((col) => ({
      col,
      first: STATE_FIRST_CHUNK_ROW,
      count: header.counts[col] ?? 0,
      ...(header.chunkBytes !== null && header.snapshotColumn !== null && col === SNAPSHOT_COLUMNS[header.snapshotColumn] ? { cellBytes: header.chunkBytes } : {}),
    })),
  );
  const doc = readStateSheet(cellAt) ?? emptyDoc();
  if (header.snapshotColumn === null) return doc;
  if (isCached) return { ...doc, snapshot: cached.text };
  if (doc.snapshot !== null) cache.snapshot = { column: header.snapshotColumn, revision: header.revision, text: doc.snapshot };
  return doc;
}

function emptyDoc(): StateSheetDoc {
  return { settings: DEFAULT_SETTINGS, lastRefresh: null, snapshot: null, marks: [], legacyOwned: [] };
}

// ----------------------------------------------------------------------------- the state before issue 15

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** The text of one snapshot part of the old state (`null` when the XML is not one). */
export function snapshotPartText(xml: string): string | null {
  const match = /<snapshot\b[^>]*>([\s\S]*)<\/snapshot>/.exec(xml);
  if (match !== null) return unescapeXml(match[1] ?? '');
  return /<snapshot\b[^>]*\/>/.test(xml) ? '' : null;
}

/** True when the document settings hold state of a version before issue 15. */
function hasLegacyState(settings: DocumentSettings): boolean {
  return LEGACY_STATE_KEYS.some((key) => settings.get(key) !== undefined && settings.get(key) !== null);
}

/**
 * The state of a version before issue 15 (document settings, baseline in custom XML parts, one part per round
 * trip; each part was written within one request's size). A part that is gone means no baseline.
 */
async function readLegacyState(context: Excel.RequestContext, settings: DocumentSettings, caps: Capabilities): Promise<StateSheetDoc> {
  const lastRefresh = settings.get(SETTING_KEYS.lastRefresh);
  const inSettings = settings.get(SETTING_KEYS.snapshot);
  const ids = settings.get(SETTING_KEYS.snapshotParts);
  let snapshot = typeof inSettings === 'string' ? inSettings : null;
  if (isStringArray(ids) && ids.length > 0 && caps.customXmlParts) {
    const texts: string[] = [];
    try {
      for (const id of ids) {
        const text = snapshotPartText(await syncResult(context, context.workbook.customXmlParts.getItem(id).getXml()));
        if (text === null) break;
        texts.push(text);
      }
      snapshot = texts.length === ids.length ? texts.join('') : null;
    } catch (error) {
      if (officeErrorCode(error) !== 'ItemNotFound') throw error;
      snapshot = null;
    }
  }
  return {
    settings: parseSettings(settings.get(SETTING_KEYS.settings)),
    lastRefresh: typeof lastRefresh === 'string' ? lastRefresh : null,
    snapshot,
    marks: [],
    legacyOwned: [],
  };
}

/** Remove the old state: its custom XML parts (two round trips), then its settings keys. */
async function dropLegacyState(run: ExcelRun, settings: DocumentSettings, caps: Capabilities): Promise<void> {
  if (caps.customXmlParts) {
    await run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(SNAPSHOT_NAMESPACE).load('items/id');
      await context.sync();
      for (const part of parts.items) part.delete();
      await context.sync();
    });
  }
  for (const key of LEGACY_STATE_KEYS) settings.remove(key);
  await settings.save();
}

// ----------------------------------------------------------------------------- read

/** The whole state: the state sheet's, or the old state while there is none. */
async function readWhole(deps: StateDeps): Promise<StateSheetDoc> {
  const { run, settings, caps, cache } = deps;
  await settings.reload();
  try {
    const doc = await run(async (context) => {
      // Under the lease the head is kept for a write of the same held section, with the events flag it restores.
      const keepsHead = deps.leaseHeld !== undefined;
      const { current, enableEvents } = await locate(context, cache, keepsHead && caps.enableEvents, deps.along);
      if (current === null) return hasLegacyState(settings) ? readLegacyState(context, settings, caps) : emptyDoc();
      const read = await readDoc(context, current, cache);
      if (current.version === 2 && deps.leaseHeld?.() === true) {
        cache.held = { sheetId: current.id, name: current.name, visibility: current.visibility, cells: current.cells.slice(0, STATE_FIRST_CHUNK_ROW), enableEvents };
      }
      return read;
    });
    cache.marks = doc.marks;
    cache.legacyOwned = doc.legacyOwned;
    return doc;
  } catch (error) {
    throw toPortError(error, 'readState');
  }
}

/**
 * The add-in's state. Round trips: one to list the sheets, one for the state sheet's head (none without a
 * candidate sheet), and one more per payload-sized block of chunks when a column holds more than one chunk or
 * the baseline is not the one cached (the chunks in rows 1–40 come with the head when `deps.along` reads them).
 * Without a state sheet, the state of a version before issue 15.
 */
export async function readState(deps: StateDeps): Promise<StoredState> {
  const { settings, snapshot, lastRefresh } = await readWhole(deps);
  return { settings, snapshot, lastRefresh };
}

/** The CLI's mark records in the state: the cached ones, else read. */
export async function readStateMarks(deps: StateDeps, useCache: boolean): Promise<readonly MarkRecord[]> {
  if (useCache && deps.cache.marks !== null) return deps.cache.marks;
  return (await readWhole(deps)).marks;
}

// ----------------------------------------------------------------------------- write

/** One operation of a write, with its size on the wire. */
interface WriteOp {
  readonly bytes: number;
  readonly queue: (sheet: Excel.Worksheet) => void;
}

const valuesOp = (address: string, values: (string | number)[][]): WriteOp => ({
  bytes: jsonBytes(values) + address.length + 64,
  queue: (sheet) => {
    sheet.getRange(address).values = values;
  },
});

const clearOp = (address: string): WriteOp => ({
  bytes: address.length + 64,
  queue: (sheet) => {
    sheet.getRange(address).clear(Excel.ClearApplyTo.contents);
  },
});

/** A column range of 0-based rows `[first, first + count)`. */
const columnRange = (col: number, first: number, count: number): string => `${cellAddress(first, col)}:${cellAddress(first + count - 1, col)}`;

/**
 * The operations that put `text` into a column whose chunk rows held `previous` chunks: the chunks (as literal
 * text, so that no chunk becomes a formula, number or date), the leftover rows cleared, the count in row 3.
 */
function columnOps(col: number, text: string, previous: number): WriteOp[] {
  const chunks = chunkText(text);
  const ops: WriteOp[] = chunks.map((chunk, i) => valuesOp(cellAddress(STATE_FIRST_CHUNK_ROW + i, col), [[literalText(chunk)]]));
  if (previous > chunks.length) ops.push(clearOp(columnRange(col, STATE_FIRST_CHUNK_ROW + chunks.length, previous - chunks.length)));
  ops.push(valuesOp(cellAddress(STATE_FIRST_CHUNK_ROW - 1, col), [[chunks.length]]));
  return ops;
}

/** Clear a column's chunks and set its count to 0. */
function emptyColumnOps(col: number, previous: number): WriteOp[] {
  return [...(previous > 0 ? [clearOp(columnRange(col, STATE_FIRST_CHUNK_ROW, previous))] : []), valuesOp(cellAddress(STATE_FIRST_CHUNK_ROW - 1, col), [[0]])];
}

/** The chunk count a format-2 header holds for `col` (0 for other sheets). */
function countOf(sheet: StateSheet | null, col: number): number {
  if (sheet?.version !== 2) return 0;
  return readStateHeader(cellAtOf(sheet.cells))?.counts[col] ?? 0;
}

/**
 * Queue `early` in requests of at most `PAYLOAD_TARGET_BYTES`, then `late` in the last request (after the
 * early ones, whatever their size), which is sent by the caller's sync.
 */
async function queueInBlocks(context: Excel.RequestContext, sheet: Excel.Worksheet, early: readonly WriteOp[], late: readonly WriteOp[]): Promise<void> {
  let bytes = 0;
  for (const op of early) {
    if (bytes > 0 && bytes + op.bytes > PAYLOAD_TARGET_BYTES) {
      await syncChunk(context);
      bytes = 0;
    }
    op.queue(sheet);
    bytes += op.bytes;
  }
  const lateBytes = late.reduce((sum, op) => sum + op.bytes, 0);
  if (bytes > 0 && bytes + lateBytes > PAYLOAD_TARGET_BYTES) await syncChunk(context);
  for (const op of late) op.queue(sheet);
}

/** A name for a new state sheet that no sheet has. */
function freeName(base: string, names: readonly string[]): string {
  const taken = new Set(names.map(sheetNameKey));
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    if (!taken.has(sheetNameKey(name))) return name;
  }
}

/** The outcome of a write, for the caches. */
interface Written {
  readonly sheetName: string;
  readonly snapshot: SnapshotCache | null | 'unchanged';
  readonly migrated: boolean;
}

/**
 * Write `patch` into the state sheet. With a format-2 sheet only the given columns are written; a new
 * baseline goes into the column C1 does not point at, and C1 and D1 move in the last request, so a write
 * interrupted before it keeps the previous baseline. Without one (none yet, the old state, a format-1 sheet
 * of the old CLI, or a sheet whose first write was interrupted) the whole state is written, and B1 (the
 * version that makes it readable) comes in the last request: a format-1 sheet is rewritten in place, keeping
 * its column A and row 1 (all that format 1 reads) until then.
 */
async function writeSheet(context: Excel.RequestContext, deps: StateDeps, patch: StatePatch, held: HeldHead | null): Promise<Written> {
  const { caps, cache, settings, notes } = deps;
  const { sheets, marked, current, enableEvents } = held === null ? await locate(context, cache, caps.enableEvents) : heldLocated(context, held);
  const names = sheets.map((s) => s.name);
  if (current === null && marked.some((s) => s.cells[0]?.[1] !== '' && s.cells[0]?.[1] !== null)) {
    // A marker with a version this add-in does not know: a newer ledger-stats wrote it.
    throw new PortError('not_supported', 'writeState: the state sheet was written by a newer version of ledger-stats');
  }
  const isFormat2 = current?.version === 2;
  // The old state is removed once a write succeeded (also when an earlier removal failed after its write).
  const migrated = hasLegacyState(settings);
  let base: StateSheetDoc | null = null;
  if (!isFormat2) base = current !== null ? await readDoc(context, current, cache) : migrated ? await readLegacyState(context, settings, caps) : emptyDoc();

  let sheet: Excel.Worksheet;
  let sheetName: string;
  let visible: boolean;
  if (current !== null) {
    sheet = current.proxy;
    sheetName = current.name;
    visible = current.visibility === 'Visible';
  } else {
    const incomplete = marked[0];
    if (incomplete !== undefined) {
      sheet = incomplete.proxy;
      sheetName = incomplete.name;
      visible = incomplete.visibility === 'Visible';
      sheet.getRange().clear(Excel.ClearApplyTo.contents);
    } else {
      sheetName = freeName(caps.sheetVisibility ? STATE_SHEET_NAME : STATE_SHEET_NAME_VISIBLE, names);
      sheet = context.workbook.worksheets.add(sheetName);
      visible = true;
    }
    // The marker first: a sheet left by an interrupted write is recognised (and reused) by the next one.
    sheet.getRange('A1').values = [[STATE_MARKER]];
  }
  if (caps.sheetVisibility && visible) {
    // Very hidden: not even listed by Unhide (Worksheet.visibility is writable from ExcelApi 1.2).
    sheet.visibility = Excel.SheetVisibility.veryHidden;
    visible = false;
  }
  if (visible) notes.add('state', 'state_sheet_visible');

  const header = isFormat2 && current !== null ? readStateHeader(cellAtOf(current.cells)) : null;
  const pointer = header?.snapshotColumn ?? null;
  const early: WriteOp[] = [];
  const late: WriteOp[] = [];
  const doc = base === null ? null : { ...base, ...definedOf(patch) };

  const settingsText = doc !== null ? JSON.stringify(doc.settings) : patch.settings !== undefined ? JSON.stringify(patch.settings) : null;
  if (settingsText !== null) {
    // Format 1 keeps its document in column A: rewritten last.
    (current?.version === 1 ? late : early).push(
      ...(current?.version === 1 ? [clearOp(columnRange(0, 1, Math.max(1, numberAt(current.cells, 0, 2))))] : []),
      ...columnOps(STATE_COLUMNS.settings, settingsText, countOf(current, STATE_COLUMNS.settings)),
    );
  }
  const lastRefresh = doc !== null ? doc.lastRefresh : patch.lastRefresh;
  if (lastRefresh !== undefined) early.push(...columnOps(STATE_COLUMNS.lastRefresh, lastRefresh ?? '', countOf(current, STATE_COLUMNS.lastRefresh)));
  const marks = doc !== null ? doc.marks : patch.marks;
  if (marks !== undefined) early.push(...columnOps(STATE_COLUMNS.marks, marks.length === 0 ? '' : JSON.stringify(marks), countOf(current, STATE_COLUMNS.marks)));

  let written: Written['snapshot'] = 'unchanged';
  const snapshot = doc !== null ? doc.snapshot : patch.snapshot;
  const cached = cache.snapshot;
  const isUnchanged =
    isFormat2 && pointer !== null && cached !== null && cached.column === pointer && cached.revision === header?.revision && cached.text === snapshot;
  if (snapshot !== undefined && !isUnchanged) {
    const revision = snapshot === null ? '' : baselineRevision(snapshot);
    if (snapshot === null) {
      late.push(valuesOp('C1:E1', [['', '', '']]));
      written = null;
    } else {
      const target: SnapshotColumn = pointer === 'C' ? 'D' : 'C';
      const col = SNAPSHOT_COLUMNS[target];
      early.push(...columnOps(col, snapshot, countOf(current, col)));
      // The baseline moves in the last request: before it, readers still find the previous one.
      late.push(valuesOp('C1:E1', [[target, revision, largestChunkBytes(chunkText(snapshot)) ?? '']]));
      written = { column: target, revision, text: snapshot };
    }
    // The previous baseline goes after the pointer moved (a failing request keeps what ran before the failure).
    if (pointer !== null) late.push(...emptyColumnOps(SNAPSHOT_COLUMNS[pointer], countOf(current, SNAPSHOT_COLUMNS[pointer])));
  }
  if (!isFormat2) {
    // Row 2, and the version that makes the sheet readable, last.
    late.push(valuesOp('A2:E2', [[...STATE_LABELS]]));
    late.push(valuesOp('B1', [[STATE_FORMAT_VERSION]]));
  }
  if (current?.version === 1 && base !== null) late.push(...(await legacyOwnerNameOps(context, base.legacyOwned, names, caps)));
  // The state is the add-in's own write, not "the ledger changed" for the pane's listener (ExcelApi 1.8).
  const eventsWere = caps.enableEvents ? enableEvents : null;
  if (eventsWere !== null) {
    context.runtime.enableEvents = false;
    late.push({ bytes: 64, queue: () => void (context.runtime.enableEvents = eventsWere) });
  }
  try {
    await queueInBlocks(context, sheet, early, late);
    const along = deps.alongWrite?.(context);
    await context.sync();
    along?.();
  } catch (error) {
    if (eventsWere !== null) {
      context.runtime.enableEvents = eventsWere;
      // Best effort: the failure being reported is the write's.
      await context.sync().catch(() => undefined);
    }
    throw error;
  }
  return { sheetName, snapshot: written, migrated };
}

/**
 * The state sheet as a read of this held section found it (`StateCache.held`): its proxy by id (`getItem` takes
 * ids, ExcelApi 1.1; a sheet deleted since fails the write's first request with ItemNotFound, and `writeState`
 * finds the sheet again). No other runtime writes the state while this one holds the lease, so the head is still
 * the sheet's.
 */
function heldLocated(context: Excel.RequestContext, held: HeldHead): Located {
  const sheet: StateSheet = {
    proxy: context.workbook.worksheets.getItem(held.sheetId),
    id: held.sheetId,
    name: held.name,
    visibility: held.visibility,
    cells: held.cells.map((row) => [...row]),
    version: 2,
  };
  return { sheets: [{ name: held.name, visibility: held.visibility }], marked: [sheet], current: sheet, enableEvents: held.enableEvents };
}

/**
 * A format-1 state named the sheets the old CLI owned (`legacyOwned`); format 2 does not, because every host
 * now recognises its sheets by the owner names (ownership.ts). So that rewriting a format-1 sheet does not
 * orphan them (the next refresh would write 汇总 (2)), each role without an owner name gets one, pointing at the
 * sheet of the recorded name (ExcelApi 1.4; one round trip to see which names exist).
 */
async function legacyOwnerNameOps(
  context: Excel.RequestContext,
  owned: readonly LegacyOwnedRecord[],
  sheetNames: readonly string[],
  caps: Capabilities,
): Promise<WriteOp[]> {
  const existing = new Map(sheetNames.map((name) => [sheetNameKey(name), name]));
  const wanted = owned.filter((record) => existing.has(sheetNameKey(record.name)));
  if (!caps.definedNames || wanted.length === 0) return [];
  const names = wanted.map((record) => ({ record, item: context.workbook.names.getItemOrNullObject(ownerName(record.role)).load('name') }));
  await context.sync();
  return names
    .filter(({ item }) => item.isNullObject)
    .map(({ record }) => ({
      bytes: 256,
      queue: () => {
        const sheet = context.workbook.worksheets.getItem(existing.get(sheetNameKey(record.name)) ?? record.name);
        const owner = context.workbook.names.add(ownerName(record.role), sheet.getRange('A1'));
        owner.visible = false;
      },
    }));
}

function numberAt(cells: unknown[][], row: number, col: number): number {
  const value = cells[row]?.[col];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

function definedOf(patch: StatePatch): Partial<StateSheetDoc> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<StateSheetDoc>;
}

/**
 * Write the given keys of the state into the state sheet (see `writeSheet` for the order that keeps the
 * previous baseline when a write is interrupted). A baseline equal to the one cached costs no write. The first
 * write into a workbook that still has the old state writes the whole state, and only once that succeeded
 * removes the old settings keys and custom XML parts. Round trips: two to find the state sheet (none with the
 * head a read of the same held section kept, `StateCache.held`), then one per payload-sized block; two more for
 * the migration.
 */
export async function writeState(deps: StateDeps, patch: StatePatch): Promise<void> {
  const { run, settings, caps, notes, cache } = deps;
  notes.reset('state');
  const hasWrite = Object.values(patch).some((v) => v !== undefined);
  if (!hasWrite) return;
  await settings.reload();
  // The head a read of this held section kept, once (the write changes it).
  const held = deps.leaseHeld?.() === true ? cache.held : null;
  cache.held = null;
  let written: Written;
  try {
    try {
      written = await run((context) => writeSheet(context, deps, patch, held));
    } catch (error) {
      // The kept head's sheet is gone (a user deleted it while the refresh ran), or what the reads along asked
      // for (they went last: the write ran): find the state again, and write without them.
      if ((held === null && deps.alongWrite === undefined) || officeErrorCode(error) !== 'ItemNotFound') throw error;
      const { alongWrite: _dropped, ...alone } = deps;
      written = await run((context) => writeSheet(context, alone, patch, null));
    }
  } catch (error) {
    cache.snapshot = null;
    cache.sheetName = null;
    throw toPortError(error, 'writeState');
  }
  cache.sheetName = written.sheetName;
  if (written.snapshot !== 'unchanged') cache.snapshot = written.snapshot;
  if (patch.marks !== undefined) cache.marks = patch.marks;
  cache.legacyOwned = [];
  if (written.migrated) {
    try {
      await dropLegacyState(run, settings, caps);
    } catch (error) {
      throw toPortError(error, 'writeState');
    }
  }
}

/**
 * Remove the state sheet (every sheet carrying the marker) and the old state (document settings keys, custom
 * XML parts). A very hidden sheet cannot be deleted (office-js #365): it is made hidden first, which needs
 * ExcelApi 1.2; below, a very hidden state sheet (written by the CLI) is emptied instead.
 */
export async function dropState(deps: StateDeps): Promise<void> {
  const { run, settings, caps, cache } = deps;
  await settings.reload();
  try {
    cache.held = null;
    await run(async (context) => {
      cache.sheetName = null;
      const { marked, sheets } = await locate(context, cache);
      const isStateSheet = new Set(marked.map((s) => sheetNameKey(s.name)));
      const othersVisible = sheets.some((s) => s.visibility === 'Visible' && !isStateSheet.has(sheetNameKey(s.name)));
      for (const sheet of marked) {
        if (sheet.visibility === 'VeryHidden' && !caps.sheetVisibility) {
          sheet.proxy.getRange().clear(Excel.ClearApplyTo.contents);
          continue;
        }
        // A workbook keeps at least one visible sheet: a visible state sheet alone is emptied instead.
        if (sheet.visibility === 'Visible' && !othersVisible) {
          sheet.proxy.getRange().clear(Excel.ClearApplyTo.contents);
          continue;
        }
        if (sheet.visibility === 'VeryHidden') sheet.proxy.visibility = Excel.SheetVisibility.hidden;
        sheet.proxy.delete();
      }
      if (marked.length > 0) await context.sync();
    });
    cache.snapshot = null;
    cache.marks = [];
    cache.legacyOwned = [];
    await dropLegacyState(run, settings, caps);
  } catch (error) {
    throw toPortError(error, 'dropState');
  }
}

