import { SHEET_ROLES, type SheetRole } from '../domain';

/**
 * Owner names: how every host recognises the sheets it owns (issue 15). One hidden workbook-scoped defined name per
 * role, `_LedgerStats_Owner_summary` → `'汇总'!$A$1`, written by the add-in (`src/excel/applySheetPlans.ts`) and by
 * the CLI's package writer (`src/xlsx/writer`). A name follows its sheet through renames and moves, and a user's
 * sheet called 汇总 without it is never claimed (`src/excel/ownership.ts` says why ids and sheet names cannot do this).
 */

/** The workbook-scoped defined name that marks the owned sheet of `role` (hidden, refers to its A1). */
export function ownerName(role: SheetRole): string {
  return `_LedgerStats_Owner_${role}`;
}

/** A defined name as loaded from `workbook.names` (`name`, `type`, `value`: ExcelApi 1.1). */
export interface LoadedName {
  readonly name: string;
  readonly type: string;
  readonly value: unknown;
}

/**
 * The sheet name in a named range's value (`汇总!$A$1`, `'汇总 (2)'!$A$1`), or null for anything
 * else (a constant, a `#REF!` error, a reference without a sheet).
 */
export function sheetOfNameValue(name: LoadedName): string | null {
  if (name.type !== 'Range' || typeof name.value !== 'string') return null;
  const value = name.value.replace(/^=/, '');
  const quoted = /^'((?:[^']|'')+)'!/.exec(value);
  if (quoted !== null) return (quoted[1] ?? '').replace(/''/g, "'");
  const bang = value.lastIndexOf('!');
  return bang > 0 ? value.slice(0, bang) : null;
}

/** The sheet name each role's owner name points at (roles whose name is missing or broken are absent). */
export function ownerSheetsByName(names: readonly LoadedName[]): Map<SheetRole, string> {
  const owners = new Map<SheetRole, string>();
  for (const role of SHEET_ROLES) {
    const key = ownerName(role).toLowerCase();
    const found = names.find((n) => n.name.toLowerCase() === key);
    const sheet = found === undefined ? null : sheetOfNameValue(found);
    if (sheet !== null) owners.set(role, sheet);
  }
  return owners;
}
