import type { ChartSpec, PlanBlock, PlanCell, PlanFormat, PlanName, PlanRange, PlanRowHeight, PlanStyle, SheetPlan, SheetRole } from './types';

/** Points per line of wrapped 11-pt text. */
const LINE_HEIGHT_PT = 15;

/**
 * Builds a `SheetPlan` top to bottom (internal to `layout`): a cursor row, blocks written at it,
 * merges, formats, charts and row heights. Every method that writes moves the cursor below
 * what it wrote and returns the range written.
 */
export class PlanBuilder {
  /** The next row to write. */
  row = 0;
  private readonly blocks: PlanBlock[] = [];
  private readonly formats: PlanFormat[] = [];
  private readonly merges: PlanRange[] = [];
  private readonly charts: ChartSpec[] = [];
  private readonly rowHeights: PlanRowHeight[] = [];
  private readonly names: PlanName[] = [];

  /** Write rows of cells at the cursor (column `col`), with per-column number formats. */
  table(values: readonly (readonly PlanCell[])[], numberFormat?: readonly (string | null)[] | string, style?: PlanStyle, col = 0): PlanRange {
    const range: PlanRange = { row: this.row, col, rows: values.length, cols: values[0]?.length ?? 0 };
    if (values.length > 0) {
      this.blocks.push({
        row: this.row,
        col,
        values,
        ...(numberFormat === undefined ? {} : { numberFormat }),
        ...(style === undefined ? {} : { style }),
      });
    }
    this.row += values.length;
    return range;
  }

  /** One text in column A. Unmerged and unwrapped, it spills over the empty cells to its right. */
  text(text: string, style?: PlanStyle): PlanRange {
    return this.table([[text]], undefined, style);
  }

  /**
   * A text merged across `cols` columns, wrapped, with a row height for its estimated number of
   * lines: Excel does not autofit the height of merged cells. `widths` are the column widths in
   * characters; a CJK character counts as two.
   */
  paragraph(text: string, cols: number, widths: readonly number[], style?: PlanStyle): PlanRange {
    const range = this.table([[text, ...Array.from({ length: cols - 1 }, () => null)]], undefined, { ...style, wrapText: true });
    this.merges.push(range);
    const lineWidth = widths.slice(0, cols).reduce((sum, width) => sum + width, 0);
    const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / lineWidth)), 0);
    this.rowHeights.push({ row: range.row, height: lines * LINE_HEIGHT_PT });
    return range;
  }

  /** Merge a range (its first cell keeps the value). */
  merge(range: PlanRange): void {
    this.merges.push(range);
  }

  /** Style a range without writing values. */
  format(range: PlanRange, style: PlanStyle): void {
    if (range.rows > 0 && range.cols > 0) this.formats.push({ range, style });
  }

  /** Add a chart. */
  chart(spec: ChartSpec): void {
    this.charts.push(spec);
  }

  /** Give the cell at (`row`, `col`) a defined name. */
  name(name: string, row: number, col: number): void {
    this.names.push({ name, row, col });
  }

  /** Leave `rows` empty rows. */
  skip(rows = 1): void {
    this.row += rows;
  }

  /** Move the cursor down to `row` if it is above it. */
  skipTo(row: number): void {
    this.row = Math.max(this.row, row);
  }

  /** The finished plan. */
  plan(role: SheetRole, name: string, columnWidths: readonly number[], freeze?: SheetPlan['freeze']): SheetPlan {
    return {
      role,
      name,
      blocks: this.blocks,
      formats: this.formats,
      merges: this.merges,
      columnWidths,
      ...(freeze === undefined ? {} : { freeze }),
      charts: this.charts,
      ...(this.rowHeights.length === 0 ? {} : { rowHeights: this.rowHeights }),
      ...(this.names.length === 0 ? {} : { names: this.names }),
    };
  }
}

/** Width of a text in Excel character units: 2 for CJK and full-width characters, 1 otherwise. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}
