/**
 * @jest-environment jsdom
 *
 * The ES5 bundles (commands.es5.js, dialog.es5.js, lightpane.es5.js) run in a window without the built-ins that
 * Internet Explorer 11 lacks, against the fake Excel with only ExcelApi 1.1 (Office 2016): a ribbon
 * refresh and a light-pane refresh complete, with their capability notes. Needs the production
 * build (`npm run build`; `npm test` builds before jest).
 *
 * Each bundle runs in an iframe: its own realm, whose built-ins are removed before the bundle is
 * evaluated there, so that only the bundle's own polyfills (core-js, unorm) can stand in for them.
 * The fake Excel lives in the test's realm; the arrays and promises it hands over are of that realm.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { refresh } from '../../src/workflows/refresh';
import { createFakeExcel, type FakeExcel } from '../fakes/fakeExcel';
import type { FakeActionEvent } from '../fakes/excel/office';
import { realisticLedgerExpected, realisticLedgerGrid } from '../fixtures/realisticLedger';
import { iframeRealm, removeBuiltIns as remove, until, type Realm } from './oldRealm';

jest.setTimeout(60_000);

const DIST = join(__dirname, '..', '..', 'dist');

/** The ExcelApi 1.1 paths the issue names: charts from a helper copy, fill marks, state without custom XML. */
const API_1_1_NOTES = ['chart_data_copied', 'marks_as_fills', 'state_sheet_visible'];

/**
 * Removes from `w` what Internet Explorer 11 lacks and the issue lists: Promise, Symbol, Map and
 * Set iteration, Object.assign, Array.from, fetch, the ES2015+ String and Array methods, and more.
 */
function stripModernBuiltIns(w: Realm): void {
  const iterator = Symbol.iterator; // well-known symbols are shared by every realm
  const g = w as unknown as Record<string, { prototype: object } & Record<string, unknown>>;
  for (const name of ['Map', 'Set']) remove(g[name]!.prototype, ['entries', 'keys', 'values', iterator]);
  remove(g.Object!, ['assign', 'entries', 'values', 'fromEntries', 'getOwnPropertyDescriptors']);
  remove(g.Array!, ['from', 'of']);
  // Arrays keep their native Symbol.iterator: the fake (of the test's realm) iterates the arrays the
  // bundle hands it, by that symbol; the bundle cannot reach it, as Symbol is gone below.
  remove(g.Array!.prototype, ['find', 'findIndex', 'findLast', 'findLastIndex', 'includes', 'fill', 'flat', 'flatMap', 'entries', 'keys', 'values', 'copyWithin', 'at']);
  remove(g.String!, ['fromCodePoint', 'raw']);
  remove(g.String!.prototype, ['includes', 'startsWith', 'endsWith', 'repeat', 'padStart', 'padEnd', 'trimStart', 'trimEnd', 'normalize', 'codePointAt', 'at', 'replaceAll', 'matchAll', iterator]);
  remove(g.Number!, ['isFinite', 'isNaN', 'isInteger', 'isSafeInteger', 'parseFloat', 'parseInt']);
  remove(g.Math!, ['trunc', 'sign', 'log10', 'log2', 'hypot', 'cbrt']);
  // And the DOM methods that Internet Explorer 11 lacks (core-js does not polyfill the DOM).
  for (const name of ['append', 'prepend', 'replaceChildren', 'before', 'after', 'replaceWith', 'remove', 'closest', 'toggleAttribute']) {
    let owner: object | null = g.Element!.prototype;
    while (owner !== null && !Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner) as object | null;
    expect({ name, found: owner !== null }).toEqual({ name, found: true });
    if (owner !== null) Reflect.deleteProperty(owner, name);
  }
  // Globals last: the lines above read them.
  for (const name of ['Promise', 'Symbol', 'Reflect', 'URLSearchParams', 'queueMicrotask', 'structuredClone']) {
    if (name in w) Reflect.deleteProperty(w, name);
  }
  w.fetch = undefined as unknown as typeof fetch;
  // IE11 has a URL object but no URL constructor.
  w.URL = undefined as unknown as typeof URL;
  expect(w.eval('[typeof Promise, typeof Symbol, typeof "x".normalize, typeof [].includes]')).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
}

/** A fresh iframe realm with `html` as its body, stripped, with the fake's globals installed. */
function oldWebview(fake: FakeExcel, html = ''): Realm {
  const w = iframeRealm(html);
  stripModernBuiltIns(w);
  fake.install(w);
  return w;
}

/** Keys this test added to the test realm's Array.prototype, removed after each test. */
const bridged: string[] = [];

/**
 * Runs `file` of dist/ as a classic script in `w`. Then the arrays of the test's realm (the fake's
 * sheet values and ids) are made iterable the way the bundle iterates: by the key of its polyfilled
 * Symbol.iterator. In Excel, office.js hands over arrays of the page's own realm, which core-js has
 * made iterable; here the fake's arrays come from another realm, which core-js does not look into.
 */
function runBundle(w: Realm, file: string): void {
  (w.eval as (source: string) => unknown)(readFileSync(join(DIST, file), 'utf8'));
  const key = String((w.Symbol as unknown as { iterator: unknown }).iterator);
  expect(key).not.toBe('Symbol(Symbol.iterator)'); // the polyfill's key, not the native symbol
  Object.defineProperty(Array.prototype, key, { value: (w.Array.prototype as unknown as Record<string, unknown>)[key], configurable: true, writable: true });
  bridged.push(key);
}

beforeAll(() => {
  for (const file of ['commands.es5.js', 'dialog.es5.js', 'lightpane.es5.js']) {
    if (!existsSync(join(DIST, file))) throw new Error(`dist/${file} is missing: build first with \`npm run build\` (npm test builds before jest).`);
  }
});

afterEach(() => {
  document.body.innerHTML = '';
  for (const key of bridged.splice(0)) Reflect.deleteProperty(Array.prototype, key);
});

describe('commands.es5.js in a webview without modern built-ins', () => {
  it('runs a full ribbon refresh on ExcelApi 1.1, writes the summary with its status line and completes the event once', async () => {
    const fake = createFakeExcel({ apiVersion: '1.1', sheets: { 台账: realisticLedgerGrid() }, displayLanguage: 'zh-CN' });
    const w = oldWebview(fake);
    runBundle(w, 'commands.es5.js');
    expect(w.ledgerStatsStarted).toBe(true);
    await until(() => fake.actions.has('refreshSummaries'), 'Office.actions.associate');

    const handler = fake.actions.get('refreshSummaries') as (event: FakeActionEvent) => PromiseLike<Record<string, unknown>>;
    const event = (await import('../fakes/excel/office')).makeActionEvent('refreshSummaries');
    const report = (await handler(event)) as {
      ok: boolean;
      error: unknown;
      read: { rows: unknown[] };
      notes: { code: string }[];
      json: { keyFigures?: unknown } & Record<string, unknown>;
    };

    expect({ ok: report.ok, error: report.error }).toEqual({ ok: true, error: null });
    expect(report.read.rows).toHaveLength(realisticLedgerExpected.projects);
    expect(report.notes.map((note) => note.code)).toEqual(expect.arrayContaining(API_1_1_NOTES));
    expect(event.completedCalls).toBe(1);
    // The same summary JSON and notes as the TypeScript source gives, run here on a second fake.
    const twin = createFakeExcel({ apiVersion: '1.1', sheets: { 台账: realisticLedgerGrid() }, displayLanguage: 'zh-CN' });
    twin.install(globalThis);
    try {
      const expected = await refresh(createOfficeWorkbookPort(), { displayLanguage: 'zh-CN' });
      expect(Object.keys(report.json)).toEqual(expect.arrayContaining(['totals', 'bySector', 'bySoe']));
      expect(JSON.parse(JSON.stringify(report.json))).toEqual(JSON.parse(JSON.stringify(expected.json)));
      expect(report.notes.map((note) => note.code)).toEqual(expected.notes.map((note) => note.code));
    } finally {
      twin.uninstall();
    }
    const names = fake.snapshot().sheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(['台账', '汇总', '校验结果']));
    // The status line: the summary counts the fixture's projects and says that features are limited.
    const summary = fake.snapshot().sheets.find((sheet) => sheet.name === '汇总');
    const texts = (summary?.values ?? []).flat().filter((value): value is string => typeof value === 'string');
    expect(texts.find((text) => text.startsWith('已刷新'))).toContain(`${realisticLedgerExpected.projects} 个项目`);
    expect(texts.find((text) => text.startsWith('已刷新'))).toContain('项功能受限');
  });
});

describe('dialog.es5.js in a webview without modern built-ins', () => {
  it('shows the outcome with its Close button, which asks the command to close the dialog', async () => {
    const fake = createFakeExcel({ apiVersion: '1.1', requirementSets: { DialogApi: '1.1' } });
    const w = oldWebview(fake, '<main id="outcome"><p>正在加载… Loading…</p></main>');
    const messages: string[] = [];
    const office = w.Office as unknown as { context: { ui: { messageParent: (message: string) => void } } };
    office.context.ui.messageParent = (message) => messages.push(message);
    runBundle(w, 'dialog.es5.js');
    await until(() => w.document.querySelector('#outcome h1') !== null, 'the outcome');
    // An empty query: the failure title by default (parseOutcomeQuery), in Chinese.
    expect(w.document.querySelector('#outcome h1')?.textContent).toBe('刷新失败');
    const close = w.document.querySelector('#outcome button') as HTMLButtonElement;
    expect(close.textContent).toBe('关闭');
    close.click();
    expect(messages).toEqual(['close']);
  });
});

describe('lightpane.es5.js in a webview without modern built-ins', () => {
  it('refreshes on ExcelApi 1.1 with progress, then shows the key figures, the notes and issues that select their cell', async () => {
    const fake = createFakeExcel({ apiVersion: '1.1', sheets: { 台账: realisticLedgerGrid() }, displayLanguage: 'zh-CN' });
    const w = oldWebview(fake, '<div id="root"><p>正在加载台账统计… Loading…</p></div>');
    const doc = w.document;
    runBundle(w, 'lightpane.es5.js');
    const byTestId = (id: string): HTMLElement | null => doc.querySelector(`[data-testid="${id}"]`);
    await until(() => byTestId('refresh') !== null, 'the refresh button');
    expect(doc.getElementById('root')?.textContent).not.toContain('Loading');

    const progress: string[] = [];
    const observer = new w.MutationObserver(() => progress.push(byTestId('progress')?.textContent ?? ''));
    observer.observe(doc.getElementById('root')!, { childList: true, subtree: true });
    byTestId('refresh')!.click();
    await until(() => byTestId('key-figures') !== null, 'the key figures');
    observer.disconnect();

    expect(progress).toEqual(expect.arrayContaining(['读取台账 · 已读取 100%', '校验数据', '写入汇总表']));
    expect(byTestId('figure-projects')?.firstChild?.textContent).toBe(String(realisticLedgerExpected.projects));
    expect(byTestId('figure-totalWan')?.textContent).toBe('1,468.2亿元');
    const notes = Array.from(doc.querySelectorAll('[data-testid="notes"] li')).map((li) => li.getAttribute('data-code'));
    expect(notes).toEqual(expect.arrayContaining(API_1_1_NOTES));
    expect(byTestId('notes')?.textContent).toContain('问题单元格改用填充色标记');

    // Click-to-jump: the first issue on a cell selects that cell of the ledger.
    const issue = doc.querySelector('[data-testid="issues"] button[data-col]') as HTMLButtonElement;
    expect(issue).not.toBeNull();
    issue.click();
    const address = `${issue.getAttribute('data-col')}${issue.getAttribute('data-row')}`;
    await until(() => fake.selectedAddress.endsWith(address), `selection of ${address}`);
    expect(fake.selectedAddress).toBe(`台账!${address}`);

    // The language switch: the pane in English at once, and the choice stored in the workbook.
    byTestId('lang-switch')!.click();
    expect(byTestId('refresh')?.textContent).toBe('Refresh summaries');
    expect(byTestId('notes')?.textContent).toContain('issue cells are marked with a fill colour');
    expect(doc.documentElement.getAttribute('lang')).toBe('en-US');
  });
});
