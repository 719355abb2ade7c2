import { SHEET_ROLES, type CellValue, type ChartSpec, type ChartType, type Grid, type PlanBlock, type PlanRange, type PlanStyle, type SheetPlan, type SheetRole } from '../domain';
import { baselineRevision } from '../workflows/baselineRevision';
import { SOURCE_PREVIEW_ROWS } from '../workflows/chooseSource';
import { gridOwnerName } from '../workflows/gridOwnerName';
import { MARKS_SHEET_MARKER, markRuleSheet } from '../workflows/markRuleSheet';
import { ownerName, ownerSheetsByName, sheetOfNameValue, type LoadedName } from '../workflows/ownerNames';
import {
  chunkText,
  EMPTY_STATE_DOC,
  isStateMarker,
  largestChunkBytes,
  readStateHeader,
  readStateSheet,
  SNAPSHOT_COLUMNS,
  STATE_COLUMNS,
  STATE_FIRST_CHUNK_ROW,
  STATE_FORMAT_VERSION,
  STATE_LABELS,
  STATE_MARKER,
  STATE_SHEET_NAME,
  stateColumnTexts,
  type MarkRecord,
  type SnapshotColumn,
  type StateSheetDoc,
} from '../workflows/stateSheet';
import { statusRow } from '../workflows/statusRow';
import {
  PortError,
  type AppliedPlans,
  type CapabilityNote,
  type CellMark,
  type GridSheet,
  type PortErrorCode,
  type SheetInfo,
  type SourceGrid,
  type SourceRef,
  type StoredState,
  type UserSheetPlan,
  type WorkbookPort,
} from '../workflows/workbookPort';
// Pure helpers of src/excel (no Excel.* in them); eslint.config.js allows src/wps these three files only.
import { cellAddress, parseCellAddress, quotedSheetName, rangeAddress } from '../excel/a1';
import { cleanSheetName, sheetNameKey, uniqueSheetName } from '../excel/sheetNames';
import { literalText, toCellInput } from '../excel/toCellInput';
import { exclusiveEt, LEASE_SHEET_NAME, type EtLeaseOptions } from './etLease';
import { activate, activeSheetName, addSheetAtEnd, deleteSheets, findSheet, sheetsOf } from './etSheets';
import {
  XL_ALIGN,
  XL_CATEGORY_AXIS,
  XL_COLUMNS,
  XL_EXPRESSION,
  XL_SHEET_HIDDEN,
  XL_SHEET_VERY_HIDDEN,
  XL_SHEET_VISIBLE,
  XL_VALUE_AXIS,
  type EtApplication,
  type EtFormatCondition,
  type EtRange,
  type EtWorkbook,
  type EtWorksheet,
} from './etTypes';
import { applyPageSetup, freezePanes } from './etView';

/**
 * The workbook port over WPS 表格's JS object model (issue 20). ET's calls are synchronous, so every method
 * is a plain sequence of property reads and writes; reads and writes go in blocks of `BLOCK_ROWS` rows, so
 * the number of calls grows with the rows only by blocks. The plans, the owner names
 * (`_LedgerStats_Owner_<role>`, ownerNames.ts) and the state sheet (stateSheet.ts, format 2) are those of
 * the Office.js port and of the CLI, so a workbook moves between the three hosts.
 *
 * Not verified in a real WPS: everything here is tested against the fake in `test/fakes/et`, which models
 * Excel's VBA semantics for these members; Kingsoft documents ET's JS API as that object model
 * (airsheet.wps.cn/docs/apiV2/excel). See README "WPS 表格" for what is left.
 */

/** Rows per `Value2` read or write. */
export const BLOCK_ROWS = 2_000;

/** Longest union address passed to `Range()` (VBA's `Range(Cell1)` takes a string of at most 255 characters). */
const MAX_UNION_ADDRESS = 250;

/** Fill colours of the marks, as the Excel adapter and the CLI use them (src/excel/markFills.ts), in BGR. */
const MARK_COLORS: Record<CellMark['severity'], number> = { error: bgr('#FFC7CE'), warning: bgr('#FFEB9C') };

/** `#RRGGBB` as the BGR number of VBA's `RGB(r, g, b)`. */
function bgr(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return ((n >> 16) & 0xff) + (n & 0xff00) + ((n & 0xff) << 16);
}

/** Options of `createEtWorkbookPort`. */
export interface EtWorkbookPortOptions {
  /** The ET `Application` (default: the global `Application` WPS defines in the add-in's page). */
  readonly application?: EtApplication;
  /** Random token for temporary sheet names (default: `Math.random`). */
  readonly token?: () => string;
  /** Options of the refresh lease (`exclusive`; see etLease.ts), for tests. */
  readonly lease?: EtLeaseOptions;
}

/**
 * The hidden workbook name that points at the status cell of the owned summary sheet (`writeStatus`), the row below
 * everything the summary plan draws. The Office.js port keeps that cell in its document settings, which WPS cannot
 * read; a name follows the sheet through renames and turns into `#REF!` when another host replaces the sheet.
 */
export const STATUS_NAME = '_LedgerStats_Status';

/** Normalise a `Value2` of a `rows` × `cols` range into rows: a scalar for one cell, a flat array for one row or one column. */
export function normaliseValue2(value: unknown, rows: number, cols: number): CellValue[][] {
  if (!Array.isArray(value)) return [[cellValue(value)]];
  if (value.length > 0 && value.every((row) => Array.isArray(row))) return (value as unknown[][]).map((row) => row.map(cellValue));
  const flat = value.map(cellValue);
  return rows === 1 ? [flat] : flat.map((v) => [v]).slice(0, rows * Math.max(1, cols));
}

/** One ET value as a grid cell: empty cells (`undefined`, `null`, `''`) are `null`. */
function cellValue(value: unknown): CellValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** The A1 address of 0-based rows `[row, row + rows)` and columns `[col, col + cols)`. */
function area(row: number, col: number, rows: number, cols: number): string {
  return `${cellAddress(row, col)}:${cellAddress(row + rows - 1, col + cols - 1)}`;
}

/** The sheet's cells from A1 (the rows and columns before the used range are `null`), read in row blocks. */
function readSheetGrid(ws: EtWorksheet, maxRows = Infinity): CellValue[][] {
  return readRangeGrid(ws, ws.UsedRange, maxRows);
}

/** The cells of `used` (a range of `ws`) from A1: the rows and columns before it are `null`; read in row blocks. */
function readRangeGrid(ws: EtWorksheet, used: EtRange, maxRows = Infinity): CellValue[][] {
  const row0 = used.Row - 1;
  const col0 = used.Column - 1;
  const rows = Math.min(used.Rows.Count, Math.max(0, maxRows - row0));
  const cols = used.Columns.Count;
  const grid: CellValue[][] = [];
  for (let r = 0; r < Math.min(row0, maxRows); r++) grid.push(new Array<CellValue>(col0 + cols).fill(null));
  const lead = new Array<CellValue>(col0).fill(null);
  for (let at = 0; at < rows; at += BLOCK_ROWS) {
    const n = Math.min(BLOCK_ROWS, rows - at);
    const block = normaliseValue2(ws.Range(area(row0 + at, col0, n, cols)).Value2, n, cols);
    for (const row of block) grid.push([...lead, ...row]);
  }
  return grid.every((row) => row.every((cell) => cell === null)) ? [] : grid;
}

/** Write rows from a 0-based cell, in blocks of `BLOCK_ROWS` rows. */
function writeRows(ws: EtWorksheet, row: number, col: number, rows: readonly (readonly unknown[])[]): void {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  if (cols === 0) return;
  for (let at = 0; at < rows.length; at += BLOCK_ROWS) {
    const block = rows.slice(at, at + BLOCK_ROWS).map((r) => Array.from({ length: cols }, (_, c) => r[c] ?? ''));
    ws.Range(area(row + at, col, block.length, cols)).Value2 = block;
  }
}

function namesOf(wb: EtWorkbook): LoadedName[] {
  const names: LoadedName[] = [];
  for (let i = 1; i <= wb.Names.Count; i++) {
    const name = wb.Names.Item(i);
    names.push({ name: name.Name, type: 'Range', value: name.RefersTo });
  }
  return names;
}

/** Delete the workbook name `name` if there is one. */
function deleteName(wb: EtWorkbook, name: string): void {
  const key = name.toLowerCase();
  for (let i = wb.Names.Count; i >= 1; i--) {
    const item = wb.Names.Item(i);
    if (item.Name.toLowerCase() === key) item.Delete();
  }
}

/**
 * Prefix of the hidden names that mark the old summaries a refresh could not delete (`_LedgerStats_Leftover_1`…,
 * each pointing at A1 of one such sheet): the next refresh deletes the sheets these names point at, and only those,
 * so a sheet of the user's named like a leftover (`~lo0…`) is never touched.
 */
export const LEFTOVER_NAME_PREFIX = '_LedgerStats_Leftover_';

/** Whether a sheet object still stands for a sheet (every member of a deleted sheet throws, as in COM). */
function isLive(ws: EtWorksheet): boolean {
  try {
    return typeof ws.Name === 'string';
  } catch {
    return false;
  }
}

/** The leftover names (`LEFTOVER_NAME_PREFIX`), each with the sheet it points at (`null`: gone, or `#REF!`). */
function leftoversOf(wb: EtWorkbook): { name: string; ws: EtWorksheet | null }[] {
  const prefix = LEFTOVER_NAME_PREFIX.toLowerCase();
  return namesOf(wb)
    .filter((n) => n.name.toLowerCase().startsWith(prefix))
    .map((n) => {
      const sheet = sheetOfNameValue(n);
      return { name: n.name, ws: sheet === null ? null : findSheet(wb, sheet) };
    });
}

/**
 * Mark old summaries that could not be deleted as ours (a hidden leftover name each) and hide them (very hidden, as
 * the state sheet): the next refresh deletes them. Best effort: a sheet whose name cannot be added stays visible and
 * unmarked (deleting it is then the user's, as the note says).
 */
function markLeftovers(wb: EtWorkbook, sheets: readonly EtWorksheet[]): void {
  const taken = new Set(namesOf(wb).map((n) => n.name.toLowerCase()));
  let k = 1;
  for (const ws of sheets) {
    while (taken.has(`${LEFTOVER_NAME_PREFIX}${k}`.toLowerCase())) k++;
    const name = `${LEFTOVER_NAME_PREFIX}${k}`;
    try {
      wb.Names.Add(name, `=${quotedSheetName(ws.Name)}!$A$1`, false);
      taken.add(name.toLowerCase());
      ws.Visible = XL_SHEET_VERY_HIDDEN;
    } catch {
      // Unmarked or not hidden: the note says the old summaries are left.
    }
  }
}

/**
 * Delete the old summaries earlier refreshes left (found by their leftover names), then the names. A sheet that
 * still cannot be deleted keeps its name, for the next refresh. `false` when one is left.
 */
function deleteLeftovers(app: EtApplication, wb: EtWorkbook): boolean {
  let isClean = true;
  for (const { name, ws } of leftoversOf(wb)) {
    try {
      if (ws !== null) {
        // Hidden first: a very hidden sheet may not be deletable (see dropState).
        if (ws.Visible === XL_SHEET_VERY_HIDDEN) ws.Visible = XL_SHEET_HIDDEN;
        deleteSheets(app, [ws]);
      }
      deleteName(wb, name);
    } catch {
      isClean = false;
    }
  }
  return isClean;
}

/** Font colour of the status line (#595959, as the Office.js port writes it; grey is the same in BGR). */
const STATUS_COLOR = 0x595959;

/** A user-sheet cell as input: text literally, a finite number as it is, anything else empty (createUserSheet.ts). */
function userInput(value: string | number | null): string | number {
  if (value === null) return '';
  return typeof value === 'string' ? literalText(value) : Number.isFinite(value) ? value : '';
}

/**
 * The status cell: the cell `STATUS_NAME` points at, when it is on the owned summary sheet and nothing of the sheet
 * lies there or below it but an earlier status line (column A of that row). Otherwise `null`: another host replaced the
 * summary since (its name is `#REF!`, or its rows reach down there), and nothing of it is overwritten.
 */
function statusCell(wb: EtWorkbook): { ws: EtWorksheet; address: string } | null {
  const names = namesOf(wb);
  const summary = ownerSheetsByName(names).get('summary');
  const status = names.find((n) => n.name.toLowerCase() === STATUS_NAME.toLowerCase());
  if (summary === undefined || status === undefined || sheetOfNameValue(status) === null) return null;
  if (sheetNameKey(sheetOfNameValue(status) ?? '') !== sheetNameKey(summary)) return null;
  const cell = parseCellAddress(String(status.value).slice(String(status.value).lastIndexOf('!') + 1).replace(/\$/g, ''));
  const ws = findSheet(wb, summary);
  if (cell === null || ws === null) return null;
  const used = ws.UsedRange;
  const lastRow = used.Row - 2 + used.Rows.Count;
  const lastCol = used.Column - 2 + used.Columns.Count;
  if (lastRow > cell.row) return null;
  if (lastRow === cell.row && lastCol > cell.col) {
    const right = normaliseValue2(ws.Range(area(cell.row, cell.col + 1, 1, lastCol - cell.col)).Value2, 1, lastCol - cell.col);
    if (right.some((row) => row.some((v) => v !== null))) return null;
  }
  return { ws, address: cellAddress(cell.row, cell.col) };
}

/** The Office.js add-in's marks helper sheets: found by `MARKS_SHEET_MARKER` in A1, whatever their names. */
function marksHelpers(sheets: readonly EtWorksheet[]): EtWorksheet[] {
  return sheets.filter((ws) => ws.Range('A1').Value2 === MARKS_SHEET_MARKER);
}

/**
 * Delete the Office.js add-in's mark rules (src/excel/markRules.ts) on every sheet but the helpers, recognised by
 * their content as the add-in recognises them, never by their position among the sheet's rules: the expression
 * rules whose formula has the shape of a mark rule and reads a marks helper sheet, a sheet that no longer exists or
 * `#REF!` (markRuleSheet.ts). Every other rule, the user's too, stays. `Cells.FormatConditions` is the sheet's rules;
 * `Formula1` is read only from expression rules (other kinds, data bars say, have none). The helper sheets stay: no
 * rule reads them any more, and the add-in writes them again on its next refresh (`dropState` deletes them).
 */
function removeAddinMarkRules(sheets: readonly EtWorksheet[]): void {
  const helpers = marksHelpers(sheets);
  const helperKeys = new Set(helpers.map((ws) => sheetNameKey(ws.Name)));
  const existing = new Set(sheets.map((ws) => sheetNameKey(ws.Name)));
  for (const ws of sheets) {
    if (helpers.includes(ws)) continue;
    const all = ws.Cells;
    if ((all as { FormatConditions?: unknown }).FormatConditions === undefined) continue;
    const conditions = all.FormatConditions;
    for (let i = conditions.Count; i >= 1; i--) {
      const fc = conditions.Item(i);
      if (fc.Type !== XL_EXPRESSION) continue;
      const target = markRuleSheet(fc.Formula1);
      if (target === undefined) continue;
      if (target === null || helperKeys.has(sheetNameKey(target)) || !existing.has(sheetNameKey(target))) fc.Delete();
    }
  }
}

/** The sheet's tables (`ListObjects`), none on a host without them: the sheet is then read as a sheet. */
function tablesOf(ws: EtWorksheet): { readonly Name: string; readonly Range: EtRange }[] {
  const list = (ws as { ListObjects?: EtWorksheet['ListObjects'] }).ListObjects;
  if (list === undefined || list === null) return [];
  const tables: { Name: string; Range: EtRange }[] = [];
  for (let i = 1; i <= list.Count; i++) tables.push(list.Item(i));
  return tables;
}

/** The absolute A1 address of a 0-based cell (`$A$40`). */
function absolute(row: number, col: number): string {
  return cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

/** A sheet name starting with `prefix` that no sheet of `wb` has (a counter follows a token that is taken: tests fix the token). */
function freeTempName(wb: EtWorkbook, prefix: string, token: () => string): string {
  const taken = new Set(sheetsOf(wb).map((ws) => sheetNameKey(ws.Name)));
  for (let n = 0; ; n++) {
    const name = `${prefix}${token()}`.slice(0, 27) + (n === 0 ? '' : String(n));
    if (!taken.has(sheetNameKey(name))) return name;
  }
}

/** Write one plan block: number formats first (a column at a time), then the values. */
function writeBlock(ws: EtWorksheet, block: PlanBlock): void {
  const rows = block.values.length;
  const cols = block.values[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return;
  const format = block.numberFormat;
  if (typeof format === 'string') ws.Range(area(block.row, block.col, rows, cols)).NumberFormat = format;
  else if (format !== undefined)
    format.forEach((f, c) => {
      if (f !== null && c < cols) ws.Range(area(block.row, block.col + c, rows, 1)).NumberFormat = f;
    });
  writeRows(ws, block.row, block.col, block.values.map((row) => row.map(toCellInput)));
}

/** Apply a plan style to a range. */
function styleRange(ws: EtWorksheet, range: PlanRange, style: PlanStyle): void {
  if (range.rows <= 0 || range.cols <= 0) return;
  const r = ws.Range(rangeAddress(range));
  if (style.bold !== undefined) r.Font.Bold = style.bold;
  if (style.fontColor !== undefined) r.Font.Color = bgr(style.fontColor);
  if (style.fontSize !== undefined) r.Font.Size = style.fontSize;
  if (style.fill !== undefined) r.Interior.Color = bgr(style.fill);
  if (style.horizontalAlignment !== undefined) r.HorizontalAlignment = XL_ALIGN[style.horizontalAlignment];
  if (style.verticalAlignment !== undefined) r.VerticalAlignment = XL_ALIGN[style.verticalAlignment];
  if (style.wrapText !== undefined) r.WrapText = style.wrapText;
}

/** Everything of a plan but its values and charts: styles, merges, column widths (characters) and row heights (points). */
function formatSheet(ws: EtWorksheet, plan: SheetPlan): void {
  for (const block of plan.blocks)
    if (block.style !== undefined) styleRange(ws, { row: block.row, col: block.col, rows: block.values.length, cols: block.values[0]?.length ?? 0 }, block.style);
  for (const format of plan.formats) styleRange(ws, format.range, format.style);
  for (const merge of plan.merges) ws.Range(rangeAddress(merge)).Merge();
  plan.columnWidths.forEach((chars, col) => {
    ws.Range(cellAddress(0, col)).ColumnWidth = chars;
  });
  for (const { row, height } of plan.rowHeights ?? []) ws.Range(cellAddress(row, 0)).RowHeight = height;
}

/**
 * `XlChartType` of each plan chart type (learn.microsoft.com/dotnet/api/microsoft.office.interop.excel.xlcharttype:
 * xlColumnClustered 51, xlColumnStacked 52, xlBarClustered 57, xlPie 5; ET takes Excel's numbers, issue 20).
 */
const CHART_TYPES: Record<ChartType, number> = { columnClustered: 51, columnStacked: 52, barClustered: 57, pie: 5 };

/**
 * A native chart from a plan's chart spec: the series' columns as the source (`SetSourceData`, by columns), then
 * each series' name and categories set explicitly, so nothing depends on the host guessing headers.
 */
function drawChart(ws: EtWorksheet, spec: ChartSpec): void {
  const at = ws.Range(rangeAddress(spec.position));
  const frame = ws.ChartObjects().Add(at.Left, at.Top, at.Width, at.Height);
  frame.Name = spec.id;
  const chart = frame.Chart;
  chart.ChartType = CHART_TYPES[spec.type];
  chart.SetSourceData(ws.Range(spec.series.map((s) => rangeAddress(s.values)).join(',')), XL_COLUMNS);
  const series = chart.SeriesCollection();
  spec.series.forEach((s, i) => {
    const item = series.Item(i + 1);
    item.Name = s.name;
    item.XValues = ws.Range(rangeAddress(spec.categories));
  });
  chart.HasTitle = true;
  chart.ChartTitle.Text = spec.title;
  for (let i = 1; i <= spec.series.length; i++) series.Item(i).HasDataLabels = spec.showDataLabels;
  if (spec.type === 'pie') return;
  const titled = (type: number, text: string | undefined): void => {
    if (text === undefined || text === '') return;
    const axis = chart.Axes(type);
    axis.HasTitle = true;
    axis.AxisTitle.Text = text;
  };
  titled(XL_VALUE_AXIS, spec.valueAxisTitle);
  titled(XL_CATEGORY_AXIS, spec.categoryAxisTitle);
  if (spec.reverseCategories === true) chart.Axes(XL_CATEGORY_AXIS).ReversePlotOrder = true;
}

/** The A1 areas of marked cells: runs of consecutive rows in a column ("F2:F9"), by column then row. */
function markAreas(addresses: readonly string[]): string[] {
  const cells = addresses.map(parseCellAddress).filter((c): c is NonNullable<typeof c> => c !== null);
  cells.sort((a, b) => a.col - b.col || a.row - b.row);
  const areas: string[] = [];
  let run: { col: number; first: number; last: number } | null = null;
  const close = (): void => {
    if (run !== null) areas.push(run.first === run.last ? cellAddress(run.first, run.col) : `${cellAddress(run.first, run.col)}:${cellAddress(run.last, run.col)}`);
  };
  for (const { row, col } of cells) {
    if (run !== null && run.col === col && row <= run.last + 1) run.last = Math.max(run.last, row);
    else {
      close();
      run = { col, first: row, last: row };
    }
  }
  close();
  return areas;
}

/** Areas in groups whose union address (`,`-separated) fits `MAX_UNION_ADDRESS`. */
function unionGroups(areas: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const a of areas) {
    if (current.length > 0 && length + 1 + a.length > MAX_UNION_ADDRESS) {
      groups.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + a.length;
    current.push(a);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Codes of the WPS port's capability notes. */
type WpsNoteCode = 'wps_no_freeze_panes' | 'wps_no_page_setup' | 'wps_no_charts' | 'wps_no_marks' | 'wps_old_sheets_left' | 'wps_date_system_unknown';

const NOTES: Record<WpsNoteCode, CapabilityNote['message']> = {
  wps_no_charts: {
    'zh-CN': '此版本的 WPS 表格不支持图表接口（ChartObjects）：汇总表中的数字完整，但没有图表。',
    'en-US': 'This WPS 表格 has no chart API (ChartObjects): the summary figures are complete, without charts.',
  },
  wps_old_sheets_left: {
    'zh-CN': '汇总表已更新，但上次的汇总表未能删除：它们已被隐藏，下次刷新时再删除（若仍可见，名称以“~lo”开头的工作表可以手动删除）。',
    'en-US': 'The summaries were updated, but the previous ones could not be deleted: they are hidden, and the next refresh deletes them (any still visible, named "~lo…", can be deleted by hand).',
  },
  wps_no_marks: {
    'zh-CN': '此版本的 WPS 表格不支持条件格式接口（FormatConditions）：台账中的问题单元格未标色，请看校验表。',
    'en-US': 'This WPS 表格 has no conditional-format API (FormatConditions): the issue cells are not marked in the ledger; see the validation sheet.',
  },
  wps_no_freeze_panes: {
    'zh-CN': '此版本的 WPS 表格没有或拒绝了冻结窗格接口（ActiveWindow）：汇总表的表头未冻结。',
    'en-US': 'This WPS 表格 lacks or refused the frozen-pane API (ActiveWindow): the summary headers are not frozen.',
  },
  wps_no_page_setup: {
    'zh-CN': '此版本的 WPS 表格没有或拒绝了打印设置接口（PageSetup、HPageBreaks）：汇总表的打印设置或分页未全部设置。',
    'en-US': 'This WPS 表格 lacks or refused the print-settings API (PageSetup, HPageBreaks): the summaries print settings or page breaks are not all set.',
  },
  wps_date_system_unknown: {
    'zh-CN': '此版本的 WPS 表格无法判断工作簿是否使用 1904 日期系统（Date1904）：日期按 1900 日期系统读取；若工作簿使用 1904 日期系统，读出的日期会早 4 年零 1 天。',
    'en-US': 'This WPS 表格 cannot tell whether the workbook uses the 1904 date system (Date1904): dates are read as 1900-system dates, so in a 1904-system workbook they come out 4 years and 1 day early.',
  },
};

/** The WPS port: every optional member of `WorkbookPort` is there. */
export interface EtWorkbookPort extends WorkbookPort {
  /** See `WorkbookPort.exclusive` and etLease.ts. */
  exclusive<T>(work: () => Promise<T>, onWait?: () => void): Promise<T>;
  /** See `WorkbookPort.selectCell`: `Activate` the sheet, then `Select` the cell. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** See `WorkbookPort.createSheetIfAbsent`. */
  createSheetIfAbsent(plan: UserSheetPlan): Promise<string | null>;
  /** See `WorkbookPort.writeGridSheet`. */
  writeGridSheet(name: string, sheet: GridSheet): Promise<string>;
  /** See `WorkbookPort.writeStatus` and `STATUS_NAME`. */
  writeStatus(text: string): Promise<boolean>;
  /** See `WorkbookPort.dropState`. */
  dropState(): Promise<void>;
}

/**
 * The workbook port over WPS 表格 (see the file comment), with every optional member of `WorkbookPort`: the refresh
 * lease (etLease.ts), the status line, the user's 赛马规则 sheet, the merged-ledger sheet, `selectCell` and
 * `dropState`. Tables (`ListObjects`) are listed and read where the host has them.
 * @example const report = await refresh(createEtWorkbookPort(), { displayLanguage: 'zh-CN' });
 */
export function createEtWorkbookPort(options: EtWorkbookPortOptions = {}): EtWorkbookPort {
  const token = options.token ?? (() => Math.random().toString(36).slice(2, 10));
  const notes = new Map<string, CapabilityNote>();
  const note = (code: WpsNoteCode): void => {
    notes.set(code, { code, message: NOTES[code] });
  };
  /** Feature test: whether `object` has the method or property `member` (older hosts lack some; ET has no `Enum` either). */
  const has = (object: object, member: string): boolean => (object as Record<string, unknown>)[member] !== undefined;

  const application = (): EtApplication => {
    const app = options.application ?? (globalThis as { Application?: EtApplication }).Application;
    if (app === undefined) throw new PortError('host_error', 'WPS Application is not available');
    return app;
  };
  const workbook = (): EtWorkbook => {
    const wb = application().ActiveWorkbook;
    if (wb === null) throw new PortError('host_error', 'No workbook is open');
    return wb;
  };
  /** Run `work` as one port operation: host errors become `PortError`s of `code`. */
  const operation = <T>(code: PortErrorCode, work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof PortError ? error : new PortError(code, error instanceof Error ? error.message : String(error), { cause: error }));
    }
  };

  const stateSheet = (wb: EtWorkbook): EtWorksheet | null => sheetsOf(wb).find((ws) => isStateMarker(ws.Range('A1').Value2)) ?? null;
  const readDoc = (wb: EtWorkbook): { ws: EtWorksheet | null; doc: StateSheetDoc; column: SnapshotColumn | null; counts: readonly number[] } => {
    const ws = stateSheet(wb);
    if (ws === null) return { ws, doc: EMPTY_STATE_DOC, column: null, counts: [] };
    const grid = readSheetGrid(ws);
    const cellAt = (r: number, c: number): unknown => grid[r]?.[c] ?? null;
    const header = readStateHeader(cellAt);
    return { ws, doc: readStateSheet(cellAt) ?? EMPTY_STATE_DOC, column: header?.snapshotColumn ?? null, counts: header?.counts ?? [] };
  };

  /** Write `patch` into the state sheet (created very hidden when missing); the baseline goes to the other column, the pointer last. */
  const writeDoc = (wb: EtWorkbook, patch: Partial<Omit<StateSheetDoc, 'legacyOwned'>>): void => {
    const current = readDoc(wb);
    const doc = { ...current.doc, ...patch };
    let ws = current.ws;
    if (ws === null) {
      const taken = new Set(sheetsOf(wb).map((s) => sheetNameKey(s.Name)));
      const wasActive = activeSheetName(wb);
      ws = addSheetAtEnd(wb);
      ws.Name = uniqueSheetName(STATE_SHEET_NAME, taken);
      activate(wb, wasActive);
      ws.Visible = XL_SHEET_VERY_HIDDEN;
    }
    // A refresh passes the period baseline unchanged on most runs: only a different one is written (to the other column).
    const newBaseline = current.column === null || (patch.snapshot !== undefined && patch.snapshot !== current.doc.snapshot);
    const column: SnapshotColumn = current.column === null ? 'C' : !newBaseline ? current.column : current.column === 'C' ? 'D' : 'C';
    const texts = stateColumnTexts(doc, column);
    const counts = STATE_LABELS.map((_, c) => current.counts[c] ?? 0);
    const changed = new Set<number>([STATE_COLUMNS.settings, STATE_COLUMNS.lastRefresh, STATE_COLUMNS.marks]);
    if (newBaseline) changed.add(SNAPSHOT_COLUMNS[column]);
    let largest: number | null = null;
    for (const c of changed) {
      const chunks = chunkText(texts[c] ?? '');
      if (c === SNAPSHOT_COLUMNS[column]) largest = largestChunkBytes(chunks);
      const rows = Math.max(chunks.length, counts[c] ?? 0);
      if (rows > 0) writeRows(ws, STATE_FIRST_CHUNK_ROW, c, Array.from({ length: rows }, (_, r) => [literalText(chunks[r] ?? '')]));
      counts[c] = chunks.length;
    }
    writeRows(ws, 1, 0, [[...STATE_LABELS], counts]);
    // D1 and E1 as the Office.js port writes them (the baseline's hash and its largest chunk's wire size), so the same
    // baseline gives the same cells on both hosts, and E1 never stays behind from a baseline written before.
    const keptBytes = ws.Range('E1').Value2;
    const [revision, bytes] =
      doc.snapshot === null
        ? ['', '']
        : newBaseline
          ? [baselineRevision(doc.snapshot), largest ?? '']
          : [String(ws.Range('D1').Value2 ?? ''), typeof keptBytes === 'number' ? keptBytes : ''];
    writeRows(ws, 0, 0, [[STATE_MARKER, STATE_FORMAT_VERSION, doc.snapshot === null ? '' : column, literalText(revision), bytes]]);
    // The previous baseline goes after the pointer moved, as the Office.js port does: its chunks emptied, its count 0.
    if (newBaseline && current.column !== null && current.column !== column) {
      const previous = SNAPSHOT_COLUMNS[current.column];
      const rows = current.counts[previous] ?? 0;
      if (rows > 0) writeRows(ws, STATE_FIRST_CHUNK_ROW, previous, Array.from({ length: rows }, () => ['']));
      writeRows(ws, STATE_FIRST_CHUNK_ROW - 1, previous, [[0]]);
    }
  };

  const clearRecords = (wb: EtWorkbook, records: readonly MarkRecord[]): void => {
    const fills = new Set(Object.values(MARK_COLORS));
    const byKey = new Map(sheetsOf(wb).map((ws) => [sheetNameKey(ws.Name), ws]));
    for (const record of records) {
      const ws = byKey.get(sheetNameKey(record.sheet));
      if (ws === undefined) continue;
      const range = ws.Range(record.ref.trim().split(/\s+/).join(','));
      if (!has(range, 'FormatConditions')) continue;
      const conditions = range.FormatConditions;
      for (let i = conditions.Count; i >= 1; i--) {
        const fc = conditions.Item(i);
        if (fc.Type === XL_EXPRESSION && fc.Formula1.replace(/\s+/g, '').toUpperCase() === '=TRUE' && fills.has(fc.Interior.Color)) fc.Delete();
      }
    }
  };

  /**
   * The plan's frozen panes and print settings on the new sheet `ws` (etView.ts); a host without the members gets a
   * note instead (feature tests: `ActiveWindow`, `PageSetup`, `HPageBreaks`). Freezing activates `ws`: the caller
   * restores the user's sheet.
   */
  const viewSheet = (app: EtApplication, ws: EtWorksheet, plan: SheetPlan): void => {
    const freeze = plan.freeze;
    if (freeze !== undefined && (freeze.rows > 0 || freeze.cols > 0)) {
      const window = has(app, 'ActiveWindow') ? app.ActiveWindow : null;
      if (window === null || window === undefined) note('wps_no_freeze_panes');
      else
        try {
          freezePanes(window, ws, freeze);
        } catch {
          // Cosmetic, on members not verified in a real ET: the summaries are right without it (a note says so).
          note('wps_no_freeze_panes');
        }
    }
    if (plan.pageSetup === undefined) return;
    const page = has(ws, 'PageSetup') ? ws.PageSetup : undefined;
    try {
      if (page === undefined || !applyPageSetup(ws, page, plan.pageSetup)) note('wps_no_page_setup');
    } catch {
      note('wps_no_page_setup');
    }
  };

  return {
    listSheets: () =>
      operation('read_failed', () => {
        const wb = workbook();
        const owners = ownerSheetsByName(namesOf(wb));
        const leftovers = leftoversOf(wb).map((l) => l.ws);
        return sheetsOf(wb)
          // The refresh lease (this runtime's, or another's) is no sheet of the user's, as in the Office.js port; nor
          // are the old summaries a refresh could not delete.
          .filter((ws) => sheetNameKey(ws.Name) !== sheetNameKey(LEASE_SHEET_NAME) && !leftovers.includes(ws))
          .map((ws) => ({ ws, preview: readSheetGrid(ws, SOURCE_PREVIEW_ROWS) }))
          .filter(({ preview }) => !isStateMarker(preview[0]?.[0]))
          .map(({ ws, preview }): SheetInfo => {
            const role = SHEET_ROLES.find((r) => owners.get(r) === ws.Name) ?? null;
            const used = ws.UsedRange;
            const empty = preview.length === 0 && used.Rows.Count === 1 && used.Columns.Count === 1;
            return {
              name: ws.Name,
              ownedRole: role,
              rowCount: empty ? 0 : used.Row - 1 + used.Rows.Count,
              columnCount: empty ? 0 : used.Column - 1 + used.Columns.Count,
              tables: tablesOf(ws).map((t) => t.Name),
              preview,
            };
          });
      }),

    readGrid(source: SourceRef, onChunk?: (rowsRead: number, rowsTotal: number) => void): Promise<SourceGrid> {
      return operation('read_failed', () => {
        const wb = workbook();
        notes.delete('wps_date_system_unknown');
        let found: { ws: EtWorksheet; range: EtRange } | undefined;
        if (source.kind === 'sheet') {
          const ws = findSheet(wb, source.name);
          if (ws !== null) found = { ws, range: ws.UsedRange };
        } else {
          const key = source.name.toLowerCase();
          for (const ws of sheetsOf(wb)) {
            const table = tablesOf(ws).find((t) => t.Name.toLowerCase() === key);
            if (table !== undefined) {
              found = { ws, range: table.Range };
              break;
            }
          }
        }
        if (found === undefined) throw new PortError('source_not_found', `No ${source.kind} named ${source.name}`);
        const grid: Grid = readRangeGrid(found.ws, found.range);
        onChunk?.(grid.length, grid.length);
        // Value2 gives the serials the workbook stores: a 1904-system workbook's are 1,462 days less (readLedgerSource
        // moves the date fields, as for the Office.js port's DATE(1904,1,1) probe). Without Date1904: unknown, a note.
        if (!has(wb, 'Date1904')) {
          note('wps_date_system_unknown');
          return { sheet: found.ws.Name, grid };
        }
        return { sheet: found.ws.Name, grid, dateSystem: wb.Date1904 === true ? 1904 : 1900 };
      });
    },

    applySheetPlans(plans: readonly SheetPlan[]): Promise<AppliedPlans> {
      const app = application();
      const wb = workbook();
      const owners = ownerSheetsByName(namesOf(wb));
      const all = sheetsOf(wb);
      const old = all.filter((ws) => [...owners.values()].includes(ws.Name));
      const built: { role: SheetRole; plan: SheetPlan; ws: EtWorksheet }[] = [];
      const wasActive = activeSheetName(wb);
      // The user's place after the refresh: the same sheet, or the new sheet of the role they were looking at.
      const activeRole = SHEET_ROLES.find((role) => wasActive !== null && owners.get(role) === wasActive);
      for (const code of ['wps_no_freeze_panes', 'wps_no_page_setup', 'wps_no_charts', 'wps_old_sheets_left'] as const) notes.delete(code);
      const screen = app.ScreenUpdating;
      app.ScreenUpdating = false;
      try {
        // 1. Build every new sheet under a temporary name, after the last sheet.
        try {
          plans.forEach((plan, i) => {
            const ws = addSheetAtEnd(wb);
            built.push({ role: plan.role, plan, ws });
            ws.Name = freeTempName(wb, `~ls${i}`, token);
            for (const block of plan.blocks) writeBlock(ws, block);
            formatSheet(ws, plan);
            viewSheet(app, ws, plan);
            if (plan.charts.length > 0 && !has(ws, 'ChartObjects')) note('wps_no_charts');
            else for (const chart of plan.charts) drawChart(ws, chart);
          });
        } catch (error) {
          deleteSheets(app, built.map((b) => b.ws));
          activate(wb, wasActive);
          throw new PortError('write_failed', error instanceof Error ? error.message : String(error), { cause: error });
        }
        // 2. Move the old owned sheets out of the way (renamed, still there), give the new ones their names, then
        //    the owner names and the plans' names. Every step here can be undone: on failure the new sheets go, the
        //    old ones get their names back and the names their previous references (recorded before anything moved).
        const nameKeys = [...SHEET_ROLES.map(ownerName), STATUS_NAME, ...plans.flatMap((p) => (p.names ?? []).map((n) => n.name))];
        const previousNames = new Map(nameKeys.map((key) => [key, namesOf(wb).find((n) => n.name.toLowerCase() === key.toLowerCase()) ?? null]));
        const renamedOld: { ws: EtWorksheet; name: string }[] = [];
        const applied: AppliedPlans = {};
        try {
          old.forEach((ws, i) => {
            const name = ws.Name;
            ws.Name = freeTempName(wb, `~lo${i}`, token);
            renamedOld.push({ ws, name });
          });
          const taken = new Set(sheetsOf(wb).filter((ws) => !built.some((b) => b.ws === ws)).map((ws) => sheetNameKey(ws.Name)));
          for (const { role, plan, ws } of built) {
            const name = uniqueSheetName(cleanSheetName(plan.name, role), taken);
            ws.Name = name;
            applied[role] = name;
            deleteName(wb, ownerName(role));
            wb.Names.Add(ownerName(role), `=${quotedSheetName(name)}!$A$1`, false);
            for (const key of plan.names ?? []) {
              deleteName(wb, key.name);
              wb.Names.Add(key.name, `=${quotedSheetName(name)}!${absolute(key.row, key.col)}`, true);
            }
          }
          // Where writeStatus writes: the row below the summary, by a hidden name (see STATUS_NAME).
          deleteName(wb, STATUS_NAME);
          const summary = built.find((b) => b.role === 'summary');
          if (summary !== undefined) wb.Names.Add(STATUS_NAME, `=${quotedSheetName(summary.ws.Name)}!${absolute(statusRow(summary.plan), 0)}`, false);
        } catch (error) {
          deleteSheets(app, built.map((b) => b.ws));
          for (const { ws, name } of renamedOld.reverse()) ws.Name = name;
          for (const [key, previous] of previousNames) {
            deleteName(wb, key);
            if (previous !== null) wb.Names.Add(previous.name, String(previous.value), !key.startsWith('_LedgerStats_'));
          }
          activate(wb, wasActive);
          throw new PortError('write_failed', error instanceof Error ? error.message : String(error), { cause: error });
        }
        // 3. Only now remove the old sheets: the new ones are complete and named. A failure here leaves an old
        //    sheet under its temporary name, owned by nothing; the refresh has succeeded, so it is a note, and the
        //    sheet is marked as ours and hidden, for the next refresh to delete (with those earlier ones left).
        const isCleanBefore = deleteLeftovers(app, wb);
        try {
          deleteSheets(app, old);
          if (!isCleanBefore) note('wps_old_sheets_left');
        } catch {
          note('wps_old_sheets_left');
          markLeftovers(wb, old.filter(isLive));
        }
        activate(wb, activeRole === undefined ? wasActive : (applied[activeRole] ?? wasActive));
        return Promise.resolve(applied);
      } catch (error) {
        return Promise.reject(error instanceof PortError ? error : new PortError('write_failed', String(error), { cause: error }));
      } finally {
        app.ScreenUpdating = screen;
      }
    },

    markCells(sheet: string, marks: readonly CellMark[]): Promise<void> {
      return operation('write_failed', () => {
        const wb = workbook();
        const ws = sheetsOf(wb).find((s) => sheetNameKey(s.Name) === sheetNameKey(sheet));
        if (ws === undefined) throw new PortError('source_not_found', `No sheet named ${sheet}`);
        notes.delete('wps_no_marks');
        if (!has(ws.Range('A1'), 'FormatConditions')) {
          note('wps_no_marks');
          return;
        }
        const { doc } = readDoc(wb);
        clearRecords(wb, doc.marks);
        // The Office.js add-in's marks go too (its two rules over the ledger would keep showing its last flags).
        removeAddinMarkRules(sheetsOf(wb));
        const records: MarkRecord[] = [];
        const added: EtFormatCondition[] = [];
        try {
          for (const severity of ['error', 'warning'] as const) {
            const areas = markAreas(marks.filter((m) => m.severity === severity).map((m) => m.address));
            for (const group of unionGroups(areas)) {
              const fc = ws.Range(group.join(',')).FormatConditions.Add(XL_EXPRESSION, undefined, '=TRUE');
              added.push(fc);
              fc.Interior.Color = MARK_COLORS[severity];
              records.push({ sheet: ws.Name, severity, ref: group.join(' ') });
            }
          }
          writeDoc(wb, { marks: records });
        } catch (error) {
          // No mark without its record: a failure part-way takes back the marks this call added.
          for (const fc of added.reverse())
            try {
              fc.Delete();
            } catch {
              // Gone already, or the host is failing: the next markCells cannot see it (a known leftover).
            }
          throw error;
        }
      });
    },

    clearMarks: () =>
      operation('write_failed', () => {
        const wb = workbook();
        const { doc } = readDoc(wb);
        removeAddinMarkRules(sheetsOf(wb));
        if (doc.marks.length === 0) return;
        clearRecords(wb, doc.marks);
        writeDoc(wb, { marks: [] });
      }),

    readState: () =>
      operation('read_failed', () => {
        const { doc } = readDoc(workbook());
        return { settings: doc.settings, snapshot: doc.snapshot, lastRefresh: doc.lastRefresh };
      }),

    writeState: (patch: Partial<StoredState>) =>
      operation('write_failed', () => {
        const { settings, snapshot, lastRefresh } = patch;
        writeDoc(workbook(), {
          ...(settings === undefined ? {} : { settings }),
          ...(snapshot === undefined ? {} : { snapshot }),
          ...(lastRefresh === undefined ? {} : { lastRefresh }),
        });
      }),

    capabilityNotes: () => [...notes.values()],

    exclusive: <T>(work: () => Promise<T>, onWait?: () => void): Promise<T> => exclusiveEt(application, workbook, options.lease ?? {}, work, onWait),

    selectCell: (sheet: string, address: string) =>
      operation('host_error', () => {
        const ws = findSheet(workbook(), sheet);
        if (ws === null) throw new PortError('source_not_found', `No sheet named ${sheet}`);
        // VBA's Range.Select works on the active sheet only: activate first (Worksheet.Activate, Range.Select).
        ws.Activate();
        const range = ws.Range(address);
        if (has(range, 'Select')) range.Select();
      }),

    createSheetIfAbsent: (plan: UserSheetPlan) =>
      operation('write_failed', () => {
        const app = application();
        const wb = workbook();
        if (findSheet(wb, plan.name) !== null) return null;
        const wasActive = activeSheetName(wb);
        const ws = addSheetAtEnd(wb);
        try {
          ws.Name = plan.name;
          const cols = Math.max(1, ...plan.cells.map((row) => row.length));
          writeRows(ws, 0, 0, plan.cells.map((row) => Array.from({ length: cols }, (_, c) => userInput(row[c] ?? null))));
          for (const row of plan.boldRows) ws.Range(area(row, 0, 1, cols)).Font.Bold = true;
          plan.columnWidths.forEach((chars, col) => {
            ws.Range(cellAddress(0, col)).ColumnWidth = chars;
          });
        } catch (error) {
          deleteSheets(app, [ws]);
          throw error;
        } finally {
          // Like the Office.js port's, the new sheet is not activated (Sheets.Add did: undone).
          activate(wb, wasActive);
        }
        return plan.name;
      }),

    writeGridSheet: (name: string, sheet: GridSheet) =>
      operation('write_failed', () => {
        const app = application();
        const wb = workbook();
        const owner = gridOwnerName(name);
        const existing = namesOf(wb).find((n) => n.name.toLowerCase() === owner.toLowerCase());
        const ownedName = existing === undefined ? null : sheetOfNameValue(existing);
        const owned = ownedName === null ? null : findSheet(wb, ownedName);
        const wasActive = activeSheetName(wb);
        let added: EtWorksheet | null = null;
        try {
          let target: EtWorksheet;
          if (owned !== null) {
            target = owned;
            // Values, formulas and formats go; the sheet and its name stay (as Range.clear in the Office.js port).
            target.Cells.Clear();
          } else {
            const taken = new Set(sheetsOf(wb).map((ws) => sheetNameKey(ws.Name)));
            target = added = addSheetAtEnd(wb);
            target.Name = uniqueSheetName(name, taken);
          }
          const cols = Math.max(1, ...sheet.grid.map((row) => row.length));
          if (sheet.headerRowIndex !== undefined && sheet.headerRowIndex < sheet.grid.length) target.Range(area(sheet.headerRowIndex, 0, 1, cols)).Font.Bold = true;
          sheet.columnWidths.forEach((chars, col) => {
            target.Range(cellAddress(0, col)).ColumnWidth = chars;
          });
          writeRows(target, 0, 0, sheet.grid.map((row) => Array.from({ length: cols }, (_, c) => toCellInput(row[c] ?? null))));
          if (added !== null) {
            // Named last: a failure before leaves no name pointing at a half-written sheet.
            deleteName(wb, owner);
            wb.Names.Add(owner, `=${quotedSheetName(added.Name)}!$A$1`, false);
          }
          return target.Name;
        } catch (error) {
          if (added !== null) deleteSheets(app, [added]);
          throw error;
        } finally {
          activate(wb, wasActive);
        }
      }),

    writeStatus: (text: string) =>
      operation('write_failed', () => {
        const app = application();
        const wb = workbook();
        const plain = text.replace(/\s+/g, ' ').trim();
        // Also in the status bar, where a ribbon command's outcome is seen at once (VBA Application.StatusBar;
        // feature-tested). It stays until the next status or until WPS takes the bar back.
        if (has(app, 'StatusBar'))
          try {
            app.StatusBar = plain;
          } catch {
            // A bar that refuses the text: the line in the summary sheet still reports.
          }
        const cell = statusCell(wb);
        if (cell === null) return false;
        const range = cell.ws.Range(cell.address);
        range.Value2 = literalText(plain);
        range.Font.Color = STATUS_COLOR;
        return true;
      }),

    dropState: () =>
      operation('write_failed', () => {
        const app = application();
        const wb = workbook();
        const { ws: state, doc } = readDoc(wb);
        // The marks: this port's and the CLI's (recorded in the state), then the Office.js add-in's (rules reading a
        // marks helper sheet, src/workflows/markRuleSheet.ts), then the helper sheets themselves.
        clearRecords(wb, doc.marks);
        const sheets = sheetsOf(wb);
        const helpers = marksHelpers(sheets).filter((ws) => ws !== state);
        removeAddinMarkRules(sheets);
        const doomed = [...(state === null ? [] : [state]), ...helpers];
        if (doomed.length === 0) return;
        // A workbook keeps one visible sheet: a visible state sheet that is the only one is emptied instead.
        const othersVisible = sheets.some((ws) => !doomed.includes(ws) && ws.Visible === XL_SHEET_VISIBLE);
        const deletable: EtWorksheet[] = [];
        for (const ws of doomed) {
          if (ws.Visible === XL_SHEET_VISIBLE && !othersVisible) ws.Cells.Clear();
          else {
            // Hidden first: the Office.js port cannot delete a very hidden sheet (office-js #365); whether ET can was
            // not verified, and a hidden sheet is deletable in both.
            if (ws.Visible === XL_SHEET_VERY_HIDDEN) ws.Visible = XL_SHEET_HIDDEN;
            deletable.push(ws);
          }
        }
        const wasActive = activeSheetName(wb);
        try {
          deleteSheets(app, deletable);
        } finally {
          activate(wb, wasActive);
        }
      }),
  };
}
