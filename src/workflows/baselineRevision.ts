/**
 * The revision of a baseline (the state sheet's D1, stateSheet.ts): its length and two 32-bit FNV-1a hashes of its
 * text (over UTF-16 units, from two offset bases). Derived from the text, so the Office.js port and the WPS 表格 port
 * writing the same baseline write the same cells, and a test's workbook does not depend on the clock; another
 * baseline keeps the revision only by a collision of both hashes at the same length.
 * @example baselineRevision('') // '0-ztntfp-1efc4f' (length 0, the two offset bases)
 */
export function baselineRevision(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193);
  }
  return `${text.length.toString(36)}-${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}`;
}
