/**
 * A fake of WPS 表格's (ET) JS object model, synchronous like the real one, modelling exactly the members
 * `src/wps/etTypes.ts` declares, with VBA's semantics for them: collections indexed by name or from 1,
 * `Visible` as `XlSheetVisibility` numbers (-1, 0, 2), `Value2` a scalar for one cell and (configurable) a flat
 * array for one row, strings written to `Value2` parsed like typed input (`=` a formula, numbers and ISO dates
 * converted, a leading `'` kept out of the text), Excel's sheet-name rules (1–31 characters, none of `[]:*?/\`,
 * unique without regard to case), and every member of a deleted sheet throwing. Also: the window's frozen panes
 * (`ActiveWindow`, per sheet, on the active sheet only), `PageSetup` and `HPageBreaks` with VBA's value checks,
 * tables (`ListObjects`), `Date1904`, `StatusBar`, `Range.Select` (active sheet only) and `Cells.Clear`.
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
  EtListObjects,
  EtNames,
  EtPageSetup,
  EtRange,
  EtSheets,
  EtWindow,
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
  readonly missing?: readonly FakeEtMember[];
  /** Tables (`ListObjects`) by sheet name: each a name and its A1 range, header row included. */
  readonly tables?: Readonly<Record<string, readonly { readonly name: string; readonly ref: string }[]>>;
  /** The workbook uses the 1904 date system (`Workbook.Date1904`); the serials in `sheets` are then 1904 serials. */
  readonly date1904?: boolean;
}

/** Members `FakeEtOptions.missing` can leave out. */
export type FakeEtMember = 'ChartObjects' | 'FormatConditions' | 'ActiveWindow' | 'PageSetup' | 'HPageBreaks' | 'ListObjects' | 'Date1904' | 'StatusBar' | 'Select';

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
  /** Rows and columns frozen at the top and left (from row 1 and column A), or `null`. */
  readonly frozenPanes: { readonly rows: number; readonly columns: number } | null;
  /** `PageSetup` as set (only what was set; margins in points). */
  readonly pageSetup: Readonly<Record<string, unknown>>;
  /** 0-based rows a manual page break is above. */
  readonly pageBreaks: readonly number[];
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
  /** VBA: `false` while the application shows its own status text. */
  StatusBar: string | boolean = false;
  /** The window over the active sheet (`null`: no window, e.g. all closed). */
  windowOpen = true;
  get ActiveWindow(): EtWindow | null {
    return this.windowOpen ? new FakeWindow(this.ActiveWorkbook) : null;
  }
  readonly ActiveWorkbook: FakeWorkbook;
  /**
   * Throws from the `n`th change from now (1-based) when set: a host failure mid-way. Changes: `Value2`,
   * `NumberFormat`, `Merge`, `Name`, `Sheets.Add`, `Delete`, `Names.Add`, `ChartObjects.Add`, `FormatConditions.Add`,
   * `FormatCondition.Delete`, `Clear`.
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
    this.ActiveWorkbook = new FakeWorkbook(this, options.flatSingleRow ?? true, new Set(options.missing ?? []), options.date1904 === true);
    for (const member of ['ActiveWindow', 'StatusBar'] as const) if (options.missing?.includes(member) === true) Object.defineProperty(this, member, { value: undefined });
    for (const [name, rows] of Object.entries(options.sheets)) {
      const ws = this.ActiveWorkbook.sheets.add();
      ws.Name = name;
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && v !== undefined && v !== '') ws.cells.set(`${r},${c}`, { value: v as string | number | boolean });
        }),
      );
      for (const table of options.tables?.[name] ?? []) ws.tables.push({ name: table.name, areas: parseAreas(table.ref) });
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
    private readonly date1904: boolean,
  ) {
    this.sheets = new FakeSheets(this);
    this.names = new FakeNames(() => app.change('Names.Add'));
    if (missing.has('Date1904')) Object.defineProperty(this, 'Date1904', { value: undefined });
  }
  get Date1904(): boolean {
    return this.date1904;
  }
  /** The selection (`Range.Select`), as `sheet!address`. */
  selection: string | null = null;
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
  /** Tables (`ListObjects`). */
  readonly tables: { name: string; areas: Area[] }[] = [];
  /** The window's view of this sheet: first visible row and column (1-based), split, frozen. */
  readonly view = { scrollRow: 1, scrollColumn: 1, splitRow: 0, splitColumn: 0, frozen: false };
  /** What was set through `PageSetup`. */
  readonly pageSetup: Record<string, unknown> = {};
  /** 0-based rows with a manual page break above. */
  readonly pageBreaks: number[] = [];
  private name: string;
  private visible = -1;
  private deleted = false;
  constructor(
    readonly wb: FakeWorkbook,
    name: string,
  ) {
    this.name = name;
    for (const member of ['ChartObjects', 'PageSetup', 'HPageBreaks', 'ListObjects'] as const) if (wb.missing.has(member)) Object.defineProperty(this, member, { value: undefined });
  }
  get Cells(): EtRange {
    return new FakeRange(this.live(), [{ r0: 0, c0: 0, r1: 1_048_575, c1: 16_383 }]);
  }
  get ListObjects(): EtListObjects {
    this.live();
    const tables = this.tables;
    const item = (index: number | string): { Name: string; Range: EtRange } => {
      const table = typeof index === 'number' ? tables[index - 1] : tables.find((t) => t.name.toLowerCase() === index.toLowerCase());
      if (table === undefined) throw new Error(`ListObjects.Item(${String(index)}): subscript out of range`);
      return { Name: table.name, Range: new FakeRange(this, table.areas) };
    };
    return {
      get Count() {
        return tables.length;
      },
      Item: item,
    };
  }
  get PageSetup(): EtPageSetup {
    this.live();
    return fakePageSetup(this.pageSetup);
  }
  get HPageBreaks(): { readonly Count: number; Add(Before: EtRange): unknown } {
    this.live();
    const breaks = this.pageBreaks;
    const isOwn = (range: EtRange): range is FakeRange => range instanceof FakeRange && range.sheet === this;
    return {
      get Count() {
        return breaks.length;
      },
      Add(Before: EtRange) {
        if (!isOwn(Before)) throw new Error('HPageBreaks.Add: Before must be a range of this sheet');
        const row = Before.areas[0]!.r0;
        if (row === 0) throw new Error('HPageBreaks.Add: no page break above row 1');
        if (!breaks.includes(row)) breaks.push(row);
        breaks.sort((a, b) => a - b);
        return {};
      },
    };
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
    // Office.js cannot delete a very hidden sheet (office-js #365); for ET unverified: the fake refuses, so the port
    // never relies on it.
    if (this.visible === 2) throw new Error('Delete: a very hidden sheet cannot be deleted (modelled conservatively)');
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
      frozenPanes: this.view.frozen ? { rows: this.view.scrollRow - 1 + this.view.splitRow, columns: this.view.scrollColumn - 1 + this.view.splitColumn } : null,
      pageSetup: { ...this.pageSetup },
      pageBreaks: [...this.pageBreaks],
    };
  }
}

class FakeRange implements EtRange {
  constructor(
    private readonly ws: FakeWorksheet,
    readonly areas: Area[],
  ) {
    if (ws.wb.missing.has('FormatConditions')) Object.defineProperty(this, 'FormatConditions', { value: undefined });
    if (ws.wb.missing.has('Select')) Object.defineProperty(this, 'Select', { value: undefined });
  }
  /** VBA: selecting a range of a sheet that is not active fails (run-time error 1004). */
  Select(): void {
    this.ws.live();
    if (this.ws.wb.ActiveSheet !== this.ws) throw new Error('Select method of Range class failed: the sheet is not active');
    this.ws.wb.selection = `${this.ws.Name}!${this.areas.map(areaText).join(',')}`;
  }
  /** Values, formulas, number formats, cell formats, merges and conditional formats of the range go. */
  Clear(): void {
    this.ws.live();
    this.ws.wb.app.change('Clear');
    const inside = (key: string): boolean => {
      const [r = 0, c = 0] = key.split(',').map(Number);
      return this.areas.some((a) => r >= a.r0 && r <= a.r1 && c >= a.c0 && c <= a.c1);
    };
    for (const map of [this.ws.cells, this.ws.formats, this.ws.styles] as Map<string, unknown>[]) for (const key of [...map.keys()]) if (inside(key)) map.delete(key);
    const within = (x: Area): boolean => this.areas.some((a) => x.r0 >= a.r0 && x.r1 <= a.r1 && x.c0 >= a.c0 && x.c1 <= a.c1);
    for (let i = this.ws.merges.length - 1; i >= 0; i--) if (within(this.ws.merges[i]!)) this.ws.merges.splice(i, 1);
    for (const c of this.ws.conditions) c.areas = c.areas.filter((x) => !within(x));
    for (let i = this.ws.conditions.length - 1; i >= 0; i--) if (this.ws.conditions[i]!.areas.length === 0) this.ws.conditions.splice(i, 1);
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
        ws.wb.app.change('FormatCondition.Delete');
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
        ws.wb.app.change('FormatConditions.Add');
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

/**
 * `ActiveWindow`: the view of the active sheet. `SplitRow` / `SplitColumn` count rows and columns above and left of the
 * split from the first visible row and column (`ScrollRow`, `ScrollColumn`), so a frozen pane holds the rows from 1 to
 * `ScrollRow - 1 + SplitRow` (the rows above `ScrollRow` are scrolled out). `FreezePanes = true` without a split would
 * freeze at the selection in Excel: not modelled (throws).
 */
class FakeWindow implements EtWindow {
  constructor(private readonly wb: FakeWorkbook) {}
  private get view(): FakeWorksheet['view'] {
    return (this.wb.ActiveSheet as FakeWorksheet).view;
  }
  get FreezePanes(): boolean {
    return this.view.frozen;
  }
  set FreezePanes(v: boolean) {
    if (typeof v !== 'boolean') throw new Error('FreezePanes: a boolean');
    if (v && this.view.splitRow === 0 && this.view.splitColumn === 0) throw new Error('FreezePanes without a split freezes at the selection: not modelled');
    this.view.frozen = v;
  }
  private count(name: string, v: number, min: number): number {
    if (!Number.isInteger(v) || v < min) throw new Error(`${name}: ${String(v)} is not a whole number of at least ${min}`);
    return v;
  }
  get SplitRow(): number {
    return this.view.splitRow;
  }
  set SplitRow(v: number) {
    this.view.splitRow = this.count('SplitRow', v, 0);
  }
  get SplitColumn(): number {
    return this.view.splitColumn;
  }
  set SplitColumn(v: number) {
    this.view.splitColumn = this.count('SplitColumn', v, 0);
  }
  get ScrollRow(): number {
    return this.view.scrollRow;
  }
  set ScrollRow(v: number) {
    this.view.scrollRow = this.count('ScrollRow', v, 1);
  }
  get ScrollColumn(): number {
    return this.view.scrollColumn;
  }
  set ScrollColumn(v: number) {
    this.view.scrollColumn = this.count('ScrollColumn', v, 1);
  }
}

const pages = (v: unknown): boolean => v === false || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 32767);
const margin = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const headerText = (v: unknown): boolean => typeof v === 'string' && v.length <= 255;

/**
 * Each `PageSetup` member the port sets: its default (Excel's for a new sheet, margins in points) and VBA's value check
 * (learn.microsoft.com/office/vba/api/excel.pagesetup: `Zoom` false or 10–400, the fit counts false or a page count,
 * `Orientation` xlPortrait 1 / xlLandscape 2, `PrintTitleRows` an absolute row range).
 */
const PAGE_SETUP_MEMBERS: Record<keyof EtPageSetup, readonly [unknown, (v: unknown) => boolean]> = {
  Orientation: [1, (v) => v === 1 || v === 2],
  PaperSize: [1, (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1],
  Zoom: [100, (v) => v === false || (typeof v === 'number' && Number.isInteger(v) && v >= 10 && v <= 400)],
  FitToPagesWide: [1, pages],
  FitToPagesTall: [1, pages],
  LeftMargin: [50.4, margin],
  RightMargin: [50.4, margin],
  TopMargin: [54, margin],
  BottomMargin: [54, margin],
  HeaderMargin: [21.6, margin],
  FooterMargin: [21.6, margin],
  CenterHorizontally: [false, (v) => typeof v === 'boolean'],
  LeftHeader: ['', headerText],
  CenterHeader: ['', headerText],
  RightHeader: ['', headerText],
  LeftFooter: ['', headerText],
  CenterFooter: ['', headerText],
  RightFooter: ['', headerText],
  PrintTitleRows: ['', (v) => v === '' || (typeof v === 'string' && /^\$\d+:\$\d+$/.test(v))],
};

/** `PageSetup` over a sheet's record of what was set (`PAGE_SETUP_MEMBERS`); anything else on it is not modelled. */
function fakePageSetup(record: Record<string, unknown>): EtPageSetup {
  const page = {};
  for (const [name, [fallback, ok]] of Object.entries(PAGE_SETUP_MEMBERS))
    Object.defineProperty(page, name, {
      get: () => (name in record ? record[name] : fallback),
      set: (v: unknown) => {
        if (!ok(v)) throw new Error(`PageSetup.${name}: ${JSON.stringify(v)} is not allowed`);
        record[name] = v;
      },
    });
  return Object.seal(page) as EtPageSetup;
}

/** A fake ET application over `options.sheets`. */
export function createFakeEt(options: FakeEtOptions): FakeEt {
  return new FakeEt(options);
}
