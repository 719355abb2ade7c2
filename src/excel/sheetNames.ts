/**
 * Excel's sheet-name rules (https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9;
 * OFFICE-PLATFORM.md §7): 1–31 characters, none of / \ ? * : [ ], not starting or ending with an
 * apostrophe, not "History"; names are unique without regard to case.
 */
export const MAX_SHEET_NAME_LENGTH = 31;

const FORBIDDEN = /[/\\?*:[\]]/g;

/** Case-insensitive comparison key of a sheet name (Excel treats "Sheet1" and "SHEET1" as the same). */
export function sheetNameKey(name: string): string {
  return name.toLocaleUpperCase('en-US');
}

/** Cut to at most `max` UTF-16 code units without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * A valid sheet name made from `wanted`: forbidden characters removed, edge apostrophes and spaces
 * trimmed, cut to 31 characters; `fallback` when nothing is left or the name is reserved.
 * @example cleanSheetName('汇总[2025]') // '汇总2025'
 */
export function cleanSheetName(wanted: string, fallback: string): string {
  const cleaned = truncate(wanted.replace(FORBIDDEN, '').replace(/^[\s']+|[\s']+$/g, ''), MAX_SHEET_NAME_LENGTH).replace(/[\s']+$/, '');
  if (cleaned === '' || sheetNameKey(cleaned) === 'HISTORY') return fallback;
  return cleaned;
}

/**
 * The first free name among `base`, `base (2)`, `base (3)`, …, each within 31 characters.
 * `taken` holds `sheetNameKey`s of names in use; the chosen name is added to it.
 * @example uniqueSheetName('汇总', new Set(['汇总'])) // '汇总 (2)'
 */
export function uniqueSheetName(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(sheetNameKey(candidate)); n++) {
    const suffix = ` (${n})`;
    candidate = `${truncate(base, MAX_SHEET_NAME_LENGTH - suffix.length).replace(/[\s']+$/, '')}${suffix}`;
  }
  taken.add(sheetNameKey(candidate));
  return candidate;
}
