/**
 * Workbook state of the fake ("the file"). Plain data plus a few helpers; no proxies here.
 * Cell contents live in dense row arrays, formats in PropStores keyed by cell (or by rectangle
 * for large uniform writes), so a 50,000 x 12 sheet stays cheap to copy and scan.
 */
import {
  cellName,
  inRect,
  isFullColumns,
  isFullRows,
  MAX_COLS,
  rect,
  rectCells,
  rectContains,
  type Rect,
} from './address';
import { officeError } from './errors';
import { evaluateFormula, evaluateReference, ExcelErr, formatGeneral, rewriteSheetReferences, type Area, type EvalEnv, type Scalar } from './formula';

export type CellValue = string | number | boolean;

/** A formula cell. Immutable: replaced, never mutated. */
export interface FormulaCell {
  readonly f: string;
}
export type Content = string | number | boolean | FormulaCell;

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface HyperlinkState {
  readonly address?: string;
  readonly documentReference?: string;
  readonly screenTip?: string;
  readonly textToDisplay?: string;
}

/** Address of a range in a sheet, by sheet id (so renames keep it valid). */
export interface SheetRect {
  readonly sheetId: string;
  readonly rect: Rect;
}

export interface SeriesState {
  name: string;
  values: SheetRect | null;
  xValues: SheetRect | null;
}

export interface TitleState {
  text: string;
  visible: boolean;
}

export interface ChartState {
  id: string;
  name: string;
  chartType: string;
  source: SheetRect;
  seriesBy: string;
  title: TitleState;
  valueAxisTitle: TitleState;
  categoryAxisTitle: TitleState;
  dataLabels: {
    showValue: boolean;
    showPercentage: boolean;
    showCategoryName: boolean;
    showSeriesName: boolean;
    showLegendKey: boolean;
  };
  legend: { visible: boolean; position: string };
  top: number;
  left: number;
  width: number;
  height: number;
  anchor: { startCell: string; endCell: string | null } | null;
  series: SeriesState[];
  /** ChartAxis.reversePlotOrder (ExcelApi 1.7) of the category and value axes; absent = false. */
  categoryAxisReversed?: boolean;
  valueAxisReversed?: boolean;
}

export interface ConditionalFormatState {
  id: string;
  type: string;
  rect: Rect;
  priority: number;
  stopIfTrue: boolean;
  /** Custom: formula. CellValue: formula1/formula2/operator. */
  rule: { formula: string | null; formula1: string | null; formula2: string | null; operator: string | null };
  format: { fillColor: string | null; fontColor: string | null; fontBold: boolean | null };
}

export interface TableState {
  id: string;
  name: string;
  rect: Rect;
  showHeaders: boolean;
}

/** The print settings of a sheet, as the fake keeps them (ExcelApi 1.9, pageLayout.ts). */
export interface PrintState {
  orientation: string;
  paperSize: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } | null;
  margins: Record<string, number>;
  centerHorizontally: boolean;
  headersFooters: Record<string, string>;
  /** The print-title rows as set ("$1:$1"), or `null`. */
  titleRows: string | null;
  /** 0-based rows a manual page break is above. */
  rowBreaks: number[];
}

/** A new sheet's print settings (Excel's defaults for the members modelled). */
export function defaultPrintState(): PrintState {
  return { orientation: 'Portrait', paperSize: 'Letter', zoom: { scale: 100 }, margins: {}, centerHorizontally: false, headersFooters: {}, titleRows: null, rowBreaks: [] };
}

/** A copy for copy-on-write. */
export function clonePrintState(p: PrintState): PrintState {
  return { ...p, zoom: p.zoom === null ? null : { ...p.zoom }, margins: { ...p.margins }, headersFooters: { ...p.headersFooters }, rowBreaks: p.rowBreaks.slice() };
}

export interface SheetState {
  id: string;
  name: string;
  visibility: Visibility;
  rows: Array<Array<Content | undefined> | undefined>;
  quotePrefix: Set<number>;
  formats: Record<FormatKey, PropStore<unknown>>;
  hyperlinks: Map<number, HyperlinkState>;
  merged: Rect[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozen: { rows: number; columns: number };
  selection: Rect;
  charts: ChartState[];
  conditionalFormats: ConditionalFormatState[];
  tables: TableState[];
  customProperties: Array<{ key: string; value: string }>;
  /** Page layout, header, footer and page breaks (ExcelApi 1.9, pageLayout.ts). */
  print: PrintState;
}

export interface XmlPartState {
  readonly id: string;
  readonly xml: string;
  readonly namespaceUri: string;
}

/** A defined name (immutable: replaced, never mutated). */
export interface NameState {
  readonly name: string;
  /** What it refers to, as formula text: `=汇总!$C$5`, `=#REF!$C$5` after its sheet was deleted, `=42`. */
  readonly formula: string;
  /** The sheet it is scoped to, or null for a workbook-scoped name (`workbook.names`). */
  readonly sheetId: string | null;
  readonly visible: boolean;
  readonly comment: string;
}

export interface WorkbookState {
  sheets: SheetState[];
  /** Defined names, workbook- and sheet-scoped. */
  names: NameState[];
  activeSheetId: string;
  /** Add-in settings (JSON-cloned values, treated as immutable). Shared by workbook.settings and Office.context.document.settings.saveAsync. */
  settings: Map<string, unknown>;
  customXmlParts: XmlPartState[];
  counters: { sheet: number; chart: number; table: number; cf: number; xml: number };
}

// ---------------------------------------------------------------- keys and formats

export function cellKey(r: number, c: number): number {
  return r * MAX_COLS + c;
}

export function keyRow(k: number): number {
  return Math.floor(k / MAX_COLS);
}

export function keyCol(k: number): number {
  return k % MAX_COLS;
}

export const FORMAT_KEYS = [
  'numberFormat',
  'fillColor',
  'fontBold',
  'fontItalic',
  'fontColor',
  'fontSize',
  'fontName',
  'fontUnderline',
  'wrapText',
  'horizontalAlignment',
  'verticalAlignment',
] as const;
export type FormatKey = (typeof FORMAT_KEYS)[number];

export const FORMAT_DEFAULTS: Readonly<Record<FormatKey, unknown>> = {
  numberFormat: 'General',
  fillColor: '#FFFFFF',
  fontBold: false,
  fontItalic: false,
  fontColor: '#000000',
  fontSize: 11,
  fontName: 'Calibri',
  fontUnderline: 'None',
  wrapText: false,
  horizontalAlignment: 'General',
  verticalAlignment: 'Bottom',
};

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

const SMALL_WRITE = 4096;

/** Per-cell property store with rectangle rules for large uniform writes. `undefined` = default. */
export class PropStore<T> {
  constructor(
    readonly cells: Map<number, T | undefined> = new Map(),
    public rects: Array<{ rect: Rect; value: T | undefined }> = [],
  ) {}

  clone(): PropStore<T> {
    return new PropStore(new Map(this.cells), this.rects.slice());
  }

  get(r: number, c: number): T | undefined {
    const k = cellKey(r, c);
    if (this.cells.has(k)) return this.cells.get(k);
    for (let i = this.rects.length - 1; i >= 0; i--) {
      const e = this.rects[i];
      if (e && inRect(e.rect, r, c)) return e.value;
    }
    return undefined;
  }

  setCell(r: number, c: number, value: T | undefined): void {
    const k = cellKey(r, c);
    if (value === undefined && !this.rects.some((e) => inRect(e.rect, r, c))) this.cells.delete(k);
    else this.cells.set(k, value);
  }

  set(x: Rect, value: T | undefined): void {
    if (rectCells(x) <= SMALL_WRITE) {
      for (let r = x.r0; r <= x.r1; r++) for (let c = x.c0; c <= x.c1; c++) this.setCell(r, c, value);
      return;
    }
    for (const k of [...this.cells.keys()]) if (inRect(x, keyRow(k), keyCol(k))) this.cells.delete(k);
    this.rects = this.rects.filter((e) => !rectContains(x, e.rect));
    if (value !== undefined || this.rects.length > 0) this.rects.push({ rect: x, value });
  }

  isEmpty(): boolean {
    return this.cells.size === 0 && this.rects.every((e) => e.value === undefined);
  }
}

// ---------------------------------------------------------------- construction and copying

export function newSheet(id: string, name: string): SheetState {
  const formats = {} as Record<FormatKey, PropStore<unknown>>;
  for (const k of FORMAT_KEYS) formats[k] = new PropStore<unknown>();
  return {
    id,
    name,
    visibility: 'Visible',
    rows: [],
    quotePrefix: new Set(),
    formats,
    hyperlinks: new Map(),
    merged: [],
    columnWidths: new Map(),
    rowHeights: new Map(),
    frozen: { rows: 0, columns: 0 },
    selection: rect(0, 0, 0, 0),
    charts: [],
    conditionalFormats: [],
    tables: [],
    customProperties: [],
    print: defaultPrintState(),
  };
}

function cloneChart(c: ChartState): ChartState {
  return {
    ...c,
    title: { ...c.title },
    valueAxisTitle: { ...c.valueAxisTitle },
    categoryAxisTitle: { ...c.categoryAxisTitle },
    dataLabels: { ...c.dataLabels },
    legend: { ...c.legend },
    anchor: c.anchor ? { ...c.anchor } : null,
    series: c.series.map((s) => ({ ...s })),
  };
}

export function cloneSheet(s: SheetState): SheetState {
  const formats = {} as Record<FormatKey, PropStore<unknown>>;
  for (const k of FORMAT_KEYS) formats[k] = s.formats[k].clone();
  return {
    ...s,
    rows: s.rows.map((row) => row?.slice()),
    quotePrefix: new Set(s.quotePrefix),
    formats,
    hyperlinks: new Map(s.hyperlinks),
    merged: s.merged.slice(),
    columnWidths: new Map(s.columnWidths),
    rowHeights: new Map(s.rowHeights),
    frozen: { ...s.frozen },
    charts: s.charts.map(cloneChart),
    conditionalFormats: s.conditionalFormats.map((f) => ({ ...f, rule: { ...f.rule }, format: { ...f.format } })),
    tables: s.tables.map((t) => ({ ...t })),
    customProperties: s.customProperties.map((p) => ({ ...p })),
    print: clonePrintState(s.print),
  };
}

/** Copy of the workbook-level containers; sheets are shared until copied on write. */
export function shallowCopyWorkbook(w: WorkbookState): WorkbookState {
  return {
    sheets: w.sheets.slice(),
    names: w.names.slice(),
    activeSheetId: w.activeSheetId,
    settings: new Map(w.settings),
    customXmlParts: w.customXmlParts.slice(),
    counters: { ...w.counters },
  };
}

export function sheetIdFor(n: number): string {
  return `{00000000-${n.toString(16).toUpperCase().padStart(4, '0')}-0000-C000-000000000046}`;
}

export function findSheetByName(w: WorkbookState, name: string): SheetState | undefined {
  const lower = name.toLowerCase();
  return w.sheets.find((s) => s.name.toLowerCase() === lower);
}

// ---------------------------------------------------------------- cell contents

export function getContent(sh: SheetState, r: number, c: number): Content | undefined {
  return sh.rows[r]?.[c];
}

export function setContent(sh: SheetState, r: number, c: number, v: Content | undefined): void {
  let row = sh.rows[r];
  if (!row) {
    if (v === undefined) return;
    row = [];
    sh.rows[r] = row;
  }
  if (v === undefined && c >= row.length) return;
  row[c] = v;
}

export function isFormula(v: Content | undefined): v is FormulaCell {
  return typeof v === 'object' && v !== null;
}

export function numberFormatAt(sh: SheetState, r: number, c: number): string {
  const f = sh.formats.numberFormat.get(r, c);
  return typeof f === 'string' ? f : 'General';
}

const DATE_EPOCH = Date.UTC(1899, 11, 30);

export function dateToSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return Math.round((t - DATE_EPOCH) / 86_400_000);
}

function fifteenDigits(n: number, digits: string): number {
  const significant = digits.replace(/^0+/, '').replace(/\./, '').replace(/^0+/, '');
  return significant.length > 15 ? Number(n.toPrecision(15)) : n;
}

/**
 * What Excel makes of a typed string that is not a formula: numbers (leading zeros dropped,
 * precision cut to 15 digits), percentages, thousands separators, ISO-like dates and TRUE/FALSE.
 */
export function parseTypedString(s: string): { value: number | boolean; format?: string } | null {
  const t = s.trim();
  if (t === '') return null;
  // fast exit: every convertible string starts with a digit, sign, dot or t/f
  if (!/^[0-9+\-.tTfF]/.test(t)) return null;
  if (/^true$/i.test(t)) return { value: true };
  if (/^false$/i.test(t)) return { value: false };
  let m = /^([+-]?)([0-9]*\.?[0-9]+)(?:[eE]([+-]?[0-9]+))?$/.exec(t);
  if (m) {
    const n = Number(t);
    if (!Number.isFinite(n)) return null;
    const v = fifteenDigits(n, m[2] ?? '');
    return m[3] !== undefined ? { value: v, format: '0.00E+00' } : { value: v };
  }
  m = /^([+-]?)([0-9]{1,3}(?:,[0-9]{3})+)(\.[0-9]+)?$/.exec(t);
  if (m) {
    const n = Number(t.replace(/,/g, ''));
    return { value: fifteenDigits(n, (m[2] ?? '') + (m[3] ?? '')), format: m[3] ? '#,##0.00' : '#,##0' };
  }
  m = /^([+-]?[0-9]*\.?[0-9]+)%$/.exec(t);
  if (m) {
    const n = Number(m[1]) / 100;
    return { value: n, format: (m[1] ?? '').includes('.') ? '0.00%' : '0%' };
  }
  m = /^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})$/.exec(t);
  if (m) {
    const serial = dateToSerial(Number(m[1]), Number(m[2]), Number(m[3]));
    if (serial !== null) return { value: serial, format: 'yyyy/m/d' };
  }
  return null;
}

export const MAX_CELL_TEXT = 32_767;

/**
 * Writes one input value the way Excel's values/formulas setters treat it.
 * null/undefined (and NaN/Infinity, which JSON turns into null) leave the cell unchanged.
 */
export function writeInput(sh: SheetState, r: number, c: number, raw: unknown): void {
  if (raw === null || raw === undefined) return;
  const k = cellKey(r, c);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return;
    setContent(sh, r, c, raw);
    sh.quotePrefix.delete(k);
    return;
  }
  if (typeof raw === 'boolean') {
    setContent(sh, r, c, raw);
    sh.quotePrefix.delete(k);
    return;
  }
  let s: string;
  if (raw instanceof Date) s = raw.toISOString();
  else if (typeof raw === 'string') s = raw;
  else throw officeError('InvalidArgument', `Cell ${cellName(r, c)}: unsupported input value of type ${typeof raw}.`);
  if (s.length > MAX_CELL_TEXT) {
    throw officeError('InvalidArgument', `Cell ${cellName(r, c)}: text longer than ${MAX_CELL_TEXT} characters.`);
  }
  if (s === '') {
    setContent(sh, r, c, undefined);
    sh.quotePrefix.delete(k);
    return;
  }
  const head = s.charAt(0);
  if (head === "'") {
    const text = s.slice(1);
    setContent(sh, r, c, text === '' ? undefined : text);
    sh.quotePrefix.add(k);
    return;
  }
  sh.quotePrefix.delete(k);
  if (head === '=' && s.length > 1) {
    setContent(sh, r, c, { f: s });
    return;
  }
  const textFormat = numberFormatAt(sh, r, c) === '@';
  const typed = textFormat ? null : parseTypedString(s);
  if (typed) {
    setContent(sh, r, c, typed.value);
    if (typed.format !== undefined && numberFormatAt(sh, r, c) === 'General') {
      sh.formats.numberFormat.setCell(r, c, typed.format);
    }
    return;
  }
  if ((head === '+' || head === '-') && s.length > 1 && parseTypedString(s) === null) {
    setContent(sh, r, c, { f: `=${s}` });
    return;
  }
  setContent(sh, r, c, s);
}

// ---------------------------------------------------------------- reading (with formula evaluation)

const visiting = new Set<string>();

function scalarOut(v: Scalar): CellValue {
  return v instanceof ExcelErr ? v.code : v;
}

export function evaluateCell(w: WorkbookState, sh: SheetState, r: number, c: number, f: FormulaCell): Scalar {
  const token = `${sh.id}:${r}:${c}`;
  if (visiting.has(token)) return 0;
  visiting.add(token);
  try {
    return evaluateFormula(f.f, formulaEnv(w, sh));
  } finally {
    visiting.delete(token);
  }
}

/** A defined name as a formula on sheet `sheetId` sees it: the sheet's own name first, then the workbook's. */
export function findName(w: WorkbookState, name: string, sheetId: string | null): NameState | undefined {
  const key = name.toLowerCase();
  const matches = w.names.filter((n) => n.name.toLowerCase() === key);
  return matches.find((n) => sheetId !== null && n.sheetId === sheetId) ?? matches.find((n) => n.sheetId === null);
}

/** What a name's formula gives: an area for a named range, a scalar for a constant or an error. */
export function evaluateName(w: WorkbookState, def: NameState): Area | Scalar {
  const token = `name:${def.sheetId ?? ''}:${def.name}`;
  if (visiting.has(token)) return new ExcelErr('#REF!');
  visiting.add(token);
  try {
    const own = def.sheetId === null ? undefined : w.sheets.find((x) => x.id === def.sheetId);
    return evaluateReference(def.formula, formulaEnv(w, own ?? null));
  } finally {
    visiting.delete(token);
  }
}

/** Areas by sheet name (unqualified: the formula's own sheet) and defined names, for the evaluator. */
function formulaEnv(w: WorkbookState, sh: SheetState | null): EvalEnv {
  return {
    name: (n) => {
      const def = findName(w, n, sh?.id ?? null);
      return def === undefined ? new ExcelErr('#NAME?') : evaluateName(w, def);
    },
    area: (sheetName, x): Area => {
      const target = sheetName === null ? sh : findSheetByName(w, sheetName);
      if (!target) throw new ExcelErr('#REF!');
      const r1 = Math.min(x.r1, target.rows.length - 1);
      let maxCol = x.c0 - 1;
      for (let rr = x.r0; rr <= r1; rr++) maxCol = Math.max(maxCol, Math.min(x.c1, (target.rows[rr]?.length ?? 0) - 1));
      const rowsN = Math.max(0, r1 - x.r0 + 1);
      const colsN = Math.max(0, (isFullColumns(x) ? maxCol : x.c1) - x.c0 + 1);
      const values: Scalar[] = [];
      for (let rr = 0; rr < rowsN; rr++) {
        for (let cc = 0; cc < colsN; cc++) {
          const content = getContent(target, x.r0 + rr, x.c0 + cc);
          if (content === undefined) values.push('');
          else if (isFormula(content)) values.push(evaluateCell(w, target, x.r0 + rr, x.c0 + cc, content));
          else values.push(content);
        }
      }
      return { kind: 'area', rows: rowsN, cols: colsN, values };
    },
  };
}

export function readValue(w: WorkbookState, sh: SheetState, r: number, c: number): CellValue {
  const v = getContent(sh, r, c);
  if (v === undefined) return '';
  if (isFormula(v)) return scalarOut(evaluateCell(w, sh, r, c, v));
  return v;
}

export function readFormula(sh: SheetState, r: number, c: number): CellValue {
  const v = getContent(sh, r, c);
  if (v === undefined) return '';
  if (isFormula(v)) return v.f;
  return v;
}

const ERROR_CODES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

export function readValueType(w: WorkbookState, sh: SheetState, r: number, c: number): string {
  const content = getContent(sh, r, c);
  if (content === undefined) return 'Empty';
  const v = readValue(w, sh, r, c);
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  if (isFormula(content) && ERROR_CODES.has(v)) return 'Error';
  return v === '' ? 'Empty' : 'String';
}

function serialToParts(serial: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const ms = Math.round(serial * 86_400_000);
  const dt = new Date(DATE_EPOCH + ms);
  return {
    y: dt.getUTCFullYear(),
    mo: dt.getUTCMonth() + 1,
    d: dt.getUTCDate(),
    h: dt.getUTCHours(),
    mi: dt.getUTCMinutes(),
    s: dt.getUTCSeconds(),
  };
}

function formatDate(serial: number, fmt: string): string {
  const p = serialToParts(serial);
  const tokens = fmt.match(/yyyy|yy|mm|m|dd|d|hh|h|ss|s|"[^"]*"|\\.|./gi) ?? [];
  let out = '';
  let lastWasHour = false;
  tokens.forEach((tok, i) => {
    const lower = tok.toLowerCase();
    const next = tokens.slice(i + 1).find((t) => /^[a-z]/i.test(t))?.toLowerCase() ?? '';
    switch (lower) {
      case 'yyyy':
        out += String(p.y);
        break;
      case 'yy':
        out += String(p.y % 100).padStart(2, '0');
        break;
      case 'mm':
      case 'm': {
        const minutes = lastWasHour || next.startsWith('s');
        const v = minutes ? p.mi : p.mo;
        out += lower === 'mm' ? String(v).padStart(2, '0') : String(v);
        break;
      }
      case 'dd':
        out += String(p.d).padStart(2, '0');
        break;
      case 'd':
        out += String(p.d);
        break;
      case 'hh':
        out += String(p.h).padStart(2, '0');
        break;
      case 'h':
        out += String(p.h);
        break;
      case 'ss':
        out += String(p.s).padStart(2, '0');
        break;
      case 's':
        out += String(p.s);
        break;
      default:
        out += tok.startsWith('"') ? tok.slice(1, -1) : tok.startsWith('\\') ? tok.slice(1) : tok;
    }
    if (/^[a-z]/i.test(tok)) lastWasHour = lower === 'h' || lower === 'hh';
  });
  return out;
}

function stripLiteral(s: string): string {
  return s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1').replace(/[_*]./g, '');
}

/** Range.text for one cell: a small subset of Excel number formats. */
export function formatText(v: CellValue, fmt: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (fmt === 'General' || fmt === '' || fmt === '@') return formatGeneral(v);
  const sections = fmt.split(';');
  let f = sections[0] ?? fmt;
  let n = v;
  if (v < 0 && sections.length > 1 && sections[1] !== undefined) {
    f = sections[1];
    n = -v;
  }
  const bare = f.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  if (/[ymdhs]/i.test(bare)) return formatDate(n, f.replace(/\[[^\]]*\]/g, ''));
  const first = f.search(/[0#?]/);
  if (first < 0) return stripLiteral(f);
  let last = -1;
  for (let i = f.length - 1; i >= 0; i--) {
    if ('0#?%'.includes(f.charAt(i)) || (f.charAt(i) === '.' && i > first)) {
      last = i;
      break;
    }
  }
  const core = f.slice(first, last + 1);
  const prefix = stripLiteral(f.slice(0, first));
  const suffix = stripLiteral(f.slice(last + 1));
  const percent = core.includes('%') || suffix.includes('%');
  const sci = /E[+-]/i.test(f);
  const decimals = (/\.([0#?]+)/.exec(core)?.[1] ?? '').length;
  const grouping = /[0#],[0#]/.test(core);
  let x = percent ? n * 100 : n;
  if (sci) {
    const [mant, exp] = x.toExponential(decimals).split('e');
    const e = Number(exp);
    return `${prefix}${mant ?? ''}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}${suffix}`;
  }
  x = Number(x.toFixed(decimals));
  let body = Math.abs(x).toFixed(decimals);
  if (grouping) {
    const [i, d] = body.split('.');
    body = (i ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (d !== undefined ? `.${d}` : '');
  }
  const sign = x < 0 ? '-' : '';
  return `${sign}${prefix}${body}${percent && !suffix.includes('%') ? '%' : ''}${suffix}`;
}

// ---------------------------------------------------------------- extents

/** Bounding box of cells with contents, or null for an empty sheet. */
export function contentExtent(sh: SheetState): Rect | null {
  let r0 = -1;
  let r1 = -1;
  let c0 = Number.MAX_SAFE_INTEGER;
  let c1 = -1;
  const rows = sh.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    let lo = -1;
    let hi = -1;
    for (let c = 0; c < row.length; c++) {
      if (row[c] !== undefined) {
        if (lo < 0) lo = c;
        hi = c;
      }
    }
    if (lo < 0) continue;
    if (r0 < 0) r0 = r;
    r1 = r;
    c0 = Math.min(c0, lo);
    c1 = Math.max(c1, hi);
  }
  return r0 < 0 ? null : rect(r0, c0, r1, c1);
}

function grow(acc: Rect | null, x: Rect): Rect {
  if (!acc) return x;
  return rect(Math.min(acc.r0, x.r0), Math.min(acc.c0, x.c0), Math.max(acc.r1, x.r1), Math.max(acc.c1, x.c1));
}

/** Used range as Excel computes it: contents, plus (unless valuesOnly) cell-level formatting. */
export function usedExtent(sh: SheetState, valuesOnly: boolean): Rect | null {
  let acc = contentExtent(sh);
  if (valuesOnly) return acc;
  const addKey = (k: number): void => {
    acc = grow(acc, rect(keyRow(k), keyCol(k), keyRow(k), keyCol(k)));
  };
  for (const key of FORMAT_KEYS) {
    const store = sh.formats[key];
    for (const [k, v] of store.cells) if (v !== undefined) addKey(k);
    for (const e of store.rects) {
      if (e.value !== undefined && !isFullColumns(e.rect) && !isFullRows(e.rect)) acc = grow(acc, e.rect);
    }
  }
  for (const k of sh.hyperlinks.keys()) addKey(k);
  for (const k of sh.quotePrefix) addKey(k);
  for (const m of sh.merged) acc = grow(acc, m);
  return acc;
}

// ---------------------------------------------------------------- references between sheets

/**
 * Excel's bookkeeping when sheet `from` is renamed to `to`, or deleted (`to` = null): every formula
 * that names it (cells on every sheet, defined names) is rewritten, so a rename keeps references
 * working and a deletion turns them into `#REF!` (`=汇总!C5` → `=#REF!C5`). Names scoped to a
 * deleted sheet (`deletedId`) go with it. Chart series hold sheet ids (SheetRect) and need no
 * rewrite: one that points into a deleted sheet reads as `#REF!`. `writable` gives a sheet to change
 * (copy on write).
 */
export function rewriteReferences(w: WorkbookState, from: string, to: string | null, writable: (id: string) => SheetState, deletedId?: string): void {
  const key = from.toLowerCase();
  const mentions = (f: string): boolean => f.includes('!') && f.toLowerCase().includes(key);
  for (const sheet of w.sheets) {
    let target: SheetState | null = null;
    sheet.rows.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (!isFormula(v) || !mentions(v.f)) return;
        const next = rewriteSheetReferences(v.f, from, to);
        if (next === v.f) return;
        target ??= writable(sheet.id);
        setContent(target, r, c, { f: next });
      });
    });
    // Conditional-format formulas follow the same rule (a mark rule reading a deleted helper sheet
    // becomes `=MID(#REF!$B1,…)`).
    const rewrite = (f: string | null): string | null => (f !== null && mentions(f) ? rewriteSheetReferences(f, from, to) : f);
    if (sheet.conditionalFormats.some((f) => rewrite(f.rule.formula) !== f.rule.formula || rewrite(f.rule.formula1) !== f.rule.formula1 || rewrite(f.rule.formula2) !== f.rule.formula2)) {
      target ??= writable(sheet.id);
      target.conditionalFormats = target.conditionalFormats.map((f) => ({
        ...f,
        rule: { ...f.rule, formula: rewrite(f.rule.formula), formula1: rewrite(f.rule.formula1), formula2: rewrite(f.rule.formula2) },
      }));
    }
  }
  w.names = w.names
    .filter((n) => deletedId === undefined || n.sheetId !== deletedId)
    .map((n) => (mentions(n.formula) ? { ...n, formula: rewriteSheetReferences(n.formula, from, to) } : n));
}

/**
 * Why `name` cannot be a defined name, or null. The rules (ECMA-376 Part 1, "Names"; Excel's
 * Define Name dialog): a letter of any script (so CJK names are fine), `_` or `\` first, then
 * letters, digits, `_`, `.` and `\`; at most 255 characters; not TRUE/FALSE, not an A1 reference
 * (`AB12`) and not an R1C1 one (`R`, `C`, `R1C1`). Names compare case-insensitively.
 */
export function definedNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'A name cannot be empty.';
  if (name.length > 255) return 'A name has at most 255 characters.';
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return `'${name}' has characters a name cannot have.`;
  if (/^(true|false)$/i.test(name)) return `'${name}' is a logical value.`;
  if (/^[A-Za-z]{1,3}[0-9]{1,7}$/.test(name)) return `'${name}' is a cell reference.`;
  if (/^[Rr][0-9]*([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name)) return `'${name}' is an R1C1 reference.`;
  return null;
}

/**
 * The workbook as Excel gives it after it is saved, closed and opened again: worksheet ids change
 * (they are stable only within a session: office-js-docs #297, office-js #1390), and so do the ids
 * of conditional formats and tables. Everything saved in the file stays: contents, names, charts,
 * settings, custom XML parts. `generation` makes the new ids differ from every earlier one.
 */
export function reopenedWorkbook(w: WorkbookState, generation: number): WorkbookState {
  const ids = new Map<string, string>();
  w.sheets.forEach((s, i) => ids.set(s.id, `{${generation.toString(16).toUpperCase().padStart(8, '0')}-${(i + 1).toString(16).toUpperCase().padStart(4, '0')}-0000-0000-000000000000}`));
  const remap = (sr: SheetRect | null): SheetRect | null => (sr === null ? null : { sheetId: ids.get(sr.sheetId) ?? sr.sheetId, rect: sr.rect });
  const counters = { ...w.counters };
  const sheets = w.sheets.map((s) => {
    const c = cloneSheet(s);
    c.id = ids.get(s.id) ?? s.id;
    c.charts = c.charts.map((chart) => ({
      ...chart,
      source: remap(chart.source) ?? chart.source,
      series: chart.series.map((x) => ({ ...x, values: remap(x.values), xValues: remap(x.xValues) })),
    }));
    c.conditionalFormats = c.conditionalFormats.map((f) => ({ ...f, id: `{CF${String(++counters.cf).padStart(6, '0')}}` }));
    c.tables = c.tables.map((t) => ({ ...t, id: String(++counters.table) }));
    return c;
  });
  return {
    sheets,
    names: w.names.map((n) => (n.sheetId === null ? n : { ...n, sheetId: ids.get(n.sheetId) ?? n.sheetId })),
    activeSheetId: ids.get(w.activeSheetId) ?? w.activeSheetId,
    settings: new Map(w.settings),
    customXmlParts: w.customXmlParts.slice(),
    counters,
  };
}

/**
 * What Excel does when a user copies sheet `source` (Move or Copy › Create a copy): a new sheet
 * "<name> (2)" right after it with the same cells, formats, charts (now pointing at the copy) and
 * custom properties; workbook-scoped names that refer to the source are cloned as names scoped to
 * the copy (http://www.excelcodex.com/2012/06/defined-names-choosing-the-scope/), so the copy's
 * own formulas keep pointing at itself. Workbook-scoped names are not duplicated.
 */
export function workbookWithCopiedSheet(w: WorkbookState, source: SheetState): { workbook: WorkbookState; copy: SheetState } {
  const counters = { ...w.counters, sheet: w.counters.sheet + 1 };
  const copy = cloneSheet(source);
  copy.id = sheetIdFor(counters.sheet);
  let n = 2;
  while (findSheetByName(w, `${source.name} (${n})`)) n++;
  copy.name = `${source.name} (${n})`;
  const own = (sr: SheetRect | null): SheetRect | null => (sr !== null && sr.sheetId === source.id ? { sheetId: copy.id, rect: sr.rect } : sr);
  copy.charts = copy.charts.map((chart) => ({
    ...chart,
    id: String(++counters.chart),
    source: own(chart.source) ?? chart.source,
    series: chart.series.map((x) => ({ ...x, values: own(x.values), xValues: own(x.xValues) })),
  }));
  const cloned = w.names.flatMap((x) => {
    const formula = rewriteSheetReferences(x.formula, source.name, copy.name);
    return x.sheetId === null && formula !== x.formula ? [{ ...x, sheetId: copy.id, formula }] : [];
  });
  const sheets = w.sheets.slice();
  sheets.splice(sheets.indexOf(source) + 1, 0, copy);
  return { workbook: { ...w, sheets, names: [...w.names, ...cloned], counters }, copy };
}
