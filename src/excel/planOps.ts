import type { ChartSpec, PageSetup, PlanBlock, PlanRange, PlanStyle, SheetPlan } from '../domain';
import { cellAddress, rangeAddress } from './a1';
import type { Capabilities, NoteCode } from './capabilities';
import { jsonBytes, PAYLOAD_TARGET_BYTES } from './payload';
import { toCellInput } from './toCellInput';

/** One queued change to a sheet, with its estimated share of the request payload. */
export interface SheetOp {
  readonly bytes: number;
  queue(sheet: Excel.Worksheet): void;
}

/** Fixed cost of one operation in a request besides its data (object path, method, address). */
const OP_OVERHEAD_BYTES = 200;

/**
 * Column width in points for a width in characters: Excel's pixel width for Calibri 11 is
 * `chars × 7 + 5`, and a point is 0.75 pixel (`RangeFormat.columnWidth` is in points, ExcelApi 1.2).
 */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** The Office.js horizontal alignment of a plan alignment. */
const ALIGNMENT = { left: 'Left', center: 'Center', right: 'Right' } as const;
/** The Office.js vertical alignment of a plan alignment (`RangeFormat.verticalAlignment`, ExcelApi 1.1). */
const VERTICAL_ALIGNMENT = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

function styleOp(range: PlanRange, style: PlanStyle): SheetOp {
  return {
    bytes: OP_OVERHEAD_BYTES * 2,
    queue(sheet) {
      const format = sheet.getRange(rangeAddress(range)).format;
      if (style.bold !== undefined) format.font.bold = style.bold;
      if (style.fontColor !== undefined) format.font.color = style.fontColor;
      if (style.fontSize !== undefined) format.font.size = style.fontSize;
      if (style.fill !== undefined) format.fill.color = style.fill;
      if (style.horizontalAlignment !== undefined) format.horizontalAlignment = ALIGNMENT[style.horizontalAlignment];
      if (style.verticalAlignment !== undefined) format.verticalAlignment = VERTICAL_ALIGNMENT[style.verticalAlignment];
      if (style.wrapText !== undefined) format.wrapText = style.wrapText;
    },
  };
}

/**
 * Number formats of one chunk of a block, set before its values (a value written into a General
 * cell is parsed first: "0012" would lose its zeros). One uniform format per column run, set as a
 * single value (excel.range.yml `numberFormat`: "If the argument is a single value, it will be
 * applied to all cells"; confirmed by the docs team in office-js-docs-pr #2013: it works although
 * the typings ask for a 2-D array), because a 2-D array of formats over a large range is slow
 * (office-js #5852).
 */
function numberFormatOps(block: PlanBlock, row: number, rows: number, cols: number): SheetOp[] {
  const format = block.numberFormat;
  if (format === undefined) return [];
  const perColumn: readonly (string | null)[] = typeof format === 'string' ? new Array<string>(cols).fill(format) : format;
  const ops: SheetOp[] = [];
  let start = 0;
  while (start < cols) {
    const value = perColumn[start] ?? null;
    let end = start + 1;
    while (end < cols && (perColumn[end] ?? null) === value) end++;
    if (value !== null) {
      const range = { row, col: block.col + start, rows, cols: end - start };
      ops.push({
        bytes: OP_OVERHEAD_BYTES + value.length,
        queue(sheet) {
          // A single value, not an array: typed as any[][], documented as applying to every cell.
          sheet.getRange(rangeAddress(range)).numberFormat = value as unknown as string[][];
        },
      });
    }
    start = end;
  }
  return ops;
}

/**
 * The value writes of a block, split into row chunks that each fit a request, each preceded by its
 * number formats.
 */
function blockOps(block: PlanBlock): SheetOp[] {
  const cols = block.values[0]?.length ?? 0;
  if (cols === 0) return [];
  const inputs = block.values.map((row) => row.map(toCellInput));
  const rowBytes = inputs.map((row) => jsonBytes(row) + 1);
  const ops: SheetOp[] = [];
  let start = 0;
  while (start < inputs.length) {
    let end = start;
    let bytes = OP_OVERHEAD_BYTES;
    while (end < inputs.length && (end === start || bytes + (rowBytes[end] ?? 0) <= PAYLOAD_TARGET_BYTES / 2)) {
      bytes += rowBytes[end] ?? 0;
      end++;
    }
    const values = inputs.slice(start, end);
    const range = { row: block.row + start, col: block.col, rows: end - start, cols };
    ops.push(...numberFormatOps(block, range.row, range.rows, cols));
    ops.push({
      bytes,
      queue(sheet) {
        sheet.getRange(rangeAddress(range)).values = values;
      },
    });
    start = end;
  }
  if (block.style !== undefined) ops.push(styleOp({ row: block.row, col: block.col, rows: block.values.length, cols }, block.style));
  return ops;
}

/** What `planOps` reports besides the operations. */
export interface PlanOps {
  /** Values, formats, merges, widths, freeze panes and the charts themselves, in write order. */
  readonly ops: readonly SheetOp[];
  /** Features of the plan the host cannot apply. */
  readonly notes: readonly { code: NoteCode; detail: string }[];
}

/**
 * The operations that build `plan` on a new, empty sheet: number formats before values, values in
 * blocks, then styles, merges, column widths, row heights, freeze panes, and the charts (without
 * their cosmetic properties, see `chartCosmeticOps`).
 */
export function planOps(plan: SheetPlan, caps: Capabilities): PlanOps {
  const layout = layoutOps(plan, caps);
  return { ops: [...cellOps(plan), ...layout.ops], notes: layout.notes };
}

/** The cells of `plan`: number formats, values and styles (what `Range.copyFrom` carries). */
export function cellOps(plan: SheetPlan): SheetOp[] {
  const ops: SheetOp[] = [];
  for (const block of plan.blocks) ops.push(...blockOps(block));
  for (const format of plan.formats) ops.push(styleOp(format.range, format.style));
  return ops;
}

/**
 * What a sheet has besides its cells: merges, column widths, row heights, freeze panes and the
 * charts (without their cosmetic properties). Applied after the cells, or again on a sheet whose
 * cells were copied from another.
 */
export function layoutOps(plan: SheetPlan, caps: Capabilities): PlanOps {
  const ops: SheetOp[] = [];
  const notes: { code: NoteCode; detail: string }[] = [];

  if (plan.merges.length > 0 && !caps.merge) notes.push({ code: 'no_merge', detail: '' });
  if (caps.merge) {
    for (const merge of plan.merges) {
      ops.push({ bytes: OP_OVERHEAD_BYTES, queue: (sheet) => sheet.getRange(rangeAddress(merge)).merge(false) });
    }
  }

  if ((plan.columnWidths.length > 0 || (plan.rowHeights ?? []).length > 0) && !caps.columnWidth) notes.push({ code: 'no_column_widths', detail: '' });
  if (caps.columnWidth) {
    plan.columnWidths.forEach((chars, col) => {
      const letter = cellAddress(0, col).replace(/[0-9]+$/, '');
      ops.push({
        bytes: OP_OVERHEAD_BYTES,
        queue(sheet) {
          sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(chars);
        },
      });
    });
  }

  const freeze = plan.freeze;
  if (freeze !== undefined && (freeze.rows > 0 || freeze.cols > 0)) {
    if (!caps.freezePanes) notes.push({ code: 'no_freeze_panes', detail: '' });
    else {
      ops.push({
        bytes: OP_OVERHEAD_BYTES,
        queue(sheet) {
          if (freeze.cols === 0) sheet.freezePanes.freezeRows(freeze.rows);
          else if (freeze.rows === 0) sheet.freezePanes.freezeColumns(freeze.cols);
          else sheet.freezePanes.freezeAt(sheet.getRange(rangeAddress({ row: 0, col: 0, rows: freeze.rows, cols: freeze.cols })));
        },
      });
    }
  }

  const setup = plan.pageSetup;
  if (setup !== undefined) {
    if (!caps.pageLayout) notes.push({ code: 'no_page_layout', detail: '' });
    else ops.push(pageSetupOp(setup));
  }

  const rowHeights = plan.rowHeights ?? [];
  if (rowHeights.length > 0 && caps.columnWidth) {
    for (const { row, height } of rowHeights) {
      ops.push({
        bytes: OP_OVERHEAD_BYTES,
        queue(sheet) {
          sheet.getRange(`${row + 1}:${row + 1}`).format.rowHeight = height;
        },
      });
    }
  }

  let helperCol = chartHelperColumn(plan);
  for (const chart of plan.charts) {
    if (chartSourceRange(chart) !== null || caps.chartSeriesRanges) {
      ops.push(chartOp(chart, caps));
      continue;
    }
    // ExcelApi below 1.7 cannot point a series at a range: chart a contiguous copy (formulas).
    const helper = chartHelperOps(plan, chart, helperCol);
    ops.push(...helper.ops, chartOp(helper.chart, caps));
    helperCol += chart.series.length + 2;
    notes.push({ code: 'chart_data_copied', detail: '' });
  }
  return { ops, notes };
}

/** The first free column right of everything the plan draws, plus a gap: where chart copies go. */
export function chartHelperColumn(plan: SheetPlan): number {
  let end = plan.columnWidths.length;
  for (const b of plan.blocks) end = Math.max(end, b.col + (b.values[0]?.length ?? 0));
  for (const f of plan.formats) end = Math.max(end, f.range.col + f.range.cols);
  for (const m of plan.merges) end = Math.max(end, m.col + m.cols);
  for (const c of plan.charts) end = Math.max(end, c.position.col + c.position.cols);
  return end + 1;
}

/** The number format the plan gives a cell, or `null` (General). */
function planNumberFormat(plan: SheetPlan, row: number, col: number): string | null {
  for (const b of plan.blocks) {
    const cols = b.values[0]?.length ?? 0;
    if (row < b.row || row >= b.row + b.values.length || col < b.col || col >= b.col + cols) continue;
    const format = b.numberFormat;
    if (format === undefined) return null;
    return typeof format === 'string' ? format : (format[col - b.col] ?? null);
  }
  return null;
}

/**
 * A contiguous copy of a chart's data at column `col`: categories, then one column per series, each
 * cell a formula pointing at the plan's own cell (so the chart follows edits of the summary table),
 * in grey, with the series' number formats (data labels show the source format).
 */
function chartHelperOps(plan: SheetPlan, chart: ChartSpec, col: number): { ops: SheetOp[]; chart: ChartSpec } {
  const rows = chart.categories.rows;
  const columns = [chart.categories, ...chart.series.map((s) => s.values)];
  const values = Array.from({ length: rows }, (_, i) => columns.map((source) => `=${cellAddress(source.row + i, source.col)}`));
  const block: PlanBlock = {
    row: chart.categories.row,
    col,
    values: values.map((row) => row.map((formula) => ({ formula }))),
    numberFormat: columns.map((source) => planNumberFormat(plan, source.row, source.col)),
    style: { fontColor: '#808080' },
  };
  const moved: ChartSpec = {
    ...chart,
    categories: { row: block.row, col, rows, cols: 1 },
    series: chart.series.map((s, i) => ({ ...s, values: { row: block.row, col: col + 1 + i, rows, cols: 1 } })),
  };
  return { ops: blockOps(block), chart: moved };
}

/** Inches (the plan's margins) as points (`PageLayout`'s), to the hundredth: 0.3 in is 21.6 pt. */
const points = (inches: number): number => Math.round(inches * 72 * 100) / 100;

/**
 * The plan's print settings (ExcelApi 1.9): landscape A4, fit to one page wide (`zoom` with
 * `horizontalFitToPages` only, as in office-js #1860, which reports that it did not take effect unless the Page
 * Layout tab was shown; to check in real Excel: TESTING.md 10.4), margins, the header and footer (Excel's header codes, excel.headerfooter.yml:
 * &P page, &N pages, && an ampersand), the print-title rows, and the manual page breaks, after removing the
 * sheet's old ones (a sheet replaced in place keeps them otherwise).
 */
function pageSetupOp(setup: PageSetup): SheetOp {
  const texts = { ...setup.header, ...setup.footer };
  return {
    bytes: OP_OVERHEAD_BYTES * (12 + setup.rowBreaks.length) + JSON.stringify(texts).length,
    queue(sheet) {
      const layout = sheet.pageLayout;
      layout.orientation = setup.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      layout.paperSize = 'A4';
      layout.zoom = { horizontalFitToPages: setup.fitToPagesWide };
      const m = setup.margins;
      layout.leftMargin = points(m.left);
      layout.rightMargin = points(m.right);
      layout.topMargin = points(m.top);
      layout.bottomMargin = points(m.bottom);
      layout.headerMargin = points(m.header);
      layout.footerMargin = points(m.footer);
      // Not centred, like the CLI's sheets: a narrow sheet prints from the left margin. Set, not left alone, so a
      // sheet refreshed in place loses the centring an earlier version gave it.
      layout.centerHorizontally = false;
      const pages = layout.headersFooters.defaultForAllPages;
      pages.leftHeader = setup.header.left ?? '';
      pages.centerHeader = setup.header.center ?? '';
      pages.rightHeader = setup.header.right ?? '';
      pages.leftFooter = setup.footer.left ?? '';
      pages.centerFooter = setup.footer.center ?? '';
      pages.rightFooter = setup.footer.right ?? '';
      if (setup.titleRows !== undefined) layout.setPrintTitleRows(`$${setup.titleRows.first + 1}:$${setup.titleRows.last + 1}`);
      sheet.horizontalPageBreaks.removePageBreaks();
      for (const row of setup.rowBreaks) sheet.horizontalPageBreaks.add(cellAddress(row, 0));
    },
  };
}

/** Office.js chart type of a plan chart type (basic types only, OFFICE-PLATFORM.md §9). */
const CHART_TYPES = {
  columnClustered: 'ColumnClustered',
  barClustered: 'BarClustered',
  pie: 'Pie',
  columnStacked: 'ColumnStacked',
} as const satisfies Record<ChartSpec['type'], `${Excel.ChartType}`>;

/**
 * The chart's data as one rectangle when the categories column is directly followed by the series
 * columns over the same rows (how the layout places them), else `null`.
 */
export function chartSourceRange(chart: ChartSpec): PlanRange | null {
  const { categories, series } = chart;
  const contiguous = series.every(
    (s, i) => s.values.row === categories.row && s.values.rows === categories.rows && s.values.cols === 1 && s.values.col === categories.col + 1 + i,
  );
  if (!contiguous || series.length === 0 || categories.cols !== 1) return null;
  return { row: categories.row, col: categories.col, rows: categories.rows, cols: 1 + series.length };
}

/**
 * Add the chart: type, data, name (= spec id) and position. `seriesBy` is always explicit, because
 * "Auto" reads a two-column range differently on the web (office-js #1830, #2929). When the
 * categories column is directly followed by the series columns, the chart is added on that one
 * range (ExcelApi 1.1). Otherwise (ExcelApi 1.7) it is added on the first series' values and each
 * series is pointed at its own values and at the categories (`ChartSeries.setValues` /
 * `setXAxisValues`, `ChartSeriesCollection.add`); `planOps` gives hosts below 1.7 a contiguous copy.
 */
function chartOp(chart: ChartSpec, caps: Capabilities): SheetOp {
  const type = CHART_TYPES[chart.type];
  const { position } = chart;
  const source = chartSourceRange(chart);
  return {
    bytes: OP_OVERHEAD_BYTES * (3 + chart.series.length * 3),
    queue(sheet) {
      let added: Excel.Chart;
      const first = chart.series[0];
      if (source !== null || first === undefined || !caps.chartSeriesRanges) {
        added = sheet.charts.add(type, sheet.getRange(rangeAddress(source ?? chart.categories)), Excel.ChartSeriesBy.columns);
      } else {
        added = sheet.charts.add(type, sheet.getRange(rangeAddress(first.values)), Excel.ChartSeriesBy.columns);
        const categories = sheet.getRange(rangeAddress(chart.categories));
        chart.series.forEach((spec, i) => {
          const series = i === 0 ? added.series.getItemAt(0) : added.series.add(spec.name);
          if (i > 0) series.setValues(sheet.getRange(rangeAddress(spec.values)));
          series.setXAxisValues(categories);
        });
      }
      added.name = chart.id;
      added.setPosition(cellAddress(position.row, position.col), cellAddress(position.row + position.rows - 1, position.col + position.cols - 1));
    },
  };
}

/**
 * The cosmetic properties of the plan's charts: title, series names, axis titles (the value axis
 * carries the unit) and data labels. Set in a separate small round trip, because axis and label
 * settings throw InvalidArgument/InvalidOperation on some hosts (office-js #1729, #1688;
 * OFFICE-PLATFORM.md §9): a failure there must not fail the refresh.
 */
export function chartCosmeticOps(plan: SheetPlan, caps: Capabilities): SheetOp[] {
  return plan.charts.map((spec) => ({
    bytes: OP_OVERHEAD_BYTES * 6,
    queue(sheet) {
      const chart = sheet.charts.getItem(spec.id);
      chart.title.text = spec.title;
      spec.series.forEach((series, i) => {
        chart.series.getItemAt(i).name = series.name;
      });
      if (spec.type !== 'pie') {
        chart.axes.valueAxis.title.text = spec.valueAxisTitle;
        if (spec.categoryAxisTitle !== undefined) chart.axes.categoryAxis.title.text = spec.categoryAxisTitle;
        // Bar charts draw the first category at the bottom; ChartAxis.reversePlotOrder is ExcelApi 1.7.
        if (spec.reverseCategories === true && caps.chartSeriesRanges) chart.axes.categoryAxis.reversePlotOrder = true;
      }
      if (spec.showDataLabels) chart.dataLabels.showValue = true;
    },
  }));
}

/** Pack operations into round trips of at most `PAYLOAD_TARGET_BYTES` each, keeping their order. */
export function packOps<T extends { readonly bytes: number }>(ops: readonly T[]): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (current.length > 0 && bytes + op.bytes > PAYLOAD_TARGET_BYTES) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
