/**
 * Integration: the ribbon command (ExecuteFunction `refreshSummaries`) over the Office.js adapter
 * and the fake Excel, invoked the way a ribbon click does.
 */
import { fakeWorkbook, sheetSnapshot, uninstallFakes } from '../excel/fakeWorkbook';
import type { FakeExcel } from '../fakes/fakeExcel';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

/** Load the function file the way Office does: fresh module, after the Office globals exist. */
async function loadFunctionFile(): Promise<void> {
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  await new Promise((resolve) => setTimeout(resolve, 0)); // Office.onReady callback
}

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
    expect(statusLine(fake)).toMatch(/^Refreshed \(/);
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
