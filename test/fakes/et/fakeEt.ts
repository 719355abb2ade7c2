/**
 * A fake of WPS 表格's (ET) JS object model, synchronous like the real one, modelling exactly the members
 * `src/wps/etTypes.ts` declares, with VBA's semantics for them: collections indexed by name or from 1,
 * `Visible` as `XlSheetVisibility` numbers (-1, 0, 2), `Value2` a scalar for one cell and (configurable) a flat
 * array for one row, strings written to `Value2` parsed like typed input (`=` a formula, numbers and ISO dates
 * converted, a leading `'` kept out of the text), Excel's sheet-name rules (1–31 characters, none of `[]:*?/\`,
 * unique without regard to case), and every member of a deleted sheet throwing.
 */
import type {
  EtApplication,
  EtChart,
  EtChartObject,
  EtAxis,
  EtChartObjects,
  EtSeries,
  EtFormatCondition,
  EtFormatConditions,
  EtName,
  EtNames,
  EtRange,
  EtSheets,
  EtWorkbook,
  EtWorksheet,
} from '../../../src/wps/etTypes';

type Cell = { value: string | number | boolean; formula?: string };
interface Area {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}
interface Condition {
  areas: Area[];
  type: number;
  formula1: string;
  color: number;
}

/** Options of `createFakeEt`. */
export interface FakeEtOptions {
  /** Sheets in tab order, as rows from A1 (`null`/`undefined`: empty). */
  readonly sheets: Readonly<Record<string, readonly (readonly unknown[])[]>>;
  /** A one-row range's `Value2` as a flat array (default true). */
  readonly flatSingleRow?: boolean;
  /** Members an older host lacks: they read as `undefined`. */
  readonly missing?: readonly ('ChartObjects' | 'FormatConditions')[];
}

/** What a test sees of a chart: ranges as `sheet!address`, by the sheets' current names. */
export interface EtChartSnapshot {
  readonly name: string;
  readonly type: number;
  readonly title: string | null;
  readonly series: readonly { readonly name: string; readonly values: string; readonly xValues: string | null; readonly dataLabels: boolean }[];
  readonly valueAxis: { readonly title: string | null; readonly reversed: boolean } | null;
  readonly categoryAxis: { readonly title: string | null; readonly reversed: boolean } | null;
}

/** Default column width and row height of the fake, in points (Excel's defaults: 8.43 characters ≈ 48 pt, 15 pt). */
const COLUMN_POINTS = 48;
const ROW_POINTS = 15;

/** What a test sees of a sheet. */
export interface EtSheetSnapshot {
  readonly name: string;
  readonly visible: number;
  readonly values: (string | number | boolean | null)[][];
  readonly formulas: Record<string, string>;
  readonly conditions: readonly { readonly ref: string; readonly formula1: string; readonly color: number }[];
  readonly charts: readonly EtChartSnapshot[];
  /** Number formats other than General, by cell ("B7": "0.0"). */
  readonly numberFormats: Record<string, string>;
  /** Fill colours by cell, as `#RRGGBB`. */
  readonly fills: Record<string, string>;
  /** Cells set bold. */
  readonly bold: readonly string[];
  readonly mergedAreas: readonly string[];
  /** Column widths in characters by column letter; row heights in points by 1-based row. */
  readonly columnWidths: Record<string, number>;
  readonly rowHeights: Record<string, number>;
}

/** A BGR colour number as `#RRGGBB`. */
const hexOf = (color: number): string =>
  `#${[color & 0xff, (color >> 8) & 0xff, (color >> 16) & 0xff].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();

function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseCell(text: string): { r: number; c: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(text.trim());
  if (m === null) throw new Error(`Range: bad address ${text}`);
  let c = 0;
  for (const ch of m[1]!.toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

function parseAreas(address: string): Area[] {
  return address.split(',').map((part) => {
    const [a = '', b = a] = part.split(':');
    const p = parseCell(a);
    const q = parseCell(b);
    return { r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c) };
  });
}

const areaText = (a: Area): string =>
  a.r0 === a.r1 && a.c0 === a.c1 ? `${colLetters(a.c0)}${a.r0 + 1}` : `${colLetters(a.c0)}${a.r0 + 1}:${colLetters(a.c1)}${a.r1 + 1}`;

const cellText = (key: string): string => {
  const [r = 0, c = 0] = key.split(',').map(Number);
  return `${colLetters(c)}${r + 1}`;
};

const intersects = (a: Area, b: Area): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

/** Days since 1899-12-30 (Excel's serial date) of an ISO date or date-time. */
function serial(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso.replace(/Z$/, '')}Z`) / 86_400_000 + 25_569;
}

/** A string written to `Value2`, parsed like typed input. */
function parseInput(text: string): Cell | null {
  if (text === '') return null;
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=')) return { value: 0, formula: text };
  if (/^\s*[-+]?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(text)) return { value: Number(text) };
  if (/^(TRUE|FALSE)$/i.test(text.trim())) return { value: text.trim().toUpperCase() === 'TRUE' };
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text)) return { value: serial(text) };
  return { value: text };
}

const FORBIDDEN = /[[\]:*?/\\]/;

/** The fake ET application with its one workbook. */
export class FakeEt implements EtApplication {
  ScreenUpdating = true;
  EnableEvents = true;
  DisplayAlerts = true;
  readonly ActiveWorkbook: FakeWorkbook;
  /**
   * Throws from the `n`th change from now (1-based) when set: a host failure mid-way. Changes: `Value2`,
   * `NumberFormat`, `Merge`, `Name`, `Sheets.Add`, `Delete`, `Names.Add`, `ChartObjects.Add`.
   */
  failOnWrite: number | null = null;
  /** Changes so far (see `failOnWrite`). */
  writes = 0;

  /** The kind of each change so far (`Value2`, `Name`, `Names.Add`, …), for tests that fail each kind of step. */
  readonly changeKinds: string[] = [];

  /** Count a change, failing it when `failOnWrite` says so. */
  change(kind: string): void {
    this.writes++;
    this.changeKinds.push(kind);
    if (this.failOnWrite !== null && --this.failOnWrite === 0) throw new Error('Test fake: write failed');
  }
  /** `Value2` reads so far, by sheet name. */
  readonly reads = new Map<string, number>();

  constructor(options: FakeEtOptions) {
    this.ActiveWorkbook = new FakeWorkbook(this, options.flatSingleRow ?? true, new Set(options.missing ?? []));
    for (const [name, rows] of Object.entries(options.sheets)) {
      const ws = this.ActiveWorkbook.sheets.add();
      ws.Name = name;
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && v !== undefined && v !== '') ws.cells.set(`${r},${c}`, { value: v as string | number | boolean });
        }),
      );
    }
  }

  /** Every live sheet, in tab order. */
  snapshot(): EtSheetSnapshot[] {
    return this.ActiveWorkbook.sheets.list.map((ws) => ws.snapshot());
  }
}

class FakeWorkbook implements EtWorkbook {
  readonly sheets: FakeSheets;
  readonly names: FakeNames;
  constructor(
    readonly app: FakeEt,
    readonly flatSingleRow: boolean,
    readonly missing: ReadonlySet<string>,
  ) {
    this.sheets = new FakeSheets(this);
    this.names = new FakeNames(() => app.change('Names.Add'));
  }
  /** The active sheet (the first until another is activated or added). */
  active: FakeWorksheet | null = null;
  get ActiveSheet(): EtWorksheet {
    const active = this.active ?? this.sheets.list[0];
    if (active === undefined) throw new Error('No sheet');
    return active;
  }
  get Worksheets(): EtSheets {
    return this.sheets;
  }
  get Names(): EtNames {
    return this.names;
  }
}

class FakeSheets implements EtSheets {
  readonly list: FakeWorksheet[] = [];
  private next = 1;
  constructor(private readonly wb: FakeWorkbook) {}
  get Count(): number {
    return this.list.length;
  }
  Item(index: string | number): EtWorksheet {
    const ws = typeof index === 'number' ? this.list[index - 1] : this.list.find((s) => s.Name.toUpperCase() === index.toUpperCase());
    if (ws === undefined) throw new Error(`Worksheets.Item(${String(index)}): subscript out of range`);
    return ws;
  }
  Add(Before?: EtWorksheet, After?: EtWorksheet): FakeWorksheet {
    this.wb.app.change('Sheets.Add');
    const ws = this.add();
    this.list.pop();
    const at = Before !== undefined ? this.list.indexOf(Before as FakeWorksheet) : After !== undefined ? this.list.indexOf(After as FakeWorksheet) + 1 : 0;
    if (at < 0) throw new Error('Sheets.Add: sheet not in this workbook');
    this.list.splice(at, 0, ws);
    this.wb.active = ws; // VBA: the new sheet becomes the active sheet
    return ws;
  }
  /** A new sheet at the end with a free default name. */
  add(): FakeWorksheet {
    let name = `Sheet${this.next++}`;
    while (this.list.some((s) => s.Name.toUpperCase() === name.toUpperCase())) name = `Sheet${this.next++}`;
    const ws = new FakeWorksheet(this.wb, name);
    this.list.push(ws);
    return ws;
  }
}

class FakeWorksheet implements EtWorksheet {
  readonly cells = new Map<string, Cell>();
  readonly formats = new Map<string, unknown>();
  readonly conditions: Condition[] = [];
  readonly charts: FakeChartObject[] = [];
  /** Cell formats by "row,col": font, fill, alignment. */
  readonly styles = new Map<string, Record<string, unknown>>();
  readonly merges: Area[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  private name: string;
  private visible = -1;
  private deleted = false;
  constructor(
    readonly wb: FakeWorkbook,
    name: string,
  ) {
    this.name = name;
    if (wb.missing.has('ChartObjects')) Object.defineProperty(this, 'ChartObjects', { value: undefined });
  }
  /** Throws on a deleted sheet, as every member of a deleted COM object does. */
  live(): this {
    if (this.deleted) throw new Error('Object has been deleted');
    return this;
  }
  get Name(): string {
    return this.live().name;
  }
  set Name(value: string) {
    this.live();
    this.wb.app.change('Name');
    if (value.length === 0 || value.length > 31 || FORBIDDEN.test(value) || /^'|'$/.test(value)) throw new Error(`Invalid sheet name: ${value}`);
    if (this.wb.sheets.list.some((s) => s !== this && s.Name.toUpperCase() === value.toUpperCase())) throw new Error(`Sheet name taken: ${value}`);
    this.wb.names.renameSheet(this.name, value);
    this.name = value;
  }
  get Visible(): number {
    return this.live().visible;
  }
  set Visible(value: number) {
    this.live();
    if (value !== -1 && value !== 0 && value !== 2) throw new Error(`Visible: bad value ${value}`);
    if (value !== -1 && this.wb.sheets.list.filter((s) => s.visible === -1 && s !== this).length === 0) throw new Error('Cannot hide the last visible sheet');
    this.visible = value;
    if (value !== -1 && this.wb.active === this) this.wb.active = this.wb.sheets.list.find((sh) => sh.visible === -1) ?? null;
  }
  get UsedRange(): EtRange {
    this.live();
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = 0;
    let c1 = 0;
    for (const key of this.cells.keys()) {
      const [r = 0, c = 0] = key.split(',').map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r0 === Infinity ? new FakeRange(this, [{ r0: 0, c0: 0, r1: 0, c1: 0 }]) : new FakeRange(this, [{ r0, c0, r1, c1 }]);
  }
  Range(address: string): EtRange {
    return new FakeRange(this.live(), parseAreas(address));
  }
  Activate(): void {
    this.live();
    if (this.visible !== -1) throw new Error('Activate: a hidden sheet cannot be activated');
    this.wb.active = this;
  }
  ChartObjects(): EtChartObjects {
    this.live();
    const charts = this.charts;
    const add = (name: string): FakeChartObject => new FakeChartObject(this, name);
    const change = (): void => this.wb.app.change('ChartObjects.Add');
    return {
      get Count() {
        return charts.length;
      },
      Add(Left: number, Top: number, Width: number, Height: number) {
        change();
        if (![Left, Top, Width, Height].every((n) => typeof n === 'number' && Number.isFinite(n)) || Width <= 0 || Height <= 0) throw new Error('ChartObjects.Add: bad position');
        const chart = add(`Chart ${charts.length + 1}`);
        charts.push(chart);
        return chart;
      },
    };
  }
  Delete(): void {
    this.live();
    this.wb.app.change('Delete');
    if (this.visible === -1 && this.wb.sheets.list.filter((s) => s.visible === -1).length === 1) throw new Error('Cannot delete the last visible sheet');
    if (this.wb.app.DisplayAlerts) throw new Error('Test fake: Delete with DisplayAlerts on would ask the user');
    const at = this.wb.sheets.list.indexOf(this);
    this.wb.sheets.list.splice(at, 1);
    if (this.wb.ActiveSheet === this || this.wb.active === this) this.wb.active = this.wb.sheets.list.filter((sh) => sh.visible === -1)[Math.max(0, at - 1)] ?? null;
    this.wb.names.deleteSheet(this.name);
    this.deleted = true;
  }
  snapshot(): EtSheetSnapshot {
    const used = this.UsedRange as FakeRange;
    const a = used.areas[0]!;
    const values: (string | number | boolean | null)[][] = [];
    const formulas: Record<string, string> = {};
    if (this.cells.size > 0)
      for (let r = 0; r <= a.r1; r++) {
        const row: (string | number | boolean | null)[] = [];
        for (let c = 0; c <= a.c1; c++) {
          const cell = this.cells.get(`${r},${c}`);
          row.push(cell === undefined ? null : cell.value);
          if (cell?.formula !== undefined) formulas[`${colLetters(c)}${r + 1}`] = cell.formula;
        }
        values.push(row);
      }
    return {
      name: this.name,
      visible: this.visible,
      values,
      formulas,
      conditions: this.conditions.map((c) => ({ ref: c.areas.map(areaText).join(' '), formula1: c.formula1, color: c.color })),
      charts: this.charts.map((c) => c.snapshot()),
      numberFormats: Object.fromEntries(
        [...this.formats].filter(([, f]) => f !== 'General').map(([key, f]) => [cellText(key), String(f)]),
      ),
      fills: Object.fromEntries(
        [...this.styles].filter(([, st]) => typeof st.fill === 'number').map(([key, st]) => [cellText(key), hexOf(st.fill as number)]),
      ),
      bold: [...this.styles].filter(([, st]) => st.bold === true).map(([key]) => cellText(key)),
      mergedAreas: this.merges.map(areaText),
      columnWidths: Object.fromEntries([...this.columnWidths].map(([c, w]) => [colLetters(c), w])),
      rowHeights: Object.fromEntries([...this.rowHeights].map(([r, h]) => [String(r + 1), h])),
    };
  }
}

class FakeRange implements EtRange {
  constructor(
    private readonly ws: FakeWorksheet,
    readonly areas: Area[],
  ) {
    if (ws.wb.missing.has('FormatConditions')) Object.defineProperty(this, 'FormatConditions', { value: undefined });
  }
  private single(): Area {
    this.ws.live();
    if (this.areas.length !== 1) throw new Error('Not supported on a multi-area range');
    return this.areas[0]!;
  }
  get Row(): number {
    return this.single().r0 + 1;
  }
  get Column(): number {
    return this.single().c0 + 1;
  }
  get Rows(): { readonly Count: number } {
    const a = this.single();
    return { Count: a.r1 - a.r0 + 1 };
  }
  get Columns(): { readonly Count: number } {
    const a = this.single();
    return { Count: a.c1 - a.c0 + 1 };
  }
  get Value2(): unknown {
    const a = this.single();
    const reads = this.ws.wb.app.reads;
    reads.set(this.ws.Name, (reads.get(this.ws.Name) ?? 0) + 1);
    const rows: unknown[][] = [];
    for (let r = a.r0; r <= a.r1; r++) {
      const row: unknown[] = [];
      for (let c = a.c0; c <= a.c1; c++) row.push(this.ws.cells.get(`${r},${c}`)?.value);
      rows.push(row);
    }
    if (rows.length === 1 && rows[0]!.length === 1) return rows[0]![0];
    if (rows.length === 1 && this.ws.wb.flatSingleRow) return rows[0];
    return rows;
  }
  set Value2(value: unknown) {
    const a = this.single();
    const app = this.ws.wb.app;
    app.change('Value2');
    const height = a.r1 - a.r0 + 1;
    const width = a.c1 - a.c0 + 1;
    const rows = Array.isArray(value) ? (value as unknown[][]) : Array.from({ length: height }, () => Array<unknown>(width).fill(value));
    if (rows.length !== height || rows.some((row) => !Array.isArray(row) || row.length !== width)) throw new Error('Test fake: Value2 array does not match the range');
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        const key = `${a.r0 + i},${a.c0 + j}`;
        const cell = typeof v === 'string' ? parseInput(v) : v === null || v === undefined ? null : { value: v as number | boolean };
        if (cell === null) this.ws.cells.delete(key);
        else this.ws.cells.set(key, cell);
      }),
    );
  }
  /** A format property of the top-left cell. */
  private getStyle(prop: string): unknown {
    const a = this.single();
    return this.ws.styles.get(`${a.r0},${a.c0}`)?.[prop];
  }
  /** Set a format property on every cell of the range. */
  private setStyle(prop: string, value: unknown): void {
    const a = this.single();
    for (let r = a.r0; r <= a.r1; r++)
      for (let c = a.c0; c <= a.c1; c++) {
        const key = `${r},${c}`;
        this.ws.styles.set(key, { ...this.ws.styles.get(key), [prop]: value });
      }
  }
  get Font(): { Bold: boolean; Color: number; Size: number } {
    const get = (prop: string): unknown => this.getStyle(prop);
    const set = (prop: string, value: unknown): void => this.setStyle(prop, value);
    return {
      get Bold() {
        return get('bold') === true;
      },
      set Bold(v: boolean) {
        set('bold', v);
      },
      get Color() {
        return (get('fontColor') as number | undefined) ?? 0;
      },
      set Color(v: number) {
        set('fontColor', v);
      },
      get Size() {
        return (get('fontSize') as number | undefined) ?? 11;
      },
      set Size(v: number) {
        set('fontSize', v);
      },
    };
  }
  get Interior(): { Color: number } {
    const get = (): unknown => this.getStyle('fill');
    const set = (v: number): void => this.setStyle('fill', v);
    return {
      get Color() {
        return (get() as number | undefined) ?? 0xffffff;
      },
      set Color(v: number) {
        set(v);
      },
    };
  }
  get HorizontalAlignment(): number {
    return (this.getStyle('horizontal') as number | undefined) ?? 1;
  }
  set HorizontalAlignment(v: number) {
    if (![-4131, -4108, -4152, 1].includes(v)) throw new Error(`HorizontalAlignment: ${v} is not modelled`);
    this.setStyle('horizontal', v);
  }
  get VerticalAlignment(): number {
    return (this.getStyle('vertical') as number | undefined) ?? -4107;
  }
  set VerticalAlignment(v: number) {
    if (![-4160, -4108, -4107].includes(v)) throw new Error(`VerticalAlignment: ${v} is not modelled`);
    this.setStyle('vertical', v);
  }
  get WrapText(): boolean {
    return this.getStyle('wrap') === true;
  }
  set WrapText(v: boolean) {
    this.setStyle('wrap', v);
  }
  get ColumnWidth(): number {
    return this.ws.columnWidths.get(this.single().c0) ?? 8.43;
  }
  set ColumnWidth(v: number) {
    const a = this.single();
    if (!(v >= 0 && v <= 255)) throw new Error(`ColumnWidth: ${v} out of range`);
    for (let c = a.c0; c <= a.c1; c++) this.ws.columnWidths.set(c, v);
  }
  get RowHeight(): number {
    return this.ws.rowHeights.get(this.single().r0) ?? ROW_POINTS;
  }
  set RowHeight(v: number) {
    const a = this.single();
    if (!(v >= 0 && v <= 409)) throw new Error(`RowHeight: ${v} out of range`);
    for (let r = a.r0; r <= a.r1; r++) this.ws.rowHeights.set(r, v);
  }
  Merge(): void {
    const a = this.single();
    this.ws.wb.app.change('Merge');
    if (this.ws.merges.some((m) => intersects(m, a))) throw new Error('Merge: overlaps a merged area');
    this.ws.merges.push(a);
  }
  get Left(): number {
    return this.single().c0 * COLUMN_POINTS;
  }
  get Top(): number {
    return this.single().r0 * ROW_POINTS;
  }
  get Width(): number {
    const a = this.single();
    return (a.c1 - a.c0 + 1) * COLUMN_POINTS;
  }
  get Height(): number {
    const a = this.single();
    return (a.r1 - a.r0 + 1) * ROW_POINTS;
  }
  /** `sheet!address` of this range, by the sheet's current name. */
  reference(): string {
    return `${this.ws.Name}!${this.areas.map(areaText).join(',')}`;
  }
  /** The sheet this range is on. */
  get sheet(): FakeWorksheet {
    return this.ws;
  }
  get NumberFormat(): unknown {
    const a = this.single();
    return this.ws.formats.get(`${a.r0},${a.c0}`) ?? 'General';
  }
  set NumberFormat(value: unknown) {
    const a = this.single();
    this.ws.wb.app.change('NumberFormat');
    for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) this.ws.formats.set(`${r},${c}`, value);
  }
  get FormatConditions(): EtFormatConditions {
    this.ws.live();
    const ws = this.ws;
    const areas = this.areas;
    const matching = (): Condition[] => ws.conditions.filter((c) => c.areas.some((x) => areas.some((y) => intersects(x, y))));
    const wrap = (c: Condition): EtFormatCondition => ({
      Type: c.type,
      Formula1: c.formula1,
      Interior: {
        get Color() {
          return c.color;
        },
        set Color(v: number) {
          c.color = v;
        },
      },
      Delete: () => {
        const at = ws.conditions.indexOf(c);
        if (at < 0) throw new Error('Object has been deleted');
        ws.conditions.splice(at, 1);
      },
    });
    return {
      get Count() {
        return matching().length;
      },
      Item: (i: number) => {
        const c = matching()[i - 1];
        if (c === undefined) throw new Error(`FormatConditions.Item(${i}): out of range`);
        return wrap(c);
      },
      Add: (type: number, _operator?: number, formula1?: string) => {
        const c: Condition = { areas: [...areas], type, formula1: formula1 ?? '', color: 0xffffff };
        ws.conditions.push(c);
        return wrap(c);
      },
    };
  }
}

const CHART_TYPES = new Set([4, 5, 51, 52, 57]);

class FakeChartObject implements EtChartObject, EtChart {
  ChartTypeValue = 51;
  HasTitle = false;
  readonly ChartTitle = { Text: '' };
  private readonly series: { name: string; values: FakeRange; xValues: FakeRange | null; labels: boolean }[] = [];
  private readonly axes = new Map<number, EtAxis>();
  constructor(
    private readonly ws: FakeWorksheet,
    public Name: string,
  ) {}
  get Chart(): EtChart {
    this.ws.live();
    return this;
  }
  get ChartType(): number {
    return this.ChartTypeValue;
  }
  set ChartType(value: number) {
    if (!CHART_TYPES.has(value)) throw new Error(`ChartType: ${String(value)} is not modelled`);
    this.ChartTypeValue = value;
  }
  SetSourceData(Source: FakeRange | unknown, PlotBy?: number): void {
    if (!(Source instanceof FakeRange) || PlotBy !== 2) throw new Error('SetSourceData: the fake models a range plotted by columns (2) only');
    this.series.length = 0;
    for (const a of Source.areas)
      for (let c = a.c0; c <= a.c1; c++) this.series.push({ name: `Series${this.series.length + 1}`, values: new FakeRange(Source.sheet, [{ r0: a.r0, c0: c, r1: a.r1, c1: c }]), xValues: null, labels: false });
  }
  SeriesCollection(): { readonly Count: number; Item(index: number): EtSeries } {
    const list = this.series;
    return {
      get Count() {
        return list.length;
      },
      Item(index: number): EtSeries {
        const s = list[index - 1];
        if (s === undefined) throw new Error(`SeriesCollection.Item(${index}): out of range`);
        return {
          get HasDataLabels() {
            return s.labels;
          },
          set HasDataLabels(v: boolean) {
            s.labels = v;
          },
          get Name() {
            return s.name;
          },
          set Name(v: string) {
            s.name = v;
          },
          get Values() {
            return s.values;
          },
          set Values(v: unknown) {
            if (!(v instanceof FakeRange)) throw new Error('Values: the fake models a range only');
            s.values = v;
          },
          get XValues() {
            return s.xValues;
          },
          set XValues(v: unknown) {
            if (!(v instanceof FakeRange)) throw new Error('XValues: the fake models a range only');
            s.xValues = v;
          },
        };
      },
    };
  }
  Axes(Type: number): EtAxis {
    if (this.ChartTypeValue === 5) throw new Error('Axes: a pie chart has no axes');
    if (Type !== 1 && Type !== 2) throw new Error(`Axes(${Type}): not modelled`);
    let axis = this.axes.get(Type);
    if (axis === undefined) {
      axis = { HasTitle: false, AxisTitle: { Text: '' }, ReversePlotOrder: false };
      this.axes.set(Type, axis);
    }
    return axis;
  }
  snapshot(): EtChartSnapshot {
    const axis = (type: number): { title: string | null; reversed: boolean } | null => {
      const a = this.axes.get(type);
      return a === undefined ? null : { title: a.HasTitle ? a.AxisTitle.Text : null, reversed: a.ReversePlotOrder };
    };
    return {
      valueAxis: axis(2),
      categoryAxis: axis(1),
      name: this.Name,
      type: this.ChartTypeValue,
      title: this.HasTitle ? this.ChartTitle.Text : null,
      series: this.series.map((s) => ({ name: s.name, values: s.values.reference(), xValues: s.xValues?.reference() ?? null, dataLabels: s.labels })),
    };
  }
}

class FakeNames implements EtNames {
  readonly list: { name: string; refersTo: string; visible: boolean }[] = [];
  constructor(private readonly change: () => void) {}
  get Count(): number {
    return this.list.length;
  }
  Item(index: string | number): EtName {
    const entry = typeof index === 'number' ? this.list[index - 1] : this.list.find((n) => n.name.toLowerCase() === index.toLowerCase());
    if (entry === undefined) throw new Error(`Names.Item(${String(index)}): not found`);
    return {
      Name: entry.name,
      RefersTo: entry.refersTo,
      Delete: () => {
        this.list.splice(this.list.indexOf(entry), 1);
      },
    };
  }
  Add(Name: string, RefersTo: string, Visible = true): EtName {
    this.change();
    const existing = this.list.findIndex((n) => n.name.toLowerCase() === Name.toLowerCase());
    if (existing >= 0) this.list.splice(existing, 1);
    this.list.push({ name: Name, refersTo: RefersTo.startsWith('=') ? RefersTo : `=${RefersTo}`, visible: Visible });
    return this.Item(Name);
  }
  private static sheetPart(name: string): RegExp {
    const quoted = `'${name.replace(/'/g, "''")}'`;
    return new RegExp(`^=(?:${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})!`);
  }
  renameSheet(from: string, to: string): void {
    const re = FakeNames.sheetPart(from);
    for (const n of this.list) if (re.test(n.refersTo)) n.refersTo = n.refersTo.replace(re, `='${to.replace(/'/g, "''")}'!`);
  }
  deleteSheet(name: string): void {
    const re = FakeNames.sheetPart(name);
    for (const n of this.list) if (re.test(n.refersTo)) n.refersTo = n.refersTo.replace(re, '=#REF!');
  }
}

/** A fake ET application over `options.sheets`. */
export function createFakeEt(options: FakeEtOptions): FakeEt {
  return new FakeEt(options);
}
