import { nearestTerms } from '../ledger/editDistance';
import { EXTRA_SOE_ALIASES, PREFIX_SHORT_NAMES, SOE_NAME_PATTERNS } from './extraAliases';
import { SOE_ALIASES, SOE_GROUPS } from './soeData';
import { soeKey, strippedVariants } from './soeKey';
import type { SoeAlias, SoeGroup } from './types';

/** How a known name was matched. */
export type SoeMatchVia = 'name' | 'short_name' | 'historical' | 'alias' | 'pattern' | 'prefix';

/**
 * The outcome of `lookupSoe`:
 * - `known`: the group the name rolls up to (merged groups already resolved to their successor);
 * - `flagged`: the alias table marks the name ambiguous / unresolved / uncertain / not listed, so it maps to no
 *   group without a human decision; `candidates` are groups it may mean (best first);
 * - `unknown`: not on the list; `suggestions` are the nearest groups (best first, possibly none).
 */
export type SoeLookup =
  | { readonly kind: 'known'; readonly group: SoeGroup; readonly via: SoeMatchVia; readonly matched: string }
  | { readonly kind: 'flagged'; readonly alias: SoeAlias; readonly candidates: readonly SoeGroup[] }
  | { readonly kind: 'unknown'; readonly suggestions: readonly SoeGroup[] };

type IndexEntry =
  | { readonly kind: 'group'; readonly group: SoeGroup; readonly via: SoeMatchVia; readonly name: string }
  | { readonly kind: 'flagged'; readonly alias: SoeAlias };

interface SoeIndex {
  readonly byKey: Map<string, IndexEntry>;
  /** Keys allowed as a name prefix, longest first within lookups. */
  readonly prefixKeys: Set<string>;
  readonly maxKeyLength: number;
  /** Display names and short names used for suggestions, with their group. */
  readonly suggestionNames: readonly string[];
  readonly groupBySuggestionName: Map<string, SoeGroup>;
  readonly groupByFullName: Map<string, SoeGroup>;
}

let index: SoeIndex | null = null;
const memo = new Map<string, SoeLookup>();
const MEMO_MAX_ENTRIES = 20_000;
const PREFIX_MIN_LENGTH = 3;

/**
 * Look a company name up in the SASAC list and the alias table (DOMAIN.md §1). The name is NFKC-normalised,
 * spaces and bracket styles are ignored, legal suffixes (有限公司, 有限责任公司, 股份, 集团) are stripped when the
 * rest is a known name, merged groups map to their successor, 中铁十X局 maps to 中国铁建, and otherwise the
 * longest known name that starts the text wins (中储粮 before 中储). Precedence when names collide: flagged
 * alias rows (ambiguous/unresolved/uncertain) > full names > SASAC short names > historical names >
 * hand-kept extra aliases > alias-table rows.
 * @example lookupSoe('中铁十九局集团有限公司') // → { kind: 'known', group: 中国铁道建筑集团有限公司, via: 'pattern', … }
 */
export function lookupSoe(name: string): SoeLookup {
  const cached = memo.get(name);
  if (cached !== undefined) return cached;
  const result = lookupUncached(name);
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  memo.set(name, result);
  return result;
}

function lookupUncached(name: string): SoeLookup {
  const idx = getIndex();
  const key = soeKey(name);
  if (key.length === 0) return { kind: 'unknown', suggestions: [] };
  const candidates = [key, ...strippedVariants(key)];
  const withoutBrackets = key.replace(/\([^()]*\)/g, '');
  if (withoutBrackets !== key && withoutBrackets.length >= 2) candidates.push(withoutBrackets, ...strippedVariants(withoutBrackets));
  for (const candidate of candidates) {
    const entry = idx.byKey.get(candidate);
    if (entry !== undefined) return fromEntry(entry, idx, key);
  }
  for (const { pattern, parentFullName } of SOE_NAME_PATTERNS) {
    const group = idx.groupByFullName.get(parentFullName);
    if (group !== undefined && pattern.test(key)) return { kind: 'known', group, via: 'pattern', matched: key };
  }
  for (let len = Math.min(key.length - 1, idx.maxKeyLength); len >= 2; len--) {
    const prefix = key.slice(0, len);
    if (!idx.prefixKeys.has(prefix)) continue;
    const entry = idx.byKey.get(prefix);
    if (entry === undefined) continue;
    const found = fromEntry(entry, idx, key);
    return found.kind === 'known' ? { ...found, via: 'prefix' } : found;
  }
  return { kind: 'unknown', suggestions: suggestGroups(key, idx) };
}

function fromEntry(entry: IndexEntry, idx: SoeIndex, key: string): SoeLookup {
  if (entry.kind === 'group') return { kind: 'known', group: entry.group, via: entry.via, matched: entry.name };
  const parent = entry.alias.parentFullName === null ? undefined : idx.groupByFullName.get(entry.alias.parentFullName);
  // Only an ambiguous short name has look-alikes worth offering (中储 → 中国物流集团 or 中储粮); for unresolved or
  // uncertain names a look-alike would be a guess the reference table explicitly refused to make.
  const suggested = entry.alias.relation === 'ambiguous' ? suggestGroups(key, idx) : [];
  const candidates = parent === undefined ? suggested : [parent, ...suggested.filter((g) => g !== parent)];
  return { kind: 'flagged', alias: entry.alias, candidates: candidates.slice(0, 3) };
}

/** Characters too common in company names to make two names alike. */
const COMMON_CHARS = new Set([...'中国集团公司有限责任股份控大连省市']);

/**
 * Groups named inside the text first (longest name first), then names that start with the text, then the
 * nearest names by edit distance among those sharing a distinctive character (中金 → 中国黄金, never 中核).
 */
function suggestGroups(key: string, idx: SoeIndex): SoeGroup[] {
  const distinctive = [...key].filter((ch) => !COMMON_CHARS.has(ch));
  const related = idx.suggestionNames.filter((n) => distinctive.some((ch) => n.includes(ch)));
  const contained = related.filter((n) => n.length >= 2 && key.includes(n)).sort((a, b) => b.length - a.length);
  const extending = related.filter((n) => n.startsWith(key)).sort((a, b) => a.length - b.length);
  const nearest = nearestTerms(key, related, 6, Math.max(2, Math.ceil(key.length / 2)));
  const out: SoeGroup[] = [];
  for (const n of [...contained, ...extending, ...nearest]) {
    const group = idx.groupBySuggestionName.get(n);
    if (group !== undefined && !out.includes(group)) out.push(group);
    if (out.length >= 3) break;
  }
  return out;
}

function getIndex(): SoeIndex {
  if (index === null) index = buildIndex();
  return index;
}

function buildIndex(): SoeIndex {
  const byKey = new Map<string, IndexEntry>();
  const groupByFullName = new Map<string, SoeGroup>();
  for (const g of SOE_GROUPS) groupByFullName.set(g.fullName, g);
  const effective = (g: SoeGroup): SoeGroup =>
    g.successorFullName === null ? g : (groupByFullName.get(g.successorFullName) ?? g);
  const add = (name: string, entry: IndexEntry, withVariants: boolean): void => {
    const key = soeKey(name);
    for (const k of withVariants ? [key, ...strippedVariants(key)] : [key]) {
      if (k.length >= 2 && !byKey.has(k)) byKey.set(k, entry);
    }
  };

  // 1. Flagged names win over everything: 中储 is a short name of 中国物流集团 in the list but ambiguous in the
  //    alias table, so it must not map silently. not_sasac_listed rows yield to the list's own entry below.
  for (const a of SOE_ALIASES) {
    if (a.relation === 'ambiguous' || a.relation === 'unresolved' || a.relation === 'uncertain') {
      add(a.alias, { kind: 'flagged', alias: a }, false);
    }
  }
  // 2. Full names (and the second name in brackets), 3. short names, of current and non-SASAC entries.
  const live = SOE_GROUPS.filter((g) => g.status !== 'merged');
  for (const g of live) {
    add(g.fullName, { kind: 'group', group: g, via: 'name', name: g.fullName }, true);
    if (g.altFullName !== null) add(g.altFullName, { kind: 'group', group: g, via: 'name', name: g.altFullName }, true);
  }
  for (const g of live) {
    for (const s of g.shortNames) add(s, { kind: 'group', group: g, via: 'short_name', name: s }, true);
  }
  // English names and abbreviations, e.g. "China National Offshore Oil Corporation (CNOOC)": whole-name matches
  // only (see `englishKeys`), never prefixes ("OCT" must not match "October…").
  const englishKeys = new Set<string>();
  for (const g of live) {
    for (const n of englishNames(g.englishName)) {
      const k = soeKey(n);
      if (!byKey.has(k)) {
        byKey.set(k, { kind: 'group', group: g, via: 'name', name: n });
        englishKeys.add(k);
      }
    }
  }
  // 4. Historical entries map to their successor.
  for (const g of SOE_GROUPS.filter((x) => x.status === 'merged')) {
    const target = effective(g);
    for (const n of [g.fullName, ...g.shortNames]) add(n, { kind: 'group', group: target, via: 'historical', name: n }, true);
  }
  // 5. Hand-kept aliases, 6. alias-table rows that name a parent.
  for (const a of EXTRA_SOE_ALIASES) {
    const group = groupByFullName.get(a.parentFullName);
    if (group !== undefined) add(a.alias, { kind: 'group', group: effective(group), via: 'alias', name: a.alias }, false);
  }
  for (const a of SOE_ALIASES) {
    if (a.relation === 'not_sasac_listed') {
      add(a.alias, { kind: 'flagged', alias: a }, false);
      continue;
    }
    if (a.parentFullName === null || a.relation === 'ambiguous' || a.relation === 'unresolved' || a.relation === 'uncertain') continue;
    const group = groupByFullName.get(a.parentFullName);
    if (group !== undefined) add(a.alias, { kind: 'group', group: effective(group), via: 'alias', name: a.alias }, true);
  }

  const prefixKeys = new Set<string>();
  const shortPrefixes = new Set(PREFIX_SHORT_NAMES.map(soeKey));
  let maxKeyLength = 0;
  for (const k of byKey.keys()) {
    if (englishKeys.has(k)) continue;
    if (k.length >= PREFIX_MIN_LENGTH || shortPrefixes.has(k)) prefixKeys.add(k);
    maxKeyLength = Math.max(maxKeyLength, k.length);
  }

  const groupBySuggestionName = new Map<string, SoeGroup>();
  for (const g of live) {
    for (const n of [g.shortName, ...g.shortNames, g.fullName]) {
      const k = soeKey(n);
      if (!groupBySuggestionName.has(k)) groupBySuggestionName.set(k, g);
    }
  }
  return {
    byKey,
    prefixKeys,
    maxKeyLength,
    suggestionNames: [...groupBySuggestionName.keys()],
    groupBySuggestionName,
    groupByFullName,
  };
}

/** "China General Technology (Group) Holding (Genertec)" → the name without the abbreviation, and "Genertec". */
function englishNames(english: string): string[] {
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(english);
  const out: string[] = [];
  if (m === null) out.push(english);
  else {
    out.push(m[1] ?? '');
    const abbr = (m[2] ?? '').trim();
    // "(English name unverified)" and similar notes are not abbreviations.
    if (!/\s/.test(abbr)) out.push(abbr);
  }
  return out.filter((n) => n.length >= 3);
}

/** The group of a canonical full name (current or historical entry as listed), or `null`. */
export function soeGroupByFullName(fullName: string): SoeGroup | null {
  return getIndex().groupByFullName.get(fullName) ?? null;
}
