import type { CellValue } from '../domain';

/** Milliseconds per day, and the serial of 1970-01-01 in Excel's 1900 date system. */
const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * A formula whose cached result is an error, read by ExcelJS's streaming reader: it parses the
 * result as a number and loses the error's name, so all such results share this text.
 */
export const UNNAMED_FORMULA_ERROR = '#ERROR';

/**
 * Excel serial number (1900 date system) of a date that ExcelJS decoded as UTC.
 * @example dateToSerial(new Date(Date.UTC(2024, 2, 15))) // 45366
 */
export function dateToSerial(date: Date): number | null {
  const ms = date.getTime();
  return Number.isFinite(ms) ? UNIX_EPOCH_SERIAL + ms / MS_PER_DAY : null;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object' && Array.isArray((value as { richText?: unknown }).richText)) {
    return ((value as { richText: readonly { text?: unknown }[] }).richText ?? []).map((run) => (typeof run?.text === 'string' ? run.text : '')).join('');
  }
  return '';
}

/**
 * Turn any ExcelJS cell value into the plain value the domain reads, the way Excel's own
 * `Range.values` would show it: rich text → its text; a formula → its cached result (an error
 * result → the error text); a hyperlink → its text; an error → its text ("#N/A"); a date → its
 * serial number. Never throws: an unknown shape becomes `null`.
 * @example toCellValue({ richText: [{ text: '中国' }, { text: '电信' }] }) // '中国电信'
 */
export function toCellValue(value: unknown): CellValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isNaN(value) ? UNNAMED_FORMULA_ERROR : Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null) return null;
  if (value instanceof Date) return dateToSerial(value);
  const record = value as Record<string, unknown>;
  if ('formula' in record || 'sharedFormula' in record) {
    const result = record.result;
    if (result === undefined || result === null) return null;
    return toCellValue(result);
  }
  if (typeof record.error === 'string') return record.error;
  if ('hyperlink' in record && 'text' in record) return textOf(record.text);
  if (Array.isArray(record.richText)) return textOf(record);
  return null;
}
