/**
 * Integration: the task pane and the ribbon command refresh one workbook at the same time. They
 * run in separate runtimes (each its own globals, document settings and module instances), which
 * the fake models with `newRuntime()`; the refresh lease (src/excel/refreshLock.ts) keeps them apart.
 */
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { LEASE_MARKER, LEASE_SHEET_NAME, LEASE_TTL_MS } from '../../src/excel/refreshLock';
import { fakeWorkbook, uninstallFakes } from '../excel/fakeWorkbook';
import type { FakeAddinRuntime, FakeExcel } from '../fakes/fakeExcel';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

type PortModule = typeof import('../../src/excel/officeWorkbookPort');
type SettingsModule = typeof import('../../src/excel/documentSettings');
type RefreshModule = typeof import('../../src/workflows/refresh');
type PaneHostModule = typeof import('../../src/taskpane/createPaneHost');
type LeaseOptions = NonNullable<Parameters<PortModule['createOfficeWorkbookPort']>[0]>['lease'];

/** A runtime's own copy of the add-in's modules (its own in-memory refresh queue, as in Office). */
async function loadModules(): Promise<{ ports: PortModule; settings: SettingsModule; workflows: RefreshModule; pane: PaneHostModule }> {
  let loaded: { ports: PortModule; settings: SettingsModule; workflows: RefreshModule; pane: PaneHostModule } | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = {
      ports: await import('../../src/excel/officeWorkbookPort'),
      settings: await import('../../src/excel/documentSettings'),
      workflows: await import('../../src/workflows/refresh'),
      pane: await import('../../src/taskpane/createPaneHost'),
    };
  });
  return loaded!;
}

/** The task pane: a second runtime over the fake, refreshing with its own port. */
async function paneRuntime(fake: FakeExcel, lease: LeaseOptions = {}) {
  const runtime: FakeAddinRuntime = fake.newRuntime();
  const { ports, settings, workflows, pane } = await loadModules();
  const port = ports.createOfficeWorkbookPort({
    run: runtime.Excel.run,
    settings: settings.documentSettings(() => runtime.Office.context.document.settings),
    lease: { pollMs: 5, ...lease },
  });
  return { runtime, port, refresh: () => workflows.refresh(port, { displayLanguage: 'zh-CN' }), createPaneHost: pane.createPaneHost };
}

/** The ribbon's function file, loaded the way Office loads it into the installed runtime. */
async function loadFunctionFile(): Promise<void> {
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  await new Promise((resolve) => setTimeout(resolve, 0)); // Office.onReady callback
}

const sheetNames = (fake: FakeExcel): string[] => fake.snapshot().sheets.map((s) => s.name);
/** The visible sheets (helper sheets the add-in hides are not the point here). */
const visibleSheets = (fake: FakeExcel): string[] =>
  fake
    .snapshot()
    .sheets.filter((s) => s.visibility === 'Visible')
    .map((s) => s.name);
const OWNED = ['台账', '汇总', '校验结果', '变动'];

describe('two runtimes refreshing one workbook', () => {
  it.each([
    ['a new workbook', 0],
    ['a workbook refreshed before', 1],
  ])('end with one set of owned sheets and consistent state when the pane and the ribbon start together (%s)', async (_name, earlier) => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    await loadFunctionFile();
    const pane = await paneRuntime(fake);
    for (let i = 0; i < earlier; i++) await fake.invokeAction('refreshSummaries');
    // Both runtimes loaded their settings before either refresh wrote any.
    const [paneReport, event] = await Promise.all([pane.refresh(), fake.invokeAction('refreshSummaries')]);
    expect([paneReport.ok, paneReport.error, event.completedCalls]).toEqual([true, null, 1]);
    expect(visibleSheets(fake)).toEqual(OWNED);
    // The status line the ribbon wrote sits on the one summary sheet.
    expect(fake.getSheetValues('汇总').flat().some((v) => typeof v === 'string' && v.startsWith('已刷新'))).toBe(true);
    // Consistent state: each runtime's next refresh finds the sheets it owns.
    expect((await pane.refresh()).sheets).toEqual({ summary: '汇总', validation: '校验结果', changes: '变动' });
    await fake.invokeAction('refreshSummaries');
    expect(visibleSheets(fake)).toEqual(OWNED);
  });

  it('makes the later refresh wait for the earlier one instead of interleaving their requests', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    const sleeps: number[] = [];
    const sleep = (ms: number): Promise<void> => (sleeps.push(ms), new Promise((resolve) => setTimeout(resolve, ms)));
    const pane = await paneRuntime(fake, { sleep });
    const ribbon = await paneRuntime(fake, { sleep });
    // The fake answers requests without timers: a refresh started a macrotask later would find the
    // first one finished. Started in the same tick, their requests are queued alternately.
    const [first, second] = await Promise.all([ribbon.refresh(), pane.refresh()]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(sleeps.length).toBeGreaterThan(0);
    // The one that waited says so; the other does not.
    const waited = [first, second].map((r) => r.notes.some((n) => n.code === 'refresh_waited'));
    expect(waited.sort()).toEqual([false, true]);
    expect(visibleSheets(fake)).toEqual(OWNED);
  });

  it('refuses with a bilingual message, and changes nothing, while another runtime keeps refreshing past the wait', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    const ribbon = await paneRuntime(fake);
    let finish: () => void = () => undefined;
    // The lease is taken by the first request of the held section (here: a sheet listing).
    const holding = ribbon.port.exclusive(async () => {
      await ribbon.port.listSheets();
      await new Promise<void>((resolve) => (finish = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const pane = await paneRuntime(fake, { waitMs: 30 });
    const report = await pane.refresh();
    expect([report.ok, report.error?.code]).toEqual([false, 'refresh_in_progress']);
    expect(report.error?.message['zh-CN']).toContain('另一次刷新');
    expect(report.error?.message['en-US']).toContain('Another refresh');
    expect(sheetNames(fake)).toEqual(['台账', LEASE_SHEET_NAME]);
    finish();
    await holding;
    expect(sheetNames(fake)).toEqual(['台账']);
    expect((await pane.refresh()).ok).toBe(true);
  });

  it('takes over a lease left by a runtime that stopped mid-refresh once it is stale', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.add(LEASE_SHEET_NAME);
      // Taken a minute ago by a runtime that then stopped.
      sheet.getRange('A1:C1').values = [[LEASE_MARKER, 'crashed', Date.now() + LEASE_TTL_MS - 60_000]];
    });
    const early = await paneRuntime(fake, { waitMs: 20 });
    expect((await early.refresh()).error?.code).toBe('refresh_in_progress');
    const later = await paneRuntime(fake, { waitMs: 20, now: () => Date.now() + LEASE_TTL_MS });
    expect((await later.refresh()).ok).toBe(true);
    expect(visibleSheets(fake)).toEqual(OWNED);
  });

  it('leaves a user sheet that happens to have the lease name alone', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid(), [LEASE_SHEET_NAME]: [['我的笔记', 1]] } });
    const pane = await paneRuntime(fake);
    expect((await pane.refresh()).ok).toBe(true);
    expect(fake.getSheetValues(LEASE_SHEET_NAME)).toEqual([['我的笔记', 1]]);
  });
});

describe('the pane saving settings while the ribbon refreshes', () => {
  it('keeps both: the new settings and what the ribbon saved', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    await loadFunctionFile();
    const pane = await paneRuntime(fake);
    const host = pane.createPaneHost({ port: pane.port, displayLanguage: 'zh-CN' });
    // The pane saves once the ribbon's refresh has loaded its settings (its third request; the fake
    // answers without timers, so wait in microtasks). Without the lease the ribbon then saves its
    // copy last and the pane's change is lost.
    fake.resetSyncStats();
    const ribbon = fake.invokeAction('refreshSummaries');
    for (let i = 0; i < 100_000 && fake.syncCount < 3; i++) await Promise.resolve();
    expect(fake.syncCount).toBe(3);
    const [saved] = await Promise.all([host.saveSettings({ decimals: 2 }), ribbon]);
    expect(saved.decimals).toBe(2);
    const state = await createOfficeWorkbookPort().readState();
    expect(state.settings.decimals).toBe(2);
    expect(typeof state.lastRefresh).toBe('string');
    expect((await host.loadState()).settings.decimals).toBe(2);
  });
});

describe('one runtime refreshing twice at once', () => {
  it('queues the second refresh in memory, without waiting on the workbook lease', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    const sleep = jest.fn((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const pane = await paneRuntime(fake, { sleep });
    const reports = await Promise.all([pane.refresh(), pane.refresh()]);
    expect(reports.map((r) => r.error)).toEqual([null, null]);
    expect(reports.map((r) => r.ok)).toEqual([true, true]);
    expect(sleep).not.toHaveBeenCalled();
    expect(visibleSheets(fake)).toEqual(OWNED);
  });
});

describe('the lease sheet', () => {
  it.each([
    ['1.1', 'Visible'],
    ['1.2', 'Hidden'],
  ])('is %s: %s while a refresh holds it, with a note saying what it is', async (apiVersion, visibility) => {
    const { fake } = fakeWorkbook({ apiVersion, sheets: { 台账: realisticLedgerGrid() } });
    const pane = await paneRuntime(fake);
    const seen = await pane.port.exclusive(async () => {
      await pane.port.listSheets();
      return fake.snapshot().sheets.find((s) => s.name === LEASE_SHEET_NAME);
    });
    expect(seen?.visibility).toBe(visibility);
    expect(String(seen?.values[1]?.[0])).toContain('刷新结束后此表自动删除');
    expect(sheetNames(fake)).toEqual(['台账']);
  });
});
