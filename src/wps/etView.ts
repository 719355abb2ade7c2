import type { PageSetup, SheetPlan } from '../domain';
import { cellAddress } from '../excel/a1';
import { XL_LANDSCAPE, XL_PAPER_A4, XL_PORTRAIT, type EtWindow, type EtWorksheet } from './etTypes';

/**
 * A plan's frozen panes and print settings over ET's object model, as the Office.js port applies them
 * (src/excel/planOps.ts). Checked against Microsoft's VBA reference (learn.microsoft.com/office/vba/api/excel.window.*,
 * excel.pagesetup.*, excel.hpagebreaks.add), which ET's object model follows; of Kingsoft's own pages only
 * airsheet.wps.cn's `XlPaperSize 枚举` (xlPaperA4 9) was found in the sources searched here, so every member is
 * feature-tested by the port and a host without it gets a note instead.
 */

/**
 * Freeze the plan's top rows and left columns of `ws` in `window`. Frozen panes belong to the window's view of its
 * active sheet (VBA `Window.FreezePanes`, learn.microsoft.com/office/vba/api/excel.window.freezepanes), so `ws` is
 * activated first (the caller restores the user's sheet afterwards). `Window.SplitRow` is "the number of rows above the
 * split" (learn.microsoft.com/office/vba/api/excel.window.splitrow), i.e. in the window, below its first visible row:
 * the window is scrolled to A1 first so that these are the sheet's first rows whatever the scroll position (a new
 * sheet is at A1 anyway). Any freeze the view had is lifted first.
 */
export function freezePanes(window: EtWindow, ws: EtWorksheet, freeze: NonNullable<SheetPlan['freeze']>): void {
  ws.Activate();
  window.FreezePanes = false;
  window.ScrollRow = 1;
  window.ScrollColumn = 1;
  window.SplitRow = freeze.rows;
  window.SplitColumn = freeze.cols;
  window.FreezePanes = true;
}

/** Inches (the plan's margins) as points (VBA `PageSetup` margins are in points), to the hundredth, as planOps.ts. */
const points = (inches: number): number => Math.round(inches * 72 * 100) / 100;

/**
 * The plan's print settings, as planOps.ts's `pageSetupOp` sets them in Office.js: orientation, A4, scaled to
 * `fitToPagesWide` pages wide and as many tall as it takes (`Zoom = false` first, else the fit settings are ignored;
 * `FitToPagesTall = false`: learn.microsoft.com/office/vba/api/excel.pagesetup.fittopagestall), margins, not centred,
 * header and footer (Excel's codes `&P`, `&N`, which VBA's `LeftHeader` etc. take too), print-title rows (`$1:$3`) and
 * the manual page breaks above rows (`HPageBreaks.Add(Before)`). The sheet is new, so it has no old breaks to remove.
 * @returns whether the page breaks could be set (`HPageBreaks` is feature-tested).
 */
export function applyPageSetup(ws: EtWorksheet, page: NonNullable<EtWorksheet['PageSetup']>, setup: PageSetup): boolean {
  page.Orientation = setup.orientation === 'landscape' ? XL_LANDSCAPE : XL_PORTRAIT;
  page.PaperSize = XL_PAPER_A4;
  page.Zoom = false;
  page.FitToPagesWide = setup.fitToPagesWide;
  page.FitToPagesTall = false;
  const m = setup.margins;
  page.LeftMargin = points(m.left);
  page.RightMargin = points(m.right);
  page.TopMargin = points(m.top);
  page.BottomMargin = points(m.bottom);
  page.HeaderMargin = points(m.header);
  page.FooterMargin = points(m.footer);
  page.CenterHorizontally = false;
  page.LeftHeader = setup.header.left ?? '';
  page.CenterHeader = setup.header.center ?? '';
  page.RightHeader = setup.header.right ?? '';
  page.LeftFooter = setup.footer.left ?? '';
  page.CenterFooter = setup.footer.center ?? '';
  page.RightFooter = setup.footer.right ?? '';
  if (setup.titleRows !== undefined) page.PrintTitleRows = `$${setup.titleRows.first + 1}:$${setup.titleRows.last + 1}`;
  if (setup.rowBreaks.length === 0) return true;
  const breaks = ws.HPageBreaks;
  if (breaks === undefined) return false;
  for (const row of setup.rowBreaks) breaks.Add(ws.Range(cellAddress(row, 0)));
  return true;
}
