import ExcelJS from 'exceljs';
import { SHEET_ROLES, type SheetRole } from '../domain';
import { parseAsOfSetting } from '../workflows/dataDate';
import { DEFAULT_SETTINGS, type LedgerSettings, type StoredState } from '../workflows/workbookPort';

/**
 * The CLI's marker in an .xlsx file: a very hidden worksheet (Excel shows it nowhere, not even
 * in Unhide) holding one JSON document. The add-in inside Excel keeps the same state in document
 * settings; the file format below belongs to the CLI alone.
 *
 * | cell | content |
 * |------|---------|
 * | A1   | `ledger-stats/state` (the marker; a sheet without it is a user sheet) |
 * | B1   | format version, `1` |
 * | C1   | number of chunks *n* |
 * | A2…A(n+1) | the JSON text, cut into chunks of at most 32,000 characters (a cell holds 32,767) |
 *
 * The JSON document is a `LedgerStateDoc`.
 */
export const STATE_SHEET_NAME = '_ledger_stats';
/** A1 of the state sheet. */
export const STATE_MARKER = 'ledger-stats/state';
/** B1 of the state sheet. */
export const STATE_FORMAT_VERSION = 1;
/** Longest JSON chunk per cell. */
export const STATE_CHUNK_CHARS = 32_000;

/** An owned sheet as the state remembers it. A sheet is owned only when both its name and its sheetId match. */
export interface OwnedSheetRecord {
  readonly role: SheetRole;
  readonly name: string;
  readonly sheetId: number;
}

/** Issue marks the CLI added to a sheet, as conditional-format ranges. */
export interface MarkRecord {
  readonly sheet: string;
  readonly severity: 'error' | 'warning';
  /** Space-separated A1 ranges (the conditional format's `sqref`). */
  readonly ref: string;
}

/** Everything the state sheet holds. */
export interface LedgerStateDoc extends StoredState {
  readonly owned: readonly OwnedSheetRecord[];
  readonly marks: readonly MarkRecord[];
}

/** The state of a workbook that has none yet. */
export const EMPTY_STATE: LedgerStateDoc = { settings: DEFAULT_SETTINGS, snapshot: null, lastRefresh: null, owned: [], marks: [] };

/** True when the worksheet is the CLI's state sheet (by its marker, not by its name). */
export function isStateSheet(worksheet: ExcelJS.Worksheet): boolean {
  return worksheet.getCell(1, 1).value === STATE_MARKER;
}

/** The state sheet of a workbook, or `undefined`. */
export function findStateSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find(isStateSheet);
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const stringArray = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

/** Keep only well-typed settings; anything else falls back to the default. */
function parseSettings(value: unknown): LedgerSettings {
  if (!isRecord(value)) return DEFAULT_SETTINGS;
  const d = DEFAULT_SETTINGS;
  const source = value.source;
  const mapping = isRecord(value.mapping) && Object.values(value.mapping).every((v) => typeof v === 'string') ? (value.mapping as Record<string, string>) : d.mapping;
  return {
    source:
      isRecord(source) && (source.kind === 'sheet' || source.kind === 'table') && typeof source.name === 'string'
        ? { kind: source.kind, name: source.name }
        : null,
    mapping,
    soeAttribution: value.soeAttribution === 'split' ? 'split' : d.soeAttribution,
    lang: value.lang === 'zh-CN' || value.lang === 'en-US' ? value.lang : null,
    displayUnit: value.displayUnit === 'wan' ? 'wan' : d.displayUnit,
    decimals: typeof value.decimals === 'number' && Number.isInteger(value.decimals) && value.decimals >= 0 && value.decimals <= 6 ? value.decimals : d.decimals,
    allowedSectors: stringArray(value.allowedSectors) ?? d.allowedSectors,
    allowedDistricts: stringArray(value.allowedDistricts) ?? d.allowedDistricts,
    asOf: parseAsOfSetting(value.asOf),
  };
}

/**
 * Parse the state JSON. Never throws: a damaged document gives the empty state (the summaries
 * are then rebuilt from scratch, and sheets the damaged state named are left alone).
 */
export function parseStateDoc(text: string): LedgerStateDoc {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return EMPTY_STATE;
  }
  if (!isRecord(value)) return EMPTY_STATE;
  const owned = Array.isArray(value.owned)
    ? value.owned.filter(
        (o): o is OwnedSheetRecord =>
          isRecord(o) && (SHEET_ROLES as readonly unknown[]).includes(o.role) && typeof o.name === 'string' && typeof o.sheetId === 'number',
      )
    : [];
  const marks = Array.isArray(value.marks)
    ? value.marks.filter(
        (m): m is MarkRecord => isRecord(m) && typeof m.sheet === 'string' && typeof m.ref === 'string' && (m.severity === 'error' || m.severity === 'warning'),
      )
    : [];
  return {
    settings: parseSettings(value.settings),
    snapshot: typeof value.snapshot === 'string' ? value.snapshot : null,
    lastRefresh: typeof value.lastRefresh === 'string' ? value.lastRefresh : null,
    owned: owned.map(({ role, name, sheetId }) => ({ role, name, sheetId })),
    marks: marks.map(({ sheet, severity, ref }) => ({ sheet, severity, ref })),
  };
}

/** The cell at 0-based row and column of a state sheet, however the sheet is held. */
export type StateCellAt = (row: number, col: number) => unknown;

/** Read the state document from a state sheet's cells (the empty state when they do not hold one). */
export function readStateCells(cellAt: StateCellAt): LedgerStateDoc {
  if (cellAt(0, 0) !== STATE_MARKER) return EMPTY_STATE;
  const count = Number(cellAt(0, 2));
  if (!Number.isInteger(count) || count < 0) return EMPTY_STATE;
  let text = '';
  for (let i = 0; i < count; i++) {
    const value = cellAt(1 + i, 0);
    if (typeof value !== 'string') return EMPTY_STATE;
    text += value;
  }
  return parseStateDoc(text);
}

/** Read the state document from the workbook (the empty state when there is none). */
export function readStateDoc(workbook: ExcelJS.Workbook): LedgerStateDoc {
  const sheet = findStateSheet(workbook);
  if (sheet === undefined) return EMPTY_STATE;
  return readStateCells((row, col) => sheet.getCell(row + 1, col + 1).value);
}

/**
 * The cells of a state sheet holding `doc`, row by row from A1: the marker, the format version
 * and the chunk count on row 1, then one JSON chunk per row in column A.
 */
export function stateSheetRows(doc: LedgerStateDoc): (string | number)[][] {
  const chunks = chunkText(JSON.stringify(doc), STATE_CHUNK_CHARS);
  return [[STATE_MARKER, STATE_FORMAT_VERSION, chunks.length], ...chunks.map((chunk) => [chunk])];
}

/** Cut text into chunks of at most `size` UTF-16 units without splitting a surrogate pair. */
export function chunkText(text: string, size: number): string[] {
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

/** A name for the state sheet that no user sheet has. */
function freeStateSheetName(workbook: ExcelJS.Workbook): string {
  const taken = new Set(workbook.worksheets.map((w) => w.name.toLowerCase()));
  let name = STATE_SHEET_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${STATE_SHEET_NAME}_${n}`;
  return name;
}

/** Write the state document into the workbook, creating the very hidden state sheet if needed. */
export function writeStateDoc(workbook: ExcelJS.Workbook, doc: LedgerStateDoc): void {
  let sheet = findStateSheet(workbook);
  if (sheet !== undefined) workbook.removeWorksheet(sheet.id);
  sheet = workbook.addWorksheet(freeStateSheetName(workbook), { state: 'veryHidden' });
  const target = sheet;
  stateSheetRows(doc).forEach((values, r) => {
    values.forEach((value, c) => {
      target.getCell(r + 1, c + 1).value = value;
    });
  });
}
