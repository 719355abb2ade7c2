import * as cellTextModule from './cellText';
import * as editDistanceModule from './editDistance';
import * as normalizeTextModule from './normalizeText';
import * as placeholdersModule from './placeholders';
import { STAGE_TERMS } from './stageTerms';
import type { CellValue, Stage } from './types';

// Performance: hot imports bound once to module constants. Under tsx/esbuild's CommonJS output each call to an
// imported function otherwise goes through an export getter, a measurable share of a 100,000-row read.
const { isBlankCell, cellText } = cellTextModule;
const { editDistance } = editDistanceModule;
const { normalizeText } = normalizeTextModule;
const { isPlaceholder } = placeholdersModule;

/**
 * The outcome of `parseStage`: a canonical stage with the vocabulary term that decided it, a blank or
 * placeholder cell, or an unknown text with the nearest vocabulary term (`null` when nothing is close).
 */
export type StageParse =
  | { readonly kind: 'ok'; readonly stage: Stage; readonly term: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknown'; readonly suggestion: { readonly term: string; readonly stage: Stage } | null };

const TERMS_LONGEST_FIRST = Object.keys(STAGE_TERMS).sort((a, b) => b.length - a.length);
const memo = new Map<string, StageParse>();
const MEMO_MAX_ENTRIES = 20_000;

/**
 * Map a stage cell to one of the five canonical stages (`STAGE_TERMS`), ignoring width, spaces and case.
 * A whole-cell term wins; otherwise the longest term inside the text decides ("已全容量并网发电" → completed).
 * Blank cells and placeholders (待定, —) are `missing`. Memoised per distinct text.
 * @example parseStage('在建') // → { kind: 'ok', stage: 'construction', term: '在建' }
 * @example parseStage('在见') // → { kind: 'unknown', suggestion: { term: '在建', stage: 'construction' } }
 */
export function parseStage(value: CellValue): StageParse {
  if (isBlankCell(value)) return MISSING;
  const text = cellText(value);
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  const result = parseUncached(text);
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  memo.set(text, result);
  return result;
}

const MISSING: StageParse = { kind: 'missing' };

function parseUncached(text: string): StageParse {
  const key = normalizeText(text).replace(/\s+/g, ' ').toLowerCase();
  if (key === '' || isPlaceholder(key)) return MISSING;
  const compact = key.replace(/ /g, '');
  const exact = STAGE_TERMS[key] ?? STAGE_TERMS[compact];
  if (exact !== undefined) return { kind: 'ok', stage: exact, term: STAGE_TERMS[key] !== undefined ? key : compact };
  for (const term of TERMS_LONGEST_FIRST) {
    if (term.length >= 2 && compact.includes(term.replace(/ /g, ''))) {
      const stage = STAGE_TERMS[term];
      if (stage !== undefined) return { kind: 'ok', stage, term };
    }
  }
  return { kind: 'unknown', suggestion: nearestStageTerm(compact) };
}

function nearestStageTerm(text: string): { term: string; stage: Stage } | null {
  let best: { term: string; stage: Stage; distance: number } | null = null;
  for (const [term, stage] of Object.entries(STAGE_TERMS)) {
    const distance = editDistance(text, term);
    if (best === null || distance < best.distance) best = { term, stage, distance };
  }
  if (best === null || best.distance > Math.max(1, Math.ceil(text.length / 2))) return null;
  return { term: best.term, stage: best.stage };
}
