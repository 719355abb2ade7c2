import { fitColumnWidths } from './fitColumnWidths';
import { DEFAULT_ROW_HEIGHT_PT, pageSetupOf, paginate, placeOnPages, type PrintTexts, type RowSpan } from './paginate';
import { wrappedLineCount } from './wrappedLineCount';
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
  private readonly paragraphs: { readonly range: PlanRange; readonly text: string }[] = [];
  private readonly spans: RowSpan[] = [];
  private readonly sideCharts: ChartSpec[] = [];

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
   * lines under the plan's final column widths (`plan`, `wrappedLineCount`): Excel does not autofit the height of
   * merged cells. Top-aligned, so the text starts under what comes before it whatever the row's height.
   */
  paragraph(text: string, cols: number, style?: PlanStyle): PlanRange {
    const range = this.table([[text, ...Array.from({ length: cols - 1 }, () => null)]], undefined, { ...style, wrapText: true, verticalAlignment: 'top' });
    this.merges.push(range);
    this.paragraphs.push({ range, text });
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

  /** Keep rows `first`–`last` (a table with its title) on one printed page (`plan`'s page breaks). */
  keepTogether(first: number, last: number): void {
    if (last >= first) this.spans.push({ first, last });
  }

  /**
   * Add a chart beside the tables: at its `position.row` or, when the chart before it is still there, below that
   * one, and never across a printed page break (placed by `plan` once the breaks are known).
   */
  sideChart(spec: ChartSpec): void {
    this.sideCharts.push(spec);
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

  /** Column widths that fit the widest text of each column of the tables written so far (`fitColumnWidths`). */
  fittedWidths(minWidths: readonly number[], maxWidths: number | readonly number[], padding = 2): number[] {
    return fitColumnWidths(this.blocks, this.merges, minWidths, maxWidths, padding);
  }

  /** The finished plan. */
  plan(role: SheetRole, name: string, columnWidths: readonly number[], freeze?: SheetPlan['freeze'], print?: PrintPlan): SheetPlan {
    for (const { range, text } of this.paragraphs) {
      // The merged columns' widths in characters, less two: the cell's padding (5 pixels of a column's width, ECMA-376
      // Part 1 §18.3.1.13) and some slack for a line that breaks short of the full width.
      const lineWidth = columnWidths.slice(range.col, range.col + range.cols).reduce((sum, width) => sum + width, 0);
      this.rowHeights.push({ row: range.row, height: wrappedLineCount(text, lineWidth - 2) * LINE_HEIGHT_PT });
    }
    let pageSetup: SheetPlan['pageSetup'];
    if (print !== undefined) {
      const heights = new Map(this.rowHeights.map((h) => [h.row, h.height]));
      const geometry = {
        columnWidths,
        printColumns: print.printColumns,
        rowHeight: (row: number) => heights.get(row) ?? DEFAULT_ROW_HEIGHT_PT,
        ...(print.titleRows === undefined ? {} : { titleRows: print.titleRows }),
      };
      const breaks = paginate(this.spans, this.row, geometry);
      const tops = placeOnPages(this.sideCharts.map((c) => ({ top: c.position.row, rows: c.position.rows })), breaks, geometry);
      this.sideCharts.forEach((chart, i) => this.charts.push({ ...chart, position: { ...chart.position, row: tops[i] ?? chart.position.row } }));
      pageSetup = pageSetupOf(print.texts, breaks, print.titleRows);
    } else {
      for (const chart of this.sideCharts) this.charts.push(chart);
    }
    this.sideCharts.length = 0;
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
      ...(pageSetup === undefined ? {} : { pageSetup }),
    };
  }
}

/** How `PlanBuilder.plan` sets a sheet up for printing. */
export interface PrintPlan {
  readonly texts: PrintTexts;
  /** Columns that print (from column A), charts beside the tables included: they set the scale. */
  readonly printColumns: number;
  /** Rows repeated at the top of every page. */
  readonly titleRows?: RowSpan;
}
