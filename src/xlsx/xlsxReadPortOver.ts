import { columnIndexOf } from '../domain';
import type { CellValue } from '../domain';
import { SOURCE_PREVIEW_ROWS } from '../workflows/chooseSource';
import type { LedgerSourcePort, SourceRowVisitor } from '../workflows/readLedgerSource';
import { PortError, type SheetInfo, type SourceRef, type StoredState } from '../workflows/workbookPort';
import { EMPTY_STATE_DOC } from '../workflows/stateSheet';
import { findHostSheets, type HostSheets } from './findHostSheets';
import { ownedSheets } from './ownedSheets';
import { readSheetGrid, type XlsxReader, type XlsxSheet } from './reader/xlsxReaderOf';

/** A cell area, 0-based and inclusive. */
export interface CellArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** What `streamRows` reads: a worksheet, or the area of a table on it. */
export interface ResolvedSource {
  readonly sheet: XlsxSheet;
  readonly area: CellArea | null;
}

/** A read-only port over an .xlsx file, closed by the caller. */
export interface XlsxReadPort extends LedgerSourcePort {
  readonly reader: XlsxReader;
  /** Release the file. */
  close(): Promise<void>;
}

/** Options of `openXlsxReadPort`. */
export interface XlsxReadPortOptions {
  /**
   * Stream a resolved source some other way (the CLI reads large sheets on a worker thread);
   * by default the rows are read in this thread.
   */
  readonly streamSource?: (reader: XlsxReader, source: ResolvedSource, visitor: SourceRowVisitor) => Promise<void>;
}

/** Decode "B3" or "$B$3" to 0-based row and column. */
function decodeAddress(address: string): { row: number; col: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  const col = match === null ? null : columnIndexOf(match[1] ?? '');
  return match === null || col === null ? null : { row: Number(match[2]) - 1, col };
}

/** The area of a range reference such as `B3:M120`; `null` when unreadable. */
export function areaOf(ref: string): CellArea | null {
  const [from, to] = ref.split(':');
  const a = from === undefined ? null : decodeAddress(from);
  const b = to === undefined ? a : decodeAddress(to);
  if (a === null || b === null) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** A row cut to a table's columns: cells left of it become `null`, cells right of it are dropped (as the ExcelJS port reads tables). */
export function cropRow(cells: readonly CellValue[], area: CellArea): CellValue[] {
  return cells.slice(0, area.right + 1).map((v, c) => (c >= area.left ? v : null));
}

/** Stream a resolved source in this thread: rows above a table are skipped, rows below it end the read. */
export async function streamResolvedSource(reader: XlsxReader, source: ResolvedSource, visitor: Pick<SourceRowVisitor, 'onRow'>): Promise<void> {
  const { sheet, area } = source;
  await reader.streamRows(sheet, (rowIndex, cells) => {
    if (area === null) {
      visitor.onRow(rowIndex, cells);
      return undefined;
    }
    if (rowIndex > area.bottom) return 'stop';
    if (rowIndex >= area.top) visitor.onRow(rowIndex, cropRow(cells, area));
    return rowIndex === area.bottom ? 'stop' : undefined;
  });
}

/**
 * A read-only workbook port over an open reader (a file's, `openXlsxReadPort`, or bytes', `openXlsxBytes`) (`LedgerSourcePort`) over the project's own
 * streaming reader: sheet previews for `chooseSource`, the state sheet's settings, and a source's
 * rows streamed with bounded memory. The same steps as the ExcelJS `WorkbookPort` that `refresh`
 * uses: the state sheet (A1 `ledger-stats/state`, `src/workflows/stateSheet.ts`) and the add-in's marks helper are
 * never listed, owned sheets (`ownedSheets`: by owner name) carry their role, tables are listed by name.
 * Closing the port closes the reader.
 */
export function xlsxReadPortOver(reader: XlsxReader, options: XlsxReadPortOptions = {}): XlsxReadPort {
  const previews = new Map<XlsxSheet, Promise<CellValue[][]>>();
  const previewOf = (sheet: XlsxSheet): Promise<CellValue[][]> => {
    let preview = previews.get(sheet);
    if (preview === undefined) {
      preview = readSheetGrid(reader, sheet, SOURCE_PREVIEW_ROWS);
      previews.set(sheet, preview);
    }
    return preview;
  };
  let hostSheets: Promise<HostSheets<XlsxSheet>> | null = null;
  const hosts = (): Promise<HostSheets<XlsxSheet>> => (hostSheets ??= findHostSheets(reader.sheets, (sheet, limit) => readSheetGrid(reader, sheet, limit)));
  const userSheets = async (): Promise<XlsxSheet[]> => {
    const found = await hosts();
    return reader.sheets.filter((s) => s !== found.state?.sheet && !found.marksHelpers.includes(s));
  };

  const resolve = async (source: SourceRef): Promise<ResolvedSource> => {
    const wanted = source.name.toLowerCase();
    const sheets = await userSheets();
    if (source.kind === 'sheet') {
      const sheet = sheets.find((s) => s.name === source.name) ?? sheets.find((s) => s.name.toLowerCase() === wanted);
      if (sheet === undefined) throw new PortError('source_not_found', `sheet "${source.name}" not found`);
      return { sheet, area: null };
    }
    for (const sheet of sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === wanted);
      const area = table === undefined ? null : areaOf(table.ref);
      if (area !== null) return { sheet, area };
    }
    throw new PortError('source_not_found', `table "${source.name}" not found`);
  };

  const port: XlsxReadPort = {
    reader,

    async listSheets(): Promise<readonly SheetInfo[]> {
      const sheets = await userSheets();
      const owned = ownedSheets(sheets, reader.definedNames, (await hosts()).state?.doc.legacyOwned ?? []);
      const roles = new Map([...owned].map(([role, sheet]) => [sheet, role]));
      const grids = await Promise.all(sheets.map(previewOf));
      // Sheets whose row count is unknown: no <dimension> and more rows than the preview. Counting
      // their rows inflates them, so it is done only when there is more than one to compare.
      const dimensions = await Promise.all(sheets.map((s) => reader.dimensionRows(s)));
      const unknown = sheets.filter((_s, i) => dimensions[i] === null && (grids[i]?.length ?? 0) >= SOURCE_PREVIEW_ROWS);
      const counted = unknown.length > 1 || (unknown.length === 1 && sheets.length > 1) ? await Promise.all(unknown.map((s) => reader.countRows(s))) : [];
      return sheets.map((sheet, i) => {
        const preview = grids[i] ?? [];
        const countedAt = unknown.indexOf(sheet);
        const rowCount = dimensions[i] ?? counted[countedAt] ?? preview.length;
        return {
          name: sheet.name,
          ownedRole: roles.get(sheet) ?? null,
          rowCount,
          columnCount: Math.max(0, ...preview.map((r) => r.length)),
          tables: sheet.tables.map((t) => t.name),
          preview,
        };
      });
    },

    async readState(): Promise<StoredState> {
      const doc = (await hosts()).state?.doc ?? EMPTY_STATE_DOC;
      return { settings: doc.settings, snapshot: doc.snapshot, lastRefresh: doc.lastRefresh };
    },

    async streamRows(source: SourceRef, visitor: SourceRowVisitor): Promise<void> {
      const resolved = await resolve(source);
      const total = resolved.area === null ? await reader.dimensionRows(resolved.sheet) : resolved.area.bottom + 1;
      visitor.onSource(resolved.sheet.name, total);
      if (options.streamSource !== undefined) await options.streamSource(reader, resolved, visitor);
      else await streamResolvedSource(reader, resolved, visitor);
    },

    close: () => reader.close(),
  };
  return port;
}
