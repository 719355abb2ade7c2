/**
 * A payload meter that sizes every sync as Office.js itself sends it. Excel's real client library
 * (`@microsoft/office-js/dist/excel-web-16.00.debug.js`) runs in a jsdom window; each fake context
 * gets a real `Excel.RequestContext`, each fake proxy a real proxy built the same way (same
 * navigation and method steps, same arguments), and each queued operation is replayed on it. The
 * request size is `JSON.stringify` of the body the library builds for `context.sync()`
 * (`ClientRequest.buildRequestMessageBodyAndRequestFlags`, the `Body` its request executor sends).
 * The response is built in the format the library reads back (`processRequestExecutorResponseMessage`:
 * `Body.Results`, one `{ ActionId, Value }` per action with a result, load results keyed by
 * PascalCase property names and `_Items` for collection items) from the fake's own results.
 *
 * What it leaves out, each a few bytes per object: the host's answers to "instantiate" actions,
 * `_ReferenceId`s in results, and the reference ids that would replace the paths of objects created
 * in an earlier sync (they are sent again by their creating path).
 *
 * Node only (fs, jsdom): pass `officeWireMeter()` as `payloadMeter` to `createFakeExcel`.
 */
import { readFileSync } from 'fs';
import { JSDOM } from 'jsdom';
import { FakeNotModelledError } from './errors';
import { FakeClientObject, LOAD_RESULTS, utf8Length, type ContextLike, type MeteredRequest, type Op, type PayloadMeter } from './core';

/** The parts of Office.js's internals the meter touches (not in @types/office-js). */
interface RealRequest {
  readonly _actions: ReadonlyArray<{ readonly actionInfo: { readonly Id: number } }>;
  buildRequestMessageBodyAndRequestFlags(): { body: unknown };
  ensureInstantiateObjectPath(path: unknown): void;
  addReferencedObjectPath(path: unknown): void;
  processResponse(results: unknown): void;
}

interface RealContext {
  readonly _pendingRequest: RealRequest;
  m_pendingRequest: RealRequest | null;
  readonly workbook: RealProxy;
  readonly runtime: RealProxy;
}

type RealProxy = Record<string, unknown> & { readonly _objectPath?: unknown };

interface OfficeJsWindow {
  readonly Excel: { RequestContext: new () => RealContext };
}

let officeJs: OfficeJsWindow | null = null;

/** Excel's client library, loaded once per module registry into a jsdom window (about 0.2 s). */
export function loadOfficeJs(): OfficeJsWindow {
  if (officeJs) return officeJs;
  const file = require.resolve('@microsoft/office-js/dist/excel-web-16.00.debug.js');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    runScripts: 'outside-only',
    url: 'https://localhost/',
  });
  dom.window.eval(readFileSync(file, 'utf8'));
  officeJs = dom.window as unknown as OfficeJsWindow;
  return officeJs;
}

/** One step of a fake object path: a navigation property, or a method call with its arguments. */
interface Step {
  readonly name: string;
  readonly args: unknown[] | null;
  /** Index in the path where the step starts. */
  readonly start: number;
}

/** Splits `workbook.worksheets.getItem("台账").getRange("A1:B2").format` into steps. */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < path.length) {
    const start = i;
    while (i < path.length && /[A-Za-z0-9_$]/.test(path.charAt(i))) i++;
    const name = path.slice(start, i);
    let args: unknown[] | null = null;
    if (path.charAt(i) === '(') {
      const open = i;
      let depth = 0;
      let inString = false;
      for (; i < path.length; i++) {
        const c = path.charAt(i);
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      args = JSON.parse(`[${path.slice(open + 1, i)}]`) as unknown[];
      i++;
    }
    if (name === '') throw new FakeNotModelledError(`the object path '${path}' (officeWire cannot parse it)`);
    steps.push({ name, args, start });
    if (path.charAt(i) === '.') i++;
  }
  return steps;
}

/** Where a fake proxy came from: its parent proxy (or path) and the last step. */
interface Origin {
  readonly parent: FakeClientObject<unknown> | null;
  readonly prefix: string;
  readonly step: Step;
}

/** The real context and proxies that stand for one fake context. */
interface Mirror {
  readonly real: RealContext;
  readonly proxies: WeakMap<FakeClientObject<unknown>, RealProxy>;
  readonly byPath: Map<string, RealProxy>;
  readonly origins: WeakMap<FakeClientObject<unknown>, Origin>;
  /** The latest proxy constructed with each path (the parent of a child built from it next). */
  readonly latest: Map<string, FakeClientObject<unknown>>;
  /** Objects made by add() and not yet instantiated, by parent. */
  readonly added: Map<unknown, Array<FakeClientObject<unknown>>>;
}

/** Fake collection item steps that Office.js spells differently. */
const METHOD_ALIASES: Readonly<Record<string, string>> = { getItemById: 'getItem' };

function memberKind(obj: object, name: string): 'method' | 'setter' | 'none' {
  for (let p: object | null = obj; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (!d) continue;
    if (typeof d.value === 'function') return 'method';
    return d.set ? 'setter' : 'none';
  }
  return 'none';
}

function call(target: RealProxy, name: string, args: readonly unknown[]): unknown {
  const real = memberKind(target, name) === 'method' ? name : METHOD_ALIASES[name];
  const fn = real === undefined ? undefined : target[real];
  if (typeof fn !== 'function') throw new FakeNotModelledError(`'${name}' on a real Office.js proxy (officeWire)`);
  return (fn as (...a: unknown[]) => unknown).apply(target, [...args]);
}

function toHostKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !LOAD_RESULTS.has(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'items' && Array.isArray(v)) out._Items = v.map(toHostKeys);
    else out[k.charAt(0).toUpperCase() + k.slice(1)] = toHostKeys(v);
  }
  return out;
}

/** The response body Office.js expects for these results (action ids from the replayed request). */
export function responseBody(results: ReadonlyArray<{ readonly op: number; readonly value: unknown }>, actionIds: readonly number[]): unknown {
  return {
    Results: results.map((r) => ({ ActionId: actionIds[r.op] ?? -1, Value: toHostKeys(r.value) })),
  };
}

class OfficeWireMeter implements PayloadMeter {
  private readonly mirrors = new WeakMap<ContextLike, Mirror>();
  /** The last request built, and its response body once sized (tests feed it back to Office.js). */
  lastRequest: { request: RealRequest; body: unknown; response: unknown } | null = null;

  /** The real Office.js proxy that stands for a fake one (built on first use). */
  realProxyOf(obj: FakeClientObject<unknown>): Record<string, unknown> {
    return this.realOf(this.mirror(obj.context), obj);
  }

  private mirror(context: ContextLike): Mirror {
    let m = this.mirrors.get(context);
    if (!m) {
      m = {
        real: new (loadOfficeJs().Excel.RequestContext)(),
        proxies: new WeakMap(),
        byPath: new Map(),
        origins: new WeakMap(),
        latest: new Map(),
        added: new Map(),
      };
      this.mirrors.set(context, m);
    }
    return m;
  }

  created(obj: FakeClientObject<unknown>): void {
    const m = this.mirror(obj.context);
    const steps = parsePath(obj._path);
    const step = steps[steps.length - 1];
    if (step !== undefined && steps.length > 1) {
      const prefix = obj._path.slice(0, step.start - 1);
      const parent = m.latest.get(prefix) ?? null;
      m.origins.set(obj, { parent, prefix, step });
      if (step.name === 'add') {
        const key = parent ?? prefix;
        const list = m.added.get(key) ?? [];
        list.push(obj);
        m.added.set(key, list);
      }
    }
    m.latest.set(obj._path, obj);
  }

  private realOfPath(m: Mirror, path: string): RealProxy {
    const cached = m.byPath.get(path);
    if (cached) return cached;
    const steps = parsePath(path);
    const [root, ...rest] = steps;
    let obj: RealProxy;
    if (root?.name === 'workbook') obj = m.real.workbook;
    else if (root?.name === 'runtime') obj = m.real.runtime;
    else throw new FakeNotModelledError(`the object path '${path}' (officeWire knows workbook and runtime)`);
    for (const s of rest) obj = this.step(obj, s);
    m.byPath.set(path, obj);
    return obj;
  }

  private step(parent: RealProxy, s: Step): RealProxy {
    return (s.args === null ? parent[s.name] : call(parent, s.name, s.args)) as RealProxy;
  }

  private realOf(m: Mirror, obj: FakeClientObject<unknown>): RealProxy {
    const known = m.proxies.get(obj);
    if (known) return known;
    const origin = m.origins.get(obj);
    let real: RealProxy;
    if (!origin) real = this.realOfPath(m, obj._path);
    else {
      const parent = origin.parent ? this.realOf(m, origin.parent) : this.realOfPath(m, origin.prefix);
      real = this.step(parent, origin.step);
    }
    m.proxies.set(obj, real);
    return real;
  }

  private arg(m: Mirror, a: unknown): unknown {
    return a instanceof FakeClientObject ? this.realOf(m, a) : a;
  }

  private instantiate(m: Mirror, obj: FakeClientObject<unknown>): void {
    const path = this.realOf(m, obj)._objectPath;
    m.real._pendingRequest.ensureInstantiateObjectPath(path);
    m.real._pendingRequest.addReferencedObjectPath(path);
  }

  private replay(m: Mirror, op: Op): void {
    if (op.member === '_instantiate') return this.instantiate(m, op.target);
    const added = m.added.get(op.target) ?? m.added.get(op.target._path);
    const target = this.realOf(m, op.target);
    const args = op.args.map((a) => this.arg(m, a));
    if (op.member === 'add' && added && added.length > 0) {
      // The proxy add() returned: built from the op's arguments (its path may abbreviate them).
      const made = added.shift() as FakeClientObject<unknown>;
      if (!m.proxies.has(made)) m.proxies.set(made, call(target, 'add', args) as RealProxy);
      return this.instantiate(m, made);
    }
    if (op.member === 'load') {
      call(target, 'load', args[0] === null ? [] : args);
      return;
    }
    const event = /\.(on\w+)\.(add|remove)$/.exec(op.member);
    if (event) {
      // Registration queues its action first, then needs the Office host (absent here) to listen.
      try {
        call(target[event[1] as string] as RealProxy, event[2] as string, [() => null]);
      } catch {
        // the action is already queued
      }
      return;
    }
    if (memberKind(target, op.member) === 'setter') {
      target[op.member] = args[0];
      return;
    }
    const before = m.real._pendingRequest._actions.length;
    const result = call(target, op.member, args);
    // A method that returns an object (add) sends nothing until the object is used; the fake ran it.
    if (m.real._pendingRequest._actions.length === before && result !== null && typeof result === 'object' && '_objectPath' in result) {
      const path = (result as RealProxy)._objectPath;
      m.real._pendingRequest.ensureInstantiateObjectPath(path);
      m.real._pendingRequest.addReferencedObjectPath(path);
    }
  }

  request(ops: readonly Op[]): MeteredRequest {
    const first = ops[0];
    if (!first) return { bytes: 0, responseBytes: () => 0 };
    const m = this.mirror(first.target.context);
    const actionIds: number[] = [];
    const request = m.real._pendingRequest;
    for (const op of ops) {
      const before = request._actions.length;
      this.replay(m, op);
      const last = request._actions[request._actions.length - 1];
      actionIds.push(request._actions.length > before && last ? last.actionInfo.Id : -1);
    }
    const { body } = request.buildRequestMessageBodyAndRequestFlags();
    m.real.m_pendingRequest = null;
    const last: { request: RealRequest; body: unknown; response: unknown } = { request, body, response: null };
    this.lastRequest = last;
    return {
      bytes: utf8Length(JSON.stringify(body)),
      responseBytes: (results) => {
        last.response = responseBody(results, actionIds);
        return utf8Length(JSON.stringify(last.response));
      },
    };
  }
}

export type { OfficeWireMeter };

/** A meter for `createFakeExcel({ payloadMeter })`: one per fake workbook. */
export function officeWireMeter(): OfficeWireMeter {
  return new OfficeWireMeter();
}
