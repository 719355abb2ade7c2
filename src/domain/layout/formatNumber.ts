/**
 * A number with thousands separators and a fixed number of decimals, rounded half away from zero
 * on its 15-significant-digit decimal form, as Excel displays it (so 386.95 shows as 387.0 in
 * the pane and on the summary sheet alike, although the double is 386.9499…). Independent of the
 * host's Intl data: the pane looks the same in every Office client.
 * @example formatNumber(4952.66, 1) // '4,952.7'
 */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '—';
  const digits = Math.max(0, Math.min(10, Math.trunc(decimals)));
  const magnitude = Math.abs(value);
  const precise = magnitude.toPrecision(15);
  // Exponent form: beyond 15 digits the integer is all there is; below 1e-6 it rounds to zero.
  const plain = !precise.includes('e') ? precise : magnitude >= 1 ? BigInt(Math.round(magnitude)).toString() : '0';
  const [whole = '0', fraction = ''] = plain.split('.');
  let scaled = BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  if ((fraction[digits] ?? '0') >= '5') scaled += 1n;
  const text = scaled.toString().padStart(digits + 1, '0');
  const intPart = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fracPart = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  const sign = value < 0 && scaled !== 0n ? '-' : '';
  return `${sign}${intPart}${fracPart}`;
}
