import type { LedgerDate } from '../ledger/types';

/** A data date ("as of"), `YYYY-MM-DD`. */
export type AsOfDate = string;

/** An as-of date split into numbers. */
export interface AsOfParts {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parse a `YYYY-MM-DD` date (a real calendar day), or `null`.
 * @example parseAsOf('2025-09-30') // → { year: 2025, month: 9, day: 30 }
 */
export function parseAsOf(text: string): AsOfParts | null {
  const m = ISO_DAY.exec(text.trim());
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * The end of the last complete month before `today` (`YYYY-MM-DD`, the caller's calendar day): the default data
 * date until the ledger carries its own.
 * @example lastCompleteMonthEnd('2026-01-15') // → '2025-12-31'
 */
export function lastCompleteMonthEnd(today: AsOfParts): AsOfDate {
  const year = today.month === 1 ? today.year - 1 : today.year;
  const month = today.month === 1 ? 12 : today.month - 1;
  return formatAsOf({ year, month, day: daysInMonth(year, month) });
}

/** `YYYY-MM-DD` of date parts. */
export function formatAsOf(parts: AsOfParts): AsOfDate {
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The calendar month index (year × 12 + month) a ledger date names; a year-only date ("2025") counts as its
 * December, so a date known only to the year is never late before the year is over.
 */
export function monthIndexOf(date: LedgerDate): number {
  return yearOf(date) * 12 + (date.length >= 7 ? twoDigits(date, 5) : 12);
}

/** Whether a ledger date lies in the as-of year and not after the as-of day (to the precision the date has). */
export function isInYearToDate(date: LedgerDate, asOf: AsOfParts): boolean {
  if (yearOf(date) !== asOf.year) return false;
  if (date.length < 7) return true;
  const month = twoDigits(date, 5);
  if (month !== asOf.month) return month < asOf.month;
  return date.length < 10 || twoDigits(date, 8) <= asOf.day;
}

// Performance: ledger dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD" (parseLedgerDate's output), read by char codes
// without a substring per row.
function yearOf(date: LedgerDate): number {
  return (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
}

function twoDigits(date: LedgerDate, at: number): number {
  return (date.charCodeAt(at) - 48) * 10 + (date.charCodeAt(at + 1) - 48);
}
