/**
 * Integration: the ribbon command (ExecuteFunction `refreshSummaries`) over the Office.js adapter
 * and the fake Excel, invoked the way a ribbon click does.
 */
import { fakeWorkbook, sheetSnapshot, uninstallFakes } from '../excel/fakeWorkbook';
import { makeActionEvent, type FakeDialogUi } from '../fakes/excel/office';
import type { FakeExcel } from '../fakes/fakeExcel';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

type CommandsModule = typeof import('../../src/commands/commands') & Pick<typeof import('../../src/workflows/workbookPort'), 'PortError'>;

/**
 * Load the function file the way Office does: fresh modules, after the Office globals exist. With
 * the `PortError` class of that module graph, for ports that fail on purpose.
 */
async function loadFunctionFile(): Promise<CommandsModule> {
  let loaded: CommandsModule | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = { ...(await import('../../src/commands/commands')), PortError: (await import('../../src/workflows/workbookPort')).PortError };
  });
  await new Promise((resolve) => setTimeout(resolve, 0)); // Office.onReady callback
  return loaded!;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The status line, wherever it is (the summary sheet's name depends on the language). */
function statusLine(fake: FakeExcel): string | undefined {
  return fake
    .snapshot()
    .sheets.flatMap((s) => s.values.flat())
    .find((v): v is string => typeof v === 'string' && /^(已刷新|刷新失败|Refreshed|Refresh failed)/.test(v));
}

describe('refreshSummaries (ribbon)', () => {
  it('refreshes without the pane, writes a status line and completes the event once', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    await loadFunctionFile();
    const event = await fake.invokeAction('refreshSummaries');
    expect(event.completedCalls).toBe(1);
    expect(statusLine(fake)).toMatch(/^已刷新（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）：23 个项目，错误 4 个，警告 \d+ 个/);
  });

  it('writes the status in the display language of Office', async () => {
    const { fake } = fakeWorkbook({ displayLanguage: 'en-US', sheets: { 台账: realisticLedgerGrid() } });
    await loadFunctionFile();
    await fake.invokeAction('refreshSummaries');
    expect(statusLine(fake)).toMatch(/^Refreshed \(.*\): 23 projects, 4 errors, \d+ warnings?[,.]/);
  });

  it('reports a failed refresh on the previous summary, which stays, and completes the event', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid(), 说明: [['说明']] } });
    await loadFunctionFile();
    await fake.invokeAction('refreshSummaries');
    await fake.run(async (context) => context.workbook.worksheets.getItem('台账').delete());
    const event = await fake.invokeAction('refreshSummaries');
    expect(event.completedCalls).toBe(1);
    expect(statusLine(fake)).toMatch(/^刷新失败（.*）：没有找到台账/);
    expect(sheetSnapshot(fake, '汇总').charts.length).toBeGreaterThan(0);
  });

  it('completes the event when Excel fails', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    await loadFunctionFile();
    for (let n = 1; n <= 3; n++) {
      fake.failAtSync(n);
      const event = await fake.invokeAction('refreshSummaries');
      expect([n, event.completedCalls]).toEqual([n, 1]);
    }
  });
});

describe('refreshSummaries (ribbon) outcome dialog', () => {
  const COMMANDS_PAGE = 'https://localhost:3000/commands.html?_host_Info=Excel';

  // The function file runs in a browser page; jest's node environment has no window.
  beforeEach(() => {
    Object.defineProperty(globalThis, 'window', { value: { location: new URL(COMMANDS_PAGE) }, configurable: true, writable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'window');
  });

  const dialogUi = (): FakeDialogUi => Office.context.ui as unknown as FakeDialogUi;
  const withDialogApi = { requirementSets: { DialogApi: '1.1' } };

  it('completes the event as soon as the refresh has written its status line, without a dialog', async () => {
    const { fake } = fakeWorkbook({ ...withDialogApi, sheets: { 台账: realisticLedgerGrid() } });
    await loadFunctionFile();
    const event = await fake.invokeAction('refreshSummaries');
    expect(event.completedCalls).toBe(1);
    expect(statusLine(fake)).toMatch(/^已刷新/);
    // After a failure the previous summary sheet says so, and no dialog holds the event either.
    await fake.run(async (context) => context.workbook.worksheets.getItem('台账').delete());
    expect((await fake.invokeAction('refreshSummaries')).completedCalls).toBe(1);
    expect(statusLine(fake)).toMatch(/^刷新失败/);
    expect(dialogUi().calls).toEqual([]);
  });

  it('names a step that failed after the summaries were written on the status line, and completes', async () => {
    const { fake, port } = fakeWorkbook({ ...withDialogApi, sheets: { 台账: realisticLedgerGrid() } });
    const { refreshSummaries, PortError } = await loadFunctionFile();
    const failing = { ...port, markCells: () => Promise.reject(new PortError('host_error', 'markCells: Excel error AccessDenied')) };
    const event = makeActionEvent('refreshSummaries');
    const report = await refreshSummaries(event as unknown as Office.AddinCommands.Event, { port: failing });
    expect([report.ok, event.completedCalls, dialogUi().calls.length]).toEqual([true, 1, 0]);
    expect(statusLine(fake)).toMatch(/^已刷新（.*）：23 个项目，错误 4 个，警告 \d+ 个(，\d+ 项功能受限（见任务窗格）)?。汇总表已更新，但未能在台账中标记问题单元格（markCells: Excel error AccessDenied）/);
  });

  it('shows a failure with no summary sheet to report on in dialog.html, and completes after it closes', async () => {
    const { fake } = fakeWorkbook({ ...withDialogApi, sheets: { 说明: [['说明']] } });
    await loadFunctionFile();
    const running = fake.invokeAction('refreshSummaries');
    const call = await dialogUi().whenCalled();
    const url = new URL(call.url);
    expect(url.origin + url.pathname).toBe('https://localhost:3000/dialog.html');
    expect([url.searchParams.get('ok'), url.searchParams.get('lang'), url.searchParams.get('title')]).toEqual(['0', 'zh-CN', '刷新失败']);
    expect(url.searchParams.get('lines')).toContain('错误代码：ledger_not_found');
    expect(call.options).toEqual({ height: 30, width: 30, displayInIframe: true });
    await tick();
    await tick();
    call.dialog!.sendToParent('close');
    const event = await running;
    expect([call.dialog!.closeCalls, event.completedCalls]).toEqual([1, 1]);
  });

  it('shows a refusal in the dialog, not on the summary sheet another refresh is replacing', async () => {
    const { fake, port } = fakeWorkbook({ ...withDialogApi, sheets: { 台账: realisticLedgerGrid() } });
    const { refreshSummaries, PortError } = await loadFunctionFile();
    await fake.invokeAction('refreshSummaries');
    const before = statusLine(fake);
    const busy = { ...port, exclusive: () => Promise.reject(new PortError('refresh_in_progress', 'exclusive: lease held')) };
    const event = makeActionEvent('refreshSummaries');
    const running = refreshSummaries(event as unknown as Office.AddinCommands.Event, { port: busy });
    const call = await dialogUi().whenCalled();
    expect(new URL(call.url).searchParams.get('lines')).toContain('另一次刷新');
    expect(statusLine(fake)).toBe(before);
    call.dialog!.closeByUser();
    expect((await running).error?.code).toBe('refresh_in_progress');
    expect(event.completedCalls).toBe(1);
  });

  it('completes the event when displayDialogAsync reports failure', async () => {
    const { fake } = fakeWorkbook({ ...withDialogApi, sheets: { 说明: [['说明']] } });
    await loadFunctionFile();
    dialogUi().failNextOpen(12007);
    const event = await fake.invokeAction('refreshSummaries');
    expect(dialogUi().calls.map((c) => c.dialog)).toEqual([null]);
    expect(event.completedCalls).toBe(1);
  });

  it('completes the event when the user closes the dialog', async () => {
    const { fake } = fakeWorkbook({ ...withDialogApi, sheets: { 说明: [['说明']] } });
    await loadFunctionFile();
    const running = fake.invokeAction('refreshSummaries');
    (await dialogUi().whenCalled()).dialog!.closeByUser();
    expect((await running).completedCalls).toBe(1);
  });

  it('closes the dialog and completes the event when nobody answers in time, well before Office ends the runtime', async () => {
    fakeWorkbook({ ...withDialogApi, sheets: { 说明: [['说明']] } });
    const { refreshSummaries, DIALOG_TIMEOUT_MS } = await loadFunctionFile();
    expect(DIALOG_TIMEOUT_MS).toBeLessThanOrEqual(2 * 60 * 1000);
    const event = makeActionEvent('refreshSummaries');
    await refreshSummaries(event as unknown as Office.AddinCommands.Event, { dialogTimeoutMs: 20 });
    expect(dialogUi().calls[0]!.dialog!.closeCalls).toBe(1);
    expect(event.completedCalls).toBe(1);
  });

  it('attempts no dialog without DialogApi', async () => {
    const { fake } = fakeWorkbook({ sheets: { 说明: [['说明']] } });
    await loadFunctionFile();
    const displayDialogAsync = jest.fn();
    Object.assign(Office.context, { ui: { displayDialogAsync } });
    const event = await fake.invokeAction('refreshSummaries');
    expect(displayDialogAsync).not.toHaveBeenCalled();
    expect(event.completedCalls).toBe(1);
  });
});
