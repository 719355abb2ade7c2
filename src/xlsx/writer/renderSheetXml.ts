import type { PlanCell, SheetPlan } from '../../domain';
import type { PlannedCells } from './plannedCells';
import type { StyleBook } from './StyleBook';
import { cellAddress, escapeXml, MAX_CELL_CHARS, NS, quoteSheetName, XML_DECLARATION } from './xmlText';

/** What `renderSheetXml` needs besides the plan. */
export interface SheetXmlOptions {
  /** The plan's cells (`plannedCells`), laid out when the rendering starts. */
  readonly cells: () => PlannedCells;
  readonly styles: StyleBook;
  /** Maps a sheet name used in a plan's links to the name the sheet really got. */
  readonly sheetName: (planned: string) => string;
  /** Relationship id of the sheet's drawing (its charts), or `null` for none. */
  readonly drawingRelId: string | null;
}

/** Rows rendered per yielded chunk. */
const ROWS_PER_CHUNK = 500;

/** A string cell as an inline string: literal text that no reader turns into a formula. */
function inlineString(ref: string, s: number, text: string): string {
  const cut = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
  return `<c r="${ref}"${s === 0 ? '' : ` s="${s}"`} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cut)}</t></is></c>`;
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
  const cells = options.cells();
  const rowNumbers = new Set<number>(cells.keys());
  const heights = new Map<number, number>();
  for (const { row, height } of plan.rowHeights ?? []) {
    if (Number.isFinite(height) && height > 0) {
      heights.set(row, height);
      rowNumbers.add(row);
    }
  }
  const rows = [...rowNumbers].sort((a, b) => a - b);
  let maxCol = 0;
  for (const line of cells.values()) for (const col of line.keys()) maxCol = Math.max(maxCol, col);
  const lastRow = rows.length === 0 ? 0 : (rows[rows.length - 1] ?? 0);

  let head = `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`;
  head += `<dimension ref="${rows.length === 0 ? 'A1' : `A1:${cellAddress(lastRow, maxCol)}`}"/>`;
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

  const links: string[] = [];
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? 0;
    const line = cells.get(row);
    const height = heights.get(row);
    let body = '';
    for (const col of [...(line?.keys() ?? [])].sort((a, b) => a - b)) {
      const cell = line?.get(col);
      if (cell === undefined) continue;
      const link = cell.value !== null && typeof cell.value === 'object' && 'link' in cell.value ? cell.value : null;
      const s = styles.xfIndex({ style: cell.style, numberFormat: cell.numberFormat, isLink: link !== null });
      const ref = cellAddress(row, col);
      body += renderCell(ref, s, cell.value);
      if (link !== null) {
        const target = `${quoteSheetName(options.sheetName(link.link.sheet))}!${link.link.address}`;
        links.push(`<hyperlink ref="${ref}" location="${escapeXml(target)}" display="${escapeXml(link.text.slice(0, 255))}"/>`);
      }
    }
    chunk += `<row r="${row + 1}"${height === undefined ? '' : ` ht="${height}" customHeight="1"`}>${body}</row>`;
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  let tail = `${chunk}</sheetData>`;
  const merges = plan.merges.filter((m) => m.rows >= 1 && m.cols >= 1 && !(m.rows === 1 && m.cols === 1));
  if (merges.length > 0) {
    tail += `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${cellAddress(m.row, m.col)}:${cellAddress(m.row + m.rows - 1, m.col + m.cols - 1)}"/>`).join('')}</mergeCells>`;
  }
  if (links.length > 0) tail += `<hyperlinks>${links.join('')}</hyperlinks>`;
  tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (options.drawingRelId !== null) tail += `<drawing r:id="${options.drawingRelId}"/>`;
  yield `${tail}</worksheet>`;
}
