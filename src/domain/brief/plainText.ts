/**
 * Ledger text made safe for a plain-text paragraph or a literal sheet cell: control characters
 * (C0, DEL, C1, line and paragraph separators) become spaces, runs of spaces collapse, ends are
 * trimmed. Nothing is interpreted: `=SUM(A1)` or `<b>` stay literal text.
 * @example plainText('中国\u0007华能\n集团') // '中国 华能 集团'
 */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/ {2,}/g, ' ').trim();
}
