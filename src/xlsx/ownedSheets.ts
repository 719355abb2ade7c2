import { SHEET_ROLES, type SheetRole } from '../domain';
import { ownerName, ownerSheetsByName } from '../workflows/ownerNames';
import type { LegacyOwnedRecord } from '../workflows/stateSheet';
import { toLoadedName, type DefinedName } from './definedNames';

/**
 * The sheet each role owns, as every host decides it (issue 15): the sheet the role's workbook-scoped owner name
 * (`_LedgerStats_Owner_<role>`) points at; only for a role without an owner name, the format-1 state's record (a
 * sheet with both the recorded name and sheetId). A name that points nowhere (`#REF!`, a deleted sheet) owns
 * nothing, and a sheet is owned by one role at most. A user's sheet called 汇总 without the name is never owned.
 * @param sheets the workbook's sheets, without the state sheet.
 */
export function ownedSheets<S extends { readonly name: string; readonly sheetId: number }>(
  sheets: readonly S[],
  names: readonly DefinedName[],
  legacy: readonly LegacyOwnedRecord[],
): Map<SheetRole, S> {
  const workbookNames = names.filter((n) => n.localSheetId === null);
  const targets = ownerSheetsByName(workbookNames.map(toLoadedName));
  const owned = new Map<SheetRole, S>();
  const claimed = new Set<S>();
  for (const role of SHEET_ROLES) {
    const key = ownerName(role).toLowerCase();
    let sheet: S | undefined;
    if (workbookNames.some((n) => n.name.toLowerCase() === key)) {
      const target = targets.get(role)?.toLowerCase();
      sheet = target === undefined ? undefined : sheets.find((s) => s.name.toLowerCase() === target);
    } else {
      const record = legacy.find((o) => o.role === role);
      sheet = record === undefined ? undefined : sheets.find((s) => s.name === record.name && s.sheetId === record.sheetId);
    }
    if (sheet === undefined || claimed.has(sheet)) continue;
    owned.set(role, sheet);
    claimed.add(sheet);
  }
  return owned;
}
