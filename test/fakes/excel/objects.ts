/**
 * The Excel object model proxies: RequestContext, Workbook, Worksheet(s), Range and its format,
 * charts, tables, conditional formats, settings, custom XML parts, custom properties and
 * freeze panes. Member names follow @types/office-js; requirement-set gates follow the
 * "[Api set: ExcelApi x.y]" annotations there.
 */
import {
  formatAddress,
  formatRect,
  inRect,
  isFullColumns,
  isFullRows,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  quoteSheetName,
  rect,
  rectCells,
  rectCols,
  rectContains,
  rectInBounds,
  rectRows,
  rectsIntersect,
  type Rect,
} from './address';
import {
  FakeClientObject,
  FakeClientResult,
  FakeCollection,
  FakeEventHandlers,
  type ContextLike,
  type Engine,
  type Op,
  type RuntimeState,
  type ScalarTable,
  type Tx,
} from './core';
import { FakeNotModelledError, officeError, propertyNotLoaded } from './errors';
import { FakeWorksheetProtection } from './worksheetProtection';
import { FakePageBreakCollection, FakePageLayout } from './pageLayout';
import { ExcelErr } from './formula';
import {
  cellKey,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  findSheetByName,
  FORMAT_DEFAULTS,
  FORMAT_KEYS,
  formatText,
  getContent,
  keyCol,
  keyRow,
  newSheet,
  numberFormatAt,
  readFormula,
  readValue,
  readValueType,
  rewriteReferences,
  setContent,
  definedNameProblem,
  evaluateName,
  sheetIdFor,
  usedExtent,
  writeInput,
  type ChartState,
  type ConditionalFormatState,
  type FormatKey,
  type HyperlinkState,
  type NameState,
  type SeriesState,
  type SheetRect,
  type SheetState,
  type TableState,
  type TitleState,
  type Visibility,
} from './state';
import {
  checkXml,
  normalizeColor,
  tableAt,
  validateBoolean,
  validateEnum,
  validateIndex,
  validateNumber,
  validateSheetName,
  validateString,
  validateTableName,
} from './validate';

const RANGE_READ_CELL_LIMIT = 5_000_000;

function q(s: string): string {
  return JSON.stringify(s);
}

/** Proxy whose target is computed by a closure given at construction. */
abstract class Resolved<T> extends FakeClientObject<T> {
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly resolver: (tx: Tx) => T | null,
  ) {
    super(context, path);
  }

  protected _resolveFresh(tx: Tx): T | null {
    return this.resolver(tx);
  }

  get ctx(): FakeRequestContext {
    return this.context as FakeRequestContext;
  }
}

abstract class ResolvedCollection<T, I extends FakeClientObject<unknown>> extends FakeCollection<T, I> {
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly resolver: (tx: Tx) => T | null,
  ) {
    super(context, path);
  }

  protected _resolveFresh(tx: Tx): T | null {
    return this.resolver(tx);
  }

  get ctx(): FakeRequestContext {
    return this.context as FakeRequestContext;
  }
}

// ================================================================= RequestContext

export class FakeRequestContext implements ContextLike {
  _closed = false;
  _ops: Op[] = [];
  readonly workbook: FakeWorkbook;
  readonly runtime: FakeRuntime;
  readonly trackedObjects = {
    add(_o: unknown): void {},
    remove(_o: unknown): void {},
  };
  readonly debugInfo: Record<string, unknown> = {};

  constructor(
    readonly _engine: Engine,
    /** The add-in runtime this context belongs to (default: the engine's default runtime). */
    readonly _runtime?: RuntimeState,
  ) {
    this.workbook = new FakeWorkbook(this);
    this.runtime = new FakeRuntime(this);
  }

  get application(): FakeApplication {
    return this.workbook.application;
  }

  /** Sends the queued operations. Rejects if one fails; the operations before it stay applied. */
  sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._ops;
    this._ops = [];
    return this._engine.executeSync(ops, this._runtime).then(() => passThroughValue as T);
  }

  load<O extends FakeClientObject<unknown>>(object: O, option?: Parameters<O['load']>[0]): O {
    object.load(option);
    return object;
  }

  trace(_message: string): void {}
}

// ================================================================= Runtime / Application

export class FakeRuntime extends Resolved<'runtime'> {
  readonly _className = 'Runtime';

  constructor(context: FakeRequestContext) {
    super(context, 'runtime', () => 'runtime');
  }

  protected override _scalars(): ScalarTable<'runtime'> {
    return RUNTIME_SCALARS;
  }

  get enableEvents(): boolean {
    return this._get('enableEvents');
  }

  set enableEvents(v: boolean) {
    this._set('enableEvents', v);
  }
}

const RUNTIME_SCALARS: ScalarTable<'runtime'> = {
  enableEvents: {
    since: '1.8',
    read: (tx) => tx.enableEvents,
    write: (tx, _t, v) => {
      tx.enableEvents = validateBoolean(v, 'enableEvents');
    },
  },
};

export class FakeApplication extends Resolved<'application'> {
  readonly _className = 'Application';

  constructor(context: FakeRequestContext) {
    super(context, 'workbook.application', () => 'application');
  }

  protected override _scalars(): ScalarTable<'application'> {
    return APPLICATION_SCALARS;
  }

  get calculationMode(): string {
    return this._get('calculationMode');
  }

  calculate(calculationType: string): void {
    this._queue('calculate', [calculationType], () => {
      validateEnum('CalculationType', calculationType, []);
    });
  }

  suspendApiCalculationUntilNextSync(): void {
    this._gate('1.6', 'Application.suspendApiCalculationUntilNextSync');
    this._queue('suspendApiCalculationUntilNextSync', [], () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._gate('1.9', 'Application.suspendScreenUpdatingUntilNextSync');
    this._queue('suspendScreenUpdatingUntilNextSync', [], () => undefined);
  }
}

const APPLICATION_SCALARS: ScalarTable<'application'> = {
  calculationMode: { read: () => 'Automatic' },
};

// ================================================================= Workbook

export class FakeWorkbook extends Resolved<'workbook'> {
  readonly _className = 'Workbook';

  constructor(context: FakeRequestContext) {
    super(context, 'workbook', () => 'workbook');
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    switch (name) {
      case 'worksheets':
        return this.worksheets;
      case 'tables':
        return this.tables;
      case 'application':
        return this.application;
      case 'settings':
        return this.settings;
      case 'customXmlParts':
        return this.customXmlParts;
      case 'names':
        return this.names;
      default:
        return undefined;
    }
  }

  /** Worksheet functions (ExcelApi 1.2); only `date` is modelled. */
  get functions(): FakeFunctions {
    this._gate('1.2', 'Workbook.functions');
    return this._child('functions', () => new FakeFunctions(this.ctx));
  }

  /** Workbook-scoped defined names (ExcelApi 1.1; adding and deleting them is 1.4). */
  get names(): FakeNamedItemCollection {
    return this._child('names', () => new FakeNamedItemCollection(this.ctx));
  }

  get worksheets(): FakeWorksheetCollection {
    return this._child('worksheets', () => new FakeWorksheetCollection(this.ctx));
  }

  get tables(): FakeTableCollection {
    return this._child('tables', () => new FakeTableCollection(this.ctx, 'workbook.tables', () => ({ sheetId: null })));
  }

  get application(): FakeApplication {
    return this._child('application', () => new FakeApplication(this.ctx));
  }

  get settings(): FakeSettingCollection {
    this._gate('1.4', 'Workbook.settings');
    return this._child('settings', () => new FakeSettingCollection(this.ctx));
  }

  get customXmlParts(): FakeCustomXmlPartCollection {
    this._gate('1.5', 'Workbook.customXmlParts');
    return this._child('customXmlParts', () => new FakeCustomXmlPartCollection(this.ctx));
  }

  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, 'workbook.getSelectedRange()', (tx) => {
      const sh = tx.sheet(tx.state.activeSheetId);
      return { sheetId: sh.id, rect: sh.selection };
    });
  }
}

// ================================================================= Functions (workbook.functions, 1.2)

/** A worksheet function's outcome: `value`, or `error` ("#NUM!") and a null value. */
interface FunctionOutcome {
  readonly value: number | null;
  readonly error: string | null;
}

const FUNCTION_RESULT_SCALARS: ScalarTable<FunctionOutcome> = {
  value: { read: (_tx, outcome) => outcome.value },
  error: { read: (_tx, outcome) => outcome.error },
};

/** `FunctionResult<number>`: computed when loaded, from the workbook as the sync finds it. */
export class FakeFunctionResult extends Resolved<FunctionOutcome> {
  readonly _className = 'FunctionResult';

  protected override _scalars(): ScalarTable<FunctionOutcome> {
    return FUNCTION_RESULT_SCALARS;
  }

  get value(): number | null {
    return this._get('value');
  }

  get error(): string | null {
    return this._get('error');
  }
}

/** Milliseconds per day. */
const DAY_MS = 86_400_000;

/**
 * Excel's DATE(year, month, day) in the workbook's date system (ECMA-376 Part 1 §18.17.7.74): a year below 1900 is
 * taken as 1900 + year (0–1899 in the 1900 system, 4–1899 in the 1904 one), a month or day out of range rolls
 * over, and a year outside the system's range is #NUM!. The 1904 system counts days from 1904-01-01 (serial 0);
 * the 1900 system from 1899-12-31 (serial 0), counting the 1900-02-29 it believes in, so from 1900-03-01 on a
 * serial is the days since 1899-12-30.
 */
export function excelDate(year: number, month: number, day: number, date1904: boolean): FunctionOutcome {
  const y = Math.trunc(year);
  const full = y < (date1904 ? 4 : 0) || y > 9999 ? NaN : y < 1900 ? y + 1900 : y;
  if (Number.isNaN(full) || (date1904 && full < 1904)) return { value: null, error: '#NUM!' };
  const at = Date.UTC(full, Math.trunc(month) - 1, Math.trunc(day));
  // Date.UTC takes years 0–99 as 1900–1999; `full` is at least 1900 here.
  const days1899 = Math.round((at - Date.UTC(1899, 11, 30)) / DAY_MS);
  const serial = date1904 ? Math.round((at - Date.UTC(1904, 0, 1)) / DAY_MS) : days1899 < 61 ? days1899 - 1 : days1899;
  return serial < 0 ? { value: null, error: '#NUM!' } : { value: serial, error: null };
}

export class FakeFunctions extends Resolved<'functions'> {
  readonly _className = 'Functions';

  constructor(context: FakeRequestContext) {
    super(context, 'workbook.functions', () => 'functions');
  }

  /** DATE with numeric arguments (ranges and nested results are not modelled). */
  date(year: unknown, month: unknown, day: unknown): FakeFunctionResult {
    if (typeof year !== 'number' || typeof month !== 'number' || typeof day !== 'number') {
      throw new FakeNotModelledError('Functions.date with arguments other than numbers');
    }
    return new FakeFunctionResult(this.ctx, `workbook.functions.date(${year},${month},${day})`, () => excelDate(year, month, day, this._engine.date1904));
  }
}

// ================================================================= Worksheets

function sheetProxy(context: FakeRequestContext, path: string, resolver: (tx: Tx) => string | null): FakeWorksheet {
  return new FakeWorksheet(context, path, resolver);
}

export class FakeWorksheetCollection extends ResolvedCollection<'worksheets', FakeWorksheet> {
  readonly _className = 'WorksheetCollection';

  constructor(context: FakeRequestContext) {
    super(context, 'workbook.worksheets', () => 'worksheets');
  }

  protected _itemKeys(tx: Tx): string[] {
    return tx.state.sheets.map((s) => s.id);
  }

  protected _makeItem(id: string): FakeWorksheet {
    return sheetProxy(this.ctx, `workbook.worksheets.getItem(${q(id)})`, () => id);
  }

  protected _templateItem(): FakeWorksheet {
    return this._makeItem('');
  }

  getItem(key: string): FakeWorksheet {
    return sheetProxy(this.ctx, `workbook.worksheets.getItem(${q(key)})`, (tx) => {
      const s = tx.state.sheets.find((x) => x.id === key) ?? findSheetByName(tx.state, String(key));
      if (!s) throw officeError('ItemNotFound', `There is no worksheet named '${key}'.`);
      return s.id;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this._gate('1.4', 'WorksheetCollection.getItemOrNullObject');
    const ws = sheetProxy(this.ctx, `workbook.worksheets.getItemOrNullObject(${q(key)})`, (tx) => {
      const s = tx.state.sheets.find((x) => x.id === key) ?? findSheetByName(tx.state, String(key));
      return s ? s.id : null;
    });
    ws._queue('_instantiate', [], (tx) => void ws._target(tx));
    return ws;
  }

  getActiveWorksheet(): FakeWorksheet {
    return sheetProxy(this.ctx, 'workbook.worksheets.getActiveWorksheet()', (tx) => tx.state.activeSheetId);
  }

  getCount(): FakeClientResult<number> {
    this._gate('1.4', 'WorksheetCollection.getCount');
    return this._queueResult('getCount', [], (tx) => tx.state.sheets.length);
  }

  add(name?: string): FakeWorksheet {
    let createdId: string | null = null;
    const ws = sheetProxy(this.ctx, `workbook.worksheets.add(${name === undefined ? '' : q(name)})`, () => {
      if (createdId === null) throw officeError('GeneralException', 'The worksheet was not created.');
      return createdId;
    });
    this._queue('add', name === undefined ? [] : [name], (tx) => {
      const w = tx.state;
      let finalName: string;
      if (name === undefined || name === null) {
        let n = 1;
        while (findSheetByName(w, `Sheet${n}`)) n++;
        finalName = `Sheet${n}`;
      } else finalName = validateSheetName(w, name, null);
      w.counters.sheet += 1;
      const sh = newSheet(sheetIdFor(w.counters.sheet), finalName);
      w.sheets.push(sh);
      tx.adoptSheet(sh);
      createdId = sh.id;
      tx.resolved.set(ws as FakeClientObject<unknown>, sh.id);
    });
    return ws;
  }

  get onChanged(): FakeEventHandlers {
    this._gate('1.9', 'WorksheetCollection.onChanged');
    return this._child('onChanged', () => new EventsHolder(this.ctx, new FakeEventHandlers(this, 'WorksheetCollection.onChanged', () => ({ kind: 'collection' })))).handlers;
  }
}

/** Caches an EventHandlers object as a child (so the same instance is returned every time). */
class EventsHolder extends Resolved<'events'> {
  readonly _className = 'EventHandlers';

  constructor(
    context: FakeRequestContext,
    readonly handlers: FakeEventHandlers,
  ) {
    super(context, 'events', () => 'events');
  }

  override toJSON(): Record<string, unknown> {
    return {};
  }
}

function visibleSheets(tx: Tx): SheetState[] {
  return tx.state.sheets.filter((s) => s.visibility === 'Visible');
}

function parseOnSheet(tx: Tx, sheetId: string, address: string): Rect {
  const sh = tx.sheet(sheetId);
  const p = parseAddress(address);
  if (!p) throw officeError('InvalidArgument', `'${address}' is not a single-area A1 address (named ranges are not modelled).`);
  if (p.sheet !== null && p.sheet.toLowerCase() !== sh.name.toLowerCase()) {
    throw officeError('InvalidArgument', `The address '${address}' refers to another worksheet than '${sh.name}'.`);
  }
  return p.rect;
}

function checkedRect(x: Rect): Rect {
  if (!rectInBounds(x)) throw officeError('InvalidArgument', 'The range is outside the worksheet.');
  return x;
}

export class FakeWorksheet extends Resolved<string> {
  readonly _className = 'Worksheet';

  protected override _scalars(): ScalarTable<string> {
    return WORKSHEET_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    switch (name) {
      case 'charts':
        return this.charts;
      case 'tables':
        return this.tables;
      case 'freezePanes':
        return this.freezePanes;
      case 'customProperties':
        return this.customProperties;
      case 'protection':
        return this.protection;
      case 'pageLayout':
        return this.pageLayout;
      case 'horizontalPageBreaks':
        return this.horizontalPageBreaks;
      default:
        return undefined;
    }
  }

  /** Print settings (ExcelApi 1.9), pageLayout.ts. */
  get pageLayout(): FakePageLayout {
    this._gate('1.9', 'Worksheet.pageLayout');
    return this._child('pageLayout', () => new FakePageLayout(this.ctx, `${this._path}.pageLayout`, (tx) => this._target(tx)));
  }

  /** Manual page breaks above rows (ExcelApi 1.9), pageLayout.ts. */
  get horizontalPageBreaks(): FakePageBreakCollection {
    this._gate('1.9', 'Worksheet.horizontalPageBreaks');
    return this._child('horizontalPageBreaks', () => new FakePageBreakCollection(this.ctx, `${this._path}.horizontalPageBreaks`, (tx) => this._target(tx)));
  }

  /** Sheet protection (ExcelApi 1.2); what it refuses is in protection.ts. */
  get protection(): FakeWorksheetProtection {
    this._gate('1.2', 'Worksheet.protection');
    return this._child('protection', () => new FakeWorksheetProtection(this.ctx, `${this._path}.protection`, (tx) => this._target(tx)));
  }

  get id(): string {
    return this._get('id');
  }

  get name(): string {
    return this._get('name');
  }

  set name(v: string) {
    this._set('name', v);
  }

  get position(): number {
    return this._get('position');
  }

  set position(v: number) {
    this._set('position', v);
  }

  get visibility(): Visibility {
    return this._get('visibility');
  }

  set visibility(v: Visibility) {
    this._set('visibility', v);
  }

  get charts(): FakeChartCollection {
    return this._child('charts', () => new FakeChartCollection(this.ctx, `${this._path}.charts`, (tx) => this._target(tx)));
  }

  get tables(): FakeTableCollection {
    return this._child(
      'tables',
      () =>
        new FakeTableCollection(this.ctx, `${this._path}.tables`, (tx) => {
          const id = this._target(tx);
          return id === null ? null : { sheetId: id };
        }),
    );
  }

  get freezePanes(): FakeWorksheetFreezePanes {
    this._gate('1.7', 'Worksheet.freezePanes');
    return this._child('freezePanes', () => new FakeWorksheetFreezePanes(this.ctx, `${this._path}.freezePanes`, (tx) => this._target(tx)));
  }

  get customProperties(): FakeWorksheetCustomPropertyCollection {
    this._gate('1.12', 'Worksheet.customProperties');
    return this._child(
      'customProperties',
      () => new FakeWorksheetCustomPropertyCollection(this.ctx, `${this._path}.customProperties`, (tx) => this._target(tx)),
    );
  }

  get onChanged(): FakeEventHandlers {
    this._gate('1.7', 'Worksheet.onChanged');
    return this._child(
      'onChanged',
      () => new EventsHolder(this.ctx, new FakeEventHandlers(this, 'Worksheet.onChanged', (tx) => ({ kind: 'sheet', sheetId: this._need(tx) }))),
    ).handlers;
  }

  private _range(path: string, compute: (tx: Tx, sheetId: string) => Rect): FakeRange {
    return new FakeRange(this.ctx, `${this._path}.${path}`, (tx) => {
      const id = this._target(tx);
      if (id === null) return null;
      tx.sheet(id);
      return { sheetId: id, rect: checkedRect(compute(tx, id)) };
    });
  }

  getRange(address?: string): FakeRange {
    return this._range(`getRange(${address === undefined ? '' : q(address)})`, (tx, id) =>
      address === undefined ? rect(0, 0, MAX_ROWS - 1, MAX_COLS - 1) : parseOnSheet(tx, id, address),
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this._range(`getCell(${row},${column})`, () => rect(row, column, row, column));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    this._gate('1.7', 'Worksheet.getRangeByIndexes');
    return this._range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      for (const v of [startRow, startColumn, rowCount, columnCount]) validateIndex(v, 'getRangeByIndexes arguments');
      if (rowCount < 1 || columnCount < 1) throw officeError('InvalidArgument', 'rowCount and columnCount must be at least 1.');
      return rect(startRow, startColumn, startRow + rowCount - 1, startColumn + columnCount - 1);
    });
  }

  private _used(valuesOnly: boolean | undefined, orNull: boolean): FakeRange {
    const name = orNull ? 'getUsedRangeOrNullObject' : 'getUsedRange';
    if (valuesOnly !== undefined) this._gate('1.2', `Worksheet.${name}(valuesOnly)`);
    const range = new FakeRange(this.ctx, `${this._path}.${name}(${valuesOnly === undefined ? '' : String(valuesOnly)})`, (tx) => {
      const id = this._target(tx);
      if (id === null) return null;
      const ext = usedExtent(tx.sheet(id), valuesOnly === true);
      if (!ext) return orNull ? null : { sheetId: id, rect: rect(0, 0, 0, 0) };
      return { sheetId: id, rect: ext };
    });
    if (orNull) range._queue('_instantiate', [], (tx) => void range._target(tx));
    return range;
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this._used(valuesOnly, false);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this._gate('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return this._used(valuesOnly, true);
  }

  activate(): void {
    this._queue('activate', [], (tx) => {
      const sh = tx.sheet(this._need(tx));
      if (sh.visibility !== 'Visible') throw officeError('InvalidOperation', 'A hidden worksheet cannot be activated.');
      tx.state.activeSheetId = sh.id;
    });
  }

  delete(): void {
    this._queue('delete', [], (tx) => {
      const id = this._need(tx);
      const sh = tx.sheet(id);
      const visible = visibleSheets(tx);
      if (sh.visibility === 'Visible' && visible.length <= 1) {
        throw officeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      // By design a very hidden sheet cannot be deleted; make it hidden or visible first (office-js #365).
      if (sh.visibility === 'VeryHidden') throw officeError('GeneralException');
      const idx = tx.state.sheets.indexOf(sh);
      tx.state.sheets.splice(idx, 1);
      if (tx.state.activeSheetId === id) tx.state.activeSheetId = nextVisibleId(tx, idx);
      // References into the deleted sheet become #REF! (formulas on other sheets, defined names).
      rewriteReferences(tx.state, sh.name, null, (x) => tx.sheetW(x), id);
    });
  }
}

function nextVisibleId(tx: Tx, fromIndex: number): string {
  const sheets = tx.state.sheets;
  for (let i = fromIndex; i < sheets.length; i++) if (sheets[i]?.visibility === 'Visible') return sheets[i]?.id ?? '';
  for (let i = fromIndex - 1; i >= 0; i--) if (sheets[i]?.visibility === 'Visible') return sheets[i]?.id ?? '';
  return sheets[0]?.id ?? '';
}

const WORKSHEET_SCALARS: ScalarTable<string> = {
  id: { read: (_tx, id) => id },
  name: {
    read: (tx, id) => tx.sheet(id).name,
    write: (tx, id, v) => {
      const name = validateSheetName(tx.state, v, id);
      const before = tx.sheet(id).name;
      tx.sheetW(id).name = name;
      // Excel rewrites every formula and defined name that names the sheet.
      if (before !== name) rewriteReferences(tx.state, before, name, (x) => tx.sheetW(x));
    },
  },
  position: {
    read: (tx, id) => tx.state.sheets.indexOf(tx.sheet(id)),
    write: (tx, id, v) => {
      const sheets = tx.state.sheets;
      const pos = validateIndex(v, 'position');
      if (pos < 0 || pos >= sheets.length) throw officeError('InvalidArgument', 'The position is outside the worksheet collection.');
      const sh = tx.sheet(id);
      sheets.splice(sheets.indexOf(sh), 1);
      sheets.splice(pos, 0, sh);
    },
  },
  visibility: {
    setSince: '1.2',
    read: (tx, id) => tx.sheet(id).visibility,
    write: (tx, id, v) => {
      const vis = validateEnum('SheetVisibility', v, []) as Visibility;
      const sh = tx.sheet(id);
      if (vis !== 'Visible' && sh.visibility === 'Visible' && visibleSheets(tx).length <= 1) {
        throw officeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      tx.sheetW(id).visibility = vis;
      if (vis !== 'Visible' && tx.state.activeSheetId === id) {
        tx.state.activeSheetId = nextVisibleId(tx, tx.state.sheets.findIndex((s) => s.id === id));
      }
    },
  },
};

// ================================================================= Range

type RangeTarget = SheetRect;

function guardRead(engine: Engine, x: Rect): void {
  const n = rectCells(x);
  // every cell costs at least 3 bytes in the JSON response ("",)
  if (n * 3 > engine.maxPayloadBytes) throw officeError('ResponsePayloadSizeLimitExceeded');
  if (n > RANGE_READ_CELL_LIMIT) throw officeError('RangeExceedsLimit');
}

function grid<V>(x: Rect, f: (r: number, c: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = x.r0; r <= x.r1; r++) {
    const row: V[] = new Array<V>(x.c1 - x.c0 + 1);
    for (let c = x.c0; c <= x.c1; c++) row[c - x.c0] = f(r, c);
    out.push(row);
  }
  return out;
}

const SHAPE_MESSAGE = "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

/** Applies a 2-D input (or a single value for every cell) to a range. */
function applyGrid(x: Rect, input: unknown, cell: (r: number, c: number, v: unknown) => void): void {
  if (!Array.isArray(input)) {
    if (input === null || input === undefined) return;
    for (let r = x.r0; r <= x.r1; r++) for (let c = x.c0; c <= x.c1; c++) cell(r, c, input);
    return;
  }
  const rows = rectRows(x);
  const cols = rectCols(x);
  if (input.length !== rows) throw officeError('InvalidArgument', SHAPE_MESSAGE);
  for (const row of input) {
    if (!Array.isArray(row) || row.length !== cols) throw officeError('InvalidArgument', SHAPE_MESSAGE);
  }
  (input as unknown[][]).forEach((row, i) => {
    row.forEach((v, j) => cell(x.r0 + i, x.c0 + j, v));
  });
}

function writeContents(tx: Tx, t: RangeTarget, input: unknown): void {
  const sh = tx.sheetW(t.sheetId);
  applyGrid(t.rect, input, (r, c, v) => writeInput(sh, r, c, v));
  tx.changed(t.sheetId, t.rect);
}

function clearContents(sh: SheetState, x: Rect): void {
  const last = Math.min(x.r1, sh.rows.length - 1);
  for (let r = x.r0; r <= last; r++) {
    const row = sh.rows[r];
    if (!row) continue;
    const end = Math.min(x.c1, row.length - 1);
    for (let c = x.c0; c <= end; c++) row[c] = undefined;
  }
}

function keysIn<V>(m: Map<number, V> | Set<number>, x: Rect): number[] {
  const out: number[] = [];
  for (const k of m.keys()) if (inRect(x, keyRow(k), keyCol(k))) out.push(k);
  return out;
}

function clearFormats(sh: SheetState, x: Rect): void {
  for (const k of FORMAT_KEYS) sh.formats[k].set(x, undefined);
  for (const k of keysIn(sh.quotePrefix, x)) sh.quotePrefix.delete(k);
  sh.merged = sh.merged.filter((m) => !rectsIntersect(m, x));
  sh.conditionalFormats = sh.conditionalFormats.filter((f) => !rectContains(x, f.rect));
}

function clearHyperlinks(sh: SheetState, x: Rect): void {
  for (const k of keysIn(sh.hyperlinks, x)) sh.hyperlinks.delete(k);
}

/** The single value of a format property over a range, or null when it differs between cells. */
function uniformFormat(sh: SheetState, x: Rect, key: FormatKey): unknown {
  const store = sh.formats[key];
  const def = FORMAT_DEFAULTS[key];
  const at = (r: number, c: number): unknown => store.get(r, c) ?? def;
  const v0 = at(x.r0, x.c0);
  if (rectCells(x) <= 200_000) {
    for (let r = x.r0; r <= x.r1; r++) for (let c = x.c0; c <= x.c1; c++) if (at(r, c) !== v0) return null;
    return v0;
  }
  for (const [k, v] of store.cells) if (inRect(x, keyRow(k), keyCol(k)) && (v ?? def) !== v0) return null;
  for (const e of store.rects) if (rectsIntersect(e.rect, x) && (e.value ?? def) !== v0) return null;
  return v0;
}

function setFormat(tx: Tx, t: RangeTarget, key: FormatKey, value: unknown): void {
  tx.sheetW(t.sheetId).formats[key].set(t.rect, value);
}

function textWidthUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return n;
}

const RANGE_SCALARS: ScalarTable<RangeTarget> = {
  address: { read: (tx, t) => formatAddress(tx.sheet(t.sheetId).name, t.rect) },
  addressLocal: { read: (tx, t) => formatAddress(tx.sheet(t.sheetId).name, t.rect) },
  cellCount: { read: (_tx, t) => rectCells(t.rect) },
  rowCount: { read: (_tx, t) => rectRows(t.rect) },
  columnCount: { read: (_tx, t) => rectCols(t.rect) },
  rowIndex: { read: (_tx, t) => t.rect.r0 },
  columnIndex: { read: (_tx, t) => t.rect.c0 },
  isEntireColumn: { since: '1.7', read: (_tx, t) => isFullColumns(t.rect) },
  isEntireRow: { since: '1.7', read: (_tx, t) => isFullRows(t.rect) },
  values: {
    read: (tx, t) => {
      guardRead(tx.engine, t.rect);
      const sh = tx.sheet(t.sheetId);
      return grid(t.rect, (r, c) => readValue(tx.state, sh, r, c));
    },
    write: writeContents,
  },
  formulas: {
    read: (tx, t) => {
      guardRead(tx.engine, t.rect);
      const sh = tx.sheet(t.sheetId);
      return grid(t.rect, (r, c) => readFormula(sh, r, c));
    },
    write: writeContents,
  },
  numberFormat: {
    read: (tx, t) => {
      guardRead(tx.engine, t.rect);
      const sh = tx.sheet(t.sheetId);
      return grid(t.rect, (r, c) => numberFormatAt(sh, r, c));
    },
    write: (tx, t, input) => {
      const sh = tx.sheetW(t.sheetId);
      const norm = (v: unknown): string | undefined | null => {
        if (v === null || v === undefined) return null;
        if (typeof v === 'number') return String(v);
        if (typeof v !== 'string') throw officeError('InvalidArgument', 'A number format must be a string.');
        return v === '' || v === 'General' ? undefined : v;
      };
      if (!Array.isArray(input)) {
        const v = norm(input);
        if (v !== null) sh.formats.numberFormat.set(t.rect, v);
        return;
      }
      applyGrid(t.rect, input, (r, c, v) => {
        const n = norm(v);
        if (n !== null) sh.formats.numberFormat.setCell(r, c, n);
      });
    },
  },
  text: {
    read: (tx, t) => {
      guardRead(tx.engine, t.rect);
      const sh = tx.sheet(t.sheetId);
      return grid(t.rect, (r, c) => formatText(readValue(tx.state, sh, r, c), numberFormatAt(sh, r, c)));
    },
  },
  valueTypes: {
    read: (tx, t) => {
      guardRead(tx.engine, t.rect);
      const sh = tx.sheet(t.sheetId);
      return grid(t.rect, (r, c) => readValueType(tx.state, sh, r, c));
    },
  },
  hyperlink: {
    since: '1.7',
    read: (tx, t) => {
      const h = tx.sheet(t.sheetId).hyperlinks.get(cellKey(t.rect.r0, t.rect.c0));
      return h ? { ...h } : null;
    },
    write: (tx, t, v) => {
      const sh = tx.sheetW(t.sheetId);
      if (rectCells(t.rect) > 100_000) throw officeError('InvalidArgument', 'Hyperlinks are set cell by cell; the range is too large.');
      if (v === null || v === undefined) {
        clearHyperlinks(sh, t.rect);
        return;
      }
      if (typeof v !== 'object') throw officeError('InvalidArgument', 'A hyperlink must be a RangeHyperlink object.');
      const src = v as Record<string, unknown>;
      const h: { -readonly [K in keyof HyperlinkState]: HyperlinkState[K] } = {};
      for (const k of ['address', 'documentReference', 'screenTip', 'textToDisplay'] as const) {
        const x = src[k];
        if (x === undefined || x === null) continue;
        h[k] = validateString(x, `hyperlink.${k}`);
      }
      if (h.address === undefined && h.documentReference === undefined) {
        throw officeError('InvalidArgument', 'A hyperlink needs an address or a documentReference.');
      }
      for (let r = t.rect.r0; r <= t.rect.r1; r++) {
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          sh.hyperlinks.set(cellKey(r, c), { ...h });
          const shown = h.textToDisplay ?? (getContent(sh, r, c) === undefined ? (h.address ?? h.documentReference) : undefined);
          if (shown !== undefined) setContent(sh, r, c, shown === '' ? undefined : shown);
        }
      }
      tx.changed(t.sheetId, t.rect);
    },
  },
};

export class FakeRange extends Resolved<RangeTarget> {
  readonly _className = 'Range';

  protected override _scalars(): ScalarTable<RangeTarget> {
    return RANGE_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    switch (name) {
      case 'format':
        return this.format;
      case 'worksheet':
        return this.worksheet;
      case 'conditionalFormats':
        return this.conditionalFormats;
      default:
        return undefined;
    }
  }

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get isEntireColumn(): boolean {
    return this._get('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this._get('isEntireRow');
  }
  get values(): unknown[][] {
    return this._get('values');
  }
  set values(v: unknown[][]) {
    this._set('values', v);
  }
  get formulas(): unknown[][] {
    return this._get('formulas');
  }
  set formulas(v: unknown[][]) {
    this._set('formulas', v);
  }
  get numberFormat(): unknown[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this._set('numberFormat', v);
  }
  get text(): string[][] {
    return this._get('text');
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }
  get hyperlink(): HyperlinkState | null {
    return this._get('hyperlink');
  }
  set hyperlink(v: HyperlinkState | null) {
    this._set('hyperlink', v);
  }

  get format(): FakeRangeFormat {
    return this._child('format', () => new FakeRangeFormat(this.ctx, `${this._path}.format`, (tx) => this._target(tx)));
  }

  get worksheet(): FakeWorksheet {
    return this._child('worksheet', () => sheetProxy(this.ctx, `${this._path}.worksheet`, (tx) => this._target(tx)?.sheetId ?? null));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    this._gate('1.6', 'Range.conditionalFormats');
    return this._child(
      'conditionalFormats',
      () => new FakeConditionalFormatCollection(this.ctx, `${this._path}.conditionalFormats`, (tx) => this._target(tx)),
    );
  }

  private _derived(path: string, f: (x: Rect) => Rect): FakeRange {
    return new FakeRange(this.ctx, `${this._path}.${path}`, (tx) => {
      const t = this._target(tx);
      if (t === null) return null;
      return { sheetId: t.sheetId, rect: checkedRect(f(t.rect)) };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this._derived(`getCell(${row},${column})`, (x) => rect(x.r0 + row, x.c0 + column, x.r0 + row, x.c0 + column));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this._derived(`getOffsetRange(${rowOffset},${columnOffset})`, (x) =>
      rect(x.r0 + rowOffset, x.c0 + columnOffset, x.r1 + rowOffset, x.c1 + columnOffset),
    );
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    this._gate('1.2', 'Range.getResizedRange');
    return this._derived(`getResizedRange(${deltaRows},${deltaColumns})`, (x) => {
      const r = rect(x.r0, x.c0, x.r1 + deltaRows, x.c1 + deltaColumns);
      if (r.r1 < r.r0 || r.c1 < r.c0) throw officeError('InvalidArgument', 'The resized range would be empty.');
      return r;
    });
  }

  getRow(row: number): FakeRange {
    return this._derived(`getRow(${row})`, (x) => rect(x.r0 + row, x.c0, x.r0 + row, x.c1));
  }

  getColumn(column: number): FakeRange {
    return this._derived(`getColumn(${column})`, (x) => rect(x.r0, x.c0 + column, x.r1, x.c0 + column));
  }

  getEntireColumn(): FakeRange {
    return this._derived('getEntireColumn()', (x) => rect(0, x.c0, MAX_ROWS - 1, x.c1));
  }

  getEntireRow(): FakeRange {
    return this._derived('getEntireRow()', (x) => rect(x.r0, 0, x.r1, MAX_COLS - 1));
  }

  getLastRow(): FakeRange {
    return this._derived('getLastRow()', (x) => rect(x.r1, x.c0, x.r1, x.c1));
  }

  getLastColumn(): FakeRange {
    return this._derived('getLastColumn()', (x) => rect(x.r0, x.c1, x.r1, x.c1));
  }

  getLastCell(): FakeRange {
    return this._derived('getLastCell()', (x) => rect(x.r1, x.c1, x.r1, x.c1));
  }

  clear(applyTo?: string): void {
    this._queue('clear', applyTo === undefined ? [] : [applyTo], (tx) => {
      const mode = applyTo === undefined ? 'All' : validateEnum('ClearApplyTo', applyTo, []);
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      if (mode === 'All' || mode === 'Contents' || mode === 'ResetContents') {
        clearContents(sh, t.rect);
        tx.changed(t.sheetId, t.rect);
      }
      if (mode === 'All' || mode === 'Formats') clearFormats(sh, t.rect);
      if (mode === 'All' || mode === 'Hyperlinks' || mode === 'RemoveHyperlinks') clearHyperlinks(sh, t.rect);
    });
  }

  merge(across?: boolean): void {
    this._gate('1.2', 'Range.merge');
    this._queue('merge', across === undefined ? [] : [across], (tx) => {
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      if (tableAt(sh, t.rect)) throw officeError('InvalidOperation', 'Cells in a table cannot be merged.');
      const areas: Rect[] = [];
      if (across === true) {
        for (let r = t.rect.r0; r <= t.rect.r1; r++) areas.push(rect(r, t.rect.c0, r, t.rect.c1));
      } else areas.push(t.rect);
      for (const a of areas) {
        if (rectCells(a) < 2) continue;
        sh.merged = sh.merged.filter((m) => !rectsIntersect(m, a));
        sh.merged.push(a);
        const anchor = getContent(sh, a.r0, a.c0);
        clearContents(sh, a);
        setContent(sh, a.r0, a.c0, anchor);
      }
      tx.changed(t.sheetId, t.rect);
    });
  }

  /**
   * Range.copyFrom (ExcelApi 1.9) for what this fake needs: contents ("All"/"Formulas"/"Values"),
   * cell formats, hyperlinks and merged areas ("All"/"Formats"), from a source of the same size or
   * a destination cell (it expands to the source's size). Column widths, row heights, charts and
   * conditional formats are not copied (Paste All in the Excel UI does not copy widths either).
   * Formulas are copied as text; a copy to another position with relative references is not modelled.
   */
  copyFrom(sourceRange: FakeRange | string, copyType?: string, skipBlanks?: boolean, transpose?: boolean): void {
    this._gate('1.9', 'Range.copyFrom');
    if (skipBlanks === true || transpose === true) throw new FakeNotModelledError('Range.copyFrom(skipBlanks or transpose)');
    this._queue('copyFrom', [sourceRange, ...(copyType === undefined ? [] : [copyType])], (tx) => {
      const mode = copyType === undefined ? 'All' : validateEnum('RangeCopyType', copyType, []);
      if (mode === 'Link') throw new FakeNotModelledError('Range.copyFrom("Link")');
      const dest = this._need(tx);
      let src: RangeTarget;
      if (typeof sourceRange === 'string') {
        const p = parseAddress(sourceRange);
        if (!p) throw officeError('InvalidArgument', `'${sourceRange}' is not an address.`);
        const sheet = p.sheet === null ? tx.sheet(dest.sheetId) : findSheetByName(tx.state, p.sheet);
        if (!sheet) throw officeError('InvalidArgument', `There is no worksheet named '${p.sheet ?? ''}'.`);
        src = { sheetId: sheet.id, rect: p.rect };
      } else src = sourceRange._need(tx);
      const rows = rectRows(src.rect);
      const cols = rectCols(src.rect);
      const single = rectCells(dest.rect) === 1;
      if (!single && (rectRows(dest.rect) !== rows || rectCols(dest.rect) !== cols)) {
        throw new FakeNotModelledError('Range.copyFrom into a range of another size than the source');
      }
      const to = rect(dest.rect.r0, dest.rect.c0, dest.rect.r0 + rows - 1, dest.rect.c0 + cols - 1);
      if (!rectInBounds(to)) throw officeError('InvalidArgument', 'The range is outside the worksheet.');
      const dr = to.r0 - src.rect.r0;
      const dc = to.c0 - src.rect.c0;
      const from = tx.sheet(src.sheetId);
      const sh = tx.sheetW(dest.sheetId);
      const last = Math.min(src.rect.r1, from.rows.length - 1);
      const withContents = mode === 'All' || mode === 'Formulas' || mode === 'Values';
      const withFormats = mode === 'All' || mode === 'Formats';
      if (withContents) {
        clearContents(sh, to);
        for (let r = src.rect.r0; r <= last; r++) {
          const row = from.rows[r];
          if (!row) continue;
          for (let c = src.rect.c0; c <= Math.min(src.rect.c1, row.length - 1); c++) {
            const v = row[c];
            if (v === undefined) continue;
            if (typeof v === 'object' && (dr !== 0 || dc !== 0) && /(^|[^$A-Za-z])[A-Za-z]{1,3}[0-9]/.test(v.f.replace(/"[^"]*"/g, ''))) {
              throw new FakeNotModelledError('Range.copyFrom of a formula with relative references to another position');
            }
            setContent(sh, r + dr, c + dc, mode === 'Values' && typeof v === 'object' ? readValue(tx.state, from, r, c) : v);
            if (from.quotePrefix.has(cellKey(r, c))) sh.quotePrefix.add(cellKey(r + dr, c + dc));
          }
        }
        tx.changed(dest.sheetId, to);
      }
      if (withFormats) {
        // From the stores' entries (rectangles first, cells override them), not cell by cell.
        const shift = (x: Rect): Rect => rect(x.r0 + dr, x.c0 + dc, x.r1 + dr, x.c1 + dc);
        for (const k of FORMAT_KEYS) {
          const source = from.formats[k];
          const target = sh.formats[k];
          target.set(to, undefined);
          for (const e of source.rects) {
            if (!rectsIntersect(e.rect, src.rect)) continue;
            const x = rect(Math.max(e.rect.r0, src.rect.r0), Math.max(e.rect.c0, src.rect.c0), Math.min(e.rect.r1, src.rect.r1), Math.min(e.rect.c1, src.rect.c1));
            target.set(shift(x), e.value);
          }
          for (const [key, v] of source.cells) {
            const r = keyRow(key);
            const c = keyCol(key);
            if (inRect(src.rect, r, c)) target.setCell(r + dr, c + dc, v);
          }
        }
        sh.merged = sh.merged.filter((m) => !rectsIntersect(m, to));
        for (const m of from.merged) {
          if (rectContains(src.rect, m)) sh.merged.push(rect(m.r0 + dr, m.c0 + dc, m.r1 + dr, m.c1 + dc));
        }
      }
      if (mode === 'All') {
        clearHyperlinks(sh, to);
        for (const [k, h] of from.hyperlinks) {
          if (inRect(src.rect, keyRow(k), keyCol(k))) sh.hyperlinks.set(cellKey(keyRow(k) + dr, keyCol(k) + dc), { ...h });
        }
      }
    });
  }

  unmerge(): void {
    this._gate('1.2', 'Range.unmerge');
    this._queue('unmerge', [], (tx) => {
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      sh.merged = sh.merged.filter((m) => !rectsIntersect(m, t.rect));
    });
  }

  select(): void {
    this._queue('select', [], (tx) => {
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      if (sh.visibility !== 'Visible') throw officeError('InvalidOperation', 'A range on a hidden worksheet cannot be selected.');
      sh.selection = t.rect;
      tx.state.activeSheetId = sh.id;
    });
  }
}

// ---------------------------------------------------------------- Range format

const FORMAT_SCALARS: ScalarTable<RangeTarget> = {
  columnWidth: {
    since: '1.2',
    read: (tx, t) => {
      const sh = tx.sheet(t.sheetId);
      const w0 = sh.columnWidths.get(t.rect.c0) ?? DEFAULT_COLUMN_WIDTH;
      for (let c = t.rect.c0; c <= t.rect.c1; c++) if ((sh.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH) !== w0) return null;
      return w0;
    },
    write: (tx, t, v) => {
      const w = validateNumber(v, 'columnWidth', 0, 1789);
      const sh = tx.sheetW(t.sheetId);
      for (let c = t.rect.c0; c <= t.rect.c1; c++) sh.columnWidths.set(c, w);
    },
  },
  rowHeight: {
    since: '1.2',
    read: (tx, t) => {
      const sh = tx.sheet(t.sheetId);
      const h0 = sh.rowHeights.get(t.rect.r0) ?? DEFAULT_ROW_HEIGHT;
      if (isFullColumns(t.rect)) return sh.rowHeights.size === 0 ? h0 : null;
      for (let r = t.rect.r0; r <= t.rect.r1; r++) if ((sh.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT) !== h0) return null;
      return h0;
    },
    write: (tx, t, v) => {
      const h = validateNumber(v, 'rowHeight', 0, 409);
      const sh = tx.sheetW(t.sheetId);
      for (let r = t.rect.r0; r <= t.rect.r1; r++) sh.rowHeights.set(r, h);
    },
  },
  wrapText: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'wrapText'),
    write: (tx, t, v) => setFormat(tx, t, 'wrapText', validateBoolean(v, 'wrapText') || undefined),
  },
  horizontalAlignment: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'horizontalAlignment'),
    write: (tx, t, v) => {
      const a = validateEnum('HorizontalAlignment', v, []);
      setFormat(tx, t, 'horizontalAlignment', a === 'General' ? undefined : a);
    },
  },
  verticalAlignment: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'verticalAlignment'),
    write: (tx, t, v) => {
      const a = validateEnum('VerticalAlignment', v, []);
      setFormat(tx, t, 'verticalAlignment', a === 'Bottom' ? undefined : a);
    },
  },
};

export class FakeRangeFormat extends Resolved<RangeTarget> {
  readonly _className = 'RangeFormat';

  protected override _scalars(): ScalarTable<RangeTarget> {
    return FORMAT_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }

  get fill(): FakeRangeFill {
    return this._child('fill', () => new FakeRangeFill(this.ctx, `${this._path}.fill`, (tx) => this._target(tx)));
  }

  get font(): FakeRangeFont {
    return this._child('font', () => new FakeRangeFont(this.ctx, `${this._path}.font`, (tx) => this._target(tx)));
  }

  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._set('columnWidth', v);
  }
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this._set('rowHeight', v);
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._set('wrapText', v);
  }
  get horizontalAlignment(): string {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this._set('horizontalAlignment', v);
  }
  get verticalAlignment(): string {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this._set('verticalAlignment', v);
  }

  /** Sizes each column to its widest displayed text — over the whole column, as Excel does. */
  autofitColumns(): void {
    this._gate('1.2', 'RangeFormat.autofitColumns');
    this._queue('autofitColumns', [], (tx) => {
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      const widest = new Map<number, number>();
      for (let r = 0; r < sh.rows.length; r++) {
        const row = sh.rows[r];
        if (!row) continue;
        const end = Math.min(t.rect.c1, row.length - 1);
        for (let c = t.rect.c0; c <= end; c++) {
          if (row[c] === undefined) continue;
          const text = formatText(readValue(tx.state, sh, r, c), numberFormatAt(sh, r, c));
          widest.set(c, Math.max(widest.get(c) ?? 0, textWidthUnits(text)));
        }
      }
      for (const [c, units] of widest) sh.columnWidths.set(c, Math.round((units * 7 + 5) * 0.75 * 100) / 100);
    });
  }

  autofitRows(): void {
    this._gate('1.2', 'RangeFormat.autofitRows');
    this._queue('autofitRows', [], (tx) => void this._need(tx));
  }
}

const FILL_SCALARS: ScalarTable<RangeTarget> = {
  color: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'fillColor'),
    write: (tx, t, v) => setFormat(tx, t, 'fillColor', normalizeColor(v)),
  },
};

export class FakeRangeFill extends Resolved<RangeTarget> {
  readonly _className = 'RangeFill';

  protected override _scalars(): ScalarTable<RangeTarget> {
    return FILL_SCALARS;
  }

  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }

  clear(): void {
    this._props.delete('color');
    this._queue('clear', [], (tx) => setFormat(tx, this._need(tx), 'fillColor', undefined));
  }
}

const FONT_SCALARS: ScalarTable<RangeTarget> = {
  bold: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'fontBold'),
    write: (tx, t, v) => setFormat(tx, t, 'fontBold', validateBoolean(v, 'font.bold') || undefined),
  },
  italic: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'fontItalic'),
    write: (tx, t, v) => setFormat(tx, t, 'fontItalic', validateBoolean(v, 'font.italic') || undefined),
  },
  color: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'fontColor'),
    write: (tx, t, v) => setFormat(tx, t, 'fontColor', normalizeColor(v)),
  },
  size: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'fontSize'),
    write: (tx, t, v) => setFormat(tx, t, 'fontSize', validateNumber(v, 'font.size', 1, 409)),
  },
  name: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'fontName'),
    write: (tx, t, v) => setFormat(tx, t, 'fontName', validateString(v, 'font.name', false)),
  },
  underline: {
    read: (tx, t) => uniformFormat(tx.sheet(t.sheetId), t.rect, 'fontUnderline'),
    write: (tx, t, v) => {
      const u = validateEnum('RangeUnderlineStyle', v, []);
      setFormat(tx, t, 'fontUnderline', u === 'None' ? undefined : u);
    },
  },
};

export class FakeRangeFont extends Resolved<RangeTarget> {
  readonly _className = 'RangeFont';

  protected override _scalars(): ScalarTable<RangeTarget> {
    return FONT_SCALARS;
  }

  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._set('bold', v);
  }
  get italic(): boolean {
    return this._get('italic');
  }
  set italic(v: boolean) {
    this._set('italic', v);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }
  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    this._set('size', v);
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }
  get underline(): string {
    return this._get('underline');
  }
  set underline(v: string) {
    this._set('underline', v);
  }
}

// ================================================================= Freeze panes

export class FakeWorksheetFreezePanes extends Resolved<string> {
  readonly _className = 'WorksheetFreezePanes';

  private _freeze(member: string, args: unknown[], f: (tx: Tx, id: string) => { rows: number; columns: number }): void {
    this._gate('1.7', `WorksheetFreezePanes.${member}`);
    this._queue(member, args, (tx) => {
      const id = this._need(tx);
      const frozen = f(tx, id);
      tx.sheetW(id).frozen = frozen;
    });
  }

  freezeRows(count?: number): void {
    this._freeze('freezeRows', count === undefined ? [] : [count], () => {
      const n = count === undefined ? 1 : validateIndex(count, 'count');
      if (n < 0 || n >= MAX_ROWS) throw officeError('InvalidArgument', 'count is out of range.');
      return { rows: n, columns: 0 };
    });
  }

  freezeColumns(count?: number): void {
    this._freeze('freezeColumns', count === undefined ? [] : [count], () => {
      const n = count === undefined ? 1 : validateIndex(count, 'count');
      if (n < 0 || n >= MAX_COLS) throw officeError('InvalidArgument', 'count is out of range.');
      return { rows: 0, columns: n };
    });
  }

  freezeAt(frozenRange: FakeRange | string): void {
    this._freeze('freezeAt', [frozenRange], (tx, id) => {
      let x: Rect;
      if (typeof frozenRange === 'string') x = parseOnSheet(tx, id, frozenRange);
      else if (frozenRange instanceof FakeRange) {
        const t = frozenRange._need(tx);
        if (t.sheetId !== id) throw officeError('InvalidArgument', 'The range is on another worksheet.');
        x = t.rect;
      } else throw officeError('InvalidArgument', 'freezeAt needs a Range or an address.');
      return { rows: isFullColumns(x) ? 0 : x.r1 + 1, columns: isFullRows(x) ? 0 : x.c1 + 1 };
    });
  }

  unfreeze(): void {
    this._freeze('unfreeze', [], () => ({ rows: 0, columns: 0 }));
  }

  getLocationOrNullObject(): FakeRange {
    this._gate('1.7', 'WorksheetFreezePanes.getLocationOrNullObject');
    const range = new FakeRange(this.ctx, `${this._path}.getLocationOrNullObject()`, (tx) => {
      const id = this._target(tx);
      if (id === null) return null;
      const f = tx.sheet(id).frozen;
      if (f.rows === 0 && f.columns === 0) return null;
      const r1 = f.rows === 0 ? MAX_ROWS - 1 : f.rows - 1;
      const c1 = f.columns === 0 ? MAX_COLS - 1 : f.columns - 1;
      return { sheetId: id, rect: rect(0, 0, r1, c1) };
    });
    range._queue('_instantiate', [], (tx) => void range._target(tx));
    return range;
  }
}

// ================================================================= Worksheet custom properties (1.12)

type PropTarget = { sheetId: string; key: string };

const CUSTOM_PROPERTY_SCALARS: ScalarTable<PropTarget> = {
  key: { read: (_tx, t) => t.key },
  value: {
    read: (tx, t) => tx.sheet(t.sheetId).customProperties.find((p) => p.key === t.key)?.value ?? null,
    write: (tx, t, v) => {
      const p = tx.sheetW(t.sheetId).customProperties.find((x) => x.key === t.key);
      if (!p) throw officeError('ItemNotFound');
      p.value = validateString(v, 'value');
    },
  },
};

export class FakeWorksheetCustomProperty extends Resolved<PropTarget> {
  readonly _className = 'WorksheetCustomProperty';

  protected override _scalars(): ScalarTable<PropTarget> {
    return CUSTOM_PROPERTY_SCALARS;
  }

  get key(): string {
    return this._get('key');
  }
  get value(): string {
    return this._get('value');
  }
  set value(v: string) {
    this._set('value', v);
  }

  delete(): void {
    this._queue('delete', [], (tx) => {
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      sh.customProperties = sh.customProperties.filter((p) => p.key !== t.key);
    });
  }
}

export class FakeWorksheetCustomPropertyCollection extends ResolvedCollection<string, FakeWorksheetCustomProperty> {
  readonly _className = 'WorksheetCustomPropertyCollection';

  protected _itemKeys(tx: Tx, id: string): string[] {
    return tx.sheet(id).customProperties.map((p) => p.key);
  }

  private _prop(path: string, key: string, mustExist: boolean): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this.ctx, `${this._path}.${path}`, (tx) => {
      const id = this._target(tx);
      if (id === null) return null;
      const found = tx.sheet(id).customProperties.some((p) => p.key === key);
      if (!found) {
        if (mustExist) throw officeError('ItemNotFound', `There is no custom property '${key}'.`);
        return null;
      }
      return { sheetId: id, key };
    });
  }

  protected _makeItem(key: string): FakeWorksheetCustomProperty {
    return this._prop(`getItem(${q(key)})`, key, true);
  }

  protected _templateItem(): FakeWorksheetCustomProperty {
    return this._makeItem('');
  }

  add(key: string, value: string): FakeWorksheetCustomProperty {
    const prop = this._prop(`getItem(${q(key)})`, key, true);
    this._queue('add', [key, value], (tx) => {
      const id = this._need(tx);
      if (typeof key !== 'string' || key === '' || key.length > 255) {
        throw officeError('InvalidArgument', 'A custom property key must be 1 to 255 characters.');
      }
      const v = validateString(value, 'value');
      const sh = tx.sheetW(id);
      const existing = sh.customProperties.find((p) => p.key === key);
      if (existing) existing.value = v;
      else sh.customProperties.push({ key, value: v });
    });
    return prop;
  }

  getItem(key: string): FakeWorksheetCustomProperty {
    return this._prop(`getItem(${q(key)})`, key, true);
  }

  getItemOrNullObject(key: string): FakeWorksheetCustomProperty {
    const p = this._prop(`getItemOrNullObject(${q(key)})`, key, false);
    p._queue('_instantiate', [], (tx) => void p._target(tx));
    return p;
  }

  getCount(): FakeClientResult<number> {
    return this._queueResult('getCount', [], (tx) => tx.sheet(this._need(tx)).customProperties.length);
  }
}

// ================================================================= Settings (workbook.settings, 1.4)

function jsonClone(v: unknown): unknown {
  if (v === undefined) throw officeError('InvalidArgument', 'A setting value cannot be undefined.');
  return JSON.parse(JSON.stringify(v)) as unknown;
}

const SETTING_SCALARS: ScalarTable<string> = {
  key: { read: (_tx, key) => key },
  value: {
    read: (tx, key) => jsonClone(tx.state.settings.get(key) ?? null),
    write: (tx, key, v) => {
      tx.state.settings.set(key, jsonClone(v));
    },
  },
};

export class FakeSetting extends Resolved<string> {
  readonly _className = 'Setting';

  protected override _scalars(): ScalarTable<string> {
    return SETTING_SCALARS;
  }

  get key(): string {
    return this._get('key');
  }
  get value(): unknown {
    return this._get('value');
  }
  set value(v: unknown) {
    this._set('value', v);
  }

  delete(): void {
    this._queue('delete', [], (tx) => {
      tx.state.settings.delete(this._need(tx));
    });
  }
}

export class FakeSettingCollection extends ResolvedCollection<'settings', FakeSetting> {
  readonly _className = 'SettingCollection';

  constructor(context: FakeRequestContext) {
    super(context, 'workbook.settings', () => 'settings');
  }

  protected _itemKeys(tx: Tx): string[] {
    return [...tx.state.settings.keys()];
  }

  private _setting(path: string, key: string, mustExist: boolean): FakeSetting {
    return new FakeSetting(this.ctx, `workbook.settings.${path}`, (tx) => {
      if (tx.state.settings.has(key)) return key;
      if (mustExist) throw officeError('ItemNotFound', `There is no setting '${key}'.`);
      return null;
    });
  }

  protected _makeItem(key: string): FakeSetting {
    return this._setting(`getItem(${q(key)})`, key, true);
  }

  protected _templateItem(): FakeSetting {
    return this._makeItem('');
  }

  add(key: string, value: unknown): FakeSetting {
    const s = this._setting(`getItem(${q(key)})`, key, true);
    this._queue('add', [key, value], (tx) => {
      if (typeof key !== 'string' || key === '') throw officeError('InvalidArgument', 'A setting key must be a non-empty string.');
      tx.state.settings.set(key, jsonClone(value));
    });
    return s;
  }

  getItem(key: string): FakeSetting {
    return this._setting(`getItem(${q(key)})`, key, true);
  }

  getItemOrNullObject(key: string): FakeSetting {
    const s = this._setting(`getItemOrNullObject(${q(key)})`, key, false);
    s._queue('_instantiate', [], (tx) => void s._target(tx));
    return s;
  }

  getCount(): FakeClientResult<number> {
    return this._queueResult('getCount', [], (tx) => tx.state.settings.size);
  }
}

// ================================================================= Custom XML parts (1.5)

const XML_PART_SCALARS: ScalarTable<string> = {
  id: { read: (_tx, id) => id },
  namespaceUri: { read: (tx, id) => tx.state.customXmlParts.find((p) => p.id === id)?.namespaceUri ?? null },
};

function findPart(tx: Tx, id: string): { index: number; part: { id: string; xml: string; namespaceUri: string } } {
  const index = tx.state.customXmlParts.findIndex((p) => p.id === id);
  const part = tx.state.customXmlParts[index];
  if (!part) throw officeError('ItemNotFound', 'The custom XML part no longer exists.');
  return { index, part };
}

export class FakeCustomXmlPart extends Resolved<string> {
  readonly _className = 'CustomXmlPart';

  protected override _scalars(): ScalarTable<string> {
    return XML_PART_SCALARS;
  }

  get id(): string {
    return this._get('id');
  }
  get namespaceUri(): string {
    return this._get('namespaceUri');
  }

  getXml(): FakeClientResult<string> {
    return this._queueResult('getXml', [], (tx) => findPart(tx, this._need(tx)).part.xml);
  }

  setXml(xml: string): void {
    this._queue('setXml', [xml], (tx) => {
      const { index, part } = findPart(tx, this._need(tx));
      const namespaceUri = checkXml(xml);
      tx.state.customXmlParts[index] = { id: part.id, xml, namespaceUri };
    });
  }

  delete(): void {
    this._queue('delete', [], (tx) => {
      const { index } = findPart(tx, this._need(tx));
      tx.state.customXmlParts.splice(index, 1);
    });
  }
}

function partProxy(context: FakeRequestContext, path: string, resolver: (tx: Tx) => string | null): FakeCustomXmlPart {
  return new FakeCustomXmlPart(context, path, resolver);
}

export class FakeCustomXmlPartCollection extends ResolvedCollection<'parts', FakeCustomXmlPart> {
  readonly _className = 'CustomXmlPartCollection';

  constructor(context: FakeRequestContext) {
    super(context, 'workbook.customXmlParts', () => 'parts');
  }

  protected _itemKeys(tx: Tx): string[] {
    return tx.state.customXmlParts.map((p) => p.id);
  }

  protected _makeItem(id: string): FakeCustomXmlPart {
    return partProxy(this.ctx, `workbook.customXmlParts.getItem(${q(id)})`, () => id);
  }

  protected _templateItem(): FakeCustomXmlPart {
    return this._makeItem('');
  }

  add(xml: string): FakeCustomXmlPart {
    let created: string | null = null;
    const part = partProxy(this.ctx, `workbook.customXmlParts.add()`, () => created);
    this._queue('add', [xml], (tx) => {
      const namespaceUri = checkXml(xml);
      tx.state.counters.xml += 1;
      const n = tx.state.counters.xml;
      const id = `{7D2F0C1E-${n.toString(16).toUpperCase().padStart(4, '0')}-4C3B-9A5E-6F1D2B3C4A5E}`;
      tx.state.customXmlParts.push({ id, xml, namespaceUri });
      created = id;
      tx.resolved.set(part as FakeClientObject<unknown>, id);
    });
    return part;
  }

  getItem(id: string): FakeCustomXmlPart {
    return partProxy(this.ctx, `workbook.customXmlParts.getItem(${q(id)})`, (tx) => {
      if (!tx.state.customXmlParts.some((p) => p.id === id)) throw officeError('ItemNotFound', `There is no custom XML part '${id}'.`);
      return id;
    });
  }

  getItemOrNullObject(id: string): FakeCustomXmlPart {
    const p = partProxy(this.ctx, `workbook.customXmlParts.getItemOrNullObject(${q(id)})`, (tx) =>
      tx.state.customXmlParts.some((x) => x.id === id) ? id : null,
    );
    p._queue('_instantiate', [], (tx) => void p._target(tx));
    return p;
  }

  getByNamespace(namespaceUri: string): FakeCustomXmlPartScopedCollection {
    return new FakeCustomXmlPartScopedCollection(this.ctx, `workbook.customXmlParts.getByNamespace(${q(namespaceUri)})`, () => namespaceUri);
  }

  getCount(): FakeClientResult<number> {
    return this._queueResult('getCount', [], (tx) => tx.state.customXmlParts.length);
  }
}

export class FakeCustomXmlPartScopedCollection extends ResolvedCollection<string, FakeCustomXmlPart> {
  readonly _className = 'CustomXmlPartScopedCollection';

  protected _itemKeys(tx: Tx, ns: string): string[] {
    return tx.state.customXmlParts.filter((p) => p.namespaceUri === ns).map((p) => p.id);
  }

  protected _makeItem(id: string): FakeCustomXmlPart {
    return partProxy(this.ctx, `workbook.customXmlParts.getItem(${q(id)})`, () => id);
  }

  protected _templateItem(): FakeCustomXmlPart {
    return this._makeItem('');
  }

  private _only(orNull: boolean): FakeCustomXmlPart {
    const name = orNull ? 'getOnlyItemOrNullObject' : 'getOnlyItem';
    const p = partProxy(this.ctx, `${this._path}.${name}()`, (tx) => {
      const ns = this._need(tx);
      const ids = this._itemKeys(tx, ns);
      if (ids.length === 1) return ids[0] ?? null;
      if (orNull) return null;
      throw officeError(ids.length === 0 ? 'ItemNotFound' : 'InvalidOperation', `${ids.length} parts have the namespace '${ns}'.`);
    });
    if (orNull) p._queue('_instantiate', [], (tx) => void p._target(tx));
    return p;
  }

  getOnlyItem(): FakeCustomXmlPart {
    return this._only(false);
  }

  getOnlyItemOrNullObject(): FakeCustomXmlPart {
    return this._only(true);
  }

  getItem(id: string): FakeCustomXmlPart {
    return partProxy(this.ctx, `${this._path}.getItem(${q(id)})`, (tx) => {
      if (!this._itemKeys(tx, this._need(tx)).includes(id)) throw officeError('ItemNotFound');
      return id;
    });
  }

  getCount(): FakeClientResult<number> {
    return this._queueResult('getCount', [], (tx) => this._itemKeys(tx, this._need(tx)).length);
  }
}

// ================================================================= Conditional formats (1.6)

/**
 * A rule by its internal key. The key never leaves the fake: `ConditionalFormat.id` is "the
 * priority of the conditional format in the current ConditionalFormatCollection" (REF
 * excel.conditionalformat.yml `id`), so it changes whenever a rule is added, deleted or reordered.
 */
type CfTarget = { sheetId: string; cfId: string };

/**
 * Conditional-format proxies resolve again in every sync, like Office.js, which addresses a loaded
 * item (and `getItem(id)`) by its id, i.e. its priority at that moment: an item loaded before a
 * rule above it was deleted then reaches another rule. Within one sync an object keeps what it
 * resolved to at its first use (the host instantiates an object path once per request).
 */
abstract class FloatingResolved<T> extends Resolved<T> {
  private _wasNull: boolean | undefined;

  override _commitTarget(target: unknown): void {
    this._wasNull = target === null;
  }

  override get isNullObject(): boolean {
    if (this._wasNull === undefined) throw propertyNotLoaded(this._className, 'isNullObject');
    return this._wasNull;
  }
}

/** The rule at `priority` on a sheet (ItemNotFound when there is none). */
function cfAtPriority(tx: Tx, sheetId: string, priority: number, within: Rect | null): CfTarget {
  const cf = tx.sheet(sheetId).conditionalFormats.find((f) => f.priority === priority && (within === null || rectsIntersect(f.rect, within)));
  if (!cf) throw officeError('ItemNotFound', `There is no conditional format with the id '${priority}' in the range.`);
  return { sheetId, cfId: cf.id };
}

function findCf(tx: Tx, t: CfTarget, write: boolean): ConditionalFormatState {
  const sh = write ? tx.sheetW(t.sheetId) : tx.sheet(t.sheetId);
  const cf = sh.conditionalFormats.find((f) => f.id === t.cfId);
  if (!cf) throw officeError('ItemNotFound', 'The conditional format no longer exists.');
  return cf;
}

function cfOfType(tx: Tx, t: CfTarget, type: string, write: boolean): ConditionalFormatState {
  const cf = findCf(tx, t, write);
  if (cf.type !== type) throw officeError('InvalidOperation', `The conditional format is of type ${cf.type}, not ${type}.`);
  return cf;
}

const CF_SCALARS: ScalarTable<CfTarget> = {
  id: { read: (tx, t) => String(findCf(tx, t, false).priority) },
  type: { read: (tx, t) => findCf(tx, t, false).type },
  priority: {
    read: (tx, t) => findCf(tx, t, false).priority,
    write: (tx, t, v) => {
      const p = validateIndex(v, 'priority');
      const sh = tx.sheetW(t.sheetId);
      const list = sh.conditionalFormats.slice().sort((a, b) => a.priority - b.priority);
      const me = list.find((f) => f.id === t.cfId);
      if (!me) throw officeError('ItemNotFound');
      const rest = list.filter((f) => f !== me);
      rest.splice(Math.max(0, Math.min(p, rest.length)), 0, me);
      rest.forEach((f, i) => {
        f.priority = i;
      });
    },
  },
  stopIfTrue: {
    read: (tx, t) => findCf(tx, t, false).stopIfTrue,
    write: (tx, t, v) => {
      findCf(tx, t, true).stopIfTrue = validateBoolean(v, 'stopIfTrue');
    },
  },
};

export class FakeConditionalFormat extends FloatingResolved<CfTarget> {
  readonly _className = 'ConditionalFormat';

  protected override _scalars(): ScalarTable<CfTarget> {
    return CF_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    if (name === 'cellValue') return this.cellValue;
    return undefined;
  }

  get id(): string {
    return this._get('id');
  }
  get type(): string {
    return this._get('type');
  }
  get priority(): number {
    return this._get('priority');
  }
  set priority(v: number) {
    this._set('priority', v);
  }
  get stopIfTrue(): boolean {
    return this._get('stopIfTrue');
  }
  set stopIfTrue(v: boolean) {
    this._set('stopIfTrue', v);
  }

  get custom(): FakeCustomConditionalFormat {
    return this._child('custom', () => new FakeCustomConditionalFormat(this.ctx, `${this._path}.custom`, (tx) => this._target(tx)));
  }

  /** The custom format, or a null object when the rule is of another type (ExcelApi 1.6). */
  get customOrNullObject(): FakeCustomConditionalFormat {
    return this._child(
      'customOrNullObject',
      () =>
        new FakeCustomConditionalFormat(this.ctx, `${this._path}.customOrNullObject`, (tx) => {
          const t = this._target(tx);
          return t !== null && findCf(tx, t, false).type === 'Custom' ? t : null;
        }),
    );
  }

  get cellValue(): FakeCellValueConditionalFormat {
    return this._child('cellValue', () => new FakeCellValueConditionalFormat(this.ctx, `${this._path}.cellValue`, (tx) => this._target(tx)));
  }

  getRange(): FakeRange {
    return new FakeRange(this.ctx, `${this._path}.getRange()`, (tx) => {
      const t = this._target(tx);
      if (t === null) return null;
      return { sheetId: t.sheetId, rect: findCf(tx, t, false).rect };
    });
  }

  delete(): void {
    this._queue('delete', [], (tx) => {
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      sh.conditionalFormats = sh.conditionalFormats.filter((f) => f.id !== t.cfId);
      sh.conditionalFormats
        .slice()
        .sort((a, b) => a.priority - b.priority)
        .forEach((f, i) => {
          f.priority = i;
        });
    });
  }
}

export class FakeCustomConditionalFormat extends FloatingResolved<CfTarget> {
  readonly _className = 'CustomConditionalFormat';

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return undefined;
  }

  get rule(): FakeConditionalFormatRule {
    return this._child('rule', () => new FakeConditionalFormatRule(this.ctx, `${this._path}.rule`, (tx) => this._target(tx)));
  }

  get format(): FakeConditionalRangeFormat {
    return this._child('format', () => new FakeConditionalRangeFormat(this.ctx, `${this._path}.format`, (tx) => this._target(tx)));
  }
}

const CF_RULE_SCALARS: ScalarTable<CfTarget> = {
  formula: {
    read: (tx, t) => cfOfType(tx, t, 'Custom', false).rule.formula,
    write: (tx, t, v) => {
      cfOfType(tx, t, 'Custom', true).rule.formula = validateString(v, 'rule.formula', false);
    },
  },
};

export class FakeConditionalFormatRule extends FloatingResolved<CfTarget> {
  readonly _className = 'ConditionalFormatRule';

  protected override _scalars(): ScalarTable<CfTarget> {
    return CF_RULE_SCALARS;
  }

  get formula(): string {
    return this._get('formula');
  }
  set formula(v: string) {
    this._set('formula', v);
  }
}

const CELL_VALUE_CF_SCALARS: ScalarTable<CfTarget> = {
  rule: {
    read: (tx, t) => {
      const r = cfOfType(tx, t, 'CellValue', false).rule;
      const out: Record<string, unknown> = { formula1: r.formula1, operator: r.operator };
      if (r.formula2 !== null) out.formula2 = r.formula2;
      return out;
    },
    write: (tx, t, v) => {
      const cf = cfOfType(tx, t, 'CellValue', true);
      if (!v || typeof v !== 'object') throw officeError('InvalidArgument', 'rule must be a ConditionalCellValueRule.');
      const rule = v as Record<string, unknown>;
      cf.rule.formula1 = validateString(rule.formula1, 'rule.formula1', false);
      cf.rule.formula2 = rule.formula2 === undefined ? null : validateString(rule.formula2, 'rule.formula2');
      cf.rule.operator = validateEnum('ConditionalCellValueOperator', rule.operator);
    },
  },
};

export class FakeCellValueConditionalFormat extends FloatingResolved<CfTarget> {
  readonly _className = 'CellValueConditionalFormat';

  protected override _scalars(): ScalarTable<CfTarget> {
    return CELL_VALUE_CF_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    return name === 'format' ? this.format : undefined;
  }

  get rule(): Record<string, unknown> {
    return this._get('rule');
  }
  set rule(v: Record<string, unknown>) {
    this._set('rule', v);
  }

  get format(): FakeConditionalRangeFormat {
    return this._child('format', () => new FakeConditionalRangeFormat(this.ctx, `${this._path}.format`, (tx) => this._target(tx)));
  }
}

export class FakeConditionalRangeFormat extends FloatingResolved<CfTarget> {
  readonly _className = 'ConditionalRangeFormat';

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }

  get fill(): FakeConditionalRangeFill {
    return this._child('fill', () => new FakeConditionalRangeFill(this.ctx, `${this._path}.fill`, (tx) => this._target(tx)));
  }

  get font(): FakeConditionalRangeFont {
    return this._child('font', () => new FakeConditionalRangeFont(this.ctx, `${this._path}.font`, (tx) => this._target(tx)));
  }
}

const CF_FILL_SCALARS: ScalarTable<CfTarget> = {
  color: {
    read: (tx, t) => findCf(tx, t, false).format.fillColor,
    write: (tx, t, v) => {
      findCf(tx, t, true).format.fillColor = normalizeColor(v);
    },
  },
};

export class FakeConditionalRangeFill extends FloatingResolved<CfTarget> {
  readonly _className = 'ConditionalRangeFill';

  protected override _scalars(): ScalarTable<CfTarget> {
    return CF_FILL_SCALARS;
  }

  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }

  clear(): void {
    this._queue('clear', [], (tx) => {
      findCf(tx, this._need(tx), true).format.fillColor = null;
    });
  }
}

const CF_FONT_SCALARS: ScalarTable<CfTarget> = {
  color: {
    read: (tx, t) => findCf(tx, t, false).format.fontColor,
    write: (tx, t, v) => {
      findCf(tx, t, true).format.fontColor = normalizeColor(v);
    },
  },
  bold: {
    read: (tx, t) => findCf(tx, t, false).format.fontBold,
    write: (tx, t, v) => {
      findCf(tx, t, true).format.fontBold = validateBoolean(v, 'font.bold');
    },
  },
};

export class FakeConditionalRangeFont extends FloatingResolved<CfTarget> {
  readonly _className = 'ConditionalRangeFont';

  protected override _scalars(): ScalarTable<CfTarget> {
    return CF_FONT_SCALARS;
  }

  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._set('bold', v);
  }
}

export class FakeConditionalFormatCollection extends ResolvedCollection<RangeTarget, FakeConditionalFormat> {
  readonly _className = 'ConditionalFormatCollection';

  protected _itemKeys(tx: Tx, t: RangeTarget): string[] {
    return tx
      .sheet(t.sheetId)
      .conditionalFormats.filter((f) => rectsIntersect(f.rect, t.rect))
      .sort((a, b) => a.priority - b.priority)
      .map((f) => `${t.sheetId}|${f.priority}`);
  }

  /** A loaded item, addressed by its id (its priority when it was loaded), like Office.js. */
  protected _makeItem(key: string): FakeConditionalFormat {
    const [sheetId = '', priority = ''] = key.split('|');
    return new FakeConditionalFormat(this.ctx, `${this._path}.getItem(${q(priority)})`, (tx) => cfAtPriority(tx, sheetId, Number(priority), null));
  }

  protected _templateItem(): FakeConditionalFormat {
    return this._makeItem('|');
  }

  add(type: string): FakeConditionalFormat {
    let created: CfTarget | null = null;
    const cf = new FakeConditionalFormat(this.ctx, `${this._path}.add(${q(type)})`, () => created);
    this._queue('add', [type], (tx) => {
      const kind = validateEnum('ConditionalFormatType', type, []);
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      tx.state.counters.cf += 1;
      const id = `{CF${String(tx.state.counters.cf).padStart(6, '0')}}`;
      for (const f of sh.conditionalFormats) f.priority += 1;
      sh.conditionalFormats.push({
        id,
        type: kind,
        rect: t.rect,
        priority: 0,
        stopIfTrue: false,
        rule: { formula: null, formula1: null, formula2: null, operator: null },
        format: { fillColor: null, fontColor: null, fontBold: null },
      });
      created = { sheetId: t.sheetId, cfId: id };
      tx.resolved.set(cf as FakeClientObject<unknown>, created);
    });
    return cf;
  }

  /**
   * ConditionalFormatCollection.getItem(id) (ExcelApi 1.6, like the collection): the rule whose
   * priority is `id` now, which must be one of the collection's (intersecting its range); an unknown
   * id rejects the sync with ItemNotFound.
   */
  getItem(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, `${this._path}.getItem(${q(id)})`, (tx) => {
      const t = this._target(tx);
      if (t === null) return null;
      const priority = /^\d+$/.test(id) ? Number(id) : -1;
      return cfAtPriority(tx, t.sheetId, priority, t.rect);
    });
  }

  clearAll(): void {
    this._queue('clearAll', [], (tx) => {
      const t = this._need(tx);
      const sh = tx.sheetW(t.sheetId);
      sh.conditionalFormats = sh.conditionalFormats.filter((f) => !rectsIntersect(f.rect, t.rect));
    });
  }

  getCount(): FakeClientResult<number> {
    return this._queueResult('getCount', [], (tx) => this._itemKeys(tx, this._need(tx)).length);
  }
}

// ================================================================= Charts

type ChartTarget = { sheetId: string; chartId: string };

function findChart(tx: Tx, t: ChartTarget, write: boolean): ChartState {
  const sh = write ? tx.sheetW(t.sheetId) : tx.sheet(t.sheetId);
  const ch = sh.charts.find((c) => c.id === t.chartId);
  if (!ch) throw officeError('ItemNotFound', 'The chart no longer exists.');
  return ch;
}

function isPieLike(chartType: string): boolean {
  return /Pie|Doughnut/.test(chartType);
}

/** Which cells become series, names and categories — an approximation of Excel's guess. */
function deriveSeries(tx: Tx, src: SheetRect, seriesBy: string): { by: string; series: SeriesState[] } {
  const sh = tx.sheet(src.sheetId);
  const x = src.rect;
  const rows = rectRows(x);
  const cols = rectCols(x);
  const by = seriesBy === 'Auto' ? (rows > cols ? 'Columns' : 'Rows') : seriesBy;
  const val = (r: number, c: number): unknown => readValue(tx.state, sh, r, c);
  const isText = (v: unknown): boolean => typeof v === 'string' && v !== '';
  const topLeftEmpty = val(x.r0, x.c0) === '';
  const series: SeriesState[] = [];
  if (by === 'Columns') {
    let headerRow = rows > 1 && topLeftEmpty;
    for (let c = x.c0 + 1; c <= x.c1 && !headerRow && rows > 1; c++) headerRow = isText(val(x.r0, c));
    let catCol = cols > 1 && topLeftEmpty;
    for (let r = x.r0 + (headerRow ? 1 : 0); r <= x.r1 && !catCol && cols > 1; r++) catCol = isText(val(r, x.c0));
    const dataR0 = x.r0 + (headerRow ? 1 : 0);
    for (let c = x.c0 + (catCol ? 1 : 0); c <= x.c1; c++) {
      series.push({
        name: headerRow ? formatText(readValue(tx.state, sh, x.r0, c), numberFormatAt(sh, x.r0, c)) : `Series${series.length + 1}`,
        values: { sheetId: sh.id, rect: rect(dataR0, c, x.r1, c) },
        xValues: catCol ? { sheetId: sh.id, rect: rect(dataR0, x.c0, x.r1, x.c0) } : null,
      });
    }
  } else {
    let headerCol = cols > 1 && topLeftEmpty;
    for (let r = x.r0 + 1; r <= x.r1 && !headerCol && cols > 1; r++) headerCol = isText(val(r, x.c0));
    let catRow = rows > 1 && topLeftEmpty;
    for (let c = x.c0 + (headerCol ? 1 : 0); c <= x.c1 && !catRow && rows > 1; c++) catRow = isText(val(x.r0, c));
    const dataC0 = x.c0 + (headerCol ? 1 : 0);
    for (let r = x.r0 + (catRow ? 1 : 0); r <= x.r1; r++) {
      series.push({
        name: headerCol ? formatText(readValue(tx.state, sh, r, x.c0), numberFormatAt(sh, r, x.c0)) : `Series${series.length + 1}`,
        values: { sheetId: sh.id, rect: rect(r, dataC0, r, x.c1) },
        xValues: catRow ? { sheetId: sh.id, rect: rect(x.r0, dataC0, x.r0, x.c1) } : null,
      });
    }
  }
  return { by, series };
}

function offsetTo(sizes: Map<number, number>, def: number, index: number): number {
  let total = index * def;
  for (const [i, s] of sizes) if (i < index) total += s - def;
  return total;
}

export class FakeChartCollection extends ResolvedCollection<string, FakeChart> {
  readonly _className = 'ChartCollection';

  protected override _scalars(): ScalarTable<string> {
    return CHART_COLLECTION_SCALARS;
  }

  get count(): number {
    return this._get('count');
  }

  protected _itemKeys(tx: Tx, sheetId: string): string[] {
    return tx.sheet(sheetId).charts.map((c) => `${sheetId}|${c.id}`);
  }

  protected _makeItem(key: string): FakeChart {
    const [sheetId = '', chartId = ''] = key.split('|');
    return new FakeChart(this.ctx, `${this._path}.getItemById(${q(chartId)})`, () => ({ sheetId, chartId }));
  }

  protected _templateItem(): FakeChart {
    return this._makeItem('|');
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    let created: ChartTarget | null = null;
    const chart = new FakeChart(this.ctx, `${this._path}.add(${q(type)})`, () => created);
    this._queue('add', seriesBy === undefined ? [type, sourceData] : [type, sourceData, seriesBy], (tx) => {
      const chartType = validateEnum('ChartType', type);
      const by = seriesBy === undefined ? 'Auto' : validateEnum('ChartSeriesBy', seriesBy, []);
      if (!(sourceData instanceof FakeRange)) throw officeError('InvalidArgument', 'sourceData must be a Range.');
      const sheetId = this._need(tx);
      const src = sourceData._need(tx);
      const derived = deriveSeries(tx, src, by);
      const sh = tx.sheetW(sheetId);
      let n = 1;
      for (const c of sh.charts) {
        const m = /^Chart (\d+)$/.exec(c.name);
        if (m) n = Math.max(n, Number(m[1]) + 1);
      }
      tx.state.counters.chart += 1;
      const id = `{C${String(tx.state.counters.chart).padStart(7, '0')}}`;
      const single = derived.series.length === 1;
      const firstName = derived.series[0]?.name ?? '';
      const state: ChartState = {
        id,
        name: `Chart ${n}`,
        chartType,
        source: src,
        seriesBy: by,
        title: { text: single ? firstName : '', visible: single },
        valueAxisTitle: { text: '', visible: false },
        categoryAxisTitle: { text: '', visible: false },
        dataLabels: { showValue: false, showPercentage: false, showCategoryName: false, showSeriesName: false, showLegendKey: false },
        legend: { visible: !single || isPieLike(chartType), position: 'Bottom' },
        top: 0,
        left: 0,
        width: 360,
        height: 216,
        anchor: null,
        series: derived.series,
      };
      sh.charts.push(state);
      created = { sheetId, chartId: id };
      tx.resolved.set(chart as FakeClientObject<unknown>, created);
    });
    return chart;
  }

  getItem(name: string): FakeChart {
    return new FakeChart(this.ctx, `${this._path}.getItem(${q(name)})`, (tx) => {
      const sheetId = this._target(tx);
      if (sheetId === null) return null;
      const ch = tx.sheet(sheetId).charts.find((c) => c.name.toLowerCase() === String(name).toLowerCase());
      if (!ch) throw officeError('ItemNotFound', `There is no chart named '${name}'.`);
      return { sheetId, chartId: ch.id };
    });
  }

  getItemAt(index: number): FakeChart {
    return new FakeChart(this.ctx, `${this._path}.getItemAt(${index})`, (tx) => {
      const sheetId = this._target(tx);
      if (sheetId === null) return null;
      const ch = tx.sheet(sheetId).charts[index];
      if (!ch) throw officeError('ItemNotFound', `There is no chart at index ${index}.`);
      return { sheetId, chartId: ch.id };
    });
  }
}

const CHART_COLLECTION_SCALARS: ScalarTable<string> = {
  count: { read: (tx, sheetId) => tx.sheet(sheetId).charts.length },
};

function chartNumber(field: 'top' | 'left' | 'width' | 'height') {
  return {
    read: (tx: Tx, t: ChartTarget) => findChart(tx, t, false)[field],
    write: (tx: Tx, t: ChartTarget, v: unknown) => {
      const n = validateNumber(v, `chart.${field}`, 0, 169_056);
      const ch = findChart(tx, t, true);
      ch[field] = n;
      ch.anchor = null;
    },
  };
}

const CHART_SCALARS: ScalarTable<ChartTarget> = {
  id: { since: '1.7', read: (_tx, t) => t.chartId },
  name: {
    read: (tx, t) => findChart(tx, t, false).name,
    write: (tx, t, v) => {
      findChart(tx, t, true).name = validateString(v, 'chart.name', false);
    },
  },
  chartType: {
    since: '1.7',
    read: (tx, t) => findChart(tx, t, false).chartType,
    write: (tx, t, v) => {
      findChart(tx, t, true).chartType = validateEnum('ChartType', v);
    },
  },
  top: chartNumber('top'),
  left: chartNumber('left'),
  width: chartNumber('width'),
  height: chartNumber('height'),
};

export class FakeChart extends Resolved<ChartTarget> {
  readonly _className = 'Chart';

  protected override _scalars(): ScalarTable<ChartTarget> {
    return CHART_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    switch (name) {
      case 'title':
        return this.title;
      case 'axes':
        return this.axes;
      case 'dataLabels':
        return this.dataLabels;
      case 'legend':
        return this.legend;
      case 'series':
        return this.series;
      case 'worksheet':
        return this.worksheet;
      default:
        return undefined;
    }
  }

  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }
  get chartType(): string {
    return this._get('chartType');
  }
  set chartType(v: string) {
    this._set('chartType', v);
  }
  get top(): number {
    return this._get('top');
  }
  set top(v: number) {
    this._set('top', v);
  }
  get left(): number {
    return this._get('left');
  }
  set left(v: number) {
    this._set('left', v);
  }
  get width(): number {
    return this._get('width');
  }
  set width(v: number) {
    this._set('width', v);
  }
  get height(): number {
    return this._get('height');
  }
  set height(v: number) {
    this._set('height', v);
  }

  get title(): FakeChartTitle {
    return this._child('title', () => new FakeChartTitle(this.ctx, `${this._path}.title`, (tx) => this._target(tx), 'title'));
  }

  get axes(): FakeChartAxes {
    return this._child('axes', () => new FakeChartAxes(this.ctx, `${this._path}.axes`, (tx) => this._target(tx)));
  }

  get dataLabels(): FakeChartDataLabels {
    return this._child('dataLabels', () => new FakeChartDataLabels(this.ctx, `${this._path}.dataLabels`, (tx) => this._target(tx)));
  }

  get legend(): FakeChartLegend {
    return this._child('legend', () => new FakeChartLegend(this.ctx, `${this._path}.legend`, (tx) => this._target(tx)));
  }

  get series(): FakeChartSeriesCollection {
    return this._child('series', () => new FakeChartSeriesCollection(this.ctx, `${this._path}.series`, (tx) => this._target(tx)));
  }

  get worksheet(): FakeWorksheet {
    this._gate('1.2', 'Chart.worksheet');
    return this._child('worksheet', () => sheetProxy(this.ctx, `${this._path}.worksheet`, (tx) => this._target(tx)?.sheetId ?? null));
  }

  /** Positions the chart over startCell (to endCell inclusive, if given), like Excel. */
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    const args = endCell === undefined ? [startCell] : [startCell, endCell];
    this._queue('setPosition', args, (tx) => {
      const t = this._need(tx);
      const toRect = (cell: FakeRange | string): Rect => {
        if (typeof cell === 'string') return parseOnSheet(tx, t.sheetId, cell);
        if (cell instanceof FakeRange) return cell._need(tx).rect;
        throw officeError('InvalidArgument', 'setPosition needs a Range or an address.');
      };
      const sh = tx.sheet(t.sheetId);
      const a = toRect(startCell);
      const ch = findChart(tx, t, true);
      ch.left = offsetTo(sh.columnWidths, DEFAULT_COLUMN_WIDTH, a.c0);
      ch.top = offsetTo(sh.rowHeights, DEFAULT_ROW_HEIGHT, a.r0);
      if (endCell !== undefined) {
        const b = toRect(endCell);
        ch.width = Math.max(0, offsetTo(sh.columnWidths, DEFAULT_COLUMN_WIDTH, b.c1 + 1) - ch.left);
        ch.height = Math.max(0, offsetTo(sh.rowHeights, DEFAULT_ROW_HEIGHT, b.r1 + 1) - ch.top);
      }
      ch.anchor = { startCell: formatRect(a), endCell: endCell === undefined ? null : formatRect(toRect(endCell)) };
    });
  }

  delete(): void {
    this._queue('delete', [], (tx) => {
      const t = this._need(tx);
      findChart(tx, t, false);
      const sh = tx.sheetW(t.sheetId);
      sh.charts = sh.charts.filter((c) => c.id !== t.chartId);
    });
  }
}

type TitleField = 'title' | 'valueAxisTitle' | 'categoryAxisTitle';

function titleOf(tx: Tx, t: ChartTarget, field: TitleField, write: boolean): TitleState {
  const ch = findChart(tx, t, write);
  if (field !== 'title' && isPieLike(ch.chartType)) throw officeError('InvalidOperation', `A ${ch.chartType} chart has no axes.`);
  return ch[field];
}

function titleScalars(field: TitleField): ScalarTable<ChartTarget> {
  return {
    text: {
      read: (tx, t) => titleOf(tx, t, field, false).text,
      write: (tx, t, v) => {
        const title = titleOf(tx, t, field, true);
        title.text = validateString(v, 'title.text');
        title.visible = title.text !== '';
      },
    },
    visible: {
      read: (tx, t) => titleOf(tx, t, field, false).visible,
      write: (tx, t, v) => {
        titleOf(tx, t, field, true).visible = validateBoolean(v, 'title.visible');
      },
    },
  };
}

const TITLE_SCALARS: Readonly<Record<TitleField, ScalarTable<ChartTarget>>> = {
  title: titleScalars('title'),
  valueAxisTitle: titleScalars('valueAxisTitle'),
  categoryAxisTitle: titleScalars('categoryAxisTitle'),
};

/** ChartTitle and ChartAxisTitle (same members: text, visible). */
export class FakeChartTitle extends Resolved<ChartTarget> {
  readonly _className: string;

  constructor(
    context: FakeRequestContext,
    path: string,
    resolver: (tx: Tx) => ChartTarget | null,
    private readonly field: TitleField,
  ) {
    super(context, path, resolver);
    this._className = field === 'title' ? 'ChartTitle' : 'ChartAxisTitle';
  }

  protected override _scalars(): ScalarTable<ChartTarget> {
    return TITLE_SCALARS[this.field];
  }

  get text(): string {
    return this._get('text');
  }
  set text(v: string) {
    this._set('text', v);
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._set('visible', v);
  }
}

export class FakeChartAxes extends Resolved<ChartTarget> {
  readonly _className = 'ChartAxes';

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    if (name === 'valueAxis') return this.valueAxis;
    if (name === 'categoryAxis') return this.categoryAxis;
    return undefined;
  }

  get valueAxis(): FakeChartAxis {
    return this._child('valueAxis', () => new FakeChartAxis(this.ctx, `${this._path}.valueAxis`, (tx) => this._target(tx), 'valueAxisTitle'));
  }

  get categoryAxis(): FakeChartAxis {
    return this._child(
      'categoryAxis',
      () => new FakeChartAxis(this.ctx, `${this._path}.categoryAxis`, (tx) => this._target(tx), 'categoryAxisTitle'),
    );
  }
}

function axisScalars(field: TitleField): ScalarTable<ChartTarget> {
  const flag = field === 'categoryAxisTitle' ? 'categoryAxisReversed' : 'valueAxisReversed';
  const axisOf = (tx: Tx, t: ChartTarget, write: boolean): ChartState => {
    const ch = findChart(tx, t, write);
    if (isPieLike(ch.chartType)) throw officeError('InvalidOperation', `A ${ch.chartType} chart has no axes.`);
    return ch;
  };
  return {
    reversePlotOrder: {
      since: '1.7',
      read: (tx, t) => axisOf(tx, t, false)[flag] === true,
      write: (tx, t, v) => {
        axisOf(tx, t, true)[flag] = validateBoolean(v, 'reversePlotOrder');
      },
    },
  };
}

const AXIS_SCALARS: Readonly<Record<'valueAxisTitle' | 'categoryAxisTitle', ScalarTable<ChartTarget>>> = {
  valueAxisTitle: axisScalars('valueAxisTitle'),
  categoryAxisTitle: axisScalars('categoryAxisTitle'),
};

export class FakeChartAxis extends Resolved<ChartTarget> {
  readonly _className = 'ChartAxis';

  constructor(
    context: FakeRequestContext,
    path: string,
    resolver: (tx: Tx) => ChartTarget | null,
    private readonly field: TitleField,
  ) {
    super(context, path, resolver);
  }

  protected override _scalars(): ScalarTable<ChartTarget> {
    return this.field === 'title' ? {} : AXIS_SCALARS[this.field];
  }

  /** ChartAxis.reversePlotOrder (ExcelApi 1.7): plot the points from last to first. */
  get reversePlotOrder(): boolean {
    return this._get('reversePlotOrder');
  }
  set reversePlotOrder(v: boolean) {
    this._set('reversePlotOrder', v);
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    return name === 'title' ? this.title : undefined;
  }

  get title(): FakeChartTitle {
    return this._child('title', () => new FakeChartTitle(this.ctx, `${this._path}.title`, (tx) => this._target(tx), this.field));
  }
}

type LabelFlag = keyof ChartState['dataLabels'];

function labelFlag(flag: LabelFlag) {
  return {
    read: (tx: Tx, t: ChartTarget) => findChart(tx, t, false).dataLabels[flag],
    write: (tx: Tx, t: ChartTarget, v: unknown) => {
      findChart(tx, t, true).dataLabels[flag] = validateBoolean(v, `dataLabels.${flag}`);
    },
  };
}

const DATA_LABEL_SCALARS: ScalarTable<ChartTarget> = {
  showValue: labelFlag('showValue'),
  showPercentage: labelFlag('showPercentage'),
  showCategoryName: labelFlag('showCategoryName'),
  showSeriesName: labelFlag('showSeriesName'),
  showLegendKey: labelFlag('showLegendKey'),
};

export class FakeChartDataLabels extends Resolved<ChartTarget> {
  readonly _className = 'ChartDataLabels';

  protected override _scalars(): ScalarTable<ChartTarget> {
    return DATA_LABEL_SCALARS;
  }

  get showValue(): boolean {
    return this._get('showValue');
  }
  set showValue(v: boolean) {
    this._set('showValue', v);
  }
  get showPercentage(): boolean {
    return this._get('showPercentage');
  }
  set showPercentage(v: boolean) {
    this._set('showPercentage', v);
  }
  get showCategoryName(): boolean {
    return this._get('showCategoryName');
  }
  set showCategoryName(v: boolean) {
    this._set('showCategoryName', v);
  }
  get showSeriesName(): boolean {
    return this._get('showSeriesName');
  }
  set showSeriesName(v: boolean) {
    this._set('showSeriesName', v);
  }
  get showLegendKey(): boolean {
    return this._get('showLegendKey');
  }
  set showLegendKey(v: boolean) {
    this._set('showLegendKey', v);
  }
}

const LEGEND_SCALARS: ScalarTable<ChartTarget> = {
  visible: {
    read: (tx, t) => findChart(tx, t, false).legend.visible,
    write: (tx, t, v) => {
      findChart(tx, t, true).legend.visible = validateBoolean(v, 'legend.visible');
    },
  },
  position: {
    read: (tx, t) => findChart(tx, t, false).legend.position,
    write: (tx, t, v) => {
      findChart(tx, t, true).legend.position = validateEnum('ChartLegendPosition', v);
    },
  },
};

export class FakeChartLegend extends Resolved<ChartTarget> {
  readonly _className = 'ChartLegend';

  protected override _scalars(): ScalarTable<ChartTarget> {
    return LEGEND_SCALARS;
  }

  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._set('visible', v);
  }
  get position(): string {
    return this._get('position');
  }
  set position(v: string) {
    this._set('position', v);
  }
}

type SeriesTarget = { sheetId: string; chartId: string; index: number };

function findSeries(tx: Tx, t: SeriesTarget, write: boolean): SeriesState {
  const s = findChart(tx, t, write).series[t.index];
  if (!s) throw officeError('ItemNotFound', 'The chart series no longer exists.');
  return s;
}

const SERIES_COLLECTION_SCALARS: ScalarTable<ChartTarget> = {
  count: { read: (tx, t) => findChart(tx, t, false).series.length },
};

export class FakeChartSeriesCollection extends ResolvedCollection<ChartTarget, FakeChartSeries> {
  readonly _className = 'ChartSeriesCollection';

  protected override _scalars(): ScalarTable<ChartTarget> {
    return SERIES_COLLECTION_SCALARS;
  }

  get count(): number {
    return this._get('count');
  }

  protected _itemKeys(tx: Tx, t: ChartTarget): string[] {
    return findChart(tx, t, false).series.map((_s, i) => `${t.sheetId}|${t.chartId}|${i}`);
  }

  protected _makeItem(key: string): FakeChartSeries {
    const [sheetId = '', chartId = '', index = '0'] = key.split('|');
    return new FakeChartSeries(this.ctx, `${this._path}.getItemAt(${index})`, () => ({ sheetId, chartId, index: Number(index) }));
  }

  protected _templateItem(): FakeChartSeries {
    return this._makeItem('||0');
  }

  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.ctx, `${this._path}.getItemAt(${index})`, (tx) => {
      const t = this._target(tx);
      if (t === null) return null;
      if (!findChart(tx, t, false).series[index]) throw officeError('ItemNotFound', `There is no series at index ${index}.`);
      return { ...t, index };
    });
  }

  /**
   * ChartSeriesCollection.add(name?, index?) (ExcelApi 1.7): a new series without data (it is drawn
   * once setValues gives it some), at the end or at `index`.
   */
  add(name?: string, index?: number): FakeChartSeries {
    this._gate('1.7', 'ChartSeriesCollection.add');
    let created: SeriesTarget | null = null;
    const series = new FakeChartSeries(this.ctx, `${this._path}.add(${name === undefined ? '' : q(name)})`, () => created);
    this._queue('add', name === undefined ? [] : index === undefined ? [name] : [name, index], (tx) => {
      const t = this._need(tx);
      const ch = findChart(tx, t, true);
      const at = index === undefined ? ch.series.length : validateIndex(index, 'index');
      if (at > ch.series.length) throw officeError('InvalidArgument', 'The index is outside the series collection.');
      ch.series.splice(at, 0, { name: name === undefined ? `Series${ch.series.length + 1}` : validateString(name, 'name'), values: null, xValues: null });
      created = { ...t, index: at };
      tx.resolved.set(series as FakeClientObject<unknown>, created);
    });
    return series;
  }
}

const SERIES_SCALARS: ScalarTable<SeriesTarget> = {
  name: {
    read: (tx, t) => findSeries(tx, t, false).name,
    write: (tx, t, v) => {
      findSeries(tx, t, true).name = validateString(v, 'series.name');
    },
  },
};

export class FakeChartSeries extends Resolved<SeriesTarget> {
  readonly _className = 'ChartSeries';

  protected override _scalars(): ScalarTable<SeriesTarget> {
    return SERIES_SCALARS;
  }

  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }

  private _setSource(member: 'setValues' | 'setXAxisValues', sourceData: FakeRange): void {
    this._gate('1.7', `ChartSeries.${member}`);
    this._queue(member, [sourceData], (tx) => {
      if (!(sourceData instanceof FakeRange)) throw officeError('InvalidArgument', 'sourceData must be a Range.');
      const src = sourceData._need(tx);
      const s = findSeries(tx, this._need(tx), true);
      if (member === 'setValues') s.values = src;
      else s.xValues = src;
    });
  }

  setValues(sourceData: FakeRange): void {
    this._setSource('setValues', sourceData);
  }

  setXAxisValues(sourceData: FakeRange): void {
    this._setSource('setXAxisValues', sourceData);
  }
}

// ================================================================= Tables

type TableTarget = { sheetId: string; tableId: string };

function findTable(tx: Tx, t: TableTarget, write: boolean): TableState {
  const sh = write ? tx.sheetW(t.sheetId) : tx.sheet(t.sheetId);
  const tb = sh.tables.find((x) => x.id === t.tableId);
  if (!tb) throw officeError('ItemNotFound', 'The table no longer exists.');
  return tb;
}

function allTables(tx: Tx, sheetId: string | null): TableTarget[] {
  const out: TableTarget[] = [];
  for (const sh of tx.state.sheets) {
    if (sheetId !== null && sh.id !== sheetId) continue;
    for (const t of sh.tables) out.push({ sheetId: sh.id, tableId: t.id });
  }
  return out;
}

function uniqueHeaders(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((h, i) => {
    const base = h === '' ? `Column${i + 1}` : h;
    let name = base;
    let n = 2;
    while (seen.has(name.toLowerCase())) {
      name = `${base}${n}`;
      n++;
    }
    seen.add(name.toLowerCase());
    return name;
  });
}

type TableScope = { sheetId: string | null };

export class FakeTableCollection extends ResolvedCollection<TableScope, FakeTable> {
  readonly _className = 'TableCollection';

  protected override _scalars(): ScalarTable<TableScope> {
    return TABLE_COLLECTION_SCALARS;
  }

  get count(): number {
    return this._get('count');
  }

  protected _itemKeys(tx: Tx, scope: TableScope): string[] {
    return allTables(tx, scope.sheetId).map((t) => `${t.sheetId}|${t.tableId}`);
  }

  protected _makeItem(key: string): FakeTable {
    const [sheetId = '', tableId = ''] = key.split('|');
    return new FakeTable(this.ctx, `workbook.tables.getItem(${q(tableId)})`, () => ({ sheetId, tableId }));
  }

  protected _templateItem(): FakeTable {
    return this._makeItem('|');
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this.ctx, `${this._path}.getItem(${q(key)})`, (tx) => {
      const scope = this._target(tx);
      if (scope === null) return null;
      const lower = String(key).toLowerCase();
      for (const t of allTables(tx, scope.sheetId)) {
        const tb = findTable(tx, t, false);
        if (tb.id === key || tb.name.toLowerCase() === lower) return t;
      }
      throw officeError('ItemNotFound', `There is no table named '${key}'.`);
    });
  }

  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    if (typeof address !== 'string') this._gate('1.3', 'TableCollection.add(Range)');
    let created: TableTarget | null = null;
    const table = new FakeTable(this.ctx, `${this._path}.add()`, () => created);
    this._queue('add', [address, hasHeaders], (tx) => {
      const scope = this._need(tx);
      let target: SheetRect;
      if (address instanceof FakeRange) target = address._need(tx);
      else if (typeof address === 'string') {
        const p = parseAddress(address);
        if (!p) throw officeError('InvalidArgument', `'${address}' is not a valid address.`);
        let sheetId: string;
        if (p.sheet !== null) {
          const sh = findSheetByName(tx.state, p.sheet);
          if (!sh) throw officeError('ItemNotFound', `There is no worksheet named '${p.sheet}'.`);
          if (scope.sheetId !== null && sh.id !== scope.sheetId) throw officeError('InvalidArgument', 'The address is on another worksheet.');
          sheetId = sh.id;
        } else sheetId = scope.sheetId ?? tx.state.activeSheetId;
        target = { sheetId, rect: p.rect };
      } else throw officeError('InvalidArgument', 'address must be a string or a Range.');
      validateBoolean(hasHeaders, 'hasHeaders');
      if (isFullColumns(target.rect) || isFullRows(target.rect)) {
        throw officeError('InvalidArgument', 'A table cannot span whole rows or columns.');
      }
      const sh = tx.sheetW(target.sheetId);
      let x = target.rect;
      if (!hasHeaders) x = rect(x.r0, x.c0, x.r1 + 1, x.c1);
      else if (x.r0 === x.r1) x = rect(x.r0, x.c0, x.r1 + 1, x.c1);
      if (tableAt(sh, x)) throw officeError('InvalidOperation', 'A table cannot overlap another table.');
      if (sh.merged.some((m) => rectsIntersect(m, x))) throw officeError('InvalidOperation', 'A table cannot contain merged cells.');
      if (!hasHeaders) {
        // Excel inserts a header row and shifts the data (in these columns) down by one row.
        for (let r = Math.max(sh.rows.length - 1, x.r0); r >= x.r0; r--) {
          for (let c = x.c0; c <= x.c1; c++) setContent(sh, r + 1, c, getContent(sh, r, c));
        }
        for (let c = x.c0; c <= x.c1; c++) setContent(sh, x.r0, c, undefined);
      }
      const raw: string[] = [];
      for (let c = x.c0; c <= x.c1; c++) raw.push(hasHeaders ? formatText(readValue(tx.state, sh, x.r0, c), numberFormatAt(sh, x.r0, c)) : '');
      uniqueHeaders(raw).forEach((h, i) => setContent(sh, x.r0, x.c0 + i, h));
      tx.changed(sh.id, x);
      tx.state.counters.table += 1;
      const used = new Set(tx.state.sheets.flatMap((s) => s.tables.map((t) => t.name.toLowerCase())));
      let n = 1;
      while (used.has(`table${n}`)) n++;
      const tb: TableState = { id: String(tx.state.counters.table), name: `Table${n}`, rect: x, showHeaders: true };
      sh.tables.push(tb);
      created = { sheetId: sh.id, tableId: tb.id };
      tx.resolved.set(table as FakeClientObject<unknown>, created);
    });
    return table;
  }
}

const TABLE_COLLECTION_SCALARS: ScalarTable<TableScope> = {
  count: { read: (tx, scope) => allTables(tx, scope.sheetId).length },
};

const TABLE_SCALARS: ScalarTable<TableTarget> = {
  id: { read: (_tx, t) => t.tableId },
  name: {
    read: (tx, t) => findTable(tx, t, false).name,
    write: (tx, t, v) => {
      const name = validateTableName(tx.state, v, t.tableId);
      findTable(tx, t, true).name = name;
    },
  },
  showHeaders: { read: (tx, t) => findTable(tx, t, false).showHeaders },
};

export class FakeTable extends Resolved<TableTarget> {
  readonly _className = 'Table';

  protected override _scalars(): ScalarTable<TableTarget> {
    return TABLE_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    return name === 'worksheet' ? this.worksheet : undefined;
  }

  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v);
  }
  get showHeaders(): boolean {
    return this._get('showHeaders');
  }

  get worksheet(): FakeWorksheet {
    this._gate('1.2', 'Table.worksheet');
    return this._child('worksheet', () => sheetProxy(this.ctx, `${this._path}.worksheet`, (tx) => this._target(tx)?.sheetId ?? null));
  }

  private _part(path: string, f: (x: Rect) => Rect): FakeRange {
    return new FakeRange(this.ctx, `${this._path}.${path}`, (tx) => {
      const t = this._target(tx);
      if (t === null) return null;
      return { sheetId: t.sheetId, rect: f(findTable(tx, t, false).rect) };
    });
  }

  getRange(): FakeRange {
    return this._part('getRange()', (x) => x);
  }

  getHeaderRowRange(): FakeRange {
    return this._part('getHeaderRowRange()', (x) => rect(x.r0, x.c0, x.r0, x.c1));
  }

  getDataBodyRange(): FakeRange {
    return this._part('getDataBodyRange()', (x) => rect(x.r0 + 1, x.c0, x.r1, x.c1));
  }

  delete(): void {
    this._queue('delete', [], (tx) => {
      const t = this._need(tx);
      const tb = findTable(tx, t, true);
      const sh = tx.sheetW(t.sheetId);
      clearContents(sh, tb.rect);
      sh.tables = sh.tables.filter((x) => x.id !== t.tableId);
      tx.changed(t.sheetId, tb.rect);
    });
  }
}

// ================================================================= Defined names

/** A workbook-scoped name's state, or ItemNotFound. */
function workbookName(tx: Tx, key: string): NameState {
  const lower = key.toLowerCase();
  const n = tx.state.names.find((x) => x.sheetId === null && x.name.toLowerCase() === lower);
  if (!n) throw officeError('ItemNotFound', `There is no name '${key}'.`);
  return n;
}

function replaceName(tx: Tx, before: NameState, after: NameState | null): void {
  tx.state.names = tx.state.names.flatMap((n) => (n === before ? (after === null ? [] : [after]) : [n]));
}

/** `NamedItem.type` and `value` (1.1) of a name: a named range gives its address (without '='). */
function nameResult(tx: Tx, n: NameState): { type: string; value: unknown } {
  const v = evaluateName(tx.state, n);
  if (v instanceof ExcelErr) return { type: 'Error', value: v.code };
  if (typeof v === 'object') return { type: 'Range', value: n.formula.replace(/^=/, '') };
  if (typeof v === 'number') return { type: 'Double', value: v };
  if (typeof v === 'boolean') return { type: 'Boolean', value: v };
  return { type: 'String', value: v };
}

/** The single area a name's formula names, or null (a constant, an error, several areas). */
function nameArea(tx: Tx, n: NameState): RangeTarget | null {
  const p = parseAddress(n.formula.replace(/^=/, ''));
  if (!p || p.sheet === null) return null;
  const sheet = findSheetByName(tx.state, p.sheet);
  return sheet ? { sheetId: sheet.id, rect: p.rect } : null;
}

const NAMED_ITEM_SCALARS: ScalarTable<string> = {
  name: { read: (tx, key) => workbookName(tx, key).name },
  type: { read: (tx, key) => nameResult(tx, workbookName(tx, key)).type },
  value: { read: (tx, key) => nameResult(tx, workbookName(tx, key)).value },
  visible: {
    read: (tx, key) => workbookName(tx, key).visible,
    write: (tx, key, v) => {
      const n = workbookName(tx, key);
      replaceName(tx, n, { ...n, visible: validateBoolean(v, 'visible') });
    },
  },
  comment: {
    since: '1.4',
    read: (tx, key) => workbookName(tx, key).comment,
    write: (tx, key, v) => {
      const n = workbookName(tx, key);
      replaceName(tx, n, { ...n, comment: validateString(v, 'comment') });
    },
  },
  scope: { since: '1.4', read: () => 'Workbook' },
  formula: {
    since: '1.7',
    read: (tx, key) => workbookName(tx, key).formula,
    write: (tx, key, v) => {
      const n = workbookName(tx, key);
      const text = validateString(v, 'formula');
      replaceName(tx, n, { ...n, formula: text.startsWith('=') ? text : `=${text}` });
    },
  },
};

export class FakeNamedItem extends Resolved<string> {
  readonly _className = 'NamedItem';

  protected override _scalars(): ScalarTable<string> {
    return NAMED_ITEM_SCALARS;
  }

  get name(): string {
    return this._get('name');
  }
  get type(): string {
    return this._get('type');
  }
  get value(): unknown {
    return this._get('value');
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._set('visible', v);
  }
  get comment(): string {
    return this._get('comment');
  }
  set comment(v: string) {
    this._set('comment', v);
  }
  get scope(): string {
    return this._get('scope');
  }
  get formula(): string {
    return this._get('formula');
  }
  set formula(v: string) {
    this._set('formula', v);
  }

  /** The range the name refers to (ExcelApi 1.1); InvalidArgument when it is not a range. */
  getRange(): FakeRange {
    return new FakeRange(this.ctx, `${this._path}.getRange()`, (tx) => {
      const area = nameArea(tx, workbookName(tx, this._need(tx)));
      if (area === null) throw officeError('InvalidArgument', 'The name does not refer to a range.');
      return area;
    });
  }

  delete(): void {
    this._gate('1.4', 'NamedItem.delete');
    this._queue('delete', [], (tx) => {
      replaceName(tx, workbookName(tx, this._need(tx)), null);
    });
  }
}

function absoluteRect(x: Rect): string {
  return formatRect(x).replace(/([A-Z]+)?([0-9]+)?/g, (m: string, col?: string, row?: string) => (m === '' ? '' : `${col === undefined ? '' : `$${col}`}${row === undefined ? '' : `$${row}`}`));
}

export class FakeNamedItemCollection extends ResolvedCollection<'names', FakeNamedItem> {
  readonly _className = 'NamedItemCollection';

  constructor(context: FakeRequestContext) {
    super(context, 'workbook.names', () => 'names');
  }

  protected _itemKeys(tx: Tx): string[] {
    return tx.state.names.filter((n) => n.sheetId === null).map((n) => n.name);
  }

  protected _makeItem(key: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, `workbook.names.getItem(${q(key)})`, () => key);
  }

  protected _templateItem(): FakeNamedItem {
    return this._makeItem('');
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, `workbook.names.getItem(${q(name)})`, (tx) => workbookName(tx, name).name);
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    this._gate('1.4', 'NamedItemCollection.getItemOrNullObject');
    const item = new FakeNamedItem(this.ctx, `workbook.names.getItemOrNullObject(${q(name)})`, (tx) => {
      const lower = name.toLowerCase();
      return tx.state.names.find((x) => x.sheetId === null && x.name.toLowerCase() === lower)?.name ?? null;
    });
    item._queue('_instantiate', [], (tx) => void item._target(tx));
    return item;
  }

  getCount(): FakeClientResult<number> {
    this._gate('1.4', 'NamedItemCollection.getCount');
    return this._queueResult('getCount', [], (tx) => this._itemKeys(tx).length);
  }

  /** `add(name, reference, comment)` (ExcelApi 1.4): a range, or formula text such as "=Sheet1!$A$1". */
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    this._gate('1.4', 'NamedItemCollection.add');
    const item = new FakeNamedItem(this.ctx, `workbook.names.add(${q(name)})`, (tx) => workbookName(tx, name).name);
    this._queue('add', [name, reference, ...(comment === undefined ? [] : [comment])], (tx) => {
      const problem = definedNameProblem(name);
      if (problem !== null) throw officeError('InvalidArgument', problem);
      if (tx.state.names.some((n) => n.sheetId === null && n.name.toLowerCase() === name.toLowerCase())) {
        throw officeError('ItemAlreadyExists', `The name '${name}' already exists.`);
      }
      let formula: string;
      if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
      else {
        const t = reference._need(tx);
        formula = `=${quoteSheetName(tx.sheet(t.sheetId).name)}!${absoluteRect(t.rect)}`;
      }
      tx.state.names = [...tx.state.names, { name, formula, sheetId: null, visible: true, comment: comment ?? '' }];
    });
    return item;
  }
}

// ================================================================= events helper

/** Builds Excel.WorksheetChangedEventArgs. */
export function makeChangedArgs(sheetId: string, address: string, triggerSource: string, details?: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {
    type: 'WorksheetChanged',
    changeType: 'RangeEdited',
    source: 'Local',
    triggerSource,
    address,
    worksheetId: sheetId,
    getRange: (context: FakeRequestContext) => context.workbook.worksheets.getItem(sheetId).getRange(address),
    getRangeOrNullObject: (context: FakeRequestContext) => context.workbook.worksheets.getItem(sheetId).getRange(address),
  };
  if (details !== undefined) args.details = details;
  return args;
}

