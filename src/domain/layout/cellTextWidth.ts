import { displayWidth } from './displayWidth';
import type { PlanCell } from './types';

/**
 * The width a cell's text takes when shown, in Excel's character units (`displayWidth`: a CJK character counts
 * two): a string as written, a number as its format shows it (`#,##0.0`, `0.0%`, a signed `+#,##0`), a link by
 * its text, a formula by its cached result. Empty cells are 0 wide.
 * @example cellTextWidth(3695.1234, '#,##0.0') // → 7 ("3,695.1")
 */
export function cellTextWidth(value: PlanCell, numberFormat: string | null): number {
  if (value === null) return 0;
  if (typeof value === 'string') return displayWidth(value);
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'number') return formattedNumber(value, numberFormat).length;
  if ('link' in value) return displayWidth(value.text);
  return value.result === undefined ? 0 : cellTextWidth(value.result, numberFormat);
}

/** A number as an Excel format of the plans shows it (decimals, thousands separators, %, a leading sign). */
function formattedNumber(value: number, numberFormat: string | null): string {
  if (!Number.isFinite(value)) return String(value);
  const section = (numberFormat ?? '').split(';')[0] ?? '';
  const isPercent = section.includes('%');
  const decimals = /\.(0+)/.exec(section)?.[1]?.length ?? (numberFormat === null ? significantDecimals(value) : 0);
  const shown = Math.abs(isPercent ? value * 100 : value).toFixed(decimals);
  const [whole = '', fraction] = shown.split('.');
  const grouped = section.includes(',') ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const sign = value < 0 ? '-' : section.startsWith('+') && value > 0 ? '+' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}${isPercent ? '%' : ''}`;
}

/** Decimals General shows of a number (up to 10 significant digits, as Excel's General does for most values). */
function significantDecimals(value: number): number {
  const text = String(Number(value.toPrecision(10)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
