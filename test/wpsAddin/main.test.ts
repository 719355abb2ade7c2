/**
 * The WPS add-in's page: the ribbon's callbacks return synchronously; 刷新汇总 runs the refresh through the WPS port,
 * 台账统计 opens and toggles the task pane. (ribbon.xml itself: ribbon.test.ts.)
 */
import { NO_TASK_PANE, OnAction, OnAddinLoad, PANE_BUTTON_ID, REFRESH_BUTTON_ID, startRefresh } from '../../src/wpsAddin/main';
import { findTaskPaneFactory, paneUrl, resetTaskPane, type WpsTaskPane } from '../../src/wpsAddin/taskPane';
import { createFakeEt } from '../fakes/et/fakeEt';
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

describe('ribbon callbacks', () => {
  it('return synchronously and run the refresh through the WPS port', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    globals.Application = et;
    expect(OnAddinLoad({})).toBe(true);
    const shown: string[] = [];
    const alert = jest.fn((text: string) => shown.push(text));
    globals.alert = alert;
    expect(OnAction({ Id: REFRESH_BUTTON_ID })).toBe(true); // a boolean, not a promise
    await startRefresh(); // the refresh OnAction started (one at a time)
    expect(alert).toHaveBeenCalledTimes(1);
    expect(shown[0]).toMatch(/^已刷新汇总表「汇总」。/);
    expect(et.snapshot().map((s) => s.name)).toEqual(expect.arrayContaining(['台账', '汇总']));
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
