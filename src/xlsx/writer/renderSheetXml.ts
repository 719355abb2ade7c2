import type { HeaderFooterText, PlanCell, SheetPlan } from '../../domain';
import type { PlannedCell } from './plannedCells';
import type { StyleBook } from './StyleBook';
import { cellAddress, escapeXml, MAX_CELL_CHARS, NS, quoteSheetName, XML_DECLARATION } from './xmlText';

/** What `renderSheetXml` needs besides the plan. */
export interface SheetXmlOptions {
  /** The plan's cells row by row, in row order (`plannedRows`), laid out as the rendering goes. */
  readonly rows: () => Iterable<[number, Map<number, PlannedCell>]>;
  readonly styles: StyleBook;
  /** Maps a sheet name used in a plan's links to the name the sheet really got. */
  readonly sheetName: (planned: string) => string;
  /** Relationship id of the sheet's drawing (its charts), or `null` for none. */
  readonly drawingRelId: string | null;
}

/** Rows rendered per yielded chunk. */
const ROWS_PER_CHUNK = 500;

/** Text whose whitespace a reader keeps only when told (`xml:space="preserve"`): at either end, or a line break. */
const SPACE_TO_KEEP = /^\s|\n|\s$/;

/**
 * A string cell as an inline string: literal text that no reader turns into a formula. `xml:space="preserve"` only
 * on text that needs it (the rule of ExcelJS's writer, lib/xlsx/xform/strings/text-xform.js): it was 9 MB of the
 * 52 MB validation sheet of 72,000 issues.
 */
function inlineString(ref: string, s: number, text: string): string {
  const cut = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
  return `<c r="${ref}"${s === 0 ? '' : ` s="${s}"`} t="inlineStr"><is>${SPACE_TO_KEEP.test(cut) ? '<t xml:space="preserve">' : '<t>'}${escapeXml(cut)}</t></is></c>`;
}

function renderCell(ref: string, s: number, value: PlanCell): string {
  const style = s === 0 ? '' : ` s="${s}"`;
  if (value === null) return s === 0 ? '' : `<c r="${ref}"${style}/>`;
  if (typeof value === 'string') return inlineString(ref, s, value);
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : s === 0 ? '' : `<c r="${ref}"${style}/>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  if ('formula' in value) {
    const formula = `<f>${escapeXml(value.formula.replace(/^=/, ''))}</f>`;
    if (value.result === undefined) return `<c r="${ref}"${style}>${formula}</c>`;
    if (typeof value.result === 'number') return `<c r="${ref}"${style}>${formula}<v>${value.result}</v></c>`;
    return `<c r="${ref}"${style} t="str">${formula}<v>${escapeXml(value.result)}</v></c>`;
  }
  return inlineString(ref, s, value.text);
}

/**
 * Render an owned sheet's worksheet part from its plan: dimension, frozen panes, column widths,
 * the cells row by row (strings inline, so ledger text never becomes a formula), merges,
 * in-workbook hyperlinks, and the drawing that holds its charts. Yields the XML in chunks of a
 * few hundred rows, so a long validation sheet is never one string.
 */
export function* renderSheetXml(plan: SheetPlan, options: SheetXmlOptions): Generator<string> {
  const { styles } = options;
  const heights = new Map<number, number>();
  for (const { row, height } of plan.rowHeights ?? []) if (Number.isFinite(height) && height > 0) heights.set(row, height);
  // The used area from the plan's ranges, so the cells need not be laid out before the header.
  let lastRow = -1;
  let maxCol = 0;
  for (const block of plan.blocks) {
    if (block.values.length === 0) continue;
    lastRow = Math.max(lastRow, block.row + block.values.length - 1);
    let width = 1;
    for (const values of block.values) width = Math.max(width, values.length);
    maxCol = Math.max(maxCol, block.col + width - 1);
  }
  for (const { range } of plan.formats) {
    lastRow = Math.max(lastRow, range.row + range.rows - 1);
    maxCol = Math.max(maxCol, range.col + range.cols - 1);
  }
  for (const row of heights.keys()) lastRow = Math.max(lastRow, row);

  let head = `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`;
  // Fit-to-page scaling (pageSetup fitToWidth) applies only with this flag set.
  if (plan.pageSetup !== undefined) head += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
  head += `<dimension ref="${lastRow < 0 ? 'A1' : `A1:${cellAddress(lastRow, maxCol)}`}"/>`;
  const freeze = plan.freeze;
  if (freeze !== undefined && (freeze.rows > 0 || freeze.cols > 0)) {
    const pane = freeze.rows > 0 && freeze.cols > 0 ? 'bottomRight' : freeze.rows > 0 ? 'bottomLeft' : 'topRight';
    head +=
      `<sheetViews><sheetView workbookViewId="0"><pane${freeze.cols > 0 ? ` xSplit="${freeze.cols}"` : ''}${freeze.rows > 0 ? ` ySplit="${freeze.rows}"` : ''}` +
      ` topLeftCell="${cellAddress(freeze.rows, freeze.cols)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`;
  } else {
    head += '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  }
  head += '<sheetFormatPr defaultRowHeight="15"/>';
  const widths = plan.columnWidths.map((w, i) => (Number.isFinite(w) && w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : '')).join('');
  if (widths !== '') head += `<cols>${widths}</cols>`;
  yield `${head}<sheetData>`;

  let hasLinks = false;
  let chunk = '';
  let written = 0;
  const rowXml = (row: number, line: Map<number, PlannedCell> | undefined): string => {
    const height = heights.get(row);
    heights.delete(row);
    let body = '';
    for (const col of columnsInOrder(line)) {
      const cell = line?.get(col);
      if (cell === undefined) continue;
      const link = cell.value !== null && typeof cell.value === 'object' && 'link' in cell.value ? cell.value : null;
      const s = styles.xfIndex({ style: cell.style, numberFormat: cell.numberFormat, isLink: link !== null });
      const ref = cellAddress(row, col);
      body += renderCell(ref, s, cell.value);
      hasLinks ||= link !== null;
    }
    return `<row r="${row + 1}"${height === undefined ? '' : ` ht="${height}" customHeight="1"`}>${body}</row>`;
  };
  // Rows that only have a height are written in order between the rows with cells.
  const heightRows = [...heights.keys()].sort((x, y) => x - y);
  let h = 0;
  for (const [row, line] of options.rows()) {
    while (h < heightRows.length && (heightRows[h] ?? Infinity) < row) {
      const only = heightRows[h++] as number;
      if (heights.has(only)) chunk += rowXml(only, undefined);
    }
    chunk += rowXml(row, line);
    if (++written % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  for (; h < heightRows.length; h++) {
    const only = heightRows[h] as number;
    if (heights.has(only)) chunk += rowXml(only, undefined);
  }
  let tail = `${chunk}</sheetData>`;
  const merges = plan.merges.filter((m) => m.rows >= 1 && m.cols >= 1 && !(m.rows === 1 && m.cols === 1));
  if (merges.length > 0) {
    tail += `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${cellAddress(m.row, m.col)}:${cellAddress(m.row + m.rows - 1, m.col + m.cols - 1)}"/>`).join('')}</mergeCells>`;
  }
  if (hasLinks) {
    // Hyperlinks come after the cells in the schema: a second pass over the rows finds them, so
    // a million links are never held at once.
    yield `${tail}<hyperlinks>`;
    tail = '';
    let written = 0;
    for (const [row, line] of options.rows()) {
      for (const [col, cell] of line) {
        if (cell.value === null || typeof cell.value !== 'object' || !('link' in cell.value)) continue;
        const target = `${quoteSheetName(options.sheetName(cell.value.link.sheet))}!${cell.value.link.address}`;
        tail += `<hyperlink ref="${cellAddress(row, col)}" location="${escapeXml(target)}" display="${escapeXml(cell.value.text.slice(0, 255))}"/>`;
      }
      if (++written % ROWS_PER_CHUNK === 0) {
        yield tail;
        tail = '';
      }
    }
    tail += '</hyperlinks>';
  }
  tail += printSetupXml(plan);
  if (options.drawingRelId !== null) tail += `<drawing r:id="${options.drawingRelId}"/>`;
  yield `${tail}</worksheet>`;
}

/** A row's columns in ascending order: the row's own keys when they already are (the usual case), else sorted. */
function columnsInOrder(line: Map<number, PlannedCell> | undefined): Iterable<number> {
  if (line === undefined) return [];
  let previous = -1;
  for (const col of line.keys()) {
    if (col < previous) return [...line.keys()].sort((x, y) => x - y);
    previous = col;
  }
  return line.keys();
}

/**
 * The print elements of a worksheet, in the schema's order (pageMargins, pageSetup, headerFooter, rowBreaks): the
 * plan's page setup, or Excel's default margins when it has none.
 */
function printSetupXml(plan: SheetPlan): string {
  const setup = plan.pageSetup;
  if (setup === undefined) return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  const m = setup.margins;
  // No printOptions: not centred on the page (like the add-in's sheets), so a narrow sheet prints from the left margin.
  let xml = `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  // paperSize 9 is A4 (ECMA-376 Part 1, pageSetup); fitToHeight 0: as many pages high as it takes.
  xml += `<pageSetup paperSize="9" orientation="${setup.orientation}" fitToWidth="${setup.fitToPagesWide}" fitToHeight="0"/>`;
  const header = headerFooterText(setup.header);
  const footer = headerFooterText(setup.footer);
  if (header !== '' || footer !== '') {
    xml += `<headerFooter>${header === '' ? '' : `<oddHeader>${escapeXml(header)}</oddHeader>`}${footer === '' ? '' : `<oddFooter>${escapeXml(footer)}</oddFooter>`}</headerFooter>`;
  }
  const breaks = [...new Set(setup.rowBreaks)].filter((row) => Number.isInteger(row) && row > 0).sort((a, b) => a - b);
  if (breaks.length > 0) {
    // A break's id is the 0-based row it comes above (ECMA-376 Part 1 §18.3.1.3, brk).
    xml += `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((row) => `<brk id="${row}" max="16383" man="1"/>`).join('')}</rowBreaks>`;
  }
  return xml;
}

/** One header or footer as Excel stores it: &L, &C and &R before each section's text. */
function headerFooterText(text: HeaderFooterText): string {
  return `${text.left === undefined ? '' : `&L${text.left}`}${text.center === undefined ? '' : `&C${text.center}`}${text.right === undefined ? '' : `&R${text.right}`}`;
}
