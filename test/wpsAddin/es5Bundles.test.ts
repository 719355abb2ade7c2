/**
 * @jest-environment jsdom
 *
 * The WPS bundles (dist-wps/ledgerstats_<version>/main.js and taskpane.js, built by scripts/buildWps.mjs into a temp
 * folder) are ES5 and run where the built-ins after ES5 are missing, over the fake ET object model: the ribbon's
 * 刷新汇总 and the task pane's refresh complete with the summary the TypeScript source writes.
 *
 * Each bundle runs in an iframe: its own realm, whose built-ins are removed before the bundle is evaluated there, so
 * that only the bundle's own polyfills (core-js, unorm) can stand in for them (as test/bundles/es5Bundles.test.ts does
 * for the Office add-in's ES5 bundles). The fake ET lives in the test's realm; the arrays it hands over are of that
 * realm.
 */
import { parse } from 'acorn';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { refresh } from '../../src/workflows/refresh';
import { createEtWorkbookPort } from '../../src/wps/etWorkbookPort';
import type { EtApplication } from '../../src/wps/etTypes';
import { createFakeEt, type FakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerExpected, realisticLedgerGrid } from '../fixtures/realisticLedger';
import { iframeRealm, removeBuiltIns as remove, until, type Realm } from '../bundles/oldRealm';
import { checkRibbon } from './checkRibbon';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

let out: string;
let folder: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'build-wps-es5-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'buildWps.mjs'), '--out', out, '--no-7z'], { encoding: 'utf8' });
  folder = join(out, `ledgerstats_${version}`);
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});
afterEach(() => {
  document.body.innerHTML = '';
});

const bundle = (file: string): string => readFileSync(join(folder, file), 'utf8');

/**
 * Removes from `w` the built-ins after ES5 that a JavaScript engine of ES5 lacks: the ES2015 globals (Promise, Symbol,
 * Map, Set, WeakMap, Reflect…) and the methods ES2015–ES2023 added to Object, Array, String, Number and Math.
 * Typed arrays stay: every Chromium has them (Chrome 7), and the bundles do not use them. Arrays keep their native
 * Symbol.iterator: the fake (of the test's realm) iterates the arrays the bundle hands it by that symbol, which the
 * bundle cannot reach once Symbol is gone.
 */
function stripPostEs5BuiltIns(w: Realm): void {
  const iterator = Symbol.iterator; // well-known symbols are shared by every realm
  const g = w as unknown as Record<string, { prototype: object } & Record<string, unknown>>;
  remove(g.Object!, ['assign', 'entries', 'values', 'fromEntries', 'getOwnPropertyDescriptors', 'getOwnPropertySymbols', 'is', 'setPrototypeOf', 'hasOwn']);
  remove(g.Array!, ['from', 'of']);
  remove(g.Array!.prototype, ['find', 'findIndex', 'findLast', 'findLastIndex', 'includes', 'fill', 'flat', 'flatMap', 'entries', 'keys', 'values', 'copyWithin', 'at', 'toSorted', 'toReversed', 'toSpliced', 'with']);
  remove(g.String!, ['fromCodePoint', 'raw']);
  remove(g.String!.prototype, ['includes', 'startsWith', 'endsWith', 'repeat', 'padStart', 'padEnd', 'trimStart', 'trimEnd', 'normalize', 'codePointAt', 'at', 'replaceAll', 'matchAll', iterator]);
  remove(g.Number!, ['isFinite', 'isNaN', 'isInteger', 'isSafeInteger', 'parseFloat', 'parseInt', 'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER']);
  remove(g.Math!, ['trunc', 'sign', 'log10', 'log2', 'log1p', 'expm1', 'hypot', 'cbrt', 'fround', 'imul', 'clz32', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']);
  // Globals last: the lines above read them.
  remove(w, ['Promise', 'Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Reflect', 'Proxy', 'globalThis']);
  for (const name of ['queueMicrotask', 'structuredClone', 'URLSearchParams', 'AggregateError', 'WeakRef', 'FinalizationRegistry']) {
    if (name in w) Reflect.deleteProperty(w, name);
  }
  w.fetch = undefined as unknown as typeof fetch;
  expect(w.eval('[typeof Promise, typeof Symbol, typeof Map, typeof "x".normalize, typeof [].flatMap, typeof Object.fromEntries]')).toEqual([
    'undefined',
    'undefined',
    'undefined',
    'undefined',
    'undefined',
    'undefined',
  ]);
}

/** A fresh iframe realm with `html` as its body, stripped, with the fake ET as its `Application`. */
function oldWebview(et: FakeEt, html = ''): Realm {
  const w = iframeRealm(html);
  stripPostEs5BuiltIns(w);
  w.Application = et;
  return w;
}

/** A refresh's time as the sheets show it (汇总's 生成时间, 变动's 基线 and 本次刷新), to the minute. */
const SHOWN_TIME = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/g;

/** The visible sheets of `et` with their values, in tab order; the refresh's time masked. */
function visibleSheets(et: FakeEt): { name: string; values: unknown[][] }[] {
  return et
    .snapshot()
    .filter((sheet) => sheet.visible === -1)
    .map((sheet) => ({ name: sheet.name, values: sheet.values.map((row) => row.map((v) => (typeof v === 'string' ? v.replace(SHOWN_TIME, '<time>') : v))) }));
}

/** After a bundle ran: the built-ins it polyfilled are there again (they were removed), else this list is stale. */
function expectPolyfilled(w: Realm): void {
  expect(w.eval('[typeof Promise, typeof Symbol, typeof Map, typeof "x".normalize, typeof [].flatMap, typeof Object.fromEntries]')).toEqual([
    'function',
    'function',
    'function',
    'function',
    'function',
    'function',
  ]);
}

/** The sheets the TypeScript source's refresh writes into the same ledger (on a second fake ET), with `status` as its status line. */
async function sourceRefresh(status?: string): Promise<{ name: string; values: unknown[][] }[]> {
  const twin = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
  const port = createEtWorkbookPort({ application: twin as unknown as EtApplication });
  const report = await refresh(port, { displayLanguage: 'zh-CN' });
  expect(report.ok).toBe(true);
  if (status !== undefined) expect(await port.writeStatus(status)).toBe(true);
  return visibleSheets(twin);
}

describe('the WPS bundles', () => {
  it.each(['main.js', 'taskpane.js'])('%s parses as ES5', (file) => {
    expect(() => parse(bundle(file), { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });
});

describe('main.js in a webview without the built-ins after ES5', () => {
  it('defines the ribbon callbacks and runs 刷新汇总 over the fake ET', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const w = oldWebview(et);
    const shown: string[] = [];
    w.alert = (text: string) => shown.push(text);
    w.eval(bundle('main.js'));
    expect(checkRibbon(readFileSync(join(folder, 'ribbon.xml'), 'utf8'), (name) => typeof w[name] === 'function')).toEqual([]);
    expect((w.OnAddinLoad as (ribbon: unknown) => boolean)({})).toBe(true);
    // The bundle's callback, not wps/fallback.js's: it starts the refresh and returns at once.
    expect((w.OnAction as (control: { Id: string }) => unknown)({ Id: 'ledgerStatsRefresh' })).toBe(true);
    // The outcome goes to the summary's status line and the status bar (an alert only without a summary sheet).
    await until(() => typeof et.StatusBar === 'string', 'the refresh');
    expect(et.StatusBar).toMatch(/^已刷新（/);
    expect(shown).toEqual([]);
    expectPolyfilled(w);
    expect(visibleSheets(et).map((sheet) => sheet.name)).toEqual(['台账', '汇总', '校验结果', '变动']);
    expect(visibleSheets(et)).toEqual(await sourceRefresh(String(et.StatusBar)));
  });
});

describe('taskpane.js in a webview without the built-ins after ES5', () => {
  it('refreshes over the fake ET and shows the key figures and the issues', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const w = oldWebview(et, '<div id="root"></div>');
    const doc = w.document;
    const byTestId = (id: string): HTMLElement | null => doc.querySelector(`[data-testid="${id}"]`);
    w.eval(bundle('taskpane.js'));
    expect(w.ledgerStatsPaneStarted).toBe(true);
    await until(() => byTestId('refresh') !== null, 'the refresh button');
    byTestId('refresh')!.click();
    await until(() => byTestId('key-figures') !== null || byTestId('failure') !== null, 'the end of the refresh');
    expect(byTestId('failure')?.textContent ?? null).toBeNull();
    expect(byTestId('figure-projects')?.firstChild?.textContent).toBe(String(realisticLedgerExpected.projects));
    expect(doc.querySelectorAll('[data-testid="issues"] .lp-issue').length).toBeGreaterThan(0);
    expectPolyfilled(w);
    expect(visibleSheets(et)).toEqual(await sourceRefresh());
  });
});
