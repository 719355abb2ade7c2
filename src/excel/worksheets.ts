import type { SheetRole } from '../domain';
import type { Capabilities } from './capabilities';
import type { DocumentSettings } from './documentSettings';
import {
  CONTENT_MARKER_ADDRESS,
  OWNER_PROPERTY_KEY,
  ownerSheetsByName,
  readOwnedRecords,
  resolveOwnership,
  roleFromContentMarker,
  roleFromOwnerProperty,
  type LoadedName,
  type OwnedSheetRecord,
  type WorksheetInfo,
} from './ownership';

/** The workbook's sheets with their proxies, and which of them the add-in owns. */
export interface LoadedWorksheets {
  readonly sheets: readonly (WorksheetInfo & { readonly proxy: Excel.Worksheet })[];
  /** Owned sheet id → role. */
  readonly owned: ReadonlyMap<string, SheetRole>;
  /** The stored ownership records (`null` when none were ever stored). */
  readonly records: readonly OwnedSheetRecord[] | null;
  /** The workbook-scoped defined names, as loaded. */
  readonly names: readonly LoadedName[];
}

/**
 * Queue the load of every worksheet's name, id and position (ExcelApi 1.1; `getItemOrNullObject`
 * is 1.4, so sheets are always found through `worksheets.items`), with `withCharts` also the names
 * of each sheet's charts (a nested collection in one load: Office.js turns `items/charts/items/name`
 * into the select path `charts/name`, see `_parseSelectExpand` in excel-web-16.00.debug.js). Call
 * `context.sync()`, then `resolveWorksheets`.
 */
export function queueWorksheets(context: Excel.RequestContext, withCharts = false): Excel.WorksheetCollection {
  const worksheets = context.workbook.worksheets;
  worksheets.load(`items/name,items/id,items/position${withCharts ? ',items/charts/items/name' : ''}`);
  return worksheets;
}

/** Workbook-scoped defined names queued for reading; `read()` after the sync gives those that exist. */
export interface QueuedNames {
  read(): LoadedName[];
}

/**
 * Queue the read of the workbook-scoped defined names `wanted` (the owner names, see ownership.ts,
 * and the plans' names): `name`, `type`, `value` (ExcelApi 1.1). With `getItemOrNullObject`
 * (ExcelApi 1.4) only those, so a workbook's own names (whose values may be large arrays) are not
 * read; below 1.4 every name.
 */
export function queueNames(context: Excel.RequestContext, caps: Capabilities, wanted: readonly string[]): QueuedNames {
  if (!caps.definedNames) {
    const names = context.workbook.names.load('items/name,items/type,items/value');
    return { read: () => names.items.map(toLoadedName) };
  }
  const items = wanted.map((name) => context.workbook.names.getItemOrNullObject(name).load('name,type,value'));
  return { read: () => items.filter((item) => !item.isNullObject).map(toLoadedName) };
}

function toLoadedName(item: Excel.NamedItem): LoadedName {
  return { name: item.name, type: item.type, value: item.value as unknown };
}

/** Owner markers queued for reading; `read()` after the sync gives id → role. */
export interface QueuedMarkers {
  read(): Map<string, SheetRole>;
}

/**
 * Queue the read of the owner custom property of each sheet (ExcelApi 1.12), to be synced with the
 * caller's next round trip.
 */
export function queueOwnerMarkers(sheets: readonly { readonly id: string; readonly proxy: Excel.Worksheet }[]): QueuedMarkers {
  const properties = sheets.map((sheet) => {
    const property = sheet.proxy.customProperties.getItemOrNullObject(OWNER_PROPERTY_KEY);
    property.load('value');
    return { id: sheet.id, property };
  });
  return {
    read() {
      const markers = new Map<string, SheetRole>();
      for (const { id, property } of properties) {
        if (property.isNullObject) continue;
        const role = roleFromOwnerProperty(property.value, id);
        if (role !== null) markers.set(id, role);
      }
      return markers;
    },
  };
}

/**
 * Queue the read of each sheet's content marker (below ExcelApi 1.4, where owned sheets carry one
 * instead of an owner name), to be synced with the caller's next round trip.
 */
export function queueContentMarkers(sheets: readonly { readonly id: string; readonly proxy: Excel.Worksheet }[]): QueuedMarkers {
  const cells = sheets.map((sheet) => ({ id: sheet.id, cell: sheet.proxy.getRange(CONTENT_MARKER_ADDRESS).load('values') }));
  return {
    read() {
      const markers = new Map<string, SheetRole>();
      for (const { id, cell } of cells) {
        const role = roleFromContentMarker(cell.values[0]?.[0]);
        if (role !== null) markers.set(id, role);
      }
      return markers;
    },
  };
}

/** True when ownership has to fall back to the owner markers: no records, and the host has them. */
export function needsOwnerMarkers(settings: DocumentSettings, caps: Capabilities): boolean {
  return caps.worksheetCustomProperties && readOwnedRecords(settings) === null;
}

/**
 * The loaded sheets and their ownership (see ownership.ts): by the owner names when the workbook has
 * any. Otherwise by the records, checked below ExcelApi 1.4 against the content markers; and when
 * the settings hold no record and worksheet custom properties exist (ExcelApi 1.12), by the owner
 * properties. Markers are taken from `knownMarkers` (read by `listSheets` moments before, in the
 * same refresh) or read in one more round trip.
 */
export async function resolveWorksheets(
  context: Excel.RequestContext,
  worksheets: Excel.WorksheetCollection,
  queuedNames: QueuedNames,
  settings: DocumentSettings,
  caps: Capabilities,
  knownMarkers: ReadonlyMap<string, SheetRole> | null = null,
): Promise<LoadedWorksheets> {
  const sheets = worksheets.items.map((proxy) => ({ id: proxy.id, name: proxy.name, position: proxy.position, proxy }));
  const records = readOwnedRecords(settings);
  const names = queuedNames.read();
  const ownerSheets = ownerSheetsByName(names);
  let markers: ReadonlyMap<string, SheetRole> = new Map();
  if (!caps.definedNames && records !== null && sheets.length > 0) {
    if (knownMarkers !== null) markers = knownMarkers;
    else {
      const queued = queueContentMarkers(sheets);
      await context.sync();
      markers = queued.read();
    }
  } else if (ownerSheets.size === 0 && needsOwnerMarkers(settings, caps) && sheets.length > 0) {
    if (knownMarkers !== null) markers = knownMarkers;
    else {
      const queued = queueOwnerMarkers(sheets);
      await context.sync();
      markers = queued.read();
    }
  }
  return { sheets, owned: resolveOwnership(sheets, records, markers, ownerSheets), records, names };
}
