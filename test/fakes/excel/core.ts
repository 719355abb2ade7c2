/**
 * The request/sync machinery: engine (owns the workbook state), per-sync transaction with
 * copy-on-write sheets, the proxy base class with load()/PropertyNotLoaded semantics,
 * ClientResult and event handler plumbing.
 */
import { formatRect, type Rect } from './address';
import {
  apiNotFound,
  FakeNotModelledError,
  FakeOfficeError,
  officeError,
  propertyNotLoaded,
} from './errors';
import { checkProtection } from './protection';
import { cloneSheet, shallowCopyWorkbook, type SheetState, type WorkbookState } from './state';

// ---------------------------------------------------------------- utilities

/** UTF-8 byte length without TextEncoder/Buffer (works in node and browsers, no allocation). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}

// ---------------------------------------------------------------- ops and transactions

export interface Op {
  /** "Class.member", used as debugInfo.errorLocation and in syncLog. */
  readonly location: string;
  /** The proxy the operation was queued on. */
  readonly target: FakeClientObject<unknown>;
  /** Member name as queued: a property set, a method, 'load', '_instantiate' or '<event>.add'. */
  readonly member: string;
  /** Arguments as the caller passed them (proxies included), for replay onto real Office.js proxies. */
  readonly args: readonly unknown[];
  /** Compact JSON-able description (object path, member, arguments): the payload size without a meter, and the error statement. */
  readonly wire: unknown;
  run(tx: Tx): void;
}

/**
 * Sizes each sync the way the real host sees it. `officeWireMeter()` (officeWire.ts) replays the
 * operations onto Office.js's own proxies; without a meter the compact `wire` JSON is measured.
 */
export interface PayloadMeter {
  /** Called for every proxy when it is constructed, before any operation refers to it. */
  created(obj: FakeClientObject<unknown>): void;
  /** Measures the request of one sync (every op comes from the same context). */
  request(ops: readonly Op[]): MeteredRequest;
}

/** One measured request; answers the size of its response. */
export interface MeteredRequest {
  /** UTF-8 bytes of the request body. */
  readonly bytes: number;
  /** UTF-8 bytes of the response body for these results (`op` is the index in the sync's ops). */
  responseBytes(results: ReadonlyArray<{ readonly op: number; readonly value: unknown }>): number;
}

/** Sheet protection as a user or protect() set it (cells are all locked: `format.protection` is not modelled). */
export interface ProtectionState {
  /** Protected sheets by id, with the options they were protected with. */
  readonly sheets: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/**
 * What one add-in runtime (task pane, ribbon function file) has of its own in the host:
 * `runtime.enableEvents`. Office switches events per runtime ("Events are turned on and off at the
 * runtime level", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events).
 */
export interface RuntimeState {
  enableEvents: boolean;
}

export interface ChangeRecord {
  readonly sheetId: string;
  readonly rect: Rect;
  readonly eventsEnabled: boolean;
}

export class Tx {
  state: WorkbookState;
  private readonly copied = new Set<string>();
  readonly responses: unknown[] = [];
  readonly commits: Array<() => void> = [];
  readonly resolved = new Map<FakeClientObject<unknown>, unknown>();
  readonly changes: ChangeRecord[] = [];
  enableEvents: boolean;
  protection: ProtectionState;

  constructor(
    readonly engine: Engine,
    /** The runtime whose request this is. */
    readonly runtime: RuntimeState = engine.defaultRuntime,
  ) {
    this.state = shallowCopyWorkbook(engine.state);
    this.enableEvents = runtime.enableEvents;
    this.protection = engine.protection;
  }

  findSheet(id: string): SheetState | undefined {
    return this.state.sheets.find((s) => s.id === id);
  }

  /** Read access; ItemNotFound if the sheet no longer exists. */
  sheet(id: string): SheetState {
    const s = this.findSheet(id);
    if (!s) throw officeError('ItemNotFound', 'The worksheet no longer exists.');
    return s;
  }

  /** Write access: the sheet is copied on first write in this sync (so a failed sync leaves no trace). */
  sheetW(id: string): SheetState {
    const i = this.state.sheets.findIndex((s) => s.id === id);
    const s = this.state.sheets[i];
    if (!s) throw officeError('ItemNotFound', 'The worksheet no longer exists.');
    if (this.copied.has(id)) return s;
    const copy = cloneSheet(s);
    this.state.sheets[i] = copy;
    this.copied.add(id);
    return copy;
  }

  /** Registers a brand-new sheet object as already private to this transaction. */
  adoptSheet(s: SheetState): void {
    this.copied.add(s.id);
  }

  changed(sheetId: string, rect: Rect): void {
    this.changes.push({ sheetId, rect, eventsEnabled: this.enableEvents });
  }
}

// ---------------------------------------------------------------- engine

export interface SyncLogEntry {
  /** Request body in UTF-8 bytes: Office.js's real request when the fake has a payload meter, else the compact estimate. */
  requestBytes: number;
  /** Response body in UTF-8 bytes (0 when the request was refused), measured like requestBytes. */
  responseBytes: number;
  /** "Class.member" of every queued operation, in order. */
  operations: string[];
  /** Error code if the sync was rejected. */
  error?: string;
  /** When rejected: how many operations (from the first) were applied before the failing one. */
  appliedOperations?: number;
}

/** A planned failure of one sync (failAtSync). */
interface PlannedFailure {
  readonly code: string;
  /** Operations of the sync applied before it fails (0: none). */
  readonly afterOperations: number;
}

export type EventScope = { kind: 'sheet'; sheetId: string } | { kind: 'collection' };

export interface HandlerRegistration {
  readonly id: number;
  readonly scope: EventScope;
  readonly handler: (args: unknown) => unknown;
  /** The runtime that registered the handler (its `enableEvents` decides whether it runs). */
  readonly runtime?: RuntimeState;
}

export interface ContextLike {
  readonly _engine: Engine;
  _closed: boolean;
  _ops: Op[];
}

export class Engine {
  state: WorkbookState;
  readonly apiVersion: string;
  readonly maxPayloadBytes: number;
  syncCount = 0;
  readonly syncLog: SyncLogEntry[] = [];
  maxRequestBytes = 0;
  maxResponseBytes = 0;
  /** The runtime of contexts created without one (the installed globals, `newContext`). */
  readonly defaultRuntime: RuntimeState = { enableEvents: true };
  protection: ProtectionState = { sheets: new Map() };
  /** Sizes requests and responses as Office.js sends them; null measures the compact `wire` form. */
  meter: PayloadMeter | null = null;
  handlers: HandlerRegistration[] = [];
  private nextHandlerId = 1;
  private readonly failPlan = new Map<number, PlannedFailure>();
  private chain: Promise<void> = Promise.resolve();
  readonly pendingEvents = new Set<Promise<void>>();
  /** The workbook uses the 1904 date system (serial 0 is 1904-01-01); read by `workbook.functions.date`. */
  date1904 = false;
  /** Builds the EventArgs for a change; set by the object layer. */
  makeChangedArgs: ((sheetId: string, address: string, triggerSource: string, details?: unknown) => unknown) | null = null;

  constructor(state: WorkbookState, apiVersion: string, maxPayloadBytes: number) {
    this.state = state;
    this.apiVersion = apiVersion;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  supports(version: string): boolean {
    return compareVersions(version, this.apiVersion) <= 0;
  }

  /** Throws ApiNotFound synchronously when `member` needs a newer ExcelApi set than the fake claims. */
  gate(version: string, member: string): void {
    if (!this.supports(version)) throw apiNotFound(member, version);
  }

  /** The n-th sync from now fails with `code` after applying its first `afterOperations` operations. */
  failAtSync(n: number, code: string, afterOperations = 0): void {
    if (!Number.isInteger(n) || n < 1) throw new Error('failAtSync(n): n is 1-based');
    if (!Number.isInteger(afterOperations) || afterOperations < 0) throw new Error('failAtSync: afterOperations is a count from 0');
    this.failPlan.set(this.syncCount + n, { code, afterOperations });
  }

  newHandlerId(): number {
    return this.nextHandlerId++;
  }

  /** Runs one request. Requests are serialised across contexts, in call order, like the real host. */
  executeSync(ops: Op[], runtime: RuntimeState = this.defaultRuntime): Promise<void> {
    const p = this.chain.then(() => this.process(ops, runtime));
    this.chain = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  /**
   * Runs one sync. A request over the payload limit is refused whole. Otherwise the operations run
   * in order; when one fails, the operations before it stay applied and the rest are not run: the
   * host executes a batch statement by statement and does not roll back (the traceMessages example
   * of https://learn.microsoft.com/javascript/api/office/officeextension.error: its second batch
   * "successfully inserts" two paragraphs, then fails at the next call). The failed sync's load results and
   * ClientResults are not delivered.
   */
  private process(ops: Op[], runtime: RuntimeState): void {
    if (ops.length === 0) return;
    const n = ++this.syncCount;
    const metered = this.meter?.request(ops) ?? null;
    const requestBytes = metered ? metered.bytes : utf8Length(JSON.stringify(ops.map((o) => o.wire)));
    const entry: SyncLogEntry = { requestBytes, responseBytes: 0, operations: ops.map((o) => o.location) };
    this.syncLog.push(entry);
    this.maxRequestBytes = Math.max(this.maxRequestBytes, entry.requestBytes);
    const fail = (e: FakeOfficeError, applied = 0): never => {
      entry.error = e.code;
      entry.appliedOperations = applied;
      throw e;
    };
    const planned = this.failPlan.get(n);
    if (planned !== undefined) this.failPlan.delete(n);
    if (planned !== undefined && planned.afterOperations === 0) fail(new FakeOfficeError(planned.code, undefined, 'FakeExcel.failAtSync'));
    if (entry.requestBytes > this.maxPayloadBytes) fail(officeError('RequestPayloadSizeLimitExceeded'));
    const failAfter = (k: number, e: FakeOfficeError): never => {
      if (k > 0) {
        const partial = new Tx(this, runtime);
        for (const op of ops.slice(0, k)) op.run(partial);
        this.commitState(partial);
      }
      return fail(e, k);
    };
    const tx = new Tx(this, runtime);
    const results: Array<{ op: number; value: unknown }> = [];
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as Op;
      if (planned !== undefined && planned.afterOperations === i) {
        failAfter(i, new FakeOfficeError(planned.code, undefined, 'FakeExcel.failAtSync'));
      }
      const before = tx.responses.length;
      try {
        checkProtection(tx, op);
        op.run(tx);
      } catch (e) {
        if (e instanceof FakeOfficeError) failAfter(i, e.withLocation(op.location, JSON.stringify(op.wire).slice(0, 300)));
        throw e;
      }
      for (let j = before; j < tx.responses.length; j++) results.push({ op: i, value: tx.responses[j] });
    }
    if (planned !== undefined) failAfter(ops.length, new FakeOfficeError(planned.code, undefined, 'FakeExcel.failAtSync'));
    entry.responseBytes = metered ? metered.responseBytes(results) : utf8Length(JSON.stringify(tx.responses));
    this.maxResponseBytes = Math.max(this.maxResponseBytes, entry.responseBytes);
    if (entry.responseBytes > this.maxPayloadBytes) fail(officeError('ResponsePayloadSizeLimitExceeded'));
    this.commitState(tx);
    for (const [obj, target] of tx.resolved) obj._commitTarget(target);
    for (const c of tx.commits) c();
  }

  /** Makes a transaction's workbook changes real and fires onChanged for them. */
  private commitState(tx: Tx): void {
    this.state = tx.state;
    tx.runtime.enableEvents = tx.enableEvents;
    this.protection = tx.protection;
    this.dispatchChanges(tx.changes, 'ThisLocalAddin', undefined, tx.runtime);
  }

  /** `runtime.enableEvents` of the default runtime. */
  get enableEvents(): boolean {
    return this.defaultRuntime.enableEvents;
  }

  set enableEvents(value: boolean) {
    this.defaultRuntime.enableEvents = value;
  }

  /**
   * Fires onChanged handlers (asynchronously, like the host) for committed changes. A handler runs
   * when its runtime has events on: for the runtime that made the change (`origin`), as they were
   * at that write; for any other runtime, as they are now. A user's edit has no origin.
   */
  dispatchChanges(changes: readonly ChangeRecord[], triggerSource: string, details?: unknown, origin?: RuntimeState): Promise<void> {
    if (changes.length === 0 || this.handlers.length === 0 || !this.makeChangedArgs) return Promise.resolve();
    const calls: Array<() => unknown> = [];
    for (const ch of changes) {
      const address = formatRect(ch.rect);
      for (const h of this.handlers) {
        if (h.scope.kind === 'sheet' && h.scope.sheetId !== ch.sheetId) continue;
        const runtime = h.runtime ?? this.defaultRuntime;
        if (!(runtime === origin ? ch.eventsEnabled : runtime.enableEvents)) continue;
        const args = this.makeChangedArgs(ch.sheetId, address, triggerSource, details);
        calls.push(() => h.handler(args));
      }
    }
    if (calls.length === 0) return Promise.resolve();
    const p: Promise<void> = Promise.resolve()
      .then(async () => {
        const results = await Promise.all(
          calls.map((c) =>
            Promise.resolve()
              .then(c)
              .then(
                () => null,
                (e: unknown) => ({ error: e }),
              ),
          ),
        );
        const failed = results.find((r) => r !== null);
        if (failed) throw failed.error;
      })
      .finally(() => {
        this.pendingEvents.delete(p);
      });
    this.pendingEvents.add(p);
    // Unobserved handler failures must not crash the test runner; flushEvents() re-raises them.
    p.catch(() => undefined);
    return p;
  }
}

// ---------------------------------------------------------------- load specs

/** Objects built by load(): the meter renames their keys to the host's PascalCase (scalars stay as they are). */
export const LOAD_RESULTS = new WeakSet<object>();

export interface LoadSpec {
  all: boolean;
  scalars: Set<string>;
  navs: Map<string, LoadSpec>;
  items: LoadSpec | null;
}

export function newSpec(all = false): LoadSpec {
  return { all, scalars: new Set(), navs: new Map(), items: null };
}

export type LoadOption = string | string[] | Record<string, unknown> | undefined | null;

function optionToPaths(option: LoadOption): { all: boolean; paths: string[] } {
  if (option === undefined || option === null) return { all: true, paths: [] };
  const split = (s: string): string[] =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  if (typeof option === 'string') return { all: false, paths: split(option) };
  if (Array.isArray(option)) return { all: false, paths: option.flatMap((x) => split(String(x))) };
  const o = option;
  if ('select' in o || 'expand' in o) {
    const paths = typeof o.select === 'string' ? split(o.select) : [];
    const expand = typeof o.expand === 'string' ? split(o.expand) : [];
    return { all: paths.length === 0 && expand.length === 0, paths: [...paths, ...expand] };
  }
  const paths: string[] = [];
  let all = false;
  const walk = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === '$all') {
        if (v === true && prefix === '') all = true;
        else if (v === true) paths.push(prefix.slice(0, -1));
        continue;
      }
      if (k.startsWith('$')) continue;
      if (v === true) paths.push(prefix + k);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
    }
  };
  walk(o, '');
  return { all, paths };
}

// ---------------------------------------------------------------- proxies

export interface ScalarDesc<T> {
  /** ExcelApi version needed to read the property at all. */
  readonly since?: string;
  /** ExcelApi version needed to set it (defaults to `since`). */
  readonly setSince?: string;
  /** Excluded from parameterless load(). */
  readonly explicitOnly?: boolean;
  read(tx: Tx, target: T): unknown;
  write?(tx: Tx, target: T, value: unknown): void;
}

export type ScalarTable<T> = Readonly<Record<string, ScalarDesc<T>>>;

function wireArg(a: unknown): unknown {
  if (a instanceof FakeClientObject) return { _ref: a._path };
  return a;
}

/** Base class of every proxy. T is the resolved target (ids/rectangles), null for a null object. */
export abstract class FakeClientObject<T> {
  abstract readonly _className: string;
  protected readonly _props = new Map<string, unknown>();
  private readonly _children = new Map<string, FakeClientObject<unknown>>();
  private _committed: { target: T | null } | undefined;

  constructor(
    readonly context: ContextLike & object,
    /** Object path, used in the request payload and in error statements. */
    readonly _path: string,
  ) {
    context._engine.meter?.created(this as FakeClientObject<unknown>);
  }

  get _engine(): Engine {
    return this.context._engine;
  }

  /** Resolves the object in the current transaction. Return null for a null object. */
  protected abstract _resolveFresh(tx: Tx): T | null;

  protected _scalars(): ScalarTable<T> {
    return {};
  }

  /** Navigation property by name, or undefined. Should apply the member's requirement-set gate. */
  _nav(_name: string): FakeClientObject<unknown> | undefined {
    return undefined;
  }

  _commitTarget(target: unknown): void {
    this._committed = { target: target as T | null };
  }

  _target(tx: Tx): T | null {
    if (this._committed) return this._committed.target;
    if (tx.resolved.has(this)) return tx.resolved.get(this) as T | null;
    const t = this._resolveFresh(tx);
    tx.resolved.set(this as FakeClientObject<unknown>, t);
    return t;
  }

  /** Target, or ItemNotFound for a null object (writes and methods on null objects are rejected). */
  _need(tx: Tx): T {
    const t = this._target(tx);
    if (t === null) throw officeError('ItemNotFound', `${this._className} is a null object (it does not exist).`);
    return t;
  }

  protected _child<C extends FakeClientObject<unknown>>(name: string, make: () => C): C {
    let c = this._children.get(name);
    if (!c) {
      c = make();
      this._children.set(name, c);
    }
    return c as C;
  }

  protected _gate(version: string, member: string): void {
    this._engine.gate(version, member);
  }

  get isNullObject(): boolean {
    if (!this._committed) throw propertyNotLoaded(this._className, 'isNullObject');
    return this._committed.target === null;
  }

  // -------------------------------------------------- queueing

  protected _assertOpen(): void {
    if (this.context._closed) {
      throw new FakeOfficeError(
        'InvalidObjectPath',
        `The object path '${this._path}' isn't working for what you're trying to do: its Excel.run batch has already finished.`,
        this._className,
      );
    }
  }

  /** Queues an operation; it runs (in order) at the next context.sync(). */
  _queue(member: string, args: readonly unknown[], run: (tx: Tx) => void): void {
    this._assertOpen();
    for (const a of args) {
      if (a instanceof FakeClientObject && a.context !== this.context) {
        throw new FakeOfficeError('InvalidRequestContext', undefined, `${this._className}.${member}`);
      }
    }
    this.context._ops.push({
      location: `${this._className}.${member}`,
      target: this as FakeClientObject<unknown>,
      member,
      args,
      wire: { o: this._path, m: member, a: args.map(wireArg) },
      run,
    });
  }

  /** Queues a method returning ClientResult<V>. */
  protected _queueResult<V>(member: string, args: readonly unknown[], compute: (tx: Tx) => V): FakeClientResult<V> {
    const result = new FakeClientResult<V>();
    this._queue(member, args, (tx) => {
      const v = compute(tx);
      tx.responses.push(v === undefined ? null : v);
      tx.commits.push(() => result._resolve(v));
    });
    return result;
  }

  // -------------------------------------------------- scalar properties

  protected _get<V>(name: string): V {
    const desc = this._scalars()[name];
    if (desc?.since !== undefined) this._gate(desc.since, `${this._className}.${name}`);
    if (this._props.has(name)) return this._props.get(name) as V;
    throw propertyNotLoaded(this._className, name);
  }

  protected _set(name: string, value: unknown): void {
    const desc = this._scalars()[name];
    const write = desc?.write;
    if (!desc || !write) throw new TypeError(`Cannot set read-only property ${this._className}.${name}`);
    const since = desc.setSince ?? desc.since;
    if (since !== undefined) this._gate(since, `${this._className}.${name}`);
    this._assertOpen();
    this._props.set(name, value);
    this._queue(name, [value], (tx) => write(tx, this._need(tx), value));
  }

  /** object.set({...}): assigns writable scalars and recurses into navigation properties. */
  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties)) {
      const desc = this._scalars()[k];
      if (desc?.write) {
        this._set(k, v);
        continue;
      }
      const nav = this._nav(k);
      if (nav && v !== null && typeof v === 'object') {
        nav.set(v as Record<string, unknown>);
        continue;
      }
      throw new FakeOfficeError('InvalidArgument', `Cannot set '${k}' on ${this._className}.`, `${this._className}.set`);
    }
  }

  // -------------------------------------------------- load

  load(option?: LoadOption): this {
    this._assertOpen();
    const { all, paths } = optionToPaths(option);
    const spec = newSpec(all);
    for (const p of paths) this._addPath(spec, p.split('/').filter((s) => s !== ''));
    const wire = option === undefined ? null : option;
    this._queue('load', [wire], (tx) => {
      tx.responses.push(this._loadInto(tx, spec));
    });
    return this;
  }

  _addPath(spec: LoadSpec, segs: string[]): void {
    const [name, ...rest] = segs;
    if (name === undefined) {
      spec.all = true;
      return;
    }
    const desc = this._scalars()[name];
    if (desc) {
      if (desc.since !== undefined) this._gate(desc.since, `${this._className}.${name}`);
      if (rest.length > 0) throw new FakeOfficeError('InvalidArgument', `'${name}' is not a navigation property.`, `${this._className}.load`);
      spec.scalars.add(name);
      return;
    }
    const nav = this._nav(name);
    if (!nav) throw new FakeNotModelledError(`${this._className}.${name} (in load())`);
    let sub = spec.navs.get(name);
    if (!sub) {
      sub = newSpec();
      spec.navs.set(name, sub);
    }
    if (rest.length === 0) sub.all = true;
    else nav._addPath(sub, rest);
  }

  protected _loadableNames(spec: LoadSpec): string[] {
    if (!spec.all) return [...spec.scalars];
    const table = this._scalars();
    const names = Object.keys(table).filter((n) => {
      const d = table[n];
      return d !== undefined && !d.explicitOnly && (d.since === undefined || this._engine.supports(d.since));
    });
    for (const s of spec.scalars) if (!names.includes(s)) names.push(s);
    return names;
  }

  /** Reads the requested data at sync time and schedules it to become visible when the sync commits. */
  _loadInto(tx: Tx, spec: LoadSpec): Record<string, unknown> {
    const t = this._target(tx);
    const data: Record<string, unknown> = {};
    LOAD_RESULTS.add(data);
    const table = this._scalars();
    const names = this._loadableNames(spec);
    for (const n of names) {
      const d = table[n];
      data[n] = t === null || !d ? null : d.read(tx, t);
    }
    for (const [navName, sub] of spec.navs) {
      const nav = this._nav(navName);
      if (nav) data[navName] = nav._loadInto(tx, sub);
    }
    tx.commits.push(() => {
      for (const n of names) this._props.set(n, data[n]);
    });
    return data;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._props) out[k] = v;
    for (const [k, c] of this._children) {
      const j = c.toJSON();
      if (Object.keys(j).length > 0) out[k] = 'items' in j ? j.items : j;
    }
    return out;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

/** Base class for collections: `items` after load, item scalars loaded through the collection. */
export abstract class FakeCollection<T, I extends FakeClientObject<unknown>> extends FakeClientObject<T> {
  private _items: I[] | undefined;

  /** Keys (ids) of the items in order, at sync time. */
  protected abstract _itemKeys(tx: Tx, target: T): string[];
  /** Proxy for one item, bound to its key. */
  protected abstract _makeItem(key: string): I;
  /** A template item used only to validate load paths. */
  protected abstract _templateItem(): I;

  get items(): I[] {
    if (this._items === undefined) throw propertyNotLoaded(this._className, 'items');
    return this._items;
  }

  override _addPath(spec: LoadSpec, segs: string[]): void {
    let s = segs;
    const viaItems = s[0] === 'items';
    if (viaItems) s = s.slice(1);
    const name = s[0];
    if (!viaItems && name !== undefined && this._scalars()[name]) {
      super._addPath(spec, s);
      return;
    }
    if (!spec.items) spec.items = newSpec();
    if (s.length === 0) spec.items.all = true;
    else this._templateItem()._addPath(spec.items, s);
  }

  override _loadInto(tx: Tx, spec: LoadSpec): Record<string, unknown> {
    const t = this._target(tx);
    const data: Record<string, unknown> = {};
    LOAD_RESULTS.add(data);
    const table = this._scalars();
    const names = spec.all ? [] : [...spec.scalars];
    for (const n of names) {
      const d = table[n];
      data[n] = t === null || !d ? null : d.read(tx, t);
    }
    const itemSpec = spec.items ?? (spec.all ? newSpec(true) : null);
    if (itemSpec) {
      const items = t === null ? [] : this._itemKeys(tx, t).map((k) => this._makeItem(k));
      data.items = items.map((it) => it._loadInto(tx, itemSpec));
      tx.commits.push(() => {
        this._items = items;
      });
    }
    tx.commits.push(() => {
      for (const n of names) this._props.set(n, data[n]);
    });
    return data;
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this._items) out.items = this._items.map((i) => i.toJSON());
    return out;
  }
}

// ---------------------------------------------------------------- ClientResult and events

export class FakeClientResult<T> {
  private _loaded = false;
  private _value: T | undefined;

  get value(): T {
    if (!this._loaded) {
      throw new FakeOfficeError('ValueNotLoaded', undefined, 'clientResult.value');
    }
    return this._value as T;
  }

  _resolve(v: T): void {
    this._value = v;
    this._loaded = true;
  }

  toJSON(): unknown {
    return this._loaded ? { value: this._value } : {};
  }
}

type Handler = (args: unknown) => unknown;

export class FakeEventHandlerResult {
  constructor(
    readonly context: ContextLike,
    private readonly owner: FakeEventHandlers,
    private readonly handler: Handler,
  ) {}

  remove(): void {
    this.owner.remove(this.handler);
  }
}

/** OfficeExtension.EventHandlers: registration and removal take effect at the next sync. */
export class FakeEventHandlers {
  private readonly ids = new Map<Handler, number>();

  constructor(
    private readonly owner: FakeClientObject<unknown>,
    private readonly eventName: string,
    private readonly scopeOf: (tx: Tx) => EventScope,
  ) {}

  add(handler: Handler): FakeEventHandlerResult {
    if (typeof handler !== 'function') throw new FakeOfficeError('InvalidArgument', undefined, `${this.eventName}.add`);
    const engine = this.owner._engine;
    const id = engine.newHandlerId();
    this.ids.set(handler, id);
    this.owner._queue(`${this.eventName}.add`, [], (tx) => {
      const scope = this.scopeOf(tx);
      tx.commits.push(() => {
        engine.handlers.push({ id, scope, handler, runtime: tx.runtime });
      });
    });
    return new FakeEventHandlerResult(this.owner.context, this, handler);
  }

  remove(handler: Handler): void {
    const id = this.ids.get(handler);
    const engine = this.owner._engine;
    this.owner._queue(`${this.eventName}.remove`, [], (tx) => {
      tx.commits.push(() => {
        engine.handlers = engine.handlers.filter((h) => h.id !== id);
      });
    });
  }
}
