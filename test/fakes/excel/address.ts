/** A1 address parsing/formatting. Rows and columns are 0-based and rectangles are inclusive. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

export interface ParsedAddress {
  /** Sheet name as written (unquoted), or null when the address had no sheet prefix. */
  readonly sheet: string | null;
  readonly rect: Rect;
}

export function rect(r0: number, c0: number, r1: number, c1: number): Rect {
  return { r0, c0, r1, c1 };
}

export function rectRows(x: Rect): number {
  return x.r1 - x.r0 + 1;
}

export function rectCols(x: Rect): number {
  return x.c1 - x.c0 + 1;
}

export function rectCells(x: Rect): number {
  return rectRows(x) * rectCols(x);
}

export function inRect(x: Rect, r: number, c: number): boolean {
  return r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1;
}

export function rectContains(outer: Rect, inner: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function rectInBounds(x: Rect): boolean {
  return x.r0 >= 0 && x.c0 >= 0 && x.r1 < MAX_ROWS && x.c1 < MAX_COLS && x.r0 <= x.r1 && x.c0 <= x.c1;
}

export function isFullColumns(x: Rect): boolean {
  return x.r0 === 0 && x.r1 === MAX_ROWS - 1;
}

export function isFullRows(x: Rect): boolean {
  return x.c0 === 0 && x.c1 === MAX_COLS - 1;
}

export function colToLetters(c: number): string {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) return -1;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export function cellName(r: number, c: number): string {
  return `${colToLetters(c)}${r + 1}`;
}

/** "A1", "A1:B2", "A:C" (whole columns) or "1:3" (whole rows) — the forms Excel returns. */
export function formatRect(x: Rect): string {
  if (isFullRows(x)) return `${x.r0 + 1}:${x.r1 + 1}`;
  if (isFullColumns(x)) return `${colToLetters(x.c0)}:${colToLetters(x.c1)}`;
  const a = cellName(x.r0, x.c0);
  if (x.r0 === x.r1 && x.c0 === x.c1) return a;
  return `${a}:${cellName(x.r1, x.c1)}`;
}

const PLAIN_SHEET_NAME = new RegExp('^[\\p{L}_][\\p{L}\\p{N}_.]*$', 'u');
const LOOKS_LIKE_A1 = /^[A-Za-z]{1,3}[0-9]+$/;
const LOOKS_LIKE_R1C1 = /^([Rr][0-9]*)?([Cc][0-9]*)?$/;

/** Excel quotes a sheet name in addresses unless it is a plain identifier that can't be read as a reference. */
export function quoteSheetName(name: string): string {
  const plain = PLAIN_SHEET_NAME.test(name) && !LOOKS_LIKE_A1.test(name) && !LOOKS_LIKE_R1C1.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, x: Rect): string {
  return `${quoteSheetName(sheetName)}!${formatRect(x)}`;
}

/** Splits an optional sheet prefix off an address. Returns null when the quoting is broken. */
export function splitSheet(address: string): { sheet: string | null; ref: string } | null {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      const ch = s.charAt(i);
      if (ch === "'") {
        if (s.charAt(i + 1) === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (s.charAt(i) !== "'" || s.charAt(i + 1) !== '!') return null;
    return { sheet: name, ref: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  if (bang >= 0) return { sheet: s.slice(0, bang), ref: s.slice(bang + 1) };
  return { sheet: null, ref: s };
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COLS_RE = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS_RE = /^\$?([0-9]{1,7}):\$?([0-9]{1,7})$/;

function parseCell(s: string): { r: number; c: number } | null {
  const m = CELL_RE.exec(s);
  if (!m) return null;
  const c = lettersToCol(m[1] ?? '');
  const r = Number(m[2]) - 1;
  if (c < 0 || c >= MAX_COLS || r < 0 || r >= MAX_ROWS) return null;
  return { r, c };
}

/** Parses the reference part (no sheet prefix). Returns null if it is not a single A1 area. */
export function parseRef(refText: string): Rect | null {
  const ref = refText.trim();
  if (ref === '' || ref.includes(',') || ref.includes(';') || ref.includes(' ')) return null;
  let m = COLS_RE.exec(ref);
  if (m) {
    const a = lettersToCol(m[1] ?? '');
    const b = lettersToCol(m[2] ?? '');
    if (a < 0 || b < 0 || a >= MAX_COLS || b >= MAX_COLS) return null;
    return rect(0, Math.min(a, b), MAX_ROWS - 1, Math.max(a, b));
  }
  m = ROWS_RE.exec(ref);
  if (m) {
    const a = Number(m[1]) - 1;
    const b = Number(m[2]) - 1;
    if (a < 0 || b < 0 || a >= MAX_ROWS || b >= MAX_ROWS) return null;
    return rect(Math.min(a, b), 0, Math.max(a, b), MAX_COLS - 1);
  }
  const parts = ref.split(':');
  if (parts.length === 1) {
    const p = parseCell(parts[0] ?? '');
    return p ? rect(p.r, p.c, p.r, p.c) : null;
  }
  if (parts.length === 2) {
    const p = parseCell(parts[0] ?? '');
    const q = parseCell(parts[1] ?? '');
    if (!p || !q) return null;
    return rect(Math.min(p.r, q.r), Math.min(p.c, q.c), Math.max(p.r, q.r), Math.max(p.c, q.c));
  }
  return null;
}

export function parseAddress(address: string): ParsedAddress | null {
  const split = splitSheet(address);
  if (!split) return null;
  const r = parseRef(split.ref);
  if (!r) return null;
  return { sheet: split.sheet, rect: r };
}
