/**
 * Sheet plans: the summary sheets as plain data. The Excel adapter and the
 * .xlsx writer apply them mechanically; neither decides anything about layout.
 *
 * Coordinates are 0-based (`row`, `col`) on the plan's own sheet.
 */

/** The sheets the add-in owns, by role. The role, not the name, identifies a sheet. */
export const SHEET_ROLES = ['summary', 'validation', 'changes', 'race', 'warnings'] as const;
/** An owned sheet's role. */
export type SheetRole = (typeof SHEET_ROLES)[number];

/** A formula the layout itself wrote (never built from ledger text without escaping). */
export interface PlanFormula {
  readonly formula: string;
  /** The value a reader without recalculation should see (written as the cached result where the writer can). */
  readonly result?: number | string;
}

/** An in-workbook link to a cell, shown as `text`. */
export interface PlanLink {
  readonly link: { readonly sheet: string; readonly address: string };
  readonly text: string;
}

/**
 * One planned cell. A `string` is ALWAYS literal text: adapters must write it so that it never
 * becomes a formula, even when it starts with `=`, `+`, `-` or `@` (ledger text is untrusted).
 */
export type PlanCell = null | number | boolean | string | PlanFormula | PlanLink;

/** A rectangle on the plan's sheet. */
export interface PlanRange {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** Cell styles the plans use. Kept small so every host can apply them. */
export interface PlanStyle {
  readonly bold?: boolean;
  /** Fill colour as `#RRGGBB`. */
  readonly fill?: string;
  /** Font colour as `#RRGGBB`. */
  readonly fontColor?: string;
  /** Font size in points. */
  readonly fontSize?: number;
  readonly horizontalAlignment?: 'left' | 'center' | 'right';
  /** Where text sits in a cell taller than it; absent: the host's default (bottom). */
  readonly verticalAlignment?: 'top' | 'center' | 'bottom';
  readonly wrapText?: boolean;
}

/** A block of cells written in one operation. */
export interface PlanBlock {
  readonly row: number;
  readonly col: number;
  /** Rows of cells; every row has the same length. */
  readonly values: readonly (readonly PlanCell[])[];
  /**
   * Number format: one for the whole block, or one per column of the block (`null` = leave General).
   * Set before the values are written.
   */
  readonly numberFormat?: string | readonly (string | null)[];
  readonly style?: PlanStyle;
}

/** A style applied to a range without writing values. */
export interface PlanFormat {
  readonly range: PlanRange;
  readonly style: PlanStyle;
}

/** Chart types the plans use: basic types that every Excel client draws the same way. */
export const CHART_TYPES = ['columnClustered', 'barClustered', 'pie', 'columnStacked'] as const;
/** A chart type. */
export type ChartType = (typeof CHART_TYPES)[number];

/** One series of a chart: a name and a one-column range of values on the plan's sheet. */
export interface ChartSeriesSpec {
  readonly name: string;
  readonly values: PlanRange;
}

/** A native chart, referencing only cells of the plan's own sheet. */
export interface ChartSpec {
  /** Stable id, also used as the chart name in the workbook. */
  readonly id: string;
  readonly type: ChartType;
  readonly title: string;
  /** One-column range of category labels. */
  readonly categories: PlanRange;
  readonly series: readonly ChartSeriesSpec[];
  /** Value-axis title, carrying the unit (e.g. "亿元", "个"). */
  readonly valueAxisTitle: string;
  readonly categoryAxisTitle?: string;
  readonly showDataLabels: boolean;
  /** Where the chart sits: top-left cell and size in cells. */
  readonly position: PlanRange;
  /**
   * Draw the categories in reverse order (Excel `categoryAxis.reversePlotOrder`). Set on bar
   * charts, which Excel draws bottom-up, so that the first row of the range is at the top.
   * Hosts without the setting may ignore it.
   */
  readonly reverseCategories?: boolean;
}

/** A row height in points, for a row whose text Excel cannot fit by itself (merged and wrapped cells). */
export interface PlanRowHeight {
  readonly row: number;
  readonly height: number;
}

/**
 * A defined name for one cell of the plan (e.g. 台账统计_总投资 for the total investment), so a
 * user's own formulas can reference a figure wherever the layout puts it. Adapters that support
 * defined names create it on the plan's sheet and move it with every refresh.
 */
export interface PlanName {
  readonly name: string;
  readonly row: number;
  readonly col: number;
}

/** Left, centre and right sections of a printed header or footer, in Excel's header codes (`&P` page, `&N` pages, `&&` an ampersand). */
export interface HeaderFooterText {
  readonly left?: string;
  readonly center?: string;
  readonly right?: string;
}

/** How a sheet prints (`pageSetupOf`): paper, scaling, margins, repeated rows, header, footer and page breaks. */
export interface PageSetup {
  readonly orientation: 'landscape' | 'portrait';
  readonly paperSize: 'A4';
  /** Scaled to fit this many pages wide; the height runs over as many pages as it takes. */
  readonly fitToPagesWide: number;
  /** Margins in inches. */
  readonly margins: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number; readonly header: number; readonly footer: number };
  /** Rows printed at the top of every page (0-based, inclusive). */
  readonly titleRows?: { readonly first: number; readonly last: number };
  readonly header: HeaderFooterText;
  readonly footer: HeaderFooterText;
  /** 0-based rows that start a new printed page (a manual break above each), never inside a table. */
  readonly rowBreaks: readonly number[];
}

/** One sheet the add-in owns, as data. */
export interface SheetPlan {
  readonly role: SheetRole;
  /** Wanted name (e.g. 汇总). The adapter picks another if a user sheet already has it. */
  readonly name: string;
  readonly blocks: readonly PlanBlock[];
  readonly formats: readonly PlanFormat[];
  readonly merges: readonly PlanRange[];
  /** Column widths in characters, from column 0. */
  readonly columnWidths: readonly number[];
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly charts: readonly ChartSpec[];
  /** Heights of rows Excel does not autofit (merged, wrapped text); other rows keep their default. */
  readonly rowHeights?: readonly PlanRowHeight[];
  /** Defined names for key cells (workbook-scoped, pointing at this sheet). */
  readonly names?: readonly PlanName[];
  /** How the sheet prints; absent: the host's defaults. */
  readonly pageSetup?: PageSetup;
}

/** Key-figure changes since the last period, shown beside the key figures ("比上次 +3"). */
export type { KeyFigureDeltas } from '../diff/types';
