/**
 * Texts that mean "no value" in ledgers (DOMAIN.md §5.12), compared after NFKC and without spaces:
 * dashes of any length, slashes, 无, 暂无, 待定, 未定, 不详, N/A.
 */
export const PLACEHOLDERS: readonly string[] = ['-', '--', '—', '——', '–', '―', '/', '\\', '无', '暂无', '待定', '未定', '不详', 'n/a', 'na', '#n/a', '...', '…'];

const SET = new Set(PLACEHOLDERS);
const FIRST_CHARS = new Uint8Array(0x10000);
for (const ch of '-—–―－~～_.…/\\无暂待未不nN#') FIRST_CHARS[ch.charCodeAt(0)] = 1;
const DASH_RUN = /^[-—–―－~～_.…]+$/;

/** True when a normalised text is a placeholder for a missing value (see `PLACEHOLDERS`). */
export function isPlaceholder(normalized: string): boolean {
  // Performance: every placeholder starts with one of a few characters; most cells are settled without allocating.
  let i = 0;
  while (i < normalized.length && normalized.charCodeAt(i) <= 0x20) i++;
  if (i >= normalized.length || FIRST_CHARS[normalized.charCodeAt(i)] !== 1) return false;
  if (normalized.length > 8 && !DASH_RUN.test(normalized)) return false;
  const s = normalized.replace(/\s+/g, '').toLowerCase();
  return SET.has(s) || DASH_RUN.test(s);
}
