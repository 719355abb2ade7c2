import { HEADER_SYNONYMS } from './headerSynonyms';
import { normalizeText } from './normalizeText';
import { FIELDS } from './types';
import type { AmountUnit, Field } from './types';

/** A header cell's best field: `score` 2 for an exact synonym, 1 for a contained synonym. */
export interface HeaderTextMatch {
  readonly field: Field;
  readonly score: 1 | 2;
  readonly synonymLength: number;
}

const EXACT = new Map<string, Field>();
for (const field of FIELDS) for (const s of HEADER_SYNONYMS[field]) EXACT.set(headerKey(s), field);
const CONTAINED: readonly { key: string; field: Field }[] = [...EXACT.entries()]
  .filter(([key]) => key.length >= 3 && /[^ -~]/.test(key))
  .map(([key, field]) => ({ key, field }))
  .sort((a, b) => b.key.length - a.key.length);
/** Headers about a year, a month, a share or a sub-item are never matched by containment (本年完成投资 ≠ 累计完成投资). */
const NO_CONTAINMENT = /本年|年度|当年|本月|当月|月份|其中|同比|占比|比例|率|计划完成/;
const UNIT_BRACKET = /\((?:单位[:：]?)?(?:人民币)?(?:万亿|亿|千万|百万|万|千)?元?\)/g;
const UNIT_TAIL = /(?:万亿|亿|千万|百万|万|千)?元$/;

/** Matching key of a header text: NFKC, no whitespace or line breaks, lower case. */
export function headerKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '').toLowerCase();
}

/**
 * The field a header text names, or `null`. Tries the whole text, then without the unit bracket, then without
 * any bracket; then containment of a Chinese synonym of 3+ characters (longest wins; a tie between fields is no match).
 */
export function matchHeaderText(text: string): HeaderTextMatch | null {
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  const result = matchUncached(text);
  if (memo.size >= 5_000) memo.clear();
  memo.set(text, result);
  return result;
}

const memo = new Map<string, HeaderTextMatch | null>();

function matchUncached(text: string): HeaderTextMatch | null {
  const key = headerKey(text);
  if (key === '') return null;
  const noUnit = key.replace(UNIT_BRACKET, '');
  const variants = [key, noUnit, noUnit.replace(UNIT_TAIL, ''), noUnit.replace(/\([^()]*\)/g, '')];
  for (const v of variants) {
    const field = EXACT.get(v);
    if (field !== undefined) return { field, score: 2, synonymLength: v.length };
  }
  if (key.length > 24 || NO_CONTAINMENT.test(noUnit)) return null;
  let best: { key: string; field: Field } | null = null;
  for (const c of CONTAINED) {
    if (best !== null && c.key.length < best.key.length) break;
    if (!noUnit.includes(c.key)) continue;
    if (best !== null && best.field !== c.field) return null;
    best = c;
  }
  return best === null ? null : { field: best.field, score: 1, synonymLength: best.key.length };
}

/**
 * The amount unit a text names: 亿元/(亿) → `yi`, 万元/(万) → `wan`, 元 → `yuan`; `null` when none.
 * Used for header cells and for unit lines ("单位：个、亿元" → `yi`).
 */
export function unitOfText(text: string): AmountUnit | null {
  const s = normalizeText(text).replace(/\s+/g, '');
  const m = /(万亿|亿|千万|百万|万|千)?元|\((亿|万)\)/.exec(s);
  if (m === null) return null;
  const prefix = m[1] ?? m[2] ?? '';
  if (prefix === '亿') return 'yi';
  if (prefix === '万') return 'wan';
  if (prefix === '') return 'yuan';
  return null;
}
