import ExcelJS from 'exceljs';
import type { ChartSpec, PlanCell, PlanStyle, SheetPlan } from '../domain';

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

/**
 * Text written where each chart would sit: ExcelJS 4.4 cannot write charts (it has no chart
 * parts at all), so the .xlsx says where they appear instead.
 */
export function chartPlaceholderText(chart: ChartSpec): string {
  return `图表“${chart.title}”将在 Excel 中刷新后显示 / Chart "${chart.title}" appears when the summary is refreshed in Excel`;
}

/** Quote a sheet name for a reference: `'My Sheet'!A1`, with inner quotes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const argb = (hex: string): string => `FF${hex.replace(/^#/, '').toUpperCase()}`;

function applyStyle(cell: ExcelJS.Cell, style: PlanStyle): void {
  if (style.bold !== undefined || style.fontColor !== undefined || style.fontSize !== undefined) {
    const font: Partial<ExcelJS.Font> = { ...cell.font };
    if (style.bold !== undefined) font.bold = style.bold;
    if (style.fontColor !== undefined) font.color = { argb: argb(style.fontColor) };
    if (style.fontSize !== undefined) font.size = style.fontSize;
    cell.font = font;
  }
  if (style.fill !== undefined) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.horizontalAlignment !== undefined || style.wrapText !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = { ...cell.alignment };
    if (style.horizontalAlignment !== undefined) alignment.horizontal = style.horizontalAlignment;
    if (style.wrapText !== undefined) alignment.wrapText = style.wrapText;
    cell.alignment = alignment;
  }
}

/**
 * Write one planned cell. A string is always literal text: ExcelJS stores it as a string
 * (never parses a leading `=`), and it is cut at Excel's 32,767-character limit so that Excel
 * still opens the file.
 */
function writeCell(cell: ExcelJS.Cell, value: PlanCell, sheetName: (planned: string) => string): void {
  if (value === null) return;
  if (typeof value === 'string') {
    cell.value = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
    return;
  }
  if (typeof value === 'number') {
    cell.value = Number.isFinite(value) ? value : null;
    return;
  }
  if (typeof value === 'boolean') {
    cell.value = value;
    return;
  }
  if ('formula' in value) {
    const formula = value.formula.replace(/^=/, '');
    cell.value = value.result === undefined ? { formula, date1904: false } : { formula, result: value.result, date1904: false };
    return;
  }
  const target = `#${quoteSheetName(sheetName(value.link.sheet))}!${value.link.address}`;
  cell.value = { text: value.text.slice(0, MAX_CELL_CHARS), hyperlink: target };
  cell.font = { ...cell.font, color: { argb: 'FF0563C1' }, underline: true };
}

/**
 * Apply a sheet plan to an empty worksheet, mechanically: blocks (number formats first, then
 * values and styles), formats, merges, column widths, the frozen panes, and a placeholder text
 * at each chart's anchor cell (see `chartPlaceholderText`).
 * @param sheetName maps a sheet name used in a plan's links to the name the sheet really got.
 */
export function writeSheetPlan(worksheet: ExcelJS.Worksheet, plan: SheetPlan, sheetName: (planned: string) => string = (n) => n): void {
  const written = new Set<string>();
  for (const block of plan.blocks) {
    block.values.forEach((rowValues, r) => {
      const row = worksheet.getRow(block.row + r + 1);
      rowValues.forEach((value, c) => {
        if (value !== null) written.add(`${block.row + r}:${block.col + c}`);
        const cell = row.getCell(block.col + c + 1);
        const format = typeof block.numberFormat === 'string' ? block.numberFormat : block.numberFormat?.[c];
        if (format !== undefined && format !== null) cell.numFmt = format;
        if (block.style !== undefined) applyStyle(cell, block.style);
        writeCell(cell, value, sheetName);
      });
    });
  }
  for (const format of plan.formats) {
    const { row, col, rows, cols } = format.range;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) applyStyle(worksheet.getCell(row + r + 1, col + c + 1), format.style);
    }
  }
  for (const merge of plan.merges) {
    if (merge.rows < 1 || merge.cols < 1 || (merge.rows === 1 && merge.cols === 1)) continue;
    worksheet.mergeCells(merge.row + 1, merge.col + 1, merge.row + merge.rows, merge.col + merge.cols);
  }
  plan.columnWidths.forEach((width, i) => {
    if (Number.isFinite(width) && width > 0) worksheet.getColumn(i + 1).width = width;
  });
  // Merged, wrapped text (the briefing) is never auto-fitted by Excel or LibreOffice.
  for (const { row, height } of plan.rowHeights ?? []) {
    if (Number.isFinite(height) && height > 0) worksheet.getRow(row + 1).height = height;
  }
  if (plan.freeze !== undefined && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) {
    worksheet.views = [{ state: 'frozen', xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  }
  for (const chart of plan.charts) {
    const { row, col } = chart.position;
    if (written.has(`${row}:${col}`)) continue;
    written.add(`${row}:${col}`);
    const anchor = worksheet.getCell(row + 1, col + 1);
    anchor.value = chartPlaceholderText(chart);
    anchor.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  }
}
