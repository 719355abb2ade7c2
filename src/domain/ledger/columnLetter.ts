/**
 * The column letter Excel shows for a 0-based column index: 0 → "A", 25 → "Z", 26 → "AA".
 * @throws RangeError when `index` is not a non-negative safe integer (a caller bug, not bad data).
 */
export function columnLetter(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`columnLetter: index must be a non-negative integer, got ${String(index)}`);
  }
  return toLetters(index);
}

const cache: string[] = [];

function toLetters(index: number): string {
  const cached = cache[index];
  if (cached !== undefined) return cached;
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  if (index < 1024) cache[index] = letters;
  return letters;
}

/**
 * The 0-based column index of a column letter ("A" → 0, "AA" → 26), or `null` when the text is not a
 * column letter (1–3 Latin letters, either case).
 */
export function columnIndexOf(letter: string): number | null {
  const s = letter.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(s)) return null;
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
