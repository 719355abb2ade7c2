import type { PageSetup } from './types';

/** A4 in points (210 × 297 mm). */
const A4_PT = { short: 595, long: 842 } as const;
/** Points per inch. */
const PT_PER_INCH = 72;
/** Excel's default column width in characters, for columns a plan leaves unset. */
export const DEFAULT_COLUMN_WIDTH = 8.43;
/** Excel's default row height in points (the plans' `sheetFormatPr defaultRowHeight`). */
export const DEFAULT_ROW_HEIGHT_PT = 15;
/**
 * Rows are counted this much taller than their set height when a page is filled, a margin for a host whose rows
 * come out a little taller (LibreOffice drew the sample's 15-pt rows at 15 pt; test/cli/libreOffice.test.ts).
 */
const ROW_HEIGHT_MARGIN = 1.05;

/** The margins of the owned sheets' pages, in inches. */
export const PRINT_MARGINS: PageSetup['margins'] = { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

/** Rows that print together: a table with its title, header and 合计 row (0-based, inclusive). */
export interface RowSpan {
  readonly first: number;
  readonly last: number;
}

/** What `paginate` needs to know of a sheet. */
export interface PageGeometry {
  /** Column widths in characters from column A (Excel's unit); columns past the list have the default width. */
  readonly columnWidths: readonly number[];
  /** Columns that print (from column A). */
  readonly printColumns: number;
  /** Row height in points of a 0-based row (default `DEFAULT_ROW_HEIGHT_PT`). */
  readonly rowHeight: (row: number) => number;
  /** Rows repeated at the top of every page after the first. */
  readonly titleRows?: RowSpan;
}

/**
 * A column width in characters as points: Excel stores widths in characters of the default font's widest digit
 * and draws `trunc(width × 7 + 5)` pixels for Calibri 11 (7-pixel digits, 5 pixels of padding; ECMA-376 Part 1,
 * the col element's width), at 96 pixels per inch. An estimate for other default fonts.
 */
export function columnWidthPt(width: number): number {
  return Math.trunc(width * 7 + 5) * 0.75;
}

/**
 * The scale at which `printColumns` columns fit the width of a landscape A4 page between `PRINT_MARGINS`
 * (fit to one page wide), at most 1, in whole percent as spreadsheet programs apply it.
 * @example printScale({ columnWidths: [10], printColumns: 1, rowHeight: () => 15 }) // → 1
 */
export function printScale(geometry: Pick<PageGeometry, 'columnWidths' | 'printColumns'>): number {
  let width = 0;
  for (let col = 0; col < geometry.printColumns; col++) width += columnWidthPt(geometry.columnWidths[col] ?? DEFAULT_COLUMN_WIDTH);
  const printable = A4_PT.long - (PRINT_MARGINS.left + PRINT_MARGINS.right) * PT_PER_INCH;
  return width <= printable ? 1 : Math.floor((printable / width) * 100) / 100;
}

/** The height of a landscape A4 page between `PRINT_MARGINS`, in the sheet's unscaled points. */
function pageHeightPt(scale: number): number {
  return (A4_PT.short - (PRINT_MARGINS.top + PRINT_MARGINS.bottom) * PT_PER_INCH) / scale;
}

/**
 * Page breaks that keep each span (a table) on one page: rows are filled onto a landscape A4 page scaled to fit
 * the print columns, and a span that does not fit in what is left of a page starts the next one. A span taller
 * than a page starts a page of its own and runs over (the only break inside a table); rows outside the spans run
 * over where the page ends, without a break of ours. Returns the 0-based rows that start a page, ascending; rows
 * from `rowCount` on are not paginated here (`placeOnPages`).
 * @example paginate([{ first: 0, last: 19 }, { first: 20, last: 39 }], 40, geometry) // → [20] when 30 rows fill a page
 */
export function paginate(spans: readonly RowSpan[], rowCount: number, geometry: PageGeometry): number[] {
  const pages = new PageFiller(geometry);
  const sorted = [...spans].sort((a, b) => a.first - b.first);
  let row = 0;
  for (const span of sorted) {
    for (; row < Math.min(span.first, rowCount); row++) pages.add(row, row, false);
    if (span.first >= rowCount || span.first < row) continue;
    pages.add(span.first, Math.min(span.last, rowCount - 1), true);
    row = span.last + 1;
  }
  for (; row < rowCount; row++) pages.add(row, row, false);
  return pages.breaks;
}

/**
 * Place blocks of `rows` rows (charts beside the tables) at or below their wanted top row, one below the other,
 * none across a page break: a block that would cross one moves to the next page, one row below its top (a block
 * never starts on a break row, whose top edge would print on the page before). Rows past the
 * existing breaks are filled by the same page height, and the breaks they need are added to `breaks`.
 * @returns the top row of each block, in order.
 */
export function placeOnPages(blocks: readonly { readonly top: number; readonly rows: number }[], breaks: number[], geometry: PageGeometry): number[] {
  const scale = printScale(geometry);
  const capacity = pageHeightPt(scale);
  const height = (row: number): number => geometry.rowHeight(row) * ROW_HEIGHT_MARGIN;
  const titleHeight = geometry.titleRows === undefined ? 0 : rowsHeight(geometry.titleRows.first, geometry.titleRows.last, height);
  /** The first row of the page after the one starting at `start`. */
  const nextPageStart = (start: number): number => {
    const known = breaks.find((b) => b > start);
    if (known !== undefined) return known;
    let used = start === 0 ? 0 : titleHeight;
    let row = start;
    while (used + height(row) <= capacity || row === start) used += height(row++);
    breaks.push(row);
    breaks.sort((a, b) => a - b);
    return row;
  };
  const tops: number[] = [];
  let next = 0;
  for (const block of blocks) {
    let top = Math.max(block.top, next);
    let pageStart = [...breaks].reverse().find((b) => b <= top) ?? 0;
    let pageEnd = nextPageStart(pageStart);
    while (pageEnd <= top) {
      pageStart = pageEnd;
      pageEnd = nextPageStart(pageStart);
    }
    if (top + block.rows > pageEnd && top > pageStart) top = pageEnd;
    // A chart whose top edge lies on a page break prints that edge as a line at the foot of the page before (seen in
    // LibreOffice's PDF of the sample's 汇总): it starts one row into its page instead.
    if (top > 0 && breaks.includes(top)) top += 1;
    tops.push(top);
    next = top + block.rows + 1;
  }
  return tops;
}

function rowsHeight(first: number, last: number, height: (row: number) => number): number {
  let sum = 0;
  for (let row = first; row <= last; row++) sum += height(row);
  return sum;
}

/** Fills pages with row ranges, recording a break before a range that does not fit what is left. */
class PageFiller {
  readonly breaks: number[] = [];
  private used = 0;
  private readonly capacity: number;
  private readonly titleHeight: number;
  private readonly height: (row: number) => number;

  constructor(geometry: PageGeometry) {
    this.capacity = pageHeightPt(printScale(geometry));
    this.height = (row) => geometry.rowHeight(row) * ROW_HEIGHT_MARGIN;
    this.titleHeight = geometry.titleRows === undefined ? 0 : rowsHeight(geometry.titleRows.first, geometry.titleRows.last, this.height);
  }

  /** Add rows `first`–`last`: a span (kept together, a break before it when it does not fit) or loose rows. */
  add(first: number, last: number, isSpan: boolean): void {
    const height = rowsHeight(first, last, this.height);
    if (isSpan && this.used > 0 && this.used + height > this.capacity) {
      this.breaks.push(first);
      this.used = this.titleHeight;
    }
    this.used += height;
    // Rows past the page's end run over; the spreadsheet program breaks them where the page ends.
    while (this.used > this.capacity) this.used -= this.capacity - this.titleHeight;
  }
}

/** What a sheet's printed header and footer say. */
export interface PrintTexts {
  readonly lang: 'zh-CN' | 'en-US';
  /** The sheet's title (header, left). */
  readonly title: string;
  /** The data-date line as the sheet shows it (header, right), e.g. 截至：2025年9月30日; absent: none. */
  readonly dateLine?: string;
}

/**
 * The page setup of an owned sheet: landscape A4, one page wide, `PRINT_MARGINS`, the title left and the data
 * date right in the header, "第 &P 页 共 &N 页" / "Page &P of &N" centred in the footer.
 * @example pageSetupOf({ lang: 'zh-CN', title: '央地合作项目统计汇总', dateLine: '截至：2025年9月30日' }, []).footer.center // → '第 &P 页 共 &N 页'
 */
export function pageSetupOf(texts: PrintTexts, rowBreaks: readonly number[], titleRows?: RowSpan): PageSetup {
  return {
    orientation: 'landscape',
    paperSize: 'A4',
    fitToPagesWide: 1,
    margins: PRINT_MARGINS,
    ...(titleRows === undefined ? {} : { titleRows }),
    header: { left: headerText(texts.title), ...(texts.dateLine === undefined ? {} : { right: headerText(texts.dateLine) }) },
    footer: { center: texts.lang === 'zh-CN' ? '第 &P 页 共 &N 页' : 'Page &P of &N' },
    rowBreaks,
  };
}

/** Text as a header section shows it literally: `&` starts a code, so it is doubled; line breaks become spaces. */
function headerText(text: string): string {
  return text.replace(/&/g, '&&').replace(/[\r\n]+/g, ' ');
}
