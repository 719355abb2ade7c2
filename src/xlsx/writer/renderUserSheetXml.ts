import type { PlanStyle } from '../../domain';
import type { UserSheetPlan } from '../../workflows/workbookPort';
import type { StyleBook } from './StyleBook';
import { cellAddress, escapeXml, MAX_CELL_CHARS, NS, XML_DECLARATION } from './xmlText';

/** The look of a bold row: one object, so that StyleBook finds its index by identity. */
const BOLD: PlanStyle = { bold: true };

/**
 * The worksheet part of a sheet created for the user (`WorkbookPort.createSheetIfAbsent`, the 赛马规则 sheet): column
 * widths, then the cells row by row, strings as inline strings (literal text that no reader turns into a formula),
 * numbers as numbers, the plan's bold rows bold.
 */
export function renderUserSheetXml(plan: UserSheetPlan, styles: StyleBook): string {
  const bold = new Set(plan.boldRows);
  const boldIndex = styles.xfIndex({ style: BOLD, numberFormat: null, isLink: false });
  const widths = plan.columnWidths.map((w, i) => (Number.isFinite(w) && w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : '')).join('');
  let xml = `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">${widths === '' ? '' : `<cols>${widths}</cols>`}<sheetData>`;
  plan.cells.forEach((row, r) => {
    const s = bold.has(r) && boldIndex !== 0 ? ` s="${boldIndex}"` : '';
    let cells = '';
    row.forEach((value, c) => {
      const ref = cellAddress(r, c);
      if (typeof value === 'string') cells += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value.slice(0, MAX_CELL_CHARS))}</t></is></c>`;
      else if (typeof value === 'number' && Number.isFinite(value)) cells += `<c r="${ref}"${s}><v>${value}</v></c>`;
    });
    if (cells !== '') xml += `<row r="${r + 1}">${cells}</row>`;
  });
  return `${xml}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}
