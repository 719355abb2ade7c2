/**
 * The WPS add-in's page: the ribbon's callbacks return synchronously; 刷新汇总 runs the refresh through the WPS port
 * and reports on the summary sheet's status line (an alert only where there is none, or another refresh runs),
 * 台账统计 opens and toggles the task pane. (ribbon.xml itself: ribbon.test.ts.)
 */
import { LEASE_MARKER, LEASE_SHEET_NAME, LEASE_TTL_MS } from '../../src/workflows/leaseFormat';
import { createEtWorkbookPort } from '../../src/wps/etWorkbookPort';
import { NO_TASK_PANE, OnAction, OnAddinLoad, PANE_BUTTON_ID, REFRESH_BUTTON_ID, startRefresh, statusLine } from '../../src/wpsAddin/main';
import { findTaskPaneFactory, paneUrl, resetTaskPane, type WpsTaskPane } from '../../src/wpsAddin/taskPane';
import { createFakeEt, type FakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

type Globals = { Application?: unknown; wps?: unknown; alert?: unknown; location?: unknown };
const globals = globalThis as Globals;

afterEach(() => {
  delete globals.Application;
  delete globals.wps;
  delete globals.alert;
  delete globals.location;
  resetTaskPane();
});

/** The cells of `name` that hold `text`, as `[row, col]` (0-based). */
function cellsWith(et: FakeEt, name: string, text: RegExp): [number, number][] {
  const values = et.snapshot().find((s) => s.name === name)?.values ?? [];
  return values.flatMap((row, r) => row.flatMap((v, c) => (typeof v === 'string' && text.test(v) ? [[r, c] as [number, number]] : [])));
}

/** A port over `et` that waits for no other runtime's lease (refused at once). */
const portOver = (et: FakeEt) => createEtWorkbookPort({ application: et, lease: { waitMs: 0, sleep: () => Promise.resolve() } });

describe('ribbon callbacks', () => {
  it('return synchronously and run the refresh through the WPS port, which reports on the status line, without an alert', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    globals.Application = et;
    expect(OnAddinLoad({})).toBe(true);
    const alert = jest.fn();
    globals.alert = alert;
    expect(OnAction({ Id: REFRESH_BUTTON_ID })).toBe(true); // a boolean, not a promise
    const report = await startRefresh(); // the refresh OnAction started (one at a time)
    expect(report.ok).toBe(true);
    expect(alert).not.toHaveBeenCalled();
    const line = statusLine(report);
    expect(line).toMatch(/^已刷新（.+）：\d+ 个项目，错误 \d+ 个，警告 \d+ 个。/);
    expect(cellsWith(et, '汇总', /^已刷新（/)).toHaveLength(1);
    expect(et.StatusBar).toBe(line);
  });
});

describe('startRefresh', () => {
  it('shows a failure on the status line of the summaries it left intact, without an alert', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const show = jest.fn();
    expect((await startRefresh(show, portOver(et))).ok).toBe(true);
    et.failOnWrite = 1; // the refresh's first change
    const report = await startRefresh(show, portOver(et));
    expect(report.ok).toBe(false);
    expect(show).not.toHaveBeenCalled();
    expect(cellsWith(et, '汇总', /^刷新失败（/)).toHaveLength(1);
    expect(cellsWith(et, '汇总', /^已刷新（/)).toEqual([]);
  });

  it('alerts when there is no summary sheet to report on (a first refresh that failed)', async () => {
    const et = createFakeEt({ sheets: { 台账: [['不是台账']] } });
    const show = jest.fn();
    const report = await startRefresh(show, portOver(et));
    expect(report.ok).toBe(false);
    expect(show.mock.calls).toEqual([[statusLine(report)]]);
    expect(statusLine(report)).toMatch(/^刷新失败（/);
  });

  it("alerts when another runtime's refresh is running, and leaves its summaries' status line alone", async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const show = jest.fn();
    await startRefresh(show, portOver(et));
    const before = et.snapshot();
    const wb = et.ActiveWorkbook;
    const lease = wb.Worksheets.Add(undefined, wb.Worksheets.Item(wb.Worksheets.Count));
    lease.Name = LEASE_SHEET_NAME;
    lease.Range('A1:C1').Value2 = [[LEASE_MARKER, 'other', Date.now() + LEASE_TTL_MS]];
    const report = await startRefresh(show, portOver(et));
    expect(report.error?.code).toBe('refresh_in_progress');
    expect(show.mock.calls).toEqual([[statusLine(report)]]);
    expect(et.snapshot().filter((s) => s.name !== LEASE_SHEET_NAME)).toEqual(before);
  });
});

describe('the 台账统计 button', () => {
  /** A stand-in for WPS's CreateTaskPane that records the URLs it opened. */
  const factory = (): { CreateTaskPane: jest.Mock<WpsTaskPane, [string]> } => ({
    CreateTaskPane: jest.fn((_url: string): WpsTaskPane => ({ Visible: false })),
  });

  it('creates the pane beside the add-in page once, then toggles it', () => {
    const application = factory();
    globals.Application = application;
    globals.location = { href: 'file:///C:/Users/u/AppData/Roaming/kingsoft/wps/jsaddons/ledgerstats_0.1.0/index.html' };
    expect(OnAction({ Id: PANE_BUTTON_ID })).toBe(true);
    expect(application.CreateTaskPane.mock.calls).toEqual([['file:///C:/Users/u/AppData/Roaming/kingsoft/wps/jsaddons/ledgerstats_0.1.0/taskpane.html']]);
    const pane = application.CreateTaskPane.mock.results[0]!.value as WpsTaskPane;
    expect(pane.Visible).toBe(true);
    OnAction({ Id: PANE_BUTTON_ID });
    expect(pane.Visible).toBe(false);
    OnAction({ Id: PANE_BUTTON_ID });
    expect(pane.Visible).toBe(true);
    expect(application.CreateTaskPane).toHaveBeenCalledTimes(1);
  });

  it('uses the wps global when Application has no CreateTaskPane', () => {
    const wps = factory();
    globals.Application = createFakeEt({ sheets: {} });
    globals.wps = wps;
    expect(findTaskPaneFactory()).toBe(wps);
    OnAction({ Id: PANE_BUTTON_ID });
    expect(wps.CreateTaskPane).toHaveBeenCalledTimes(1);
  });

  it('says so on a host without task panes', () => {
    globals.Application = createFakeEt({ sheets: {} });
    const alert = jest.fn();
    globals.alert = alert;
    expect(OnAction({ Id: PANE_BUTTON_ID })).toBe(true);
    expect(alert).toHaveBeenCalledWith(NO_TASK_PANE);
  });
});

describe('paneUrl', () => {
  it.each([
    ['http://intranet/ledgerstats_0.1.0/index.html?t=1#x', 'http://intranet/ledgerstats_0.1.0/taskpane.html'],
    ['http://intranet/ledgerstats_0.1.0/', 'http://intranet/ledgerstats_0.1.0/taskpane.html'],
    ['', 'taskpane.html'],
  ])('puts taskpane.html beside %s', (href, url) => {
    expect(paneUrl(href)).toBe(url);
  });
});
