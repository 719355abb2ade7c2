import { SHEET_ROLES, type CellValue, type SheetRole } from '../domain';
import { SOURCE_PREVIEW_ROWS } from '../workflows/chooseSource';
import type { SheetInfo } from '../workflows/workbookPort';
import { cellAddress } from './a1';
import type { Capabilities } from './capabilities';
import type { DocumentSettings } from './documentSettings';
import { MARKS_SHEET_MARKER } from './markRules';
import { jsonBytes } from './payload';
import type { ReadHint } from './readGrid';
import { CONTENT_MARKER_CELL, ownerName, ownerSheetsByName, readOwnedRecords, resolveOwnership, roleFromContentMarker, type LoadedName } from './ownership';
import { needsOwnerMarkers, queueNames, queueOwnerMarkers, queueWorksheets } from './worksheets';

/** Rows of the preview: the shared header window of `chooseSource` (see chooseSource.ts). */
export const PREVIEW_ROWS = SOURCE_PREVIEW_ROWS;
/** Columns of the preview: A:BZ, wider than any ledger seen. */
export const PREVIEW_COLUMNS = 78;

/** `listSheets` with what it learnt on the way: read hints by sheet and table name, owner markers. */
export interface ListedSheets {
  readonly sheets: readonly SheetInfo[];
  readonly hints: ReadonlyMap<string, ReadHint>;
  /** Owner markers read (empty unless the ownership fell back to them). */
  readonly markers: ReadonlyMap<string, SheetRole>;
}

/** What the first round trip of `listSheets` reads: each sheet's id (in collection order) and the owner names. */
export interface SheetListAhead {
  readonly ids: readonly string[];
  readonly names: readonly LoadedName[];
}

/**
 * Queue the reads of `listSheets`' first round trip into another request (the port reads them
 * ahead with the request before `listSheets`); `read()` after that request's sync.
 */
export function queueSheetListAhead(context: Excel.RequestContext, caps: Capabilities): () => SheetListAhead {
  const worksheets = context.workbook.worksheets.load('items/id');
  const names = queueNames(context, caps, SHEET_ROLES.map(ownerName));
  return () => ({ ids: worksheets.items.map((sheet) => sheet.id), names: names.read() });
}

function toCell(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

/** `listSheets`' second round trip, queued in a request: `finish()` after its sync. */
export interface QueuedSheetDetails {
  /** Each sheet's preview (rows 1–`PREVIEW_ROWS`, A:BZ) by sheet id, loaded with the request. */
  readonly previews: ReadonlyMap<string, Excel.Range>;
  /** The listing, from what the request read (the ownership by the settings as they are when called). */
  finish(): ListedSheets;
}

/**
 * Queue the reads of `listSheets`' second round trip for the sheets of `list` (its first round
 * trip's reads): the sheets are found by id (`WorksheetCollection.getItem` takes ids, ExcelApi 1.1)
 * and their names and positions read with the rest, so a sheet renamed or moved since `list` was
 * read is listed as it is now, one deleted since fails the request with `ItemNotFound`, and one
 * added since is not listed. `proxies`: the sheets of `list` in this context, names and positions
 * queued already (then no lookup by id).
 */
export function queueSheetDetails(
  context: Excel.RequestContext,
  settings: DocumentSettings,
  caps: Capabilities,
  list: SheetListAhead,
  proxies?: readonly Excel.Worksheet[],
): QueuedSheetDetails {
  const byId = list.ids.map((id, i) => ({ id, proxy: proxies?.[i] ?? context.workbook.worksheets.getItem(id).load('name,position') }));
  const ownerSheets = ownerSheetsByName(list.names);
  // Owner markers (1.12, only without records) go with the second round trip instead of their own.
  const queuedMarkers = ownerSheets.size === 0 && needsOwnerMarkers(settings, caps) ? queueOwnerMarkers(byId) : null;
  const queued = byId.map(({ proxy }) => {
    const used = caps.valuesOnlyUsedRange ? proxy.getUsedRange(true) : proxy.getUsedRange();
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const tables = proxy.tables;
    tables.load('items/name');
    const preview = proxy.getRange(`A1:${cellAddress(PREVIEW_ROWS - 1, PREVIEW_COLUMNS - 1)}`);
    preview.load('values');
    return { used, tables, preview };
  });
  return {
    previews: new Map(byId.map(({ id }, i) => [id, (queued[i] as (typeof queued)[number]).preview])),
    finish: () => listedSheets(settings, caps, ownerSheets, byId, queued, queuedMarkers),
  };
}

/**
 * Every sheet with its owned role, used-range size, tables and a preview of rows 1–`PREVIEW_ROWS`
 * (A:BZ), in tab order, except the marks helper sheet (recognised by `MARKS_SHEET_MARKER` in A1,
 * read with the preview; see markRules.ts). Two round trips whatever the number of sheets; one
 * with `ahead` (the first one's reads, made with an earlier request; see `queueSheetDetails` for
 * what may have changed since).
 */
export async function listSheets(context: Excel.RequestContext, settings: DocumentSettings, caps: Capabilities, ahead?: SheetListAhead): Promise<ListedSheets> {
  let details: QueuedSheetDetails;
  if (ahead === undefined) {
    const worksheets = queueWorksheets(context);
    const read = queueNames(context, caps, SHEET_ROLES.map(ownerName));
    await context.sync();
    const list = { ids: worksheets.items.map((proxy) => proxy.id), names: read.read() };
    details = queueSheetDetails(context, settings, caps, list, worksheets.items);
  } else {
    details = queueSheetDetails(context, settings, caps, ahead);
  }
  await context.sync();
  return details.finish();
}

function listedSheets(
  settings: DocumentSettings,
  caps: Capabilities,
  ownerSheets: ReturnType<typeof ownerSheetsByName>,
  byId: readonly { id: string; proxy: Excel.Worksheet }[],
  queued: readonly { used: Excel.Range; tables: Excel.TableCollection; preview: Excel.Range }[],
  queuedMarkers: ReturnType<typeof queueOwnerMarkers> | null,
): ListedSheets {
  const sheets = byId.map(({ id, proxy }) => ({ id, name: proxy.name, position: proxy.position, proxy }));
  const read = queued.map((reads, i) => ({ ...reads, sheet: sheets[i] as (typeof sheets)[number] }));
  const markers = queuedMarkers?.read() ?? new Map<string, SheetRole>();
  if (!caps.definedNames && readOwnedRecords(settings) !== null) {
    // Below ExcelApi 1.4 owned sheets carry a content marker, inside the preview read anyway.
    for (const { sheet, preview } of read) {
      const role = roleFromContentMarker((preview.values as unknown[][])[CONTENT_MARKER_CELL.row]?.[CONTENT_MARKER_CELL.col]);
      if (role !== null) markers.set(sheet.id, role);
    }
  }
  const owned = resolveOwnership(sheets, readOwnedRecords(settings), markers, ownerSheets);

  const hints = new Map<string, ReadHint>();
  const infos = read
    .filter(({ preview }) => (preview.values as unknown[][])[0]?.[0] !== MARKS_SHEET_MARKER)
    .sort((a, b) => a.sheet.position - b.sheet.position)
    .map(({ sheet, used, tables, preview }): SheetInfo => {
      const lastRow = used.rowIndex + used.rowCount;
      const lastCol = used.columnIndex + used.columnCount;
      const rows = (preview.values as unknown[][])
        .slice(0, Math.min(PREVIEW_ROWS, lastRow))
        .map((row) => row.slice(0, Math.min(PREVIEW_COLUMNS, lastCol)).map(toCell));
      const isEmpty = rows.every((row) => row.every((cell) => cell === null)) && used.rowCount * used.columnCount <= 1;
      const tableNames = tables.items.map((t) => t.name);
      const dataRows = rows.slice(1);
      if (dataRows.length > 0) {
        // A table's rows are unknown here: the sheet's used range bounds them.
        const hint = { rows: used.rowCount, bytesPerRow: jsonBytes(dataRows) / dataRows.length };
        for (const name of [sheet.name, ...tableNames]) hints.set(name, hint);
      }
      return {
        name: sheet.name,
        ownedRole: owned.get(sheet.id) ?? null,
        rowCount: isEmpty ? 0 : used.rowCount,
        columnCount: isEmpty ? 0 : used.columnCount,
        tables: tableNames,
        preview: isEmpty ? [] : rows,
      };
    });
  return { sheets: infos, hints, markers };
}
