/**
 * The production task pane in real headless Chromium, over a fake office.js that holds the
 * realistic fixture ledger. Needs the production build (`npm run build`; `npm test` builds
 * before jest) and Debian's Chromium at /usr/bin/chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readLedger } from '../../src/domain/ledger/readLedger';
import { realisticLedgerExpected, realisticLedgerGrid } from '../fixtures/realisticLedger';
import type { FakeExcel } from '../fakes/fakeExcel';
import { buildFakeOffice } from './buildFakeOffice';
import { startStaticServer, type StaticServer } from './staticServer';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..');
/** The production build to serve (TASKPANE_DIST overrides it, e.g. for a build made elsewhere). */
const DIST = process.env.TASKPANE_DIST ?? join(ROOT, 'dist');
const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const XSS_TEXT = '<img src=x onerror=alert(1)>';

/** The page's window with the fake Excel that `fakeOffice.entry.ts` exposes. */
type FakeWindow = Window & { readonly __fake: Pick<FakeExcel, 'snapshot' | 'selectedAddress' | 'simulateUserEdit'> };

/** What one page load saw besides its DOM. */
interface PageLog {
  readonly requests: string[];
  readonly dialogs: string[];
  readonly errors: string[];
}

let server: StaticServer;
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  if (!existsSync(join(DIST, 'taskpane.html'))) {
    throw new Error('dist/taskpane.html is missing: build the add-in first with `npm run build` (npm test builds before jest).');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium (see .ci/run).`);
  workDir = mkdtempSync(join(tmpdir(), 'ledger-stats-browser-'));
  const fakeOfficeJs = await buildFakeOffice(join(workDir, 'fake'));
  server = await startStaticServer(DIST, { '/office.js': fakeOfficeJs });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Open the pane at task-pane size, logging requests, dialogs and page errors. */
async function openPane(query = ''): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const log: PageLog = { requests: [], dialogs: [], errors: [] };
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    log.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => {
    // A failed load is checked by URL below (Chromium asks for /favicon.ico on its own).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) log.errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      log.errors.push(`HTTP ${response.status()} ${response.url()}`);
    }
  });
  await page.goto(`${server.origin}/taskpane.html${query}`);
  await page.getByTestId('refresh').waitFor();
  return { context, page, log };
}

/** Click 刷新汇总 and wait until the refresh is done; a failed refresh fails with the pane's message. */
async function refresh(page: Page): Promise<void> {
  const asOf = page.getByTestId('as-of');
  const before = (await asOf.count()) > 0 ? await asOf.getAttribute('data-refreshed-at') : null;
  await page.getByRole('button', { name: '刷新汇总' }).click();
  await page.waitForFunction(
    (previous) =>
      document.querySelector('[data-testid="failure"]') !== null ||
      (document.querySelector('[data-testid="as-of"]')?.getAttribute('data-refreshed-at') ?? previous) !== previous,
    before,
    { timeout: 60_000 },
  );
  expect(await page.getByTestId('failure').allTextContents()).toEqual([]);
  await page.getByRole('button', { name: '刷新汇总' }).waitFor();
}

/** 万元 as 亿元 with one decimal, rounded half up in exact integer arithmetic (tenths of 亿元 = 1,000 万元). */
const yi = (wan: number): string => {
  const tenths = Math.round(wan / 1000);
  return `${Math.floor(tenths / 10).toLocaleString('en-US')}.${tenths % 10}`;
};

describe('task pane in Chromium', () => {
  it('refreshes the realistic ledger, shows figures and issues, selects cells, and passes axe', async () => {
    const { context, page, log } = await openPane();
    try {
      expect(await page.title()).toBe('台账统计');
      await refresh(page);

      // Key figures, in briefing order, against the fixture's expected figures.
      const figures = await page.locator('[data-testid="key-figures"] [data-figure]').evaluateAll((cards) =>
        cards.map((c) => [c.getAttribute('data-figure'), c.querySelector('[data-testid^="figure-"]')?.textContent]),
      );
      expect(figures).toEqual([
        ['projects', String(realisticLedgerExpected.projects)],
        ['soes', String(realisticLedgerExpected.distinctSoes)],
        ['totalWan', yi(realisticLedgerExpected.totalWan)],
        ['started', String(realisticLedgerExpected.started)],
        ['investedWan', yi(realisticLedgerExpected.investedWan)],
      ]);

      // The briefing draft, as text, with the project count.
      const brief = page.getByRole('textbox', { name: '简报草稿' });
      expect(await brief.isVisible()).toBe(true);
      expect(await brief.inputValue()).toContain(`项目${realisticLedgerExpected.projects}个`);

      // Issue counts: what the reader finds in the same grid, and the expected error rows.
      const read = readLedger(realisticLedgerGrid(), { sheetName: '台账' });
      const errors = read.issues.filter((i) => i.severity === 'error').length;
      const warnings = read.issues.filter((i) => i.severity === 'warning').length;
      expect(await page.getByTestId('issue-counts').textContent()).toBe(`${errors} 个错误，${warnings} 个警告`);
      const errorRows = await page.locator('li[data-severity="error"]').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-row'))));
      expect([...new Set(errorRows)].sort((a, b) => a - b)).toEqual(realisticLedgerExpected.errorSheetRows);
      expect(await page.locator('[data-testid="issue-list"] > ul[aria-label="问题清单"] > li').count()).toBe(errors + warnings);
      expect(await page.getByTestId('as-of').textContent()).toMatch(/^汇总截至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

      // The fake workbook got the summary sheet next to the untouched ledger.
      const snapshot = await page.evaluate(() => (window as unknown as FakeWindow).__fake.snapshot());
      const names = snapshot.sheets.map((s) => s.name);
      expect(names[0]).toBe('台账');
      const summary = snapshot.sheets.find((s) => s.name === '汇总');
      expect(summary).toBeDefined();
      const cells = summary!.values.flat();
      expect(cells).toContain(realisticLedgerExpected.projects);
      expect(cells.some((v) => typeof v === 'string' && v.includes('总投资'))).toBe(true);

      // The add-in's own writes do not raise the "ledger changed" notice.
      await page.waitForTimeout(1500);
      expect(await page.getByTestId('stale').count()).toBe(0);

      // Clicking an issue selects its cell in the ledger.
      const item = page.locator('li[data-severity="error"][data-col]').first();
      const row = await item.getAttribute('data-row');
      const col = await item.getAttribute('data-col');
      await item.locator('button').click();
      const selected = `台账!${col}${row}`;
      await page
        .waitForFunction((address) => (window as unknown as FakeWindow).__fake.selectedAddress === address, selected, { timeout: 10_000 })
        .catch(() => undefined); // the assertion below reports what was selected instead
      expect(await page.evaluate(() => (window as unknown as FakeWindow).__fake.selectedAddress)).toBe(selected);

      mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: join(RESULTS, 'taskpane.png') });

      // Accessibility, with the source and settings panels open: axe-core injected through the
      // DevTools protocol (the page's CSP blocks inline scripts).
      await page.getByRole('button', { name: '数据来源' }).click();
      await page.getByRole('button', { name: '设置' }).click();
      await page.getByTestId('mapping').waitFor();
      await page.getByTestId('settings').waitFor();
      await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
        const result = await axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

      // No request left the page's own origin; the server saw only its own files.
      expect(log.requests.filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
      const pageFiles = ['/taskpane.html', '/office.js', '/legacy-webview.js', '/taskpane.js'];
      expect(server.requests).toEqual(expect.arrayContaining(pageFiles));
      expect(server.requests.filter((path) => ![...pageFiles, '/favicon.ico'].includes(path))).toEqual([]);
      expect(log.errors).toEqual([]);
      expect(log.dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows "ledger changed" after a user edit, not after its own writes', async () => {
    const { context, page, log } = await openPane();
    try {
      await refresh(page);
      await page.waitForTimeout(1500); // past the quiet period after the refresh's own writes
      expect(await page.getByTestId('stale').count()).toBe(0);
      await page.evaluate(() => (window as unknown as FakeWindow).__fake.simulateUserEdit('台账', 'H7', 99));
      await page.getByTestId('stale').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('stale').textContent()).toContain('台账已修改，汇总可能已过时。');
      await refresh(page);
      await page.waitForTimeout(1500);
      expect(await page.getByTestId('stale').count()).toBe(0);
      expect(log.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works on an Excel with only ExcelApi 1.1, and says what it cannot do there', async () => {
    const { context, page, log } = await openPane('?api=1.1');
    try {
      await refresh(page);
      expect(await page.getByTestId('figure-projects').textContent()).toBe(String(realisticLedgerExpected.projects));
      await page.getByRole('button', { name: /^兼容性说明/ }).click();
      const notes = await page.locator('[data-testid="notes"] li').allTextContents();
      expect(notes).toContainEqual(expect.stringContaining('无法提示台账修改（需要 ExcelApi 1.7）'));
      expect(log.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('loads the light pane where the Fluent pane cannot run (no structuredClone: Internet Explorer 11, Edge Legacy, older Safari)', async () => {
    const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // legacy-webview.js picks the bundle by feature test: without structuredClone it loads lightpane.es5.js.
    await page.addInitScript(() => Reflect.deleteProperty(window, 'structuredClone'));
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    try {
      await page.goto(`${server.origin}/taskpane.html?api=1.1`);
      await page.getByTestId('light-pane').waitFor();
      await page.getByTestId('refresh').click();
      await page.getByTestId('key-figures').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('figure-projects').evaluate((dd) => dd.firstChild?.textContent)).toBe(String(realisticLedgerExpected.projects));
      expect(await page.locator('[data-testid="notes"] li').allTextContents()).toContainEqual(expect.stringContaining('问题单元格改用填充色标记'));
      const issue = page.locator('[data-testid="issues"] button[data-col]').first();
      const address = `${await issue.getAttribute('data-col')}${await issue.getAttribute('data-row')}`;
      await issue.click();
      await page.waitForFunction((want) => (window as unknown as FakeWindow).__fake.selectedAddress === want, `台账!${address}`);
      expect(requests).not.toContain('/taskpane.js');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the notice, not a stuck "Loading…", where the pane bundle does not parse (Safari before 16.4)', async () => {
    const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // Chromium parses the real bundle; play an old WebKit with one that it cannot parse.
    await page.route('**/taskpane.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'class A { static { this.x = ; } }' }));
    try {
      await page.goto(`${server.origin}/taskpane.html`);
      const notice = page.getByTestId('old-webview');
      await notice.waitFor({ timeout: 5_000 });
      expect(await notice.textContent()).toContain('台账统计未能在此窗口中启动');
      expect(await page.getByText('Loading').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('never runs script from ledger text', async () => {
    const { context, page, log } = await openPane('?xss=1');
    try {
      await refresh(page);
      await page.getByTestId('filter-severity').selectOption('error');
      const raws = await page.locator('li[data-code="stage_unknown"] [data-testid="raw"]').allTextContents();
      expect(raws).toContain(XSS_TEXT);
      await page.waitForTimeout(500);
      expect(log.dialogs).toEqual([]);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => document.querySelectorAll('[onerror]').length)).toBe(0);
      expect(log.requests.filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
      expect(log.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
