import { normalizeText } from '../ledger/normalizeText';
import { REGIONS } from '../reference/regionData';

/** Names searched in a text, longest first, each with the district it names. */
let needles: readonly { readonly text: string; readonly district: string }[] | null = null;

function buildNeedles(): readonly { readonly text: string; readonly district: string }[] {
  const all: { text: string; district: string }[] = [];
  for (const region of REGIONS) {
    // The 市本级/跨区域 pseudo-region is not a district: a 市直 unit's file has no district to check.
    if (!region.isRegion) continue;
    for (const name of [region.name, ...region.aliases]) all.push({ text: normalizeText(name), district: region.name });
  }
  // A short alias is searched only when it is unlikely to stand for something else inside a longer word: three
  // characters or more, and not part of another district's name (开发区 is in 旅顺经济开发区, 中山 in many names).
  return all
    .filter((n) => n.text.length >= 3 && !all.some((o) => o.district !== n.district && o.text.includes(n.text)))
    .sort((a, b) => b.text.length - a.text.length);
}

/**
 * The district a file name or title names, by the districts' names and their longer aliases (reference data,
 * `REGIONS`); `null` when it names none, or more than one (a joint ledger is not a district's).
 * @example districtOfText('甘井子区央地合作项目台账.xlsx') // → '甘井子区'
 * @example districtOfText('大连市金州新区2025年三季度台账') // → '金普新区'
 */
export function districtOfText(text: string): string | null {
  needles ??= buildNeedles();
  let rest = normalizeText(text);
  const found = new Set<string>();
  for (const needle of needles) {
    if (!rest.includes(needle.text)) continue;
    found.add(needle.district);
    // Cut the match out so that a shorter alias inside it (金州 in 金州新区) is not found again.
    rest = rest.split(needle.text).join('\u0000');
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}
