import { FORMULA_NOT_CALCULATED } from '../../domain';
import type { CellValue } from '../../domain';
import { attributeOf, decodeCellText, textOfRuns } from './xmlText';

/** What to do after a row: go on (`undefined`) or stop reading the sheet. */
export type RowDecision = undefined | 'stop';

/** Receives a sheet's rows: `rowIndex` is 0-based (sheet row − 1), `cells[0]` is column A, trailing blanks trimmed. */
export type RowHandler = (rowIndex: number, cells: CellValue[]) => RowDecision;

/** What cell values depend on beyond the sheet itself. */
export interface CellContext {
  /**
   * The workbook's shared strings, by index; `null` to give each shared-string cell as a reference instead
   * (`sharedStringRef`), for a reader on a worker thread whose receiver holds the strings (`resolveSharedStringRefs`).
   */
  readonly sharedStrings: readonly string[] | null;
  /**
   * Days to add to a date-formatted number so that it counts from 1899-12-30 (the 1900 date
   * system): 1462 for a workbook in the 1904 date system, else 0.
   */
  readonly dateOffsetDays: number;
  /** Indexes of the cell formats (`s`) that show a date; used only when `dateOffsetDays` is not 0. */
  readonly dateStyles: ReadonlySet<number>;
}

/**
 * How a reader without the shared strings (`CellContext.sharedStrings` `null`) gives a shared-string cell: this prefix,
 * then the string's index as written. U+0000 cannot occur in a worksheet's text (XML 1.0), so no cell text starts
 * with it; `FORMULA_NOT_CALCULATED` starts with U+0000 and a letter other than "s".
 */
export const SHARED_STRING_REF = '\u0000s';

/**
 * Replace the shared-string references (`SHARED_STRING_REF`) of a row by their strings, in place, so that the row is
 * the one a reader with the strings gives: a reference to an empty string or past the table is no cell (a blank
 * inside the row, none at its end). Each cell then holds the table's own string, shared by every cell that names it.
 * A row of such references only ends up empty, where that reader leaves the row out: both are a blank row.
 */
export function resolveSharedStringRefs(cells: CellValue[], strings: readonly string[]): void {
  let kept = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell !== 'string' || cell.charCodeAt(0) !== 0 || cell.charCodeAt(1) !== 0x73) {
      kept = i;
      continue;
    }
    // The same lookup as a reader with the strings makes of the index text.
    const text = strings[Number(cell.slice(2))];
    if (text === undefined || text === '') {
      cells[i] = null;
    } else {
      cells[i] = text;
      kept = i;
    }
  }
  cells.length = kept + 1;
}

/** Milliseconds per day, and the serial of 1970-01-01 in the 1900 date system. */
const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25_569;

const isNameEnd = (code: number): boolean => code === 0x20 || code === 0x3e || code === 0x2f || code === 0x09 || code === 0x0a || code === 0x0d;

/** A fast attribute read for the common `name="value"` form, falling back to the general one. */
function attr(tag: string, name: string): string | undefined {
  const at = tag.indexOf(` ${name}="`);
  if (at < 0) return tag.indexOf(`${name}=`) < 0 ? undefined : attributeOf(tag, name);
  const start = at + name.length + 3;
  const end = tag.indexOf('"', start);
  return end < 0 ? undefined : tag.slice(start, end);
}

/** 0-based column of a cell reference such as "AB12", or -1. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    col = col * 26 + (code - 0x60);
  }
  return i === 0 ? -1 : col - 1;
}

/** An ISO 8601 date or date-time (`t="d"` cells) as a 1900-system serial; `null` when unreadable. */
function isoToSerial(text: string): number | null {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || text.length <= 10 ? text : `${text}Z`);
  return Number.isFinite(ms) ? UNIX_EPOCH_SERIAL + ms / MS_PER_DAY : null;
}

/**
 * A SAX-style reader of a worksheet part's `<sheetData>`, fed the XML text in chunks as it
 * inflates: it never builds a tree, and holds only the text of the row being read (a row whose
 * end has not arrived yet waits for the next chunk). Cell values are what Excel shows, as the
 * domain reads them: shared and inline strings with every rich-text run and without phonetic runs,
 * numbers (date-formatted numbers of a 1904 workbook moved to the 1900 system), booleans, error
 * texts such as `#N/A`, formula results (cached values), and `FORMULA_NOT_CALCULATED` for a
 * formula without a cached value. Rows without cells are not reported.
 */
export class SheetRowParser {
  private carry = '';
  private prefix: string | null = null;
  private lastRow = -1;
  private stopped = false;
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cellOpen = '<c';
  private cellClose = '</c>';
  private valueOpen = '<v';
  private valueClose = '</v>';
  private formulaOpen = '<f';
  private inlineOpen = '<is';

  constructor(
    private readonly context: CellContext,
    private readonly onRow: RowHandler,
  ) {}

  /** Feed the next chunk of the part's text. @returns false once the handler asked to stop. */
  push(text: string): boolean {
    if (this.stopped) return false;
    const buf = this.carry === '' ? text : this.carry + text;
    if (this.prefix === null) {
      const root = /<([\w.-]+:)?worksheet[\s>]/.exec(buf);
      if (root === null && buf.length < 4096) {
        this.carry = buf;
        return true;
      }
      this.setPrefix(root?.[1] ?? '');
    }
    let at = 0;
    const rowOpen = this.rowOpen;
    for (;;) {
      const start = buf.indexOf(rowOpen, at);
      if (start < 0) {
        // Keep a tail in case "<row" is split across chunks.
        at = Math.max(at, buf.length - rowOpen.length);
        break;
      }
      if (start + rowOpen.length >= buf.length) {
        at = start;
        break;
      }
      if (!isNameEnd(buf.charCodeAt(start + rowOpen.length))) {
        at = start + rowOpen.length;
        continue;
      }
      const tagEnd = buf.indexOf('>', start);
      if (tagEnd < 0) {
        at = start;
        break;
      }
      const tag = buf.slice(start, tagEnd + 1);
      const r = attr(tag, 'r');
      const previousRow = this.lastRow;
      const rowIndex = r === undefined ? previousRow + 1 : Number(r) - 1;
      this.lastRow = rowIndex;
      if (buf.charCodeAt(tagEnd - 1) === 0x2f /* / */) {
        at = tagEnd + 1;
        continue;
      }
      const end = buf.indexOf(this.rowClose, tagEnd);
      if (end < 0) {
        // The row's end is in the next chunk: read the row again then.
        this.lastRow = previousRow;
        at = start;
        break;
      }
      const cells = this.readCells(buf, tagEnd + 1, end);
      at = end + this.rowClose.length;
      if (cells.length > 0 && this.onRow(rowIndex, cells) === 'stop') {
        this.stopped = true;
        this.carry = '';
        return false;
      }
    }
    this.carry = at >= buf.length ? '' : buf.slice(at);
    return true;
  }

  private setPrefix(prefix: string): void {
    this.prefix = prefix;
    this.rowOpen = `<${prefix}row`;
    this.rowClose = `</${prefix}row>`;
    this.cellOpen = `<${prefix}c`;
    this.cellClose = `</${prefix}c>`;
    this.valueOpen = `<${prefix}v`;
    this.valueClose = `</${prefix}v>`;
    this.formulaOpen = `<${prefix}f`;
    this.inlineOpen = `<${prefix}is`;
  }

  /** The cells between a row's start tag and its end tag. */
  private readCells(buf: string, from: number, to: number): CellValue[] {
    const cells: CellValue[] = [];
    const cellOpen = this.cellOpen;
    let col = -1;
    let at = from;
    for (;;) {
      const start = buf.indexOf(cellOpen, at);
      if (start < 0 || start >= to) break;
      if (!isNameEnd(buf.charCodeAt(start + cellOpen.length))) {
        at = start + cellOpen.length;
        continue;
      }
      const tagEnd = buf.indexOf('>', start);
      const tag = buf.slice(start, tagEnd + 1);
      const ref = attr(tag, 'r');
      const refCol = ref === undefined ? -1 : columnOf(ref);
      col = refCol < 0 ? col + 1 : refCol;
      if (buf.charCodeAt(tagEnd - 1) === 0x2f /* / */) {
        at = tagEnd + 1;
        continue;
      }
      const end = buf.indexOf(this.cellClose, tagEnd);
      const cellEnd = end < 0 || end > to ? to : end;
      const value = this.cellValue(tag, buf, tagEnd + 1, cellEnd);
      at = cellEnd + this.cellClose.length;
      if (value === null || value === '') continue;
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    return cells;
  }

  /** The `<v>` text between `from` and `to`: `null` without a `<v>`, "" for an empty one. */
  private valueText(buf: string, from: number, to: number): string | null {
    const open = this.valueOpen;
    let at = from;
    for (;;) {
      const start = buf.indexOf(open, at);
      if (start < 0 || start >= to) return null;
      const next = buf.charCodeAt(start + open.length);
      if (!isNameEnd(next)) {
        at = start + open.length;
        continue;
      }
      const tagEnd = buf.indexOf('>', start);
      if (buf.charCodeAt(tagEnd - 1) === 0x2f) return '';
      const end = buf.indexOf(this.valueClose, tagEnd);
      return end < 0 || end > to ? null : buf.slice(tagEnd + 1, end);
    }
  }

  private hasChild(buf: string, open: string, from: number, to: number): boolean {
    let at = from;
    for (;;) {
      const start = buf.indexOf(open, at);
      if (start < 0 || start >= to) return false;
      if (isNameEnd(buf.charCodeAt(start + open.length))) return true;
      at = start + open.length;
    }
  }

  private cellValue(tag: string, buf: string, from: number, to: number): CellValue {
    const type = attr(tag, 't');
    if (type === 'inlineStr') {
      const start = buf.indexOf(this.inlineOpen, from);
      return start < 0 || start >= to ? null : textOfRuns(buf.slice(start, to), this.prefix ?? '');
    }
    const raw = this.valueText(buf, from, to);
    if (raw === null) return this.hasChild(buf, this.formulaOpen, from, to) ? FORMULA_NOT_CALCULATED : null;
    switch (type) {
      case undefined:
      case 'n': {
        if (raw === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) return null;
        const { dateOffsetDays } = this.context;
        if (dateOffsetDays !== 0) {
          const style = attr(tag, 's');
          if (style !== undefined && this.context.dateStyles.has(Number(style))) return n + dateOffsetDays;
        }
        return n;
      }
      case 's': {
        const strings = this.context.sharedStrings;
        return strings === null ? SHARED_STRING_REF + raw : (strings[Number(raw)] ?? null);
      }
      case 'str':
        return decodeCellText(raw);
      case 'b':
        return raw === '1' || raw === 'true';
      case 'e':
        return decodeCellText(raw);
      case 'd':
        return isoToSerial(raw);
      default:
        return decodeCellText(raw);
    }
  }
}
