/**
 * Levenshtein edit distance between two strings, by UTF-16 code unit (CJK characters are one unit).
 * @example editDistance('在建设', '在建') // → 1
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length] ?? 0;
}

/**
 * The terms of `vocabulary` nearest to `text` by edit distance, best first (ties keep vocabulary order),
 * at most `limit`, and only those within `maxDistance` (default: half the longer string, at least 1).
 */
export function nearestTerms(text: string, vocabulary: readonly string[], limit: number, maxDistance?: number): string[] {
  const scored: { term: string; distance: number; order: number }[] = [];
  vocabulary.forEach((term, order) => {
    const distance = editDistance(text, term);
    const max = maxDistance ?? Math.max(1, Math.ceil(Math.max(text.length, term.length) / 2));
    if (distance <= max) scored.push({ term, distance, order });
  });
  scored.sort((x, y) => x.distance - y.distance || x.order - y.order);
  const out: string[] = [];
  for (const s of scored) {
    if (!out.includes(s.term)) out.push(s.term);
    if (out.length >= limit) break;
  }
  return out;
}
