/** The fake's add-in runtimes: the task pane and the ribbon's function file side by side. */
import { createFakeExcel, type FakeExcel } from './fakeExcel';

let fake: FakeExcel;

beforeEach(() => {
  fake = createFakeExcel({ apiVersion: '1.9', sheets: { 台账: [['项目', 1]] }, settings: { kept: 'from the file' } });
  fake.install(globalThis);
});

afterEach(() => fake.uninstall());

/** Save a runtime's settings and wait for the callback. */
function save(settings: Office.Settings): Promise<void> {
  return new Promise((resolve) => settings.saveAsync(() => resolve()));
}

describe('FakeExcel.newRuntime', () => {
  it("keeps each runtime's own copy of the settings: loaded at start, written whole by saveAsync", async () => {
    const pane = Office.context.document.settings;
    const ribbon = fake.newRuntime().Office.context.document.settings;
    pane.set('paneKey', 1);
    await save(pane);
    expect([ribbon.get('paneKey'), ribbon.get('kept')]).toEqual([null, 'from the file']);
    // The ribbon's stale copy, saved, replaces the pane's save: the whole bag is written.
    ribbon.set('ribbonKey', 2);
    await save(ribbon);
    expect(fake.snapshot().settings).toEqual({ kept: 'from the file', ribbonKey: 2 });
    await new Promise((resolve) => pane.refreshAsync(resolve));
    expect([pane.get('paneKey'), pane.get('ribbonKey')]).toEqual([null, 2]);
  });

  it('switches events per runtime: writes made with events off still reach the other runtime', async () => {
    const ribbon = fake.newRuntime();
    const seen: string[] = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('台账').onChanged.add(async () => void seen.push('pane'));
      await context.sync();
    });
    await ribbon.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('台账').onChanged.add(async () => void seen.push('ribbon'));
      await context.sync();
    });
    await ribbon.Excel.run(async (context) => {
      context.runtime.enableEvents = false;
      context.workbook.worksheets.getItem('台账').getRange('B1').values = [[2]];
      await context.sync();
    });
    await fake.flushEvents();
    expect([seen, ribbon.eventsEnabled, fake.eventsEnabled]).toEqual([['pane'], false, true]);
    // A user's edit reaches every runtime that has events on.
    await fake.simulateUserEdit('台账', 'B1', 3);
    expect(seen).toEqual(['pane', 'pane']);
  });

  it("keeps each runtime's function commands", async () => {
    const ribbon = fake.newRuntime();
    ribbon.Office.actions.associate('refreshSummaries', (event: Office.AddinCommands.Event) => event.completed());
    expect([fake.actions.size, ribbon.actions.size]).toEqual([0, 1]);
    expect((await ribbon.invokeAction('refreshSummaries')).completedCalls).toBe(1);
  });

  it('installs on another global object without touching the first', () => {
    const page: Record<string, unknown> = {};
    const ribbon = fake.newRuntime();
    ribbon.install(page);
    expect([page['Office'] === ribbon.Office, page['Office'] === Office]).toEqual([true, false]);
    ribbon.uninstall();
    expect('Office' in page).toBe(false);
  });
});
