/**
 * The members of WPS 表格's (ET) JS object model this adapter calls, typed. ET's object model is the
 * synchronous, VBA-like one of Excel's COM API: collections are read with `Item(name or 1-based index)`,
 * methods always take parentheses and omitted leading arguments are passed as `undefined`
 * (kancloud.cn/pwedu/wps-js-macros/2259295 "JSAPI接口的差异"), and enumerations are plain numbers
 * (`Application.Enum` is missing on some hosts: Kingsoft's own wpsjs templates polyfill it,
 * wpsjs@2.2.2 packages/@wps-jsapi/et/js/taskpane.js). Only what `etWorkbookPort.ts` uses is declared, so the
 * fake in `test/fakes/et` models exactly these members.
 */

/** `XlSheetVisibility`: -1 visible, 0 hidden, 2 very hidden (shown in no menu). */
export const XL_SHEET_VISIBLE = -1;
/** See `XL_SHEET_VISIBLE`. */
export const XL_SHEET_VERY_HIDDEN = 2;
/** `XlFormatConditionType.xlExpression`: a rule given by a formula. */
export const XL_EXPRESSION = 2;
/**
 * `XlHAlign`/`XlVAlign` (learn.microsoft.com/office/vba/api/excel.xlhalign, dotnet/api/…xlvalign): left -4131,
 * right -4152, top -4160, bottom -4107, center -4108 in both.
 */
export const XL_ALIGN = { left: -4131, center: -4108, right: -4152, top: -4160, bottom: -4107 } as const;
/** `XlAxisType` (learn.microsoft.com/office/vba/api/excel.xlaxistype): xlCategory 1, xlValue 2. */
export const XL_CATEGORY_AXIS = 1;
/** See `XL_CATEGORY_AXIS`. */
export const XL_VALUE_AXIS = 2;
/** `XlRowCol.xlColumns`: `SetSourceData` reads each column as a series. */
export const XL_COLUMNS = 2;
/** `XlSheetVisibility.xlSheetHidden`: hidden, but listed under 取消隐藏 (and deletable; see `dropState`). */
export const XL_SHEET_HIDDEN = 0;
/** `XlPageOrientation` (learn.microsoft.com/office/vba/api/excel.xlpageorientation): xlPortrait 1, xlLandscape 2. */
export const XL_PORTRAIT = 1;
/** See `XL_PORTRAIT`. */
export const XL_LANDSCAPE = 2;
/** `XlPaperSize.xlPaperA4` (learn.microsoft.com/office/vba/api/excel.xlpapersize): 9. */
export const XL_PAPER_A4 = 9;

/** `Application` (the global `window.Application` in an add-in's page). */
export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  ScreenUpdating: boolean;
  EnableEvents?: boolean;
  DisplayAlerts?: boolean;
  /**
   * The window in front: frozen panes are a property of the window's view of its active sheet (VBA
   * `Window.FreezePanes`, `SplitRow`, `SplitColumn`), so a sheet is activated before its panes are frozen.
   * `null` when no window is open; absent on a host without it (feature-tested).
   */
  readonly ActiveWindow?: EtWindow | null;
  /**
   * The text of the status bar (VBA `Application.StatusBar`, learn.microsoft.com/office/vba/api/excel.application.statusbar:
   * read/write; `false` gives the bar back to the application). Absent on a host without it (feature-tested).
   */
  StatusBar?: string | boolean;
}

/** `Window`: only the members that freeze panes. */
export interface EtWindow {
  FreezePanes: boolean;
  /** Rows (columns) above (left of) the split, counted from the window's first visible row (`ScrollRow`). */
  SplitRow: number;
  SplitColumn: number;
  /** 1-based first visible row and column. */
  ScrollRow: number;
  ScrollColumn: number;
}

/** `Workbook`. */
export interface EtWorkbook {
  /** The sheet in front (VBA: `Sheets.Add` makes the new sheet the active one). */
  readonly ActiveSheet: EtWorksheet;
  readonly Worksheets: EtSheets;
  readonly Names: EtNames;
  /**
   * Whether the workbook counts dates from 1904-01-01 (VBA `Workbook.Date1904`): `Value2` then gives the serials the
   * workbook stores, 1,462 days less than the 1900 system's for the same date. Absent on a host without it.
   */
  readonly Date1904?: boolean;
}

/** `Worksheets`. */
export interface EtSheets {
  readonly Count: number;
  /** By name or 1-based index; throws when there is none. */
  Item(index: string | number): EtWorksheet;
  /** A new sheet before `Before` or after `After` (VBA `Sheets.Add(Before, After, Count, Type)`). */
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet;
}

/** `Worksheet`. */
export interface EtWorksheet {
  Name: string;
  /** `XlSheetVisibility`, see `XL_SHEET_VISIBLE`. */
  Visible: number;
  readonly UsedRange: EtRange;
  Range(address: string): EtRange;
  Delete(): void;
  Activate(): void;
  /** The embedded charts. */
  ChartObjects(): EtChartObjects;
  /** Every cell of the sheet (`Cells.Clear()`, `Cells.FormatConditions`). */
  readonly Cells: EtRange;
  /** The sheet's tables (VBA `Worksheet.ListObjects`); absent on a host without them (feature-tested). */
  readonly ListObjects?: EtListObjects;
  /** Print settings; absent on a host without them (feature-tested). */
  readonly PageSetup?: EtPageSetup;
  /** Manual page breaks above rows (VBA `HPageBreaks.Add(Before)`); a new sheet has none to remove. */
  readonly HPageBreaks?: { readonly Count: number; Add(Before: EtRange): unknown };
}

/** `ListObjects` of a sheet. */
export interface EtListObjects {
  readonly Count: number;
  /** 1-based. */
  Item(index: number | string): EtListObject;
}

/** `ListObject`: a table. */
export interface EtListObject {
  readonly Name: string;
  /** The whole table, header row included. */
  readonly Range: EtRange;
}

/**
 * `PageSetup` (learn.microsoft.com/office/vba/api/excel.pagesetup): margins in points, `Zoom = false` to scale by
 * `FitToPagesWide` / `FitToPagesTall` (`false`: as many pages as it takes), header and footer texts in Excel's
 * header codes, `PrintTitleRows` an absolute row address (`$1:$3`).
 */
export interface EtPageSetup {
  /** `XL_PORTRAIT` or `XL_LANDSCAPE`. */
  Orientation: number;
  /** `XlPaperSize`, see `XL_PAPER_A4`. */
  PaperSize: number;
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
  LeftMargin: number;
  RightMargin: number;
  TopMargin: number;
  BottomMargin: number;
  HeaderMargin: number;
  FooterMargin: number;
  CenterHorizontally: boolean;
  LeftHeader: string;
  CenterHeader: string;
  RightHeader: string;
  LeftFooter: string;
  CenterFooter: string;
  RightFooter: string;
  PrintTitleRows: string;
}

/** `ChartObjects` of a sheet. */
export interface EtChartObjects {
  readonly Count: number;
  /** A new embedded chart at `Left`, `Top` with `Width`, `Height`, in points. */
  Add(Left: number, Top: number, Width: number, Height: number): EtChartObject;
}

/** `ChartObject`: the frame of an embedded chart. */
export interface EtChartObject {
  Name: string;
  readonly Chart: EtChart;
}

/** `Chart`. */
export interface EtChart {
  /** `XlChartType`: 51 clustered column, 52 stacked column, 57 clustered bar, 5 pie. */
  ChartType: number;
  HasTitle: boolean;
  readonly ChartTitle: { Text: string };
  /** `PlotBy`: `XL_COLUMNS`. */
  SetSourceData(Source: EtRange, PlotBy?: number): void;
  SeriesCollection(): { readonly Count: number; Item(index: number): EtSeries };
  /** `XlAxisType`: 1 category, 2 value. */
  Axes(Type: number): EtAxis;
}

/** `Axis`. */
export interface EtAxis {
  HasTitle: boolean;
  readonly AxisTitle: { Text: string };
  ReversePlotOrder: boolean;
}

/** `Series`: `Values` and `XValues` accept a range. */
export interface EtSeries {
  Name: string;
  HasDataLabels: boolean;
  Values: unknown;
  XValues: unknown;
}

/** `Range`. */
export interface EtRange {
  /**
   * The values: a scalar for one cell, else an array of rows (a host may give one row, or one column, as a flat
   * array: `normaliseValue2`). Dates are serial numbers; empty cells are `undefined`, `null` or `''`.
   */
  Value2: unknown;
  NumberFormat: unknown;
  /** 1-based row and column of the top-left cell. */
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number };
  readonly FormatConditions: EtFormatConditions;
  readonly Font: { Bold: boolean; Color: number; Size: number };
  readonly Interior: { Color: number };
  /** `XlHAlign` / `XlVAlign`, see `XL_ALIGN`. */
  HorizontalAlignment: number;
  VerticalAlignment: number;
  WrapText: boolean;
  /** Width of the range's columns in characters of the standard font; height of its rows in points. */
  ColumnWidth: number;
  RowHeight: number;
  Merge(): void;
  /** Select the range (on the active sheet). */
  Select(): void;
  /** Clear values, formulas and formats. */
  Clear(): void;
  /** Position and size in points. */
  readonly Left: number;
  readonly Top: number;
  readonly Width: number;
  readonly Height: number;
}

/** `FormatConditions` of a range: the conditional formats that intersect it. */
export interface EtFormatConditions {
  readonly Count: number;
  Item(index: number): EtFormatCondition;
  Add(Type: number, Operator?: number, Formula1?: string): EtFormatCondition;
}

/** `FormatCondition`. */
export interface EtFormatCondition {
  readonly Type: number;
  readonly Formula1: string;
  /** `Color` is a BGR number, as VBA's `RGB()` gives it. */
  readonly Interior: { Color: number };
  Delete(): void;
}

/** `Names` of a workbook. */
export interface EtNames {
  readonly Count: number;
  Item(index: string | number): EtName;
  /** `Names.Add(Name, RefersTo, Visible)` (airsheet.wps.cn docs apiV2/excel/workbook/Names "Add 方法"). */
  Add(Name: string, RefersTo: string, Visible?: boolean): EtName;
}

/** `Name`. */
export interface EtName {
  readonly Name: string;
  /** A1 reference with a leading `=`, e.g. `='汇总'!$A$1`. */
  readonly RefersTo: string;
  Delete(): void;
}
