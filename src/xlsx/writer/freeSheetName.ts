const MAX_SHEET_NAME = 31;

/** Make a wanted sheet name valid for Excel: no `[]:*?/\`, no quote at either end, at most 31 characters. */
export function cleanSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, MAX_SHEET_NAME)
    .trim();
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet' : cleaned;
}

/**
 * The name a new owned sheet gets: the wanted name made valid, or, when a sheet in `taken` (lower
 * case) has it, the next free "名称 (2)", "名称 (3)"… within 31 characters. The name is added to `taken`.
 */
export function freeSheetName(wanted: string, taken: Set<string>): string {
  const clean = cleanSheetName(wanted);
  let name = clean;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${clean.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}
