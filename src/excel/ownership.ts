import { SHEET_ROLES, type SheetRole } from '../domain';
import { cellAddress } from './a1';
import { SETTING_KEYS, type DocumentSettings } from './documentSettings';

/**
 * Which sheets the add-in owns. Worksheet ids are stable only within a session (office-js-docs
 * #297, office-js #1390: they change when the file is reopened, e.g. in another Excel version), so
 * ownership lives in the workbook, independently of ids: one hidden workbook-scoped defined name per
 * role (`_LedgerStats_Owner_summary` → `='汇总'!$A$1`, ExcelApi 1.4 to write, 1.1 to read). A name
 * follows its sheet through renames and moves, breaks to `#REF!` when the sheet is deleted, and is
 * not duplicated when a user copies the sheet (Excel clones it as a name scoped to the copy,
 * http://www.excelcodex.com/2012/06/defined-names-choosing-the-scope/, and `workbook.names` lists
 * only workbook-scoped names), so a user's own 汇总 or a copy of ours is never claimed.
 *
 * Older records are still read, for workbooks refreshed before the names existed and for hosts
 * below ExcelApi 1.4: the document settings hold `{ ownedSheets: [{ id, role, name }] }`,
 * and on ExcelApi 1.12 each owned sheet carries a `ledgerStats.owner` custom property naming its
 * role and id (consulted only when the settings hold no record at all). They decide only when the
 * workbook has no owner name. Below ExcelApi 1.4 each owned sheet also carries a content marker
 * (`ledger-stats:summary` in BZ1), so that after a reopen the sheet with the recorded name and the
 * marker is ours: a user's own 汇总 has no marker, a user's copy has another name.
 */
export interface OwnedSheetRecord {
  readonly id: string;
  readonly role: SheetRole;
  /** The sheet's name when it was recorded (records written before names were kept have none). */
  readonly name?: string;
  /**
   * Written just before the final swap of a refresh: the sheet was built but the swap may not have
   * happened. Whether the swap happened or not, the sheet is ours (a leftover is deleted next time).
   */
  readonly pending?: true;
  /**
   * A format-1 state's record (the old CLI's; see `LEGACY_OWNED_KEY`): the sheet of this name is ours when the
   * workbook has no owner name for the role. `id` is empty: the add-in cannot see a file's sheetIds. Never saved.
   */
  readonly byName?: true;
}

/**
 * Not a stored key: the port answers it with the owned sheets a format-1 state sheet (the old CLI's) names,
 * as `readState` last read them (`LegacyOwnedRecord[]`, see src/workflows/stateSheet.ts). `readOwnedRecords`
 * adds them to the records, so that a workbook refreshed by the old CLI does not get 汇总 (2).
 */
export const LEGACY_OWNED_KEY = 'ledgerStats.legacyOwned';

export { ownerName, ownerSheetsByName, sheetOfNameValue, type LoadedName } from '../workflows/ownerNames';

/** Key of the worksheet custom property that marks an owned sheet (ExcelApi 1.12). */
export const OWNER_PROPERTY_KEY = 'ledgerStats.owner';

/** A worksheet as loaded from the workbook. */
export interface WorksheetInfo {
  readonly id: string;
  readonly name: string;
  readonly position: number;
}

function isRole(value: unknown): value is SheetRole {
  return typeof value === 'string' && (SHEET_ROLES as readonly string[]).includes(value);
}

function parseRecord(value: unknown): OwnedSheetRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, role, pending, name } = value as { id?: unknown; role?: unknown; pending?: unknown; name?: unknown };
  if (typeof id !== 'string' || !isRole(role)) return null;
  return { id, role, ...(typeof name === 'string' ? { name } : {}), ...(pending === true ? { pending: true as const } : {}) };
}

/**
 * Where an owned sheet carries its content marker on hosts without defined names (below ExcelApi
 * 1.4): BZ1, inside the preview that `listSheets` reads anyway (A1:BZ30), right of any plan.
 */
export const CONTENT_MARKER_CELL = { row: 0, col: 77 } as const;
/** `CONTENT_MARKER_CELL` as an A1 address. */
export const CONTENT_MARKER_ADDRESS = cellAddress(CONTENT_MARKER_CELL.row, CONTENT_MARKER_CELL.col);

/** The content marker text of `role`: plain text, never a formula. */
export function contentMarkerText(role: SheetRole): string {
  return `ledger-stats:${role}`;
}

/** The role a content marker cell names, or null. */
export function roleFromContentMarker(value: unknown): SheetRole | null {
  if (typeof value !== 'string' || !value.startsWith('ledger-stats:')) return null;
  const role = value.slice('ledger-stats:'.length);
  return isRole(role) ? role : null;
}

/** The stored records, or `null` when the workbook never had any (first refresh, or settings lost). */
export function readOwnedRecords(settings: DocumentSettings): OwnedSheetRecord[] | null {
  const stored = settings.get(SETTING_KEYS.ownedSheets) as { ownedSheets?: unknown } | null | undefined;
  const legacy = legacyRecords(settings.get(LEGACY_OWNED_KEY));
  if (stored === null || stored === undefined || !Array.isArray(stored.ownedSheets)) return legacy.length === 0 ? null : legacy;
  return [...stored.ownedSheets.map(parseRecord).filter((r): r is OwnedSheetRecord => r !== null), ...legacy];
}

function legacyRecords(value: unknown): OwnedSheetRecord[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const { role, name } = (typeof item === 'object' && item !== null ? item : {}) as { role?: unknown; name?: unknown };
    return isRole(role) && typeof name === 'string' ? [{ id: '', role, name, byName: true as const }] : [];
  });
}

/** Replace the stored records (in memory; the caller saves). Records of a format-1 state are not stored. */
export function setOwnedRecords(settings: DocumentSettings, records: readonly OwnedSheetRecord[]): void {
  settings.set(SETTING_KEYS.ownedSheets, { ownedSheets: records.filter((r) => r.byName !== true).map((r) => ({ ...r })) });
}

/** The custom-property value that marks `id` as the owned sheet of `role`. */
export function ownerPropertyValue(role: SheetRole, id: string): string {
  return JSON.stringify({ role, id });
}

/** The role named by an owner property, when it names this very sheet (a copied sheet has a new id). */
export function roleFromOwnerProperty(value: unknown, sheetId: string): SheetRole | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = parseRecord(JSON.parse(value));
    return parsed !== null && parsed.id === sheetId ? parsed.role : null;
  } catch {
    return null; // a hand-edited property: not ours
  }
}

/**
 * The owned sheets among `sheets`, by id → role. When the workbook has owner names (`ownerSheets`,
 * role → sheet name) they alone decide; otherwise the records (by id, checked against the recorded
 * name or the marker), and without records the owner custom properties. Records of sheets that no
 * longer exist are ignored. A format-1 state's records (`byName`) then claim, by sheet name, the roles
 * still undecided: the old CLI wrote no owner names.
 * @param markers roles by sheet id: from the owner custom properties (ExcelApi 1.12, used only when
 *   `records` is `null`) or, below ExcelApi 1.4, from the content markers.
 */
export function resolveOwnership(
  sheets: readonly WorksheetInfo[],
  records: readonly OwnedSheetRecord[] | null,
  markers: ReadonlyMap<string, SheetRole> = new Map(),
  ownerSheets: ReadonlyMap<SheetRole, string> = new Map(),
): Map<string, SheetRole> {
  const owned = new Map<string, SheetRole>();
  const sameName = (sheet: WorksheetInfo, name: string): boolean => sheet.name.toLowerCase() === name.toLowerCase();
  // A format-1 state's records: by name, for the roles that nothing else decided.
  const addByName = (): Map<string, SheetRole> => {
    const decided = new Set([...owned.values(), ...ownerSheets.keys()]);
    for (const record of records ?? []) {
      if (record.byName !== true || record.name === undefined || decided.has(record.role)) continue;
      const name = record.name;
      const sheet = sheets.find((s) => sameName(s, name) && !owned.has(s.id));
      if (sheet !== undefined) {
        owned.set(sheet.id, record.role);
        decided.add(record.role);
      }
    }
    return owned;
  };
  if (ownerSheets.size > 0) {
    for (const [role, name] of ownerSheets) {
      const sheet = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (sheet !== undefined) owned.set(sheet.id, role);
    }
    return addByName();
  }
  const existing = new Set(sheets.map((s) => s.id));
  if (records === null) {
    for (const [id, role] of markers) if (existing.has(id)) owned.set(id, role);
    return owned;
  }
  // A record names its sheet by id; ids change when the file is reopened (and may then name another
  // sheet), so a record that also has the sheet's name needs the name or the sheet's marker to agree,
  // and a sheet found by the recorded name needs the marker.
  for (const record of records) {
    if (record.byName === true) continue;
    const byId = existing.has(record.id) ? sheets.find((s) => s.id === record.id) : undefined;
    if (byId !== undefined && (record.name === undefined || sameName(byId, record.name) || markers.get(byId.id) === record.role)) {
      owned.set(byId.id, record.role);
      continue;
    }
    const name = record.name;
    const byName = name === undefined ? undefined : sheets.find((s) => sameName(s, name) && markers.get(s.id) === record.role);
    if (byName !== undefined) owned.set(byName.id, record.role);
  }
  return addByName();
}
