import { STATE_SHEET_NAME_VISIBLE } from '../workflows/stateSheet';
import type { CapabilityNote } from '../workflows/workbookPort';

/**
 * The ExcelApi requirement sets the adapter asks about, by feature. ExcelApi 1.1 is the floor
 * (Office 2016); everything newer is checked with `isSetSupported` before use and degrades with a
 * capability note. Sets per member: https://learn.microsoft.com/javascript/api/excel (each member's
 * "[Api set: ExcelApi x.y]"), summarised in shared/reference/OFFICE-PLATFORM.md §1.
 */
export const FEATURE_SETS = {
  /** `Worksheet.getUsedRange(valuesOnly)`, `Range.getResizedRange`. */
  valuesOnlyUsedRange: '1.2',
  /** `Range.merge`. */
  merge: '1.2',
  /** `Workbook.functions` (`Functions.date`), which tells the workbook's date system (readGrid.ts). */
  workbookFunctions: '1.2',
  /** `Worksheet.visibility` (set). */
  sheetVisibility: '1.2',
  /** `RangeFormat.columnWidth`. */
  columnWidth: '1.2',
  /** `NamedItemCollection.add`, `NamedItem.delete` (reading `workbook.names` is 1.1). */
  definedNames: '1.4',
  /** `Workbook.customXmlParts`. */
  customXmlParts: '1.5',
  /** `Range.conditionalFormats`. */
  conditionalFormats: '1.6',
  /** `Application.suspendApiCalculationUntilNextSync`. */
  suspendCalculation: '1.6',
  /** `Worksheet.freezePanes`. */
  freezePanes: '1.7',
  /** `Worksheet.onChanged`. */
  worksheetOnChanged: '1.7',
  /** `WorksheetCollection.onChanged` (every sheet, including sheets added later). */
  worksheetsOnChanged: '1.9',
  /** `ChartSeries.setValues` / `setXAxisValues` / `ChartSeriesCollection.add`. */
  chartSeriesRanges: '1.7',
  /** `Runtime.enableEvents`. */
  enableEvents: '1.8',
  /** `Range.copyFrom`. */
  rangeCopyFrom: '1.9',
  /** `Application.suspendScreenUpdatingUntilNextSync`. */
  suspendScreenUpdating: '1.9',
  /** `Worksheet.pageLayout` (orientation, paper, zoom, margins, headers and footers, print titles), `Worksheet.horizontalPageBreaks`. */
  pageLayout: '1.9',
  /** `Worksheet.customProperties`. */
  worksheetCustomProperties: '1.12',
} as const;

/** A feature whose requirement set the adapter checks. */
export type Feature = keyof typeof FEATURE_SETS;

/** Which optional features this host has. */
export type Capabilities = Readonly<Record<Feature, boolean>>;

/**
 * Ask Office which optional features the host supports
 * (https://learn.microsoft.com/office/dev/add-ins/develop/specify-api-requirements-runtime).
 * Without `Office.context` (not initialised yet) only the ExcelApi 1.1 floor is assumed.
 */
export function detectCapabilities(): Capabilities {
  const requirements = typeof Office === 'undefined' ? undefined : Office.context?.requirements;
  const supports = (version: string): boolean => requirements?.isSetSupported('ExcelApi', version) === true;
  const entries = Object.entries(FEATURE_SETS).map(([feature, version]) => [feature, supports(version)] as const);
  return Object.fromEntries(entries) as Record<Feature, boolean>;
}

/** Codes of the notes the adapter may add. */
export const NOTE_CODES = [
  'marks_as_fills',
  'marks_capped',
  'no_freeze_panes',
  'no_merge',
  'no_column_widths',
  'chart_format_skipped',
  'chart_data_copied',
  'state_sheet_visible',
  'cli_marks_left',
  'references_break',
  'no_defined_names',
  'no_page_layout',
  'date_system_unknown',
] as const;
/** A capability-note code. */
export type NoteCode = (typeof NOTE_CODES)[number];

const MESSAGES: Record<NoteCode, (detail: string) => CapabilityNote['message']> = {
  marks_as_fills: () => ({
    'zh-CN': '此版本的 Excel 不支持条件格式（ExcelApi 1.6）：问题单元格改用填充色标记，清除标记时恢复原来的填充色。',
    'en-US': 'This Excel has no conditional formats (ExcelApi 1.6): issue cells are marked with a fill colour, and their own fill is restored when the marks are cleared.',
  }),
  marks_capped: (detail) => ({
    'zh-CN': `问题单元格太多，只标记了前 ${detail} 个（错误优先）；完整列表见校验表。`,
    'en-US': `Too many issue cells: only the first ${detail} are marked (errors first); the validation sheet lists them all.`,
  }),
  no_freeze_panes: () => ({
    'zh-CN': '此版本的 Excel 不支持冻结窗格（ExcelApi 1.7），汇总表未冻结表头。',
    'en-US': 'This Excel cannot freeze panes (ExcelApi 1.7); the summary headers are not frozen.',
  }),
  no_merge: () => ({
    'zh-CN': '此版本的 Excel 不支持合并单元格（ExcelApi 1.2），标题未合并居中。',
    'en-US': 'This Excel cannot merge cells (ExcelApi 1.2); titles are not merged.',
  }),
  no_column_widths: () => ({
    'zh-CN': '此版本的 Excel 不支持设置列宽和行高（ExcelApi 1.2），汇总表使用默认列宽和行高。',
    'en-US': 'This Excel cannot set column widths and row heights (ExcelApi 1.2); the summary sheets use the default sizes.',
  }),
  chart_format_skipped: (detail) => ({
    'zh-CN': `部分图表格式（标题、坐标轴标题或数据标签）未能设置：${detail}`,
    'en-US': `Some chart formatting (titles, axis titles or data labels) could not be set: ${detail}`,
  }),
  chart_data_copied: () => ({
    'zh-CN': '此版本的 Excel（低于 ExcelApi 1.7）不能让图表引用不相邻的列：图表数据在汇总表右侧另列了一份（灰色，公式引用原表）。',
    'en-US': 'This Excel (below ExcelApi 1.7) cannot chart non-adjacent columns: the chart data is repeated, in grey, to the right of the summary (formulas pointing at the tables).',
  }),
  references_break: () => ({
    'zh-CN': '此版本的 Excel（低于 ExcelApi 1.9）不能在原表中替换内容：刷新删除并重建了汇总表；其他表中如有指向这些表的公式、名称或图表，现在显示 #REF!。',
    'en-US': 'This Excel (below ExcelApi 1.9) cannot replace a sheet\'s contents in place: the refresh deleted and rebuilt the summary sheets, so any formulas, names or charts elsewhere that pointed into them now show #REF!.',
  }),
  no_defined_names: () => ({
    'zh-CN': '此版本的 Excel（低于 ExcelApi 1.4）不能定义名称：没有“台账统计_总投资”等名称；加载项按表名和表内标记识别自己的表。',
    'en-US': 'This Excel (below ExcelApi 1.4) cannot define names: there are no names such as 台账统计_总投资, and the add-in recognises its sheets by their name and a marker cell.',
  }),
  no_page_layout: () => ({
    'zh-CN': '此版本的 Excel（低于 ExcelApi 1.9）不能设置打印格式：汇总表按 Excel 默认设置打印（未设横向 A4、按页宽缩放、页眉页脚和分页）。',
    'en-US': 'This Excel (below ExcelApi 1.9) cannot set up printing: the summary sheets print with Excel\'s defaults (no landscape A4, fit to page width, header, footer or page breaks).',
  }),
  date_system_unknown: () => ({
    'zh-CN': '此版本的 Excel（低于 ExcelApi 1.2）无法判断工作簿是否使用 1904 日期系统：日期按 1900 日期系统读取；若工作簿使用 1904 日期系统，读出的日期会早 4 年零 1 天。',
    'en-US': 'This Excel (below ExcelApi 1.2) cannot tell whether the workbook uses the 1904 date system: dates are read as 1900-system dates, so in a 1904-system workbook they come out 4 years and 1 day early.',
  }),
  state_sheet_visible: () => ({
    'zh-CN': `此版本的 Excel（低于 ExcelApi 1.2）不能隐藏工作表：台账统计的设置和上期基准保存在可见的工作表“${STATE_SHEET_NAME_VISIBLE}”中，请勿修改或删除它。`,
    'en-US': `This Excel (below ExcelApi 1.2) cannot hide sheets: the ledger-stats settings and period baseline are kept in the visible sheet "${STATE_SHEET_NAME_VISIBLE}"; please do not edit or delete it.`,
  }),
  cli_marks_left: () => ({
    'zh-CN': '此版本的 Excel 不支持条件格式（ExcelApi 1.6）：命令行 ledger-stats 留下的问题标记无法移除，仍显示在台账中；可在支持的 Excel 中清除标记，或用 ledger-stats refresh 重新生成。',
    'en-US': 'This Excel has no conditional formats (ExcelApi 1.6): the issue marks left by the ledger-stats command line cannot be removed and still show in the ledger; clear the marks in a newer Excel, or run ledger-stats refresh again.',
  }),
};

/** The operation a note belongs to: its notes are replaced each time the operation runs. */
export type NoteScope = 'sheets' | 'marks' | 'state' | 'read';

/**
 * The capability notes of one port: each operation replaces the notes of its own scope, so a note
 * describes the latest run (a cap reached two refreshes ago is not repeated).
 */
export class CapabilityNotes {
  private readonly notes = new Map<NoteCode, { scope: NoteScope; note: CapabilityNote }>();

  /** Forget the notes of `scope` (called when an operation starts). */
  reset(scope: NoteScope): void {
    for (const [code, entry] of this.notes) if (entry.scope === scope) this.notes.delete(code);
  }

  /** Add a note (once per code; the first detail wins). */
  add(scope: NoteScope, code: NoteCode, detail = ''): void {
    if (!this.notes.has(code)) this.notes.set(code, { scope, note: { code, message: MESSAGES[code](detail) } });
  }

  /** The current notes, in the order they were added. */
  list(): readonly CapabilityNote[] {
    return [...this.notes.values()].map((entry) => entry.note);
  }
}
