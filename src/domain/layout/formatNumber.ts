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
  const plain = !precise.includes('e') ? precise : magnitude >= 1 ? integerDigits(Math.round(magnitude)) : '0';
  const [whole = '0', fraction = ''] = plain.split('.');
  // Decimal strings, not BigInt: the ribbon's ES5 bundle runs where there is no BigInt (Internet Explorer 11, Edge Legacy).
  let scaled = (whole + fraction.slice(0, digits).padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  if ((fraction[digits] ?? '0') >= '5') scaled = addOne(scaled);
  const text = scaled.padStart(digits + 1, '0');
  const intPart = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fracPart = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  const sign = value < 0 && /[1-9]/.test(scaled) ? '-' : '';
  return `${sign}${intPart}${fracPart}`;
}

/** The exact decimal digits of a non-negative integer double (toFixed switches to exponent form at 1e21). */
function integerDigits(integer: number): string {
  let halvings = 0;
  let rest = integer;
  // Halving a double of 1e21 or more is exact and keeps it an integer (its exponent stays above 52).
  while (rest >= 1e21) {
    rest /= 2;
    halvings += 1;
  }
  let text = rest.toFixed(0);
  for (let i = 0; i < halvings; i += 1) text = addDigits(text, text);
  return text;
}

/** `digits` (a decimal integer) plus one. */
function addOne(digits: string): string {
  return addDigits(digits, '1');
}

/** The sum of two decimal integers written as digit strings. */
function addDigits(a: string, b: string): string {
  let sum = '';
  let carry = 0;
  for (let i = a.length - 1, j = b.length - 1; i >= 0 || j >= 0 || carry > 0; i -= 1, j -= 1) {
    const digit = Number(a[i] ?? '0') + Number(b[j] ?? '0') + carry;
    sum = String(digit % 10) + sum;
    carry = digit >= 10 ? 1 : 0;
  }
  return sum;
}
