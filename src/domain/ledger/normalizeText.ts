/** Longest text kept in the memo cache; ledger cells that repeat (SOE, stage, sector) are short. */
const MEMO_MAX_LENGTH = 64;
/** Entries before the cache is cleared, so a long-running task pane cannot grow it without bound. */
const MEMO_MAX_ENTRIES = 50_000;
const memo = new Map<string, string>();

/**
 * Texts that NFKC, trimming and space rules leave unchanged: CJK unified ideographs (U+4E00–U+9FFF have no
 * compatibility mappings), printable ASCII except space, and 、。“”《》. A char loop: cheaper than a regex here.
 */
function isAlreadyNormal(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    if (c > 0x20 && c < 0x7f) continue;
    if (c === 0x3001 || c === 0x3002 || c === 0x201c || c === 0x201d || c === 0x300a || c === 0x300b) continue;
    return false;
  }
  return true;
}
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const WHITESPACE_RUN = /\s+/g;
// Only a space between two CJK characters is removed ("英 力 特" → "英力特"); "Project A" keeps its space.
const CJK_GAP = /([\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])\s+(?=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])/g;
// 〇 is a digit only next to digits ("2〇24" → "2024"); in words (〇号) it stays. No lookbehind: Safari
// before 16.4 (the webview of Excel for Mac on older macOS) rejects it, and with it the whole ribbon
// bundle (test/bundles/bundleSyntax.test.ts); the digit before 〇 is captured and written back instead.
const LING_IN_NUMBER = /([0-9])〇|〇(?=[0-9])/g;
const lingToZero = (_match: string, digitBefore: string | undefined): string => (digitBefore === undefined ? '0' : `${digitBefore}0`);

/**
 * Normalise a cell text for matching and display: Unicode NFKC (full-width letters, digits, brackets and
 * punctuation become half-width: （集团） → (集团), １２．５ → 12.5), invisible characters removed, line breaks and
 * runs of spaces collapsed to one space, spaces between CJK characters removed, trimmed, and 〇 → 0 inside numbers.
 * Pure and memoised for short texts.
 * @example normalizeText(' 中国 华能\n集团 ') // → '中国华能集团'
 * @example normalizeText('２０２４年３月') // → '2024年3月'
 */
export function normalizeText(text: string): string {
  // Performance: most ledger cells are plain CJK ideographs, ASCII letters and digits, which NFKC leaves as they
  // are; skip NFKC and the cache for them.
  if (isAlreadyNormal(text)) return text;
  if (text.length > MEMO_MAX_LENGTH) return normalizeUncached(text);
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  const result = normalizeUncached(text);
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  memo.set(text, result);
  return result;
}

function normalizeUncached(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
  if (s.includes(' ')) s = s.replace(CJK_GAP, '$1');
  if (s.includes('〇')) {
    // Apply repeatedly so that runs like 2〇〇4 resolve left to right.
    let prev;
    do {
      prev = s;
      s = s.replace(LING_IN_NUMBER, lingToZero);
    } while (s !== prev);
  }
  return s;
}
