import { SHEET_ROLES, type SheetRole } from '../domain';
import { SETTING_KEYS, type DocumentSettings } from './documentSettings';

/**
 * Which sheets the add-in owns. The marker travels with the workbook: the document settings hold
 * `{ ownedSheets: [{ id, role }] }` by worksheet id (never by name: a user's own sheet called 汇总 is
 * not ours). Where worksheet custom properties exist (ExcelApi 1.12) each owned sheet also carries a
 * `ledgerStats.owner` property naming its role and id; it is consulted only when the settings hold no
 * record at all (e.g. the workbook was opened with another deployment of the add-in, whose settings
 * are separate). A copy of an owned sheet made by the user has a new id, so neither marker claims it.
 */
export interface OwnedSheetRecord {
  readonly id: string;
  readonly role: SheetRole;
  /**
   * Written just before the final swap of a refresh: the sheet was built but the swap may not have
   * happened. Whether the swap happened or not, the sheet is ours (a leftover is deleted next time).
   */
  readonly pending?: true;
}

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
  const { id, role, pending } = value as { id?: unknown; role?: unknown; pending?: unknown };
  if (typeof id !== 'string' || !isRole(role)) return null;
  return pending === true ? { id, role, pending: true } : { id, role };
}

/** The stored records, or `null` when the workbook never had any (first refresh, or settings lost). */
export function readOwnedRecords(settings: DocumentSettings): OwnedSheetRecord[] | null {
  const stored = settings.get(SETTING_KEYS.ownedSheets) as { ownedSheets?: unknown } | null | undefined;
  if (stored === null || stored === undefined || !Array.isArray(stored.ownedSheets)) return null;
  return stored.ownedSheets.map(parseRecord).filter((r): r is OwnedSheetRecord => r !== null);
}

/** Replace the stored records (in memory; the caller saves). */
export function setOwnedRecords(settings: DocumentSettings, records: readonly OwnedSheetRecord[]): void {
  settings.set(SETTING_KEYS.ownedSheets, { ownedSheets: records.map((r) => ({ ...r })) });
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
 * The owned sheets among `sheets`, by id → role. Records of sheets that no longer exist are ignored.
 * @param markers roles read from the owner custom properties (used only when `records` is `null`).
 */
export function resolveOwnership(
  sheets: readonly WorksheetInfo[],
  records: readonly OwnedSheetRecord[] | null,
  markers: ReadonlyMap<string, SheetRole> = new Map(),
): Map<string, SheetRole> {
  const owned = new Map<string, SheetRole>();
  const existing = new Set(sheets.map((s) => s.id));
  if (records === null) {
    for (const [id, role] of markers) if (existing.has(id)) owned.set(id, role);
    return owned;
  }
  for (const record of records) if (existing.has(record.id)) owned.set(record.id, record.role);
  return owned;
}
