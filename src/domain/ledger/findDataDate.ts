import { normalizeText } from './normalizeText';
import type { Grid, Lang } from './types';

/** The date a ledger's figures are as of, read from its own title or unit rows. */
export interface DataDate {
  /** The day, `YYYY-MM-DD` (a month, quarter or year named without a day is its last day). */
  readonly date: string;
  /** The cell text it was read from, whitespace collapsed. */
  readonly text: string;
  /** 1-based row of that cell. */
  readonly sheetRow: number;
}

/** A date phrase found in a text, with how surely it names the data date. */
interface Found {
  readonly date: string;
  /** 3: after 截至/截止; 2: a period (1-9月, 三季度, 上半年); 1: a bare date. */
  readonly strength: number;
  readonly at: number;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2099;
/** A year written in a text ("2025年", "2025年度"), the year of a phrase that names none. */
const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*年/;
/** "截至" / "截止" (optionally 到/至), right before a date. */
const AS_OF_BEFORE = /(?:截至|截止)(?:到|至)?\s*$/;
/** A date that says when the sheet was filled in or printed, not what it counts ("填报日期：2025年10月8日"). */
const OTHER_DATE_BEFORE = /(?:填报|填表|报送|制表|打印|编制|更新|导出)(?:日期|时间)?\s*[:：]?\s*$/;

// Each pattern runs over normalizeText's output (half-width digits, 〇 → 0 inside numbers).
/** 2025年9月30日, 2025年9月底, 2025年9月, 2025.9.30, 2025-09-30, 2025/9/30. */
const YEAR_MONTH_DAY = /((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号]|(底|末))?|[./-](\d{1,2})[./-](\d{1,2})(?!\d))/g;
/** 9月30日, 9月底 (the year from elsewhere). */
const MONTH_DAY = /(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末))/g;
/** 2025年底, 2025年末. */
const YEAR_END = /((?:19|20)\d{2})\s*年\s*(?:底|末)/g;
/** 2025年1-9月, 1月至9月, 1~9月. */
const MONTH_RANGE = /(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*(?:月\s*)?(?:-|–|—|~|至|到)\s*(\d{1,2})\s*月/g;
/** 三季度, 第三季度, 前三季度, 3季度, Q3. */
const QUARTER = /(?:((?:19|20)\d{2})\s*年\s*)?(?:前|第)?([一二三四1-4])\s*季度|\bQ([1-4])(?![0-9])/g;
/** 上半年 (the first half ends 30 June). */
const FIRST_HALF = /(?:((?:19|20)\d{2})\s*年\s*)?上半年/g;
const QUARTER_DIGIT: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

/**
 * The data date a phrase names, `YYYY-MM-DD`, or `null`: "截至2025年9月30日" → 2025-09-30, "截至2025年10月底"
 * → 2025-10-31, "2025年1-9月" → 2025-09-30, "三季度" → 09-30 and "上半年" → 06-30 of the phrase's own year or else
 * `contextYear`, "2025年9月" → 2025-09-30. A date after 截至/截止 wins over a period, a period over a bare date;
 * among equals the first. A date labelled as the day of filling in or printing ("填报日期：…") is not the data
 * date. Full-width digits are read as digits. Pure; never throws.
 * @example parseDataDatePhrase('填报单位：大连市央地合作工作专班办公室 截至2025年9月30日') // → '2025-09-30'
 * @example parseDataDatePhrase('三季度央地合作项目台账', 2025) // → '2025-09-30'
 */
export function parseDataDatePhrase(text: string, contextYear?: number): string | null {
  return bestPhrase(text, contextYear)?.date ?? null;
}

function bestPhrase(text: string, contextYear: number | undefined): Found | null {
  if (typeof text !== 'string' || text === '') return null;
  const normal = normalizeText(text);
  const ownYear = YEAR_IN_TEXT.exec(normal);
  const year = ownYear !== null ? Number(ownYear[1]) : contextYear;
  let best: Found | null = null;
  const consider = (found: Found | null): void => {
    if (found === null) return;
    if (best === null || found.strength > best.strength || (found.strength === best.strength && found.at < best.at)) best = found;
  };
  const ranked = (at: number, date: string | null, periodStrength: number): Found | null => {
    if (date === null) return null;
    const before = normal.slice(Math.max(0, at - 12), at);
    if (OTHER_DATE_BEFORE.test(before)) return null;
    return { date, at, strength: AS_OF_BEFORE.test(before) ? 3 : periodStrength };
  };
  for (const m of normal.matchAll(YEAR_MONTH_DAY)) {
    const y = Number(m[1]);
    const month = Number(m[2] ?? m[5]);
    const day = m[3] ?? m[6];
    const date = day !== undefined ? isoDay(y, month, Number(day)) : monthEnd(y, month);
    consider(ranked(m.index, date, 1));
  }
  for (const m of normal.matchAll(MONTH_DAY)) {
    // No lookbehind in these patterns: Safari before 16.4 rejects it, and with it the ribbon bundle (normalizeText.ts).
    if (year === undefined || isDigitAt(normal, m.index - 1) || precededByYear(normal, m.index)) continue;
    const month = Number(m[1]);
    consider(ranked(m.index, m[2] !== undefined ? isoDay(year, month, Number(m[2])) : monthEnd(year, month), 1));
  }
  for (const m of normal.matchAll(YEAR_END)) consider(ranked(m.index, monthEnd(Number(m[1]), 12), 1));
  for (const m of normal.matchAll(MONTH_RANGE)) {
    const y = m[1] !== undefined ? Number(m[1]) : year;
    const first = Number(m[2]);
    const last = Number(m[3]);
    if (y === undefined || first < 1 || first > last || (m[1] === undefined && isDigitAt(normal, m.index - 1))) continue;
    consider(ranked(m.index, monthEnd(y, last), 2));
  }
  for (const m of normal.matchAll(QUARTER)) {
    const y = m[1] !== undefined ? Number(m[1]) : year;
    const quarter = QUARTER_DIGIT[m[2] ?? m[3] ?? ''];
    if (y === undefined || quarter === undefined) continue;
    consider(ranked(m.index, monthEnd(y, quarter * 3), 2));
  }
  for (const m of normal.matchAll(FIRST_HALF)) {
    const y = m[1] !== undefined ? Number(m[1]) : year;
    if (y !== undefined) consider(ranked(m.index, monthEnd(y, 6), 2));
  }
  return best;
}

/**
 * The data date of a ledger from the rows above its header (title, 填报单位, unit lines): the surest phrase
 * (`parseDataDatePhrase`) over all their text cells, a phrase without a year taking the first year written in any
 * of them ("2025年央地合作项目台账" over "三季度"). `null` when none names a date.
 * @example findDataDate([['2025年大连市央地合作项目台账'], ['单位：亿元 三季度']])?.date // → '2025-09-30'
 */
export function findDataDate(rowsAbove: Grid): DataDate | null {
  const texts: { text: string; sheetRow: number }[] = [];
  rowsAbove.forEach((row, rowIndex) => {
    for (const cell of row) if (typeof cell === 'string' && cell.trim() !== '') texts.push({ text: cell, sheetRow: rowIndex + 1 });
  });
  let contextYear: number | undefined;
  for (const { text } of texts) {
    const m = YEAR_IN_TEXT.exec(normalizeText(text));
    if (m !== null) {
      contextYear = Number(m[1]);
      break;
    }
  }
  let best: { found: DataDate; strength: number } | null = null;
  for (const { text, sheetRow } of texts) {
    const found = bestPhrase(text, contextYear);
    if (found === null) continue;
    if (best === null || found.strength > best.strength) best = { found: { date: found.date, text: normalizeText(text), sheetRow }, strength: found.strength };
  }
  return best?.found ?? null;
}

function isDigitAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}

function precededByYear(text: string, at: number): boolean {
  return /(?:19|20)\d{2}\s*年\s*$/.test(text.slice(Math.max(0, at - 8), at));
}

function monthEnd(year: number, month: number): string | null {
  return isoDay(year, month, daysInMonth(year, month));
}

function isoDay(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A data date (`YYYY-MM-DD`) as a report writes it: 2025年9月30日 / 30 Sep 2025. Text that is not such a date is
 * returned unchanged.
 * @example formatDataDate('2025-09-30', 'zh-CN') // → '2025年9月30日'
 */
export function formatDataDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return date;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return lang === 'zh-CN' ? `${year}年${month}月${day}日` : `${day} ${MONTHS_EN[month - 1] ?? ''} ${year}`;
}
