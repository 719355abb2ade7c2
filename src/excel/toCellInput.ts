import type { PlanCell } from '../domain';
import { quotedSheetName } from './a1';

/**
 * Excel parses text written through `Range.values` like typed input: "=x", "+x", "-x" become
 * formulas (REF excel.range.yml `values`), "@x" is a function call in newer builds, and numbers,
 * dates, percentages, TRUE/FALSE and error literals are converted. A leading apostrophe is stored as
 * the cell's quote prefix, not as part of the value (office-js #6687; OFFICE-PLATFORM.md §3), so an
 * apostrophe in front keeps the text literal. Text that already starts with an apostrophe needs one
 * too, or Excel would eat its own.
 */
const NEEDS_QUOTE_PREFIX = /^(?:[=+\-@']|\s*[0-9.,$¥€£%(]|\s*(?:true|false)\s*$|\s*#)/i;

/** Longest text inside a formula string literal (Excel rejects longer ones). */
const MAX_FORMULA_TEXT = 255;

/**
 * True when literal text must be written with a quote prefix to stay text.
 * @example needsQuotePrefix('=HYPERLINK("http://x","y")') // true
 */
export function needsQuotePrefix(text: string): boolean {
  return NEEDS_QUOTE_PREFIX.test(text);
}

/** Literal text as a `Range.values` input that Excel stores as exactly that text. */
export function literalText(text: string): string {
  return needsQuotePrefix(text) ? `'${text}` : text;
}

/** A string literal inside a formula: `"` doubled, cut to 255 characters. */
export function formulaString(text: string): string {
  return `"${text.slice(0, MAX_FORMULA_TEXT).replace(/"/g, '""')}"`;
}

/**
 * An in-workbook link as a formula: `=HYPERLINK("#'Sheet Name'!F12","F12")`. HYPERLINK works on
 * every host from ExcelApi 1.1 (Range.hyperlink is 1.7) and survives in files opened without the
 * add-in. The sheet name is quoted with `'` doubled, then the whole location doubles its `"`.
 */
export function hyperlinkFormula(sheet: string, address: string, text: string): string {
  return `=HYPERLINK(${formulaString(`#${quotedSheetName(sheet)}!${address}`)},${formulaString(text)})`;
}

/**
 * One planned cell as a `Range.values` input. `null` clears the cell; strings are always literal
 * text; `PlanFormula` and `PlanLink` become formulas (Excel has no API to write a formula's cached
 * result, so `PlanFormula.result` is left to Excel's own calculation).
 */
export function toCellInput(cell: PlanCell): string | number | boolean {
  if (cell === null) return '';
  if (typeof cell === 'string') return literalText(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : '';
  if (typeof cell === 'boolean') return cell;
  if ('formula' in cell) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  return hyperlinkFormula(cell.link.sheet, cell.link.address, cell.text);
}
