/**
 * The period-matching key of a project: its normalised name (`ProjectRow.nameKey`), a tab,
 * then its canonical SOE names sorted and joined by 、. Two rows match across periods only
 * when both the name and the SOE set agree.
 * @example projectKey('大连LNG二期', ['国家石油天然气管网集团有限公司', '中国石油天然气集团有限公司'])
 * // '大连LNG二期\t中国石油天然气集团有限公司、国家石油天然气管网集团有限公司' (sorted by code point)
 */
export function projectKey(nameKey: string, canonicalSoes: readonly string[]): string {
  return `${nameKey}\t${sortedSoes(canonicalSoes).join('、')}`;
}

/** Canonical SOE names deduplicated and sorted by code point (locale-independent). */
export function sortedSoes(canonicalSoes: readonly string[]): string[] {
  return [...new Set(canonicalSoes)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
