import { SHEET_ROLES, type SheetRole } from '../domain';
import { parseAsOfSetting } from './dataDate';
import { utf8Length } from './utf8Length';
import { DEFAULT_SETTINGS, type LedgerSettings, type SourceRef } from './workbookPort';

/**
 * The one state of a workbook (issue 15), shared by every host: the add-in in Excel (`src/excel/state.ts`),
 * the CLI's package writer (`src/xlsx`), and later WPS 表格. It lives in a very hidden worksheet, found by its
 * marker in A1 (never by its name), because a worksheet is what every host can read and write and what survives
 * email and another host's save: document settings and custom XML parts are Office-only, and a CLI save through
 * ExcelJS dropped them. Office.js can hide a sheet only from ExcelApi 1.2; on 1.1 the sheet stays visible, under
 * the clearer name `STATE_SHEET_NAME_VISIBLE`, with a note.
 *
 * Format 2 keeps each key in a column of its own, so that a settings change does not rewrite the baseline, and
 * the baseline in two alternating columns, so that a write interrupted halfway leaves the previous one intact
 * (the pointer in C1 moves last):
 *
 * | cell | content |
 * |------|---------|
 * | A1 | `ledger-stats/state` (the marker) |
 * | B1 | format version, `2` |
 * | C1 | the column that holds the current baseline, `C` or `D`; empty: no baseline |
 * | D1 | the baseline's revision (any text that changes with every baseline written; lets a host skip re-reading it) |
 * | E1 | optional: the largest wire size of a chunk of the baseline (`chunkWireBytes`), so that a host reading it in payload-sized requests sizes them by what is there, not by the worst case (3 bytes per character); written with C1 and D1 |
 * | row 2 | a label per column: `settings`, `lastRefresh`, `snapshot`, `snapshot`, `marks` |
 * | row 3 | the number of chunks in each column |
 * | rows 4… | the column's text, cut into chunks of at most `STATE_CHUNK_CHARS` (8,000) characters: a host may size its reads by that |
 *
 * Column A holds the settings as JSON, B the last refresh time (ISO), C or D the baseline snapshot (JSON, see
 * `src/domain/diff`), E the issue marks the CLI wrote as plain conditional formats (JSON `MarkRecord[]`), which
 * the add-in removes when it marks.
 *
 * Format 1 (the CLI before issue 15) is still read: A1 marker, B1 `1`, C1 chunk count, A2… one JSON document
 * `{ settings, snapshot, lastRefresh, owned, marks }`. Its `owned` records (sheet name and sheetId) are how that
 * CLI recognised its sheets; now every host recognises its sheets by the owner names `_LedgerStats_Owner_<role>`.
 */
export const STATE_SHEET_NAME = '_ledger_stats';
/** The state sheet's name where it cannot be hidden (ExcelApi 1.1). */
export const STATE_SHEET_NAME_VISIBLE = '台账统计_状态_请勿修改';
/** A1 of the state sheet. */
export const STATE_MARKER = 'ledger-stats/state';
/** B1 of the state sheet: the format this version writes. */
export const STATE_FORMAT_VERSION = 2;
/**
 * Longest chunk per cell in format 2 (format 1 cut at 32,000; a cell holds 32,767), which a reader may rely on to
 * size its reads. Kept small
 * because the add-in reads the first 40 rows of every sheet to find the ledger (`listSheets`), the state sheet's
 * too when it cannot be told apart before the read: 40 rows of 8,000 characters stay under 1 MB of the 5 MB a
 * response may carry, where chunks of 32,000 measured 3.12 MB for a 50,000-project baseline.
 */
export const STATE_CHUNK_CHARS = 8_000;
/** First row (0-based) of the chunks. */
export const STATE_FIRST_CHUNK_ROW = 3;

/** 0-based columns of the state sheet, format 2. */
export const STATE_COLUMNS = { settings: 0, lastRefresh: 1, snapshotC: 2, snapshotD: 3, marks: 4 } as const;
/** Row 2 of the state sheet, format 2. */
export const STATE_LABELS = ['settings', 'lastRefresh', 'snapshot', 'snapshot', 'marks'] as const;
/** The baseline columns, by the letter C1 names. */
export const SNAPSHOT_COLUMNS = { C: STATE_COLUMNS.snapshotC, D: STATE_COLUMNS.snapshotD } as const;
/** A baseline column letter. */
export type SnapshotColumn = keyof typeof SNAPSHOT_COLUMNS;

/** Issue marks a host wrote as plain conditional formats (the CLI), to be removed by the next marking. */
export interface MarkRecord {
  readonly sheet: string;
  readonly severity: 'error' | 'warning';
  /** Space-separated A1 ranges (the conditional format's `sqref`). */
  readonly ref: string;
}

/** An owned sheet as a format-1 state remembered it (read for migration only). */
export interface LegacyOwnedRecord {
  readonly role: SheetRole;
  readonly name: string;
  readonly sheetId: number;
}

/** Everything the state sheet holds. */
export interface StateSheetDoc {
  readonly settings: LedgerSettings;
  readonly lastRefresh: string | null;
  /** The period baseline snapshot, JSON text; `null` before the first refresh. */
  readonly snapshot: string | null;
  readonly marks: readonly MarkRecord[];
  /** Format 1 only: the sheets the CLI owned then. Never written. */
  readonly legacyOwned: readonly LegacyOwnedRecord[];
}

/** The state of a workbook that has none. */
export const EMPTY_STATE_DOC: StateSheetDoc = { settings: DEFAULT_SETTINGS, lastRefresh: null, snapshot: null, marks: [], legacyOwned: [] };

/** A cell of the state sheet at a 0-based row and column (`null`/`undefined` for an empty cell). */
export type StateCellAt = (row: number, col: number) => unknown;

/** Row 1 and row 3 of a format-2 state sheet: what a host reads first to know what else to read. */
export interface StateHeader {
  readonly version: number;
  /** The current baseline's column, or `null` for none. */
  readonly snapshotColumn: SnapshotColumn | null;
  readonly revision: string;
  /** E1: the largest `chunkWireBytes` of a baseline chunk, `null` when not stated. */
  readonly chunkBytes: number | null;
  /** Chunks per column (index = 0-based column). */
  readonly counts: readonly number[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function parseSource(value: unknown): SourceRef | null {
  if (!isRecord(value)) return null;
  const { kind, name } = value;
  if ((kind === 'sheet' || kind === 'table') && typeof name === 'string' && name !== '') return { kind, name };
  return null;
}

/**
 * Stored settings, field by field: a field that is missing or malformed (an older version, a hand edit) takes
 * its default instead of failing the refresh.
 */
export function parseSettings(value: unknown): LedgerSettings {
  if (!isRecord(value)) return DEFAULT_SETTINGS;
  const d = DEFAULT_SETTINGS;
  const mapping = isRecord(value.mapping)
    ? Object.fromEntries(Object.entries(value.mapping).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : d.mapping;
  return {
    source: parseSource(value.source),
    mapping,
    soeAttribution: value.soeAttribution === 'split' || value.soeAttribution === 'full' ? value.soeAttribution : d.soeAttribution,
    lang: value.lang === 'zh-CN' || value.lang === 'en-US' ? value.lang : null,
    displayUnit: value.displayUnit === 'wan' || value.displayUnit === 'yi' ? value.displayUnit : d.displayUnit,
    decimals: typeof value.decimals === 'number' && Number.isInteger(value.decimals) && value.decimals >= 0 && value.decimals <= 6 ? value.decimals : d.decimals,
    allowedSectors: isStringArray(value.allowedSectors) ? value.allowedSectors : d.allowedSectors,
    allowedDistricts: isStringArray(value.allowedDistricts) ? value.allowedDistricts : d.allowedDistricts,
    asOf: parseAsOfSetting(value.asOf),
  };
}

/** Mark records, keeping only well-formed ones. */
export function parseMarkRecords(value: unknown): MarkRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((m): m is MarkRecord => isRecord(m) && typeof m.sheet === 'string' && typeof m.ref === 'string' && (m.severity === 'error' || m.severity === 'warning'))
    .map(({ sheet, severity, ref }) => ({ sheet, severity, ref }));
}

function parseLegacyOwned(value: unknown): LegacyOwnedRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (o): o is LegacyOwnedRecord =>
        isRecord(o) && (SHEET_ROLES as readonly unknown[]).includes(o.role) && typeof o.name === 'string' && typeof o.sheetId === 'number',
    )
    .map(({ role, name, sheetId }) => ({ role, name, sheetId }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : Number.NaN);

/** True when A1 holds the marker: the sheet is a state sheet, whatever its name. */
export function isStateMarker(a1: unknown): boolean {
  return a1 === STATE_MARKER;
}

/**
 * Row 1 and row 3 of a state sheet (format 2), or `null` for a sheet that is not one, or one of format 1 (read it
 * whole with `readStateSheet`).
 */
export function readStateHeader(cellAt: StateCellAt): StateHeader | null {
  if (!isStateMarker(cellAt(0, 0)) || cellAt(0, 1) !== STATE_FORMAT_VERSION) return null;
  const pointer = cellAt(0, 2);
  const revision = cellAt(0, 3);
  const chunkBytes = cellAt(0, 4);
  return {
    version: STATE_FORMAT_VERSION,
    snapshotColumn: pointer === 'C' || pointer === 'D' ? pointer : null,
    revision: typeof revision === 'string' || typeof revision === 'number' ? String(revision) : '',
    chunkBytes: typeof chunkBytes === 'number' && Number.isInteger(chunkBytes) && chunkBytes > 0 ? chunkBytes : null,
    counts: STATE_LABELS.map((_, col) => {
      const n = count(cellAt(2, col));
      return Number.isNaN(n) ? 0 : n;
    }),
  };
}

/** The text of a column of chunks (`null` when a chunk is missing or not text: the column is damaged). */
export function readChunks(cellAt: StateCellAt, col: number, chunks: number, firstRow = STATE_FIRST_CHUNK_ROW): string | null {
  let text = '';
  for (let i = 0; i < chunks; i++) {
    const value = cellAt(firstRow + i, col);
    if (typeof value !== 'string') return null;
    text += value;
  }
  return text;
}

/**
 * The state a state sheet holds, format 1 or 2. Never throws: a damaged key takes its empty value (a damaged
 * baseline means no baseline, and the next refresh starts a new period), and a sheet without the marker or of an
 * unknown format gives `null`.
 */
export function readStateSheet(cellAt: StateCellAt): StateSheetDoc | null {
  if (!isStateMarker(cellAt(0, 0))) return null;
  const version = cellAt(0, 1);
  if (version === 1) {
    const chunks = count(cellAt(0, 2));
    const text = Number.isNaN(chunks) ? null : readChunks(cellAt, 0, chunks, 1);
    const value = text === null ? undefined : parseJson(text);
    if (!isRecord(value)) return EMPTY_STATE_DOC;
    return {
      settings: parseSettings(value.settings),
      lastRefresh: typeof value.lastRefresh === 'string' ? value.lastRefresh : null,
      snapshot: typeof value.snapshot === 'string' ? value.snapshot : null,
      marks: parseMarkRecords(value.marks),
      legacyOwned: parseLegacyOwned(value.owned),
    };
  }
  const header = readStateHeader(cellAt);
  if (header === null) return null;
  const column = (col: number): string | null => readChunks(cellAt, col, header.counts[col] ?? 0);
  const settings = column(STATE_COLUMNS.settings);
  const lastRefresh = column(STATE_COLUMNS.lastRefresh);
  const snapshot = header.snapshotColumn === null ? null : column(SNAPSHOT_COLUMNS[header.snapshotColumn]);
  const marks = column(STATE_COLUMNS.marks);
  return {
    settings: settings === null || settings === '' ? DEFAULT_SETTINGS : parseSettings(parseJson(settings)),
    lastRefresh: lastRefresh === null || lastRefresh === '' ? null : lastRefresh,
    snapshot,
    marks: marks === null || marks === '' ? [] : parseMarkRecords(parseJson(marks)),
    legacyOwned: [],
  };
}

/** Cut text into chunks of at most `size` UTF-16 units without splitting a surrogate pair ('' gives none). */
export function chunkText(text: string, size = STATE_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks;
}

/**
 * The bytes a chunk costs as a JSON string on the wire (a cell value in a request or response): UTF-8, with the
 * quotes around it and the escapes `JSON.stringify` writes (`\"`, `\\`, `\n`, `\uXXXX`).
 */
export function chunkWireBytes(chunk: string): number {
  return utf8Length(JSON.stringify(chunk));
}

/** E1 for a baseline: the largest `chunkWireBytes` of its chunks (`null` for none). */
export function largestChunkBytes(chunks: readonly string[]): number | null {
  let largest = 0;
  for (const chunk of chunks) largest = Math.max(largest, chunkWireBytes(chunk));
  return chunks.length === 0 ? null : largest;
}

/** The texts of the columns of a format-2 state (index = 0-based column; `null` for the unused baseline column). */
export function stateColumnTexts(doc: Omit<StateSheetDoc, 'legacyOwned'>, snapshotColumn: SnapshotColumn): (string | null)[] {
  const texts: (string | null)[] = STATE_LABELS.map(() => null);
  texts[STATE_COLUMNS.settings] = JSON.stringify(doc.settings);
  texts[STATE_COLUMNS.lastRefresh] = doc.lastRefresh ?? '';
  texts[SNAPSHOT_COLUMNS[snapshotColumn]] = doc.snapshot ?? '';
  texts[STATE_COLUMNS.marks] = doc.marks.length === 0 ? '' : JSON.stringify(doc.marks);
  return texts;
}

/**
 * `chunkText` of the concatenation of `pieces`, chunk by chunk, holding at most one piece and one chunk of text: the
 * same chunks, for a text given in pieces (`snapshotPieces`) that is never built whole.
 */
export function* chunkPieces(pieces: Iterable<string>, size = STATE_CHUNK_CHARS): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    // Cut only while more text follows the cut, as `chunkText` decides on a high surrogate at the cut.
    while (buffer.length > size) {
      const [chunk] = chunkText(buffer.slice(0, size + 1), size);
      const cut = chunk ?? '';
      yield cut;
      buffer = buffer.slice(cut.length);
    }
  }
  yield* chunkText(buffer, size);
}

/**
 * A port that stores a new baseline given in pieces (`PeriodChanges.nextSnapshotPieces`) without holding its text
 * whole: the .xlsx file port, which keeps its chunks compressed until it saves. `patch` is written with it, as by
 * `WorkbookPort.writeState`.
 */
export interface SnapshotPiecesWriter {
  writeStateSnapshotPieces(pieces: Iterable<string>, patch: { readonly lastRefresh?: string | null }): Promise<void>;
}

/** True when `port` is a `SnapshotPiecesWriter`. */
export function canWriteSnapshotPieces<P extends object>(port: P): port is P & SnapshotPiecesWriter {
  return typeof (port as Partial<SnapshotPiecesWriter>).writeStateSnapshotPieces === 'function';
}

/** A baseline as the state sheet stores it: its chunks (`chunkText`), read one at a time. */
export interface SnapshotChunks {
  readonly count: number;
  /** E1: the largest `chunkWireBytes` of its chunks, `null` for none. */
  readonly largestBytes: number | null;
  /** The chunk at a 0-based index. */
  chunkAt(index: number): string;
}

/** `SnapshotChunks` over a baseline's text. */
export function snapshotTextChunks(text: string): SnapshotChunks {
  const chunks = chunkText(text);
  return { count: chunks.length, largestBytes: largestChunkBytes(chunks), chunkAt: (index) => chunks[index] ?? '' };
}

/**
 * The rows of a format-2 state sheet from A1, one at a time (a host that writes the whole sheet at once, like the
 * CLI's package writer): `doc`'s settings, last refresh and marks, and the baseline `snapshot` (`null`: none) in
 * column C, which `revision` identifies. Only one row of the baseline's chunks is built at a time.
 */
export function* stateSheetRows(doc: Omit<StateSheetDoc, 'legacyOwned' | 'snapshot'>, snapshot: SnapshotChunks | null, revision: string): Generator<(string | number | null)[]> {
  const column: SnapshotColumn = 'C';
  const chunks = stateColumnTexts({ ...doc, snapshot: null }, column).map((text) => (text === null ? [] : chunkText(text)));
  const snapshotCol = SNAPSHOT_COLUMNS[column];
  const counts = chunks.map((c, col) => (col === snapshotCol ? (snapshot?.count ?? 0) : c.length));
  yield [STATE_MARKER, STATE_FORMAT_VERSION, snapshot === null ? '' : column, snapshot === null ? '' : revision, snapshot?.largestBytes ?? ''];
  yield [...STATE_LABELS];
  yield counts;
  const height = Math.max(0, ...counts);
  for (let r = 0; r < height; r++) yield chunks.map((c, col) => (col === snapshotCol ? (snapshot !== null && r < snapshot.count ? snapshot.chunkAt(r) : null) : (c[r] ?? null)));
}

/**
 * Every cell of a format-2 state sheet holding `doc`, as rows from A1 (`stateSheetRows` over the baseline's text).
 * The baseline goes into column C; `revision` identifies it.
 */
export function stateSheetCells(doc: Omit<StateSheetDoc, 'legacyOwned'>, revision: string): (string | number | null)[][] {
  return [...stateSheetRows(doc, doc.snapshot === null ? null : snapshotTextChunks(doc.snapshot), revision)];
}
