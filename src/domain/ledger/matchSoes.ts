import * as lookupSoeModule from '../reference/lookupSoe';
import type { SoeLookup } from '../reference/lookupSoe';
import type { SoeAliasRelation, SoeGroup } from '../reference/types';
import * as cellTextModule from './cellText';
import * as normalizeTextModule from './normalizeText';
import * as placeholdersModule from './placeholders';
import type { CellValue, SoeRef } from './types';

// Performance: hot imports bound once to module constants. Under tsx/esbuild's CommonJS output each call to an
// imported function otherwise goes through an export getter, a measurable share of a 100,000-row read.
const { lookupSoe } = lookupSoeModule;
const { cellText, isBlankCell } = cellTextModule;
const { normalizeText } = normalizeTextModule;
const { isPlaceholder } = placeholdersModule;

/** A name in an SOE cell that needs the user's attention. */
export interface SoeFinding {
  /** The name as split from the cell. */
  readonly raw: string;
  /**
   * `unknown`: not on the list. `flagged`: the alias table marks it ambiguous/unresolved/uncertain, so it is
   * counted under its own name. `not_sasac`: a central enterprise outside the SASAC list, counted as itself.
   */
  readonly kind: 'unknown' | 'flagged' | 'not_sasac';
  /** For `flagged`: the alias table's relation (ambiguous, unresolved, uncertain, not_sasac_listed). */
  readonly relation: SoeAliasRelation | null;
  /** Groups it may mean, best first. */
  readonly candidates: readonly SoeGroup[];
}

/** The SOEs of one cell and the names needing attention. */
export interface SoeCellMatch {
  readonly refs: readonly SoeRef[];
  readonly findings: readonly SoeFinding[];
}

const PRIMARY_SEPARATORS = /[、，,;；/／|｜\n\r\t+＋]+/;
const CONJUNCTIONS = /[和与及]/g;
const memo = new Map<string, SoeCellMatch>();
const MEMO_MAX_ENTRIES = 20_000;
const EMPTY: SoeCellMatch = Object.freeze({ refs: Object.freeze([]), findings: Object.freeze([]) });

/**
 * Split an SOE cell into names and match each against the SASAC list and the alias table (see `lookupSoe`),
 * rolling subsidiaries up to their group, deduplicated by group in cell order ("中国建筑、中建八局" → one ref).
 * Separators: 、，,;；/ and line breaks; 和/与/及 split only when both sides are known names of two or more
 * characters. An unknown or flagged name is kept under its own cleaned text with `isKnown: false`.
 * @example matchSoes('中国电信、中国中铁').map((s) => s.shortName) // → ['中国电信', '中国中铁']
 */
export function matchSoes(value: CellValue): SoeRef[] {
  return [...matchSoeCell(value).refs];
}

/** `matchSoes` with the findings (unknown, flagged and non-SASAC names) the validator reports. Memoised. */
export function matchSoeCell(value: CellValue): SoeCellMatch {
  if (isBlankCell(value)) return EMPTY;
  const text = cellText(value);
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  const result = matchUncached(text);
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  memo.set(text, result);
  return result;
}

function matchUncached(text: string): SoeCellMatch {
  const normalized = normalizeText(text);
  if (normalized === '' || isPlaceholder(normalized)) return EMPTY;
  // Line breaks separate names; spaces are split on only when every piece is a known name ("华能 大唐"), since
  // normalizeText would join "中 国 华 能" into one name.
  const names = text
    .normalize('NFKC')
    .split(PRIMARY_SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .flatMap(splitOnSpaces)
    .filter((p) => p !== '' && !isPlaceholder(p))
    .flatMap(splitFurther);
  const refs: SoeRef[] = [];
  const findings: SoeFinding[] = [];
  const seen = new Set<string>();
  for (const { name, lookup } of names) {
    const ref = toRef(name, lookup);
    if (!seen.has(ref.canonical)) {
      seen.add(ref.canonical);
      refs.push(Object.freeze(ref));
    }
    const finding = toFinding(name, lookup);
    if (finding !== null && !findings.some((f) => f.raw === finding.raw)) findings.push(finding);
  }
  return Object.freeze({ refs: Object.freeze(refs), findings: Object.freeze(findings) });
}

interface NamedLookup {
  readonly name: string;
  readonly lookup: SoeLookup;
}

/**
 * A part that is not known as a whole may still list several names joined by spaces or by 和/与/及;
 * split it only when every piece is a known name of two or more characters.
 */
function splitFurther(part: string): NamedLookup[] {
  const whole = lookupSoe(part);
  // A whole-name match wins; a mere prefix match ("中交集团与招商局集团" starts with 中交集团) yields to a split
  // in which every piece is known.
  if (whole.kind === 'known' && whole.via !== 'prefix') return [{ name: part, lookup: whole }];
  const split = trySplit(part);
  if (split !== null) return split;
  return [{ name: part.replace(/\s+/g, ''), lookup: whole }];
}

/** "华能 大唐" → two names when both are known; otherwise the part normalised as one name. */
function splitOnSpaces(part: string): string[] {
  const pieces = part.split(/\s+/).filter((p) => p !== '');
  if (pieces.length > 1 && pieces.every((p) => p.length >= 2 && lookupSoe(p).kind === 'known')) return pieces.map(normalizeText);
  return [normalizeText(part)];
}

function trySplit(part: string): NamedLookup[] | null {
  for (const match of part.matchAll(CONJUNCTIONS)) {
    const left = part.slice(0, match.index).trim();
    const right = part.slice(match.index + 1).trim();
    if (left.length < 2 || right.length < 2) continue;
    const leftLookup = lookupSoe(left);
    if (leftLookup.kind !== 'known') continue;
    const rest = splitFurther(right);
    if (rest.every((r) => r.lookup.kind === 'known')) return [{ name: left, lookup: leftLookup }, ...rest];
  }
  return null;
}

function toRef(name: string, lookup: SoeLookup): SoeRef {
  if (lookup.kind === 'known') {
    return { raw: name, canonical: lookup.group.fullName, shortName: lookup.group.shortName, isKnown: true };
  }
  return { raw: name, canonical: name, shortName: name, isKnown: false };
}

function toFinding(name: string, lookup: SoeLookup): SoeFinding | null {
  if (lookup.kind === 'unknown') return { raw: name, kind: 'unknown', relation: null, candidates: lookup.suggestions };
  if (lookup.kind === 'flagged') return { raw: name, kind: 'flagged', relation: lookup.alias.relation, candidates: lookup.candidates };
  if (lookup.group.status === 'not_sasac_listed' || lookup.group.status === 'mof_supervised') {
    return { raw: name, kind: 'not_sasac', relation: null, candidates: [lookup.group] };
  }
  return null;
}
