/** @jest-environment jsdom */
/**
 * The WPS task pane: the light pane over `createWpsPaneHost`, i.e. the pane host over the ET port, against the fake
 * ET object model.
 */
import { renderLightPane } from '../../src/legacyPane/renderLightPane';
import { createWpsPaneHost } from '../../src/wpsAddin/createWpsPaneHost';
import type { EtApplication } from '../../src/wps/etTypes';
import type { RunReport } from '../../src/workflows/refresh';
import { createFakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

const byTestId = (id: string): HTMLElement | null => document.querySelector(`[data-testid="${id}"]`);

/** Lets promise callbacks and the pane's paint yields run until `done` holds (the fake ET is synchronous). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  expect(done()).toBe(true);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('createWpsPaneHost', () => {
  it('refreshes through the ET port and keeps the settings it saves in the workbook', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const host = createWpsPaneHost({ application: et as unknown as EtApplication });
    expect(host.displayLanguage).toBe('zh-CN');
    const stages: string[] = [];
    const report = await host.refresh((progress) => stages.push(progress.stage));
    expect(report.ok).toBe(true);
    expect(report.sheets.summary).toBe('汇总');
    expect(stages).toContain('reading');
    expect(et.snapshot().map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['台账', '汇总']));
    expect((await host.loadState()).lastRefresh).toBe(report.refreshedAt);

    await host.saveSettings({ lang: 'en-US' });
    // A second host over the same workbook (the pane reopened) reads what the first saved.
    const reopened = createWpsPaneHost({ application: et as unknown as EtApplication });
    expect((await reopened.loadState()).settings.lang).toBe('en-US');
  });

  it('turns a missing Application into a failed run report, not an exception', async () => {
    const host = createWpsPaneHost();
    const report = await host.refresh(() => undefined);
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBeDefined();
  });
});

describe('the light pane over the ET port', () => {
  it('refreshes on click and shows the key figures and the issue list of the run', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const host = createWpsPaneHost({ application: et as unknown as EtApplication, yieldToUi: () => new Promise((resolve) => setTimeout(resolve, 0)) });
    let report: RunReport | null = null;
    const refresh = host.refresh.bind(host);
    host.refresh = async (onProgress) => (report = await refresh(onProgress));
    document.body.innerHTML = '<div id="root"></div>';
    await renderLightPane(document, document.getElementById('root')!, host);
    byTestId('refresh')!.click();
    await until(() => byTestId('key-figures') !== null);
    const run = report as RunReport | null;
    expect(run?.ok).toBe(true);
    expect(byTestId('figure-projects')?.textContent).toBe(`${run?.summary?.totals.projects}个`);
    expect(byTestId('issues')?.querySelectorAll('button.lp-issue').length).toBe(Math.min(run?.issues.length ?? -1, 100));
    expect(et.snapshot().map((sheet) => sheet.name)).toContain('汇总');
  });
});
