import * as cellTextModule from './cellText';
import * as normalizeTextModule from './normalizeText';
import * as placeholdersModule from './placeholders';
import type { CellValue, LedgerDate } from './types';

// Performance: hot imports bound once to module constants. Under tsx/esbuild's CommonJS output each call to an
// imported function otherwise goes through an export getter, a measurable share of a 100,000-row read.
const { isBlankCell } = cellTextModule;
const { normalizeText } = normalizeTextModule;
const { isPlaceholder } = placeholdersModule;

/**
 * The outcome of `parseLedgerDate`. `end` is set for a range ("2023-2025"). `isAmbiguous` is true for a number
 * like 2024.1, which Excel makes of a typed "2024.10": read as January, but it may mean October.
 */
export type DateParse =
  | { readonly kind: 'ok'; readonly start: LedgerDate; readonly end?: LedgerDate; readonly isAmbiguous: boolean }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' };

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Serial numbers from here on are dates (20000 = 1954-10-03); below, a number is a year or year.month. */
const MIN_SERIAL = 20000;
/** 2100-12-31 in the 1900 date system. */
const MAX_SERIAL = 73415;

const YEAR = /^(\d{4})年?$/;
const YEAR_MONTH = /^(\d{4})(?:[.\-/]|年)(\d{1,2})月?$/;
const TIME = '(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?';
const YEAR_MONTH_DAY = new RegExp(`^(\\d{4})([.\\-/])(\\d{1,2})\\2(\\d{1,2})${TIME}$`);
const CHINESE_DAY = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const SPACED_SEPARATOR = /\s*([年月日至到.\-/–—~～])\s*/g;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const RANGE_SEPARATORS = /[–—~～至到]|-{1,2}/g;

/** A workbook's date system: serial 1 is 1900-01-01 (1900, Excel's default) or serial 0 is 1904-01-01 (1904). */
export type DateSystem = 1900 | 1904;

/** Days from the 1900 system's serial of a day to the 1904 system's: 1904-01-01 is 1462 in the first, 0 in the second. */
export const DATE_1904_OFFSET_DAYS = 1462;

const MISSING: DateParse = { kind: 'missing' };
const INVALID: DateParse = { kind: 'invalid' };

/**
 * Read a date cell to the precision it gives: "2024", "2024-03" or "2024-03-15". Accepts Excel serial numbers
 * (≥ 20000, 1900 date system), year numbers (2024), year.month numbers (2024.03; 2024.1 is January and
 * `isAmbiguous`), and texts 2024.3, 2024.03, 2024.10 (October), 2024年3月, 2024-03, 2024/3/15, 2024年, 20240315,
 * and ranges of any of these ("2023-2025", "2023年至2025年") with `start` and `end`. Quarters and words such as
 * 年底 are `invalid`. Never throws.
 * @example parseLedgerDate('2023-2025') // → { kind: 'ok', start: '2023', end: '2025', isAmbiguous: false }
 * @example parseLedgerDate(45366) // → { kind: 'ok', start: '2024-03-15', isAmbiguous: false }
 */
export function parseLedgerDate(value: CellValue): DateParse {
  if (isBlankCell(value)) return MISSING;
  if (typeof value !== 'number' && typeof value !== 'string') return INVALID;
  // Performance: serials and date texts repeat across rows; cache per distinct value (numbers and texts apart).
  const memo = typeof value === 'number' ? numberMemo : textMemo;
  const cached = (memo as Map<number | string, DateParse>).get(value);
  if (cached !== undefined) return cached;
  const result = typeof value === 'number' ? parseNumber(value) : parseText(value);
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  (memo as Map<number | string, DateParse>).set(value, result);
  return result;
}

/**
 * A date cell of a workbook in `dateSystem` as the same day's cell in the 1900 system, the one `parseLedgerDate`
 * reads: in the 1904 system a number `parseLedgerDate` would take for a serial (not a year, year.month or yyyymmdd)
 * moves by `DATE_1904_OFFSET_DAYS`; any other value, and every value in the 1900 system, is returned as it is.
 * For date fields only: an amount must never move.
 * @example dateCellIn1900(42735, 1904) // → 44197 (2021-01-01)
 */
export function dateCellIn1900(value: CellValue, dateSystem: DateSystem): CellValue {
  if (dateSystem === 1900 || typeof value !== 'number') return value;
  // Below this a 1904 serial is before 1954-10-03 (MIN_SERIAL in 1900): a year, a year.month or unreadable, as is.
  // Above MAX_SERIAL no shift makes a date, and yyyymmdd numbers (8 digits) lie far above it.
  return value >= MIN_SERIAL - DATE_1904_OFFSET_DAYS && value <= MAX_SERIAL ? value + DATE_1904_OFFSET_DAYS : value;
}

const numberMemo = new Map<number, DateParse>();
const textMemo = new Map<string, DateParse>();
const MEMO_MAX_ENTRIES = 20_000;

function parseText(value: string): DateParse {
  const s = normalizeText(value).replace(SPACED_SEPARATOR, '$1');
  if (s === '' || isPlaceholder(s)) return MISSING;
  const single = parseSingleText(s);
  if (single !== null) return { kind: 'ok', start: single, isAmbiguous: false };
  return parseRange(s);
}

function parseNumber(n: number): DateParse {
  if (!Number.isFinite(n)) return INVALID;
  if (Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR) return { kind: 'ok', start: String(n), isAmbiguous: false };
  if (n >= MIN_YEAR && n < MAX_YEAR + 1) {
    // year.month: the digits after the point are the month as typed, so 2024.03 → 3 and 2024.1 → 1.
    const [yearText, fraction = ''] = String(n).split('.');
    const month = Number(fraction);
    if (fraction.length > 2 || month < 1 || month > 12) return INVALID;
    return { kind: 'ok', start: `${yearText ?? ''}-${pad(month)}`, isAmbiguous: fraction === '1' };
  }
  if (Number.isInteger(n)) {
    const compact = COMPACT_DAY.exec(String(n));
    if (compact) {
      const date = ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));
      if (date !== null) return { kind: 'ok', start: date, isAmbiguous: false };
    }
  }
  if (n >= MIN_SERIAL && n <= MAX_SERIAL) return { kind: 'ok', start: serialToDate(Math.floor(n)), isAmbiguous: false };
  return INVALID;
}

function parseSingleText(s: string): LedgerDate | null {
  let m = YEAR.exec(s);
  if (m) return year(Number(m[1]));
  m = YEAR_MONTH.exec(s);
  if (m) return yearMonth(Number(m[1]), Number(m[2]));
  m = YEAR_MONTH_DAY.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[3]), Number(m[4]));
  m = CHINESE_DAY.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT_DAY.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d+(\.\d+)?$/.test(s)) {
    const parsed = parseNumber(Number(s));
    // A typed text "2024.1" means January; only a number cell is ambiguous.
    return parsed.kind === 'ok' && parsed.end === undefined ? parsed.start : null;
  }
  return null;
}

/** Try every range separator position; both sides must be dates, and the end must not precede the start. */
function parseRange(s: string): DateParse {
  for (const match of s.matchAll(RANGE_SEPARATORS)) {
    const at = match.index;
    const left = s.slice(0, at);
    const right = s.slice(at + match[0].length);
    const start = parseSingleText(left);
    let end = parseSingleText(right);
    // "2023.3-12" — the end names only a month of the same year.
    if (start !== null && end === null && /^\d{1,2}月?$/.test(right)) end = yearMonth(Number(start.slice(0, 4)), Number(right.replace('月', '')));
    if (start !== null && end !== null) return { kind: 'ok', start, end, isAmbiguous: false };
  }
  return INVALID;
}

function year(y: number): LedgerDate | null {
  return y >= MIN_YEAR && y <= MAX_YEAR ? String(y) : null;
}

function yearMonth(y: number, m: number): LedgerDate | null {
  return year(y) !== null && m >= 1 && m <= 12 ? `${y}-${pad(m)}` : null;
}

function ymd(y: number, m: number, d: number): LedgerDate | null {
  if (yearMonth(y, m) === null || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * An Excel serial day (1900 system, ≥ 61 so the fictitious 1900-02-29 is behind us) as "YYYY-MM-DD".
 * Civil-from-days arithmetic (H. Hinnant), no Date object: day 25569 is 1970-01-01.
 */
function serialToDate(serial: number): LedgerDate {
  const z = serial - 25569 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Compare two ledger dates at their common precision: negative when `a` is earlier, 0 when equal or when one
 * contains the other ("2024" vs "2024-03"), positive when later.
 */
export function compareLedgerDates(a: LedgerDate, b: LedgerDate): number {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}
