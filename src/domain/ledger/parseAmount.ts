import * as cellTextModule from './cellText';
import * as normalizeTextModule from './normalizeText';
import * as placeholdersModule from './placeholders';
import type { AmountUnit, CellValue } from './types';

// Performance: hot imports bound once to module constants. Under tsx/esbuild's CommonJS output each call to an
// imported function otherwise goes through an export getter, a measurable share of a 100,000-row read.
const { isBlankCell } = cellTextModule;
const { normalizeText } = normalizeTextModule;
const { isPlaceholder } = placeholdersModule;

/** Why an amount cell could not be read. */
export const AMOUNT_INVALID_REASONS = ['range', 'currency', 'percent', 'not_finite', 'text'] as const;
/** `range`: "840–931"; `currency`: a foreign currency; `percent`: "80%"; `not_finite`: NaN/Infinity; `text`: anything else. */
export type AmountInvalidReason = (typeof AMOUNT_INVALID_REASONS)[number];

/**
 * The outcome of `parseAmount`. `wan` is in 万元, unrounded, and may be negative (the validator reports it).
 * `isApproximate` is true for 约, 左右, 以上 and their variants.
 */
export type AmountParse =
  | { readonly kind: 'ok'; readonly wan: number; readonly isApproximate: boolean }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: AmountInvalidReason };

/**
 * 万元 per unit, as a signed scale: a positive k multiplies by k, a negative k divides by -k, so that
 * 元 → 万元 is `n / 10000` (exact for 12 元 = 0.0012) rather than `n * 0.0001`.
 */
const WAN_SCALE: Readonly<Record<string, number>> = {
  万亿: 1e8,
  亿: 1e4,
  千万: 1e3,
  百万: 100,
  十万: 10,
  万: 1,
  千: -10,
  '': -1e4,
};
const UNIT_SCALE: Readonly<Record<AmountUnit, number>> = { yuan: -1e4, wan: 1, yi: 1e4 };

const FOREIGN = /(美元|美金|欧元|日元|港元|港币|英镑|卢布|韩元|澳元|加元|新加坡元|瑞士法郎|法郎|马克|usd|us\$|eur|jpy|hkd|gbp|\$|€|£)/i;
const APPROX_PREFIX = /^(约为|大约|约|近|逾|超过|超)/;
const APPROX_SUFFIX = /(左右|以上|以内|余|多)$/;
const RMB = /^(人民币|rmb|cny|¥|￥)|(人民币|rmb|cny)$/i;
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?$|^[+-]?\.\d+$/i;
const RANGE = /\d\s*(?:[-–—~～]|至|到)\s*[+-]?\.?\d/;
const UNIT_SUFFIX = /(万亿|亿|千万|百万|十万|万|千)?元?$/;
const memo = new Map<string, AmountParse>();
const MEMO_MAX_ENTRIES = 50_000;

/**
 * Read an amount cell into 万元. `unit` is the column's unit (from its header or the unit line), used when the
 * cell itself names none. Accepts numbers; texts with thousands separators, full-width digits and punctuation;
 * a unit suffix (元, 万元, 亿元, 万亿元, 千万元) that overrides `unit`; 人民币/RMB/¥; 约/近/超 before and
 * 左右/以上/余/多 after the number (approximate). Placeholders (—, -, /, 无, 待定, 暂无) and blank cells are
 * `missing`. Ranges ("840–931") and foreign currencies ("12亿美元") are `invalid`, never averaged or converted.
 * Never throws. Memoised per distinct text.
 * @example parseAmount('约20亿元人民币', 'wan') // → { kind: 'ok', wan: 200000, isApproximate: true }
 * @example parseAmount('1,234.5', 'yi') // → { kind: 'ok', wan: 12345000, isApproximate: false }
 */
export function parseAmount(value: CellValue, unit: AmountUnit): AmountParse {
  if (typeof value === 'number') {
    const wan = toWan(value, UNIT_SCALE[unit]);
    // A finite number can still overflow when scaled (1e305 亿元).
    if (!Number.isFinite(wan)) return { kind: 'invalid', reason: 'not_finite' };
    return { kind: 'ok', wan, isApproximate: false };
  }
  if (isBlankCell(value)) return MISSING;
  if (typeof value !== 'string') return TEXT_INVALID;
  const cacheKey = unit + '\u0000' + value;
  const cached = memo.get(cacheKey);
  if (cached !== undefined) return cached;
  const result = parseText(value, UNIT_SCALE[unit]);
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  memo.set(cacheKey, result);
  return result;
}

const MISSING: AmountParse = { kind: 'missing' };
const TEXT_INVALID: AmountParse = { kind: 'invalid', reason: 'text' };

/** Scale to 万元 without rounding; -0 becomes 0. */
function toWan(n: number, scale: number): number {
  const wan = scale === 1 ? n : scale > 0 ? n * scale : n / -scale;
  return wan === 0 ? 0 : wan;
}

function parseText(raw: string, columnScale: number): AmountParse {
  let s = normalizeText(raw).replace(/\s+/g, '').replace(/[，]/g, ',').replace(/[。]/g, '.');
  if (s === '' || isPlaceholder(s)) return MISSING;
  if (FOREIGN.test(s)) return { kind: 'invalid', reason: 'currency' };
  if (s.endsWith('%')) return { kind: 'invalid', reason: 'percent' };
  let isApproximate = false;
  // Qualifiers and the currency word may come in either order: "约20亿元人民币", "人民币约20亿元".
  for (let guard = 0; guard < 4; guard++) {
    const before = s;
    s = s.replace(RMB, '');
    if (APPROX_PREFIX.test(s)) {
      s = s.replace(APPROX_PREFIX, '');
      isApproximate = true;
    }
    if (APPROX_SUFFIX.test(s)) {
      s = s.replace(APPROX_SUFFIX, '');
      isApproximate = true;
    }
    if (s === before) break;
  }
  if (RANGE.test(s)) return { kind: 'invalid', reason: 'range' };
  let scale = columnScale;
  const unitMatch = UNIT_SUFFIX.exec(s);
  const suffix = unitMatch?.[0] ?? '';
  if (suffix !== '') {
    scale = WAN_SCALE[unitMatch?.[1] ?? ''] ?? columnScale;
    s = s.slice(0, s.length - suffix.length);
    // A qualifier between number and unit: "30余亿元".
    if (APPROX_SUFFIX.test(s)) {
      s = s.replace(APPROX_SUFFIX, '');
      isApproximate = true;
    }
  }
  if (!NUMBER.test(s)) return TEXT_INVALID;
  const wan = toWan(Number(s.replace(/,/g, '')), scale);
  if (!Number.isFinite(wan)) return { kind: 'invalid', reason: 'not_finite' };
  return { kind: 'ok', wan, isApproximate };
}
