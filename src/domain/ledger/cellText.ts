import type { CellValue } from './types';

const BLANK = /^[\s\u200b-\u200d\u2060\ufeff]*$/;

/** True for an empty cell: `null`, `undefined`, or a string of only spaces (any width) and invisible characters. */
export function isBlankCell(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Performance: a printable ASCII or CJK first character settles it without the regex.
  const first = value.charCodeAt(0);
  if ((first > 0x20 && first < 0x7f) || (first >= 0x4e00 && first <= 0x9fff)) return false;
  return BLANK.test(value);
}

/**
 * A cell as text, before normalisation: strings as they are, finite numbers in JavaScript's shortest form,
 * booleans as TRUE/FALSE (as Excel shows them), empty and non-finite cells as "".
 */
export function cellText(value: CellValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return '';
}

/** The raw cell value as an issue carries it (`undefined` becomes `null`). */
export function rawCell(value: CellValue): Exclude<CellValue, undefined> {
  return value === undefined ? null : value;
}
