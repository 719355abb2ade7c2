import { normalizeText } from '../ledger/normalizeText';

const BRACKETS: Record<string, string> = { '【': '(', '】': ')', '〔': '(', '〕': ')', '[': '(', ']': ')', '{': '(', '}': ')' };

/**
 * The matching key of a company name: NFKC (so （集团） and (集团) agree), every bracket as "()",
 * no spaces, Latin letters in lower case.
 * @example soeKey('中国通用技术（集团）控股 有限责任公司') // → '中国通用技术(集团)控股有限责任公司'
 */
export function soeKey(name: string): string {
  return normalizeText(name)
    .replace(/[【】〔〕[\]{}]/g, (ch) => BRACKETS[ch] ?? ch)
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Legal-form suffixes, longest first. "集团" is handled separately (stripped only when the rest is a known name). */
export const LEGAL_SUFFIXES: readonly string[] = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '(集团)有限公司',
  '有限公司',
  '集团公司',
  '(集团)',
  '总公司',
  '公司',
  '股份',
  '集团',
];

/**
 * Every variant of a key with one or more legal suffixes stripped (the key itself excluded), shortest
 * last, each keeping at least two characters.
 * @example strippedVariants('中国电子科技集团有限公司') // → ['中国电子科技集团', '中国电子科技']
 */
export function strippedVariants(key: string): string[] {
  const out: string[] = [];
  const queue = [key];
  while (queue.length > 0) {
    const current = queue.shift() ?? '';
    for (const suffix of LEGAL_SUFFIXES) {
      if (!current.endsWith(suffix) || current.length - suffix.length < 2) continue;
      const stripped = current.slice(0, current.length - suffix.length);
      if (!out.includes(stripped)) {
        out.push(stripped);
        queue.push(stripped);
      }
    }
  }
  return out.sort((a, b) => b.length - a.length);
}
