/**
 * A number as text with a fixed number of decimals and thousands separators, independent of the
 * host's locale (no Intl): for numbers inside sentences, where a cell number format cannot help.
 * Values that round to zero print without a sign.
 * @example formatNumber(1234567.891, 1) // '1,234,567.9'
 */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  const places = Math.min(20, Math.max(0, Math.trunc(decimals)));
  const fixed = Math.abs(value).toFixed(places);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
