import { columnLetter } from '../../domain';

/** Namespaces of the parts the writer creates. */
export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  drawingMain: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  spreadsheetDrawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
} as const;

/** Relationship types the writer reads or writes. */
export const REL_TYPES = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
  drawing: `${NS.rel}/drawing`,
  chart: `${NS.rel}/chart`,
  calcChain: `${NS.rel}/calcChain`,
  table: `${NS.rel}/table`,
} as const;

/** Content types of the parts the writer creates. */
export const CONTENT_TYPES = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
} as const;

/** The XML declaration every written part starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Text that needs more than entity escaping. */
// eslint-disable-next-line no-control-regex -- finding the control characters XML 1.0 cannot carry is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode XML character and entity references. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return XML_ENTITIES[ref] ?? whole;
  });
}

/**
 * Escape text for an XML element or attribute. Characters XML 1.0 cannot carry (control
 * characters other than tab, newline and carriage return, lone surrogates, U+FFFE/U+FFFF)
 * are written as Excel's `_xHHHH_` escapes, and a literal `_xHHHH_` in the text has its
 * underscore escaped (`_x005F_`), so that Excel shows the text exactly as given.
 */
export function escapeXml(text: string): string {
  let safe = text;
  if (UNSAFE.test(text)) {
    safe = '';
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const pairs = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
      if (pairs) {
        safe += text.slice(i, i + 2);
        i++;
      } else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) {
        safe += `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
      } else if (code === 0x5f && /^_x[0-9A-Fa-f]{4}_/.test(text.slice(i, i + 7))) {
        safe += '_x005F_';
      } else {
        safe += text[i];
      }
    }
  }
  return safe.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Attributes of an XML start tag, by qualified name and by local name. */
export function xmlAttributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const key = match[1] ?? '';
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    const value = decodeXml(match[3] ?? match[4] ?? '');
    result[key] = value;
    if (!(local in result)) result[local] = value;
  }
  return result;
}

/** An A1 address from 0-based row and column: (4, 1) → "B5". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** An absolute A1 range from 0-based corners: "$B$5:$B$12" (a single cell without the colon). */
export function absoluteRange(row: number, col: number, rows: number, cols: number): string {
  const from = `$${columnLetter(col)}$${row + 1}`;
  const to = `$${columnLetter(col + cols - 1)}$${row + rows}`;
  return rows === 1 && cols === 1 ? from : `${from}:${to}`;
}

/** Quote a sheet name for a reference: `'My Sheet'!A1`, with inner quotes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
