/** A baseline's revision worked out piece by piece (`createBaselineRevision`). */
export interface BaselineRevisionHash {
  /** Add the next piece of the baseline's text. */
  update(piece: string): BaselineRevisionHash;
  /** The revision of the text added so far. */
  digest(): string;
}

/**
 * The revision of a baseline worked out over its text given in pieces, so a baseline never held whole (the CLI's
 * streamed one) gets the revision `baselineRevision` gives the whole text.
 * @example createBaselineRevision().update('ab').update('c').digest() === baselineRevision('abc') // true
 */
export function createBaselineRevision(): BaselineRevisionHash {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let length = 0;
  const hash: BaselineRevisionHash = {
    update(piece) {
      for (let i = 0; i < piece.length; i++) {
        const code = piece.charCodeAt(i);
        a = Math.imul(a ^ code, 0x01000193);
        b = Math.imul(b ^ code, 0x01000193);
      }
      length += piece.length;
      return hash;
    },
    digest: () => `${length.toString(36)}-${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}`,
  };
  return hash;
}

/**
 * The revision of a baseline (the state sheet's D1, stateSheet.ts): its length and two 32-bit FNV-1a hashes of its
 * text (over UTF-16 units, from two offset bases). Derived from the text, so every host writing the same baseline
 * (the Office.js port, the WPS 表格 port and the CLI) writes the same cells, and a test's workbook does not depend
 * on the clock; another baseline keeps the revision only by a collision of both hashes at the same length.
 * @example baselineRevision('') // '0-ztntfp-1efc4f' (length 0, the two offset bases)
 */
export function baselineRevision(text: string): string {
  return createBaselineRevision().update(text).digest();
}
