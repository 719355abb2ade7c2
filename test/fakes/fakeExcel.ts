/**
 * In-memory fake of the Excel JavaScript API (Office.js) for integration tests and the browser
 * test page. It enforces the rules the real host enforces — proxies that must be loaded and
 * synced, partial syncs (a failing operation keeps the ones before it), payload limits, requirement-set gates, sheet-name rules, Excel's
 * conversion of typed strings — so an adapter that passes here has a fair chance in Excel.
 *
 * No Node-only APIs are used (no fs, no Buffer), so the module can be bundled for a browser.
 *
 *   const fake = createFakeExcel({ apiVersion: '1.8', sheets: { 台账: [['项目', '金额'], ['A', 1]] } });
 *   fake.install(globalThis);            // Excel, Office, OfficeExtension globals
 *   await Excel.run(async (context) => { ... });
 *   expect(fake.snapshot().sheets[0].values).toEqual(...);
 *   fake.uninstall();
 */
import { formatAddress, formatRect, parseAddress, rect, rectCells, type Rect } from './excel/address';
import { Engine, FakeClientObject, type PayloadMeter, type RuntimeState, type SyncLogEntry } from './excel/core';
import { FakeOfficeError } from './excel/errors';
import { FakeRequestContext, makeChangedArgs } from './excel/objects';
import type { FakeActionEvent, FakeDocumentSettings } from './excel/office';
import { FakeAddinRuntime, invokeAction, type RuntimeHost } from './excel/runtime';
import {
  cellKey,
  cloneSheet,
  contentExtent,
  FORMAT_KEYS,
  keyCol,
  keyRow,
  newSheet,
  readValue,
  readValueType,
  reopenedWorkbook,
  setContent,
  sheetIdFor,
  usedExtent,
  workbookWithCopiedSheet,
  writeInput,
  type CellValue,
  type FormatKey,
  type HyperlinkState,
  clonePrintState,
  type PrintState,
  type SheetRect,
  type SheetState,
  type WorkbookState,
} from './excel/state';
import { DEFAULT_PROTECTION_OPTIONS } from './excel/protection';
import { validateSheetName } from './excel/validate';

export type { CellValue, SyncLogEntry, FakeActionEvent, HyperlinkState };
export { FakeAddinRuntime, FakeOfficeError, FakeRequestContext };

export interface FakeExcelOptions {
  /** Request and response payload limit per sync, in UTF-8 bytes (Excel on the web: 5 MB). */
  maxPayloadBytes?: number;
  /** Highest ExcelApi requirement set the fake claims, e.g. '1.1' (Office 2016), '1.8' (Office 2019), '1.12'. */
  apiVersion?: string;
  /** Initial worksheets, in order. Strings starting with "=" are stored as formulas, everything else as given. */
  sheets?: Record<string, ReadonlyArray<ReadonlyArray<CellValue | null | undefined>>>;
  /** Add-in settings already saved in the file (workbook.settings / Office.context.document.settings). */
  settings?: Record<string, unknown>;
  /** Office.context.displayLanguage (default 'zh-CN'). */
  displayLanguage?: string;
  /** Office.context.platform / onReady info (default 'PC'). */
  platform?: string;
  /** Requirement sets other than ExcelApi for isSetSupported, e.g. { SharedRuntime: '1.1' }. */
  requirementSets?: Record<string, string>;
  /**
   * Sizes requests and responses (syncLog, max*Bytes, the payload limit). `officeWireMeter()` from
   * `excel/officeWire` (Node only) measures Office.js's real request format; without one the fake
   * measures its compact description of the operations, which undercounts: by 0–7% for syncs of
   * bulk values, 2–7 times for syncs of many small operations (measured on a 100,000-row refresh).
   */
  payloadMeter?: PayloadMeter;
  /**
   * Adjusts the initial workbook ("the file") after `sheets` and `settings` are in, before any
   * request: for states no option describes, such as a workbook read from an .xlsx file
   * (`xlsxBridge.ts` sets visibility, defined names, number formats and conditional formats).
   */
  initialize?: (workbook: WorkbookState) => void;
  /**
   * The workbook uses the 1904 date system (Excel's "Use 1904 date system", `<workbookPr date1904="1"/>`): only
   * `workbook.functions.date` follows it; cells hold the serials as given.
   */
  date1904?: boolean;
}

export interface ChartSnapshot {
  name: string;
  type: string;
  sourceAddress: string;
  seriesBy: string;
  title: { text: string; visible: boolean };
  valueAxisTitle: { text: string; visible: boolean };
  categoryAxisTitle: { text: string; visible: boolean };
  dataLabels: { showValue: boolean; showPercentage: boolean; showCategoryName: boolean; showSeriesName: boolean; showLegendKey: boolean };
  legend: { visible: boolean; position: string };
  top: number;
  left: number;
  width: number;
  height: number;
  /** Set by setPosition (cell addresses on the chart's sheet); null when placed by top/left. */
  position: { startCell: string; endCell: string | null } | null;
  series: Array<{ name: string; values: string | null; xValues: string | null }>;
}

export interface ConditionalFormatSnapshot {
  type: string;
  address: string;
  priority: number;
  stopIfTrue: boolean;
  rule: Record<string, string>;
  format: { fill?: string; fontColor?: string; bold?: boolean };
}

export interface TableSnapshot {
  name: string;
  id: string;
  address: string;
  headers: CellValue[];
}

export interface FontSnapshot {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  name?: string;
  underline?: string;
}

export interface AlignmentSnapshot {
  horizontal?: string;
  vertical?: string;
  wrapText?: boolean;
}

export interface SheetSnapshot {
  name: string;
  id: string;
  position: number;
  visibility: string;
  /** Values from A1 to the last used cell ("" for empty cells, computed values for formulas). */
  values: CellValue[][];
  /** Formula text by cell ("B7": "=SUM(B2:B6)"). */
  formulas: Record<string, string>;
  /** Number formats other than General, by cell. */
  numberFormats: Record<string, string>;
  /** Cells written with a leading apostrophe (the text is stored without it): { A1: true }. */
  quotePrefix: Record<string, true>;
  fills: Record<string, string>;
  fonts: Record<string, FontSnapshot>;
  alignment: Record<string, AlignmentSnapshot>;
  hyperlinks: Record<string, HyperlinkState>;
  mergedAreas: string[];
  /** Explicit widths by column letter, in points. */
  columnWidths: Record<string, number>;
  /** Explicit heights by 1-based row number, in points. */
  rowHeights: Record<string, number>;
  frozenPanes: { rows: number; columns: number } | null;
  charts: ChartSnapshot[];
  conditionalFormats: ConditionalFormatSnapshot[];
  tables: TableSnapshot[];
  customProperties: Record<string, string>;
  /** The sheet's remembered selection, e.g. "A1". */
  selection: string;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  activeSheet: string;
  /** Selection of the active sheet with sheet name, e.g. "Sheet1!A1". */
  selectedRange: string;
  settings: Record<string, unknown>;
  customXmlParts: Array<{ id: string; namespaceUri: string; xml: string }>;
}

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

function initialState(options: FakeExcelOptions): WorkbookState {
  const w: WorkbookState = {
    sheets: [],
    names: [],
    activeSheetId: '',
    settings: new Map(),
    customXmlParts: [],
    counters: { sheet: 0, chart: 0, table: 0, cf: 0, xml: 0 },
  };
  const sheets = options.sheets ?? { Sheet1: [] };
  for (const [name, rows] of Object.entries(sheets)) {
    try {
      validateSheetName(w, name, null);
    } catch (e) {
      throw new Error(`createFakeExcel: invalid sheet name '${name}': ${(e as Error).message}`);
    }
    w.counters.sheet += 1;
    const sh = newSheet(sheetIdFor(w.counters.sheet), name);
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        setContent(sh, r, c, typeof v === 'string' && v.startsWith('=') && v.length > 1 ? { f: v } : v);
      });
    });
    w.sheets.push(sh);
  }
  if (w.sheets.length === 0) throw new Error('createFakeExcel: a workbook needs at least one sheet');
  w.activeSheetId = w.sheets[0]?.id ?? '';
  for (const [k, v] of Object.entries(options.settings ?? {})) w.settings.set(k, JSON.parse(JSON.stringify(v)) as unknown);
  options.initialize?.(w);
  if (w.sheets.length === 0) throw new Error('createFakeExcel: initialize left the workbook without a sheet');
  return w;
}

function sortedKeys(keys: Iterable<number>): number[] {
  return [...keys].sort((a, b) => a - b);
}

/** Effective values of one format property per cell (explicit cells plus rectangle rules clipped to `clip`). */
function formatEntries(sh: SheetState, key: FormatKey, clip: Rect | null): Map<number, unknown> {
  const store = sh.formats[key];
  const out = new Map<number, unknown>();
  if (clip) {
    for (const e of store.rects) {
      const r0 = Math.max(e.rect.r0, clip.r0);
      const r1 = Math.min(e.rect.r1, clip.r1);
      const c0 = Math.max(e.rect.c0, clip.c0);
      const c1 = Math.min(e.rect.c1, clip.c1);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.set(cellKey(r, c), e.value);
    }
  }
  for (const [k, v] of store.cells) out.set(k, v);
  for (const [k, v] of out) if (v === undefined) out.delete(k);
  return out;
}

function addressOf(k: number): string {
  return formatRect(rect(keyRow(k), keyCol(k), keyRow(k), keyCol(k)));
}

function sheetRectAddress(w: WorkbookState, sr: SheetRect | null): string | null {
  if (!sr) return null;
  const sh = w.sheets.find((s) => s.id === sr.sheetId);
  return sh ? formatAddress(sh.name, sr.rect) : '#REF!';
}

function valuesGrid(w: WorkbookState, sh: SheetState): CellValue[][] {
  const ext = contentExtent(sh);
  if (!ext) return [];
  const out: CellValue[][] = [];
  for (let r = 0; r <= ext.r1; r++) {
    const row: CellValue[] = [];
    for (let c = 0; c <= ext.c1; c++) row.push(readValue(w, sh, r, c));
    out.push(row);
  }
  return out;
}

function snapshotSheet(w: WorkbookState, sh: SheetState, position: number): SheetSnapshot {
  const clip = usedExtent(sh, false);
  const entries = {} as Record<FormatKey, Map<number, unknown>>;
  for (const k of FORMAT_KEYS) entries[k] = formatEntries(sh, k, clip);

  const formulas: Record<string, string> = {};
  sh.rows.forEach((row, r) =>
    row?.forEach((v, c) => {
      if (typeof v === 'object' && v !== null) formulas[addressOf(cellKey(r, c))] = v.f;
    }),
  );
  const simple = (key: FormatKey): Record<string, string> => {
    const out: Record<string, string> = {};
    const m = entries[key];
    for (const k of sortedKeys(m.keys())) out[addressOf(k)] = String(m.get(k));
    return out;
  };
  const fonts: Record<string, FontSnapshot> = {};
  const fontKeys: Array<[FormatKey, keyof FontSnapshot]> = [
    ['fontBold', 'bold'],
    ['fontItalic', 'italic'],
    ['fontColor', 'color'],
    ['fontSize', 'size'],
    ['fontName', 'name'],
    ['fontUnderline', 'underline'],
  ];
  const fontCells = new Set<number>();
  for (const [fk] of fontKeys) for (const k of entries[fk].keys()) fontCells.add(k);
  for (const k of sortedKeys(fontCells)) {
    const f: Record<string, unknown> = {};
    for (const [fk, name] of fontKeys) if (entries[fk].has(k)) f[name] = entries[fk].get(k);
    fonts[addressOf(k)] = f as FontSnapshot;
  }
  const alignment: Record<string, AlignmentSnapshot> = {};
  const alignKeys: Array<[FormatKey, keyof AlignmentSnapshot]> = [
    ['horizontalAlignment', 'horizontal'],
    ['verticalAlignment', 'vertical'],
    ['wrapText', 'wrapText'],
  ];
  const alignCells = new Set<number>();
  for (const [fk] of alignKeys) for (const k of entries[fk].keys()) alignCells.add(k);
  for (const k of sortedKeys(alignCells)) {
    const a: Record<string, unknown> = {};
    for (const [fk, name] of alignKeys) if (entries[fk].has(k)) a[name] = entries[fk].get(k);
    alignment[addressOf(k)] = a as AlignmentSnapshot;
  }
  const hyperlinks: Record<string, HyperlinkState> = {};
  for (const k of sortedKeys(sh.hyperlinks.keys())) hyperlinks[addressOf(k)] = { ...sh.hyperlinks.get(k) };
  const columnWidths: Record<string, number> = {};
  for (const c of sortedKeys(sh.columnWidths.keys())) columnWidths[formatRect(rect(0, c, 1_048_575, c)).split(':')[0] ?? ''] = sh.columnWidths.get(c) ?? 0;
  const rowHeights: Record<string, number> = {};
  for (const r of sortedKeys(sh.rowHeights.keys())) rowHeights[String(r + 1)] = sh.rowHeights.get(r) ?? 0;

  return {
    name: sh.name,
    id: sh.id,
    position,
    visibility: sh.visibility,
    values: valuesGrid(w, sh),
    formulas,
    numberFormats: simple('numberFormat'),
    quotePrefix: Object.fromEntries(sortedKeys(sh.quotePrefix).map((k) => [addressOf(k), true as const])),
    fills: simple('fillColor'),
    fonts,
    alignment,
    hyperlinks,
    mergedAreas: sh.merged.map(formatRect).sort(),
    columnWidths,
    rowHeights,
    frozenPanes: sh.frozen.rows === 0 && sh.frozen.columns === 0 ? null : { ...sh.frozen },
    charts: sh.charts.map((c) => ({
      name: c.name,
      type: c.chartType,
      sourceAddress: sheetRectAddress(w, c.source) ?? '',
      seriesBy: c.seriesBy,
      title: { ...c.title },
      valueAxisTitle: { ...c.valueAxisTitle },
      categoryAxisTitle: { ...c.categoryAxisTitle },
      dataLabels: { ...c.dataLabels },
      legend: { ...c.legend },
      top: c.top,
      left: c.left,
      width: c.width,
      height: c.height,
      position: c.anchor ? { ...c.anchor } : null,
      series: c.series.map((s) => ({ name: s.name, values: sheetRectAddress(w, s.values), xValues: sheetRectAddress(w, s.xValues) })),
    })),
    conditionalFormats: sh.conditionalFormats
      .slice()
      .sort((a, b) => a.priority - b.priority)
      .map((f) => {
        const rule: Record<string, string> = {};
        for (const [k, v] of Object.entries(f.rule)) if (v !== null) rule[k] = v;
        const format: ConditionalFormatSnapshot['format'] = {};
        if (f.format.fillColor !== null) format.fill = f.format.fillColor;
        if (f.format.fontColor !== null) format.fontColor = f.format.fontColor;
        if (f.format.fontBold !== null) format.bold = f.format.fontBold;
        return { type: f.type, address: formatRect(f.rect), priority: f.priority, stopIfTrue: f.stopIfTrue, rule, format };
      }),
    tables: sh.tables.map((t) => {
      const headers: CellValue[] = [];
      for (let c = t.rect.c0; c <= t.rect.c1; c++) headers.push(readValue(w, sh, t.rect.r0, c));
      return { name: t.name, id: t.id, address: formatRect(t.rect), headers };
    }),
    customProperties: Object.fromEntries(sh.customProperties.map((p) => [p.key, p.value])),
    selection: formatRect(sh.selection),
  };
}

export class FakeExcel {
  readonly apiVersion: string;
  readonly maxPayloadBytes: number;
  /** Function commands registered through Office.actions.associate. */
  readonly actions = new Map<string, (event: FakeActionEvent) => unknown>();
  private readonly engine: Engine;
  private readonly options: FakeExcelOptions;
  private installed: FakeAddinRuntime | null = null;
  private reopenCount = 0;

  constructor(options: FakeExcelOptions = {}) {
    this.options = options;
    this.apiVersion = options.apiVersion ?? '1.1';
    if (!/^1\.[0-9]+$/.test(this.apiVersion)) throw new Error(`createFakeExcel: apiVersion '${this.apiVersion}' is not like '1.8'`);
    this.maxPayloadBytes = options.maxPayloadBytes ?? 5_000_000;
    this.engine = new Engine(initialState(options), this.apiVersion, this.maxPayloadBytes);
    this.engine.makeChangedArgs = makeChangedArgs;
    this.engine.meter = options.payloadMeter ?? null;
    this.engine.date1904 = options.date1904 === true;
  }

  /** Whether the workbook uses the 1904 date system (`FakeExcelOptions.date1904`). */
  get date1904(): boolean {
    return this.engine.date1904;
  }

  // ------------------------------------------------------------- Excel.run

  /** Excel.run: runs the batch with a fresh context, then syncs what is still queued. */
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(objectOrContextOrOptions: unknown, batch: Batch<T>): Promise<T>;
  run<T>(a: unknown, b?: Batch<T>): Promise<T> {
    return this.runIn(this.engine.defaultRuntime, a, b);
  }

  /** Excel.run of one runtime: a fresh context belongs to `runtime`. */
  private async runIn<T>(runtime: RuntimeState, a: unknown, b?: Batch<T>): Promise<T> {
    const batch = (b ?? a) as Batch<T>;
    let context: FakeRequestContext;
    const first = b === undefined ? undefined : a;
    if (first instanceof FakeClientObject) context = first.context as FakeRequestContext;
    else if (Array.isArray(first) && first[0] instanceof FakeClientObject) context = first[0].context as FakeRequestContext;
    else if (first instanceof FakeRequestContext) context = first;
    else context = new FakeRequestContext(this.engine, runtime);
    await Promise.resolve();
    if (typeof batch !== 'function') throw new FakeOfficeError('InvalidArgument', undefined, 'Excel.run');
    context._closed = false;
    let ok = false;
    try {
      const pending: unknown = batch(context);
      if (!pending || typeof (pending as { then?: unknown }).then !== 'function') {
        throw new FakeOfficeError('RunMustReturnPromise', undefined, 'Excel.run');
      }
      const result = await (pending as Promise<T>);
      await context.sync();
      ok = true;
      return result;
    } finally {
      if (!ok) context._ops = [];
      context._closed = true;
    }
  }

  /** A context outside Excel.run (like `new Excel.RequestContext()`); sync it yourself. */
  newContext(): FakeRequestContext {
    return new FakeRequestContext(this.engine);
  }

  // ------------------------------------------------------------- globals

  /**
   * Puts Excel, Office and OfficeExtension on `globalObj` (default globalThis): the runtime the
   * add-in code under test runs in. Its document settings are loaded now, as when an add-in starts.
   */
  install(globalObj: object = globalThis): void {
    this.uninstall();
    this.installed = new FakeAddinRuntime(this.runtimeHost(this.engine.defaultRuntime), this.actions);
    this.installed.install(globalObj);
  }

  /** Restores whatever Excel/Office/OfficeExtension were before install(). */
  uninstall(): void {
    this.installed?.uninstall();
    this.installed = null;
  }

  /**
   * Another add-in runtime over the same workbook, e.g. the ribbon's function file next to the
   * task pane: its own document settings (loaded now) and function commands (see excel/runtime.ts).
   * Use its globals directly or install them on another object.
   */
  newRuntime(): FakeAddinRuntime {
    return new FakeAddinRuntime(this.runtimeHost({ enableEvents: true }));
  }

  private runtimeHost(state: RuntimeState): RuntimeHost {
    return {
      engine: this.engine,
      state,
      run: (a, b) => this.runIn(state, a, b),
      displayLanguage: this.options.displayLanguage ?? 'zh-CN',
      platform: this.options.platform ?? 'PC',
      otherSets: this.options.requirementSets ?? {},
    };
  }

  /** Office.context.document.settings of the installed globals (null before install()). */
  get documentSettings(): FakeDocumentSettings | null {
    return this.installed?.documentSettings ?? null;
  }

  // ------------------------------------------------------------- sync statistics and failure injection

  /** Number of syncs that reached the host (a sync with nothing queued does not count, as in Office.js). */
  get syncCount(): number {
    return this.engine.syncCount;
  }

  get syncLog(): readonly SyncLogEntry[] {
    return this.engine.syncLog;
  }

  get maxRequestBytes(): number {
    return this.engine.maxRequestBytes;
  }

  get maxResponseBytes(): number {
    return this.engine.maxResponseBytes;
  }

  /** Clears syncCount/syncLog/max*Bytes (e.g. after fixture setup). */
  resetSyncStats(): void {
    this.engine.syncCount = 0;
    this.engine.syncLog.length = 0;
    this.engine.maxRequestBytes = 0;
    this.engine.maxResponseBytes = 0;
  }

  /**
   * The n-th sync from now (1-based) rejects with `code`. By default none of its operations are
   * applied; with `afterOperations: k` its first k operations are applied and the rest are not, as
   * when a real sync fails at its (k+1)-th statement.
   */
  failAtSync(n: number, code = 'GeneralException', options: { afterOperations?: number } = {}): void {
    this.engine.failAtSync(n, code, options.afterOperations ?? 0);
  }

  /**
   * A user protects a sheet (Review › Protect Sheet), by default with every allow* option off.
   * Writes to its cells, formats and charts then fail with AccessDenied (see excel/protection.ts).
   */
  protectSheet(name: string, options: Record<string, unknown> = {}): void {
    const sh = this.sheetByName(name);
    const sheets = new Map(this.engine.protection.sheets);
    sheets.set(sh.id, { ...DEFAULT_PROTECTION_OPTIONS, ...options });
    this.engine.protection = { sheets };
  }

  /** A user removes a sheet's protection. */
  unprotectSheet(name: string): void {
    const sh = this.sheetByName(name);
    const sheets = new Map(this.engine.protection.sheets);
    sheets.delete(sh.id);
    this.engine.protection = { sheets };
  }

  /** Whether the sheet is protected now. */
  isSheetProtected(name: string): boolean {
    return this.engine.protection.sheets.has(this.sheetByName(name).id);
  }

  /** Current value of context.runtime.enableEvents. */
  get eventsEnabled(): boolean {
    return this.engine.enableEvents;
  }

  // ------------------------------------------------------------- inspection

  snapshot(): WorkbookSnapshot {
    const w = this.engine.state;
    const active = w.sheets.find((s) => s.id === w.activeSheetId);
    return {
      sheets: w.sheets.map((s, i) => snapshotSheet(w, s, i)),
      activeSheet: active?.name ?? '',
      selectedRange: this.selectedAddress,
      settings: Object.fromEntries([...w.settings].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as unknown])),
      customXmlParts: w.customXmlParts.map((p) => ({ id: p.id, namespaceUri: p.namespaceUri, xml: p.xml })),
    };
  }

  /** A sheet's print settings (ExcelApi 1.9 `pageLayout`, `horizontalPageBreaks`), a copy. */
  printSettings(name: string): PrintState {
    return clonePrintState(this.sheetByName(name).print);
  }

  /** Values of a sheet from A1 to its last used cell ("" for empty cells). */
  getSheetValues(name: string): CellValue[][] {
    const w = this.engine.state;
    const sh = this.sheetByName(name);
    return valuesGrid(w, sh);
  }

  /** Address of the selection on the active sheet, e.g. "Sheet1!A1". */
  get selectedAddress(): string {
    const w = this.engine.state;
    const sh = w.sheets.find((s) => s.id === w.activeSheetId);
    return sh ? formatAddress(sh.name, sh.selection) : '';
  }

  private sheetByName(name: string): SheetState {
    const sh = this.engine.state.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!sh) throw new Error(`FakeExcel: no sheet named '${name}'`);
    return sh;
  }

  // ------------------------------------------------------------- simulated user and host activity

  /**
   * A user types `value` into `address` (a single value fills every cell; a 2-D array must match).
   * Applies Excel's typing rules, then fires onChanged handlers (unless events are disabled) and
   * resolves when they have finished (rejects if a handler failed).
   */
  async simulateUserEdit(sheet: string, address: string, value: CellValue | CellValue[][]): Promise<void> {
    const sh0 = this.sheetByName(sheet);
    const p = parseAddress(address);
    if (!p || (p.sheet !== null && p.sheet.toLowerCase() !== sh0.name.toLowerCase())) {
      throw new Error(`FakeExcel.simulateUserEdit: bad address '${address}'`);
    }
    const x = p.rect;
    if (rectCells(x) > 1_000_000) throw new Error('FakeExcel.simulateUserEdit: range too large');
    const w = this.engine.state;
    const single = x.r0 === x.r1 && x.c0 === x.c1;
    const before = single ? { value: readValue(w, sh0, x.r0, x.c0), type: readValueType(w, sh0, x.r0, x.c0) } : null;
    const sh = cloneSheet(sh0);
    for (let r = x.r0; r <= x.r1; r++) {
      for (let c = x.c0; c <= x.c1; c++) {
        const v = Array.isArray(value) ? value[r - x.r0]?.[c - x.c0] : value;
        if (v === undefined) throw new Error('FakeExcel.simulateUserEdit: the array does not match the range');
        writeInput(sh, r, c, v);
      }
    }
    const next: WorkbookState = { ...w, sheets: w.sheets.map((s) => (s.id === sh.id ? sh : s)) };
    this.engine.state = next;
    const details = before
      ? {
          valueBefore: before.value,
          valueTypeBefore: before.type,
          valueAfter: readValue(next, sh, x.r0, x.c0),
          valueTypeAfter: readValueType(next, sh, x.r0, x.c0),
        }
      : undefined;
    await this.engine.dispatchChanges([{ sheetId: sh.id, rect: x, eventsEnabled: true }], 'Unknown', details);
  }

  /**
   * The user saves, closes and opens the workbook again: worksheet, conditional-format and table
   * ids change, event handlers and events switch-offs are gone, proxies of earlier contexts no
   * longer resolve (their ids are stale); contents, defined names and settings stay.
   */
  reopen(): void {
    this.reopenCount += 1;
    this.engine.state = reopenedWorkbook(this.engine.state, this.reopenCount);
    this.engine.handlers = [];
    this.engine.enableEvents = true;
  }

  /** The user copies sheet `name` (Move or Copy › Create a copy); returns the copy's name, e.g. "汇总 (2)". */
  simulateUserCopySheet(name: string): string {
    const { workbook, copy } = workbookWithCopiedSheet(this.engine.state, this.sheetByName(name));
    this.engine.state = workbook;
    return copy.name;
  }

  /** Workbook-scoped and sheet-scoped defined names: name, formula (e.g. "=汇总!$C$5") and scope (sheet name or null). */
  get definedNames(): Array<{ name: string; formula: string; scope: string | null; visible: boolean }> {
    const w = this.engine.state;
    return w.names.map((n) => ({
      name: n.name,
      formula: n.formula,
      scope: n.sheetId === null ? null : (w.sheets.find((s) => s.id === n.sheetId)?.name ?? null),
      visible: n.visible,
    }));
  }

  /** Waits for onChanged handlers triggered by the add-in's own writes; rethrows a handler's error. */
  async flushEvents(): Promise<void> {
    while (this.engine.pendingEvents.size > 0) await Promise.all([...this.engine.pendingEvents]);
  }

  /** Number of onChanged handlers currently registered. */
  get handlerCount(): number {
    return this.engine.handlers.length;
  }

  /**
   * Runs a function command registered with Office.actions.associate, the way a ribbon click does.
   * Resolves with the event once the function (and the promise it returned, if any) settled.
   */
  invokeAction(name: string, sourceId = name): Promise<FakeActionEvent> {
    return invokeAction(this.actions, name, sourceId);
  }
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  return new FakeExcel(options);
}
