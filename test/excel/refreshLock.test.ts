import { exclusive, LEASE_MARKER, LEASE_SHEET_NAME, LEASE_TTL_MS, type RefreshLeaseOptions } from '../../src/excel/refreshLock';
import { documentSettings, SETTING_KEYS } from '../../src/excel/documentSettings';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { PortError } from '../../src/workflows/workbookPort';
import { fakeWorkbook, uninstallFakes } from './fakeWorkbook';
import type { FakeExcel } from '../fakes/fakeExcel';

afterEach(uninstallFakes);

/** Lease options over the installed fake, with a clock the test moves. */
function leaseOver(clock: { now: number }, token = 'mine'): RefreshLeaseOptions {
  return { run: (batch) => Excel.run(batch), canHide: true, token: () => token, now: () => clock.now, waitMs: 0, sleep: async () => undefined };
}

const hasLease = (fake: FakeExcel): boolean => fake.snapshot().sheets.some((s) => s.name === LEASE_SHEET_NAME);
const holder = (fake: FakeExcel): unknown => fake.getSheetValues(LEASE_SHEET_NAME)[0]?.[1];

describe('exclusive (refresh lease)', () => {
  it('holds the lease sheet while the work runs and deletes it afterwards, also when the work fails', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    const clock = { now: 1_000_000 };
    const seen = await exclusive(leaseOver(clock), async () => fake.getSheetValues(LEASE_SHEET_NAME)[0]);
    expect(seen).toEqual([LEASE_MARKER, 'mine', 1_000_000 + LEASE_TTL_MS]);
    expect(hasLease(fake)).toBe(false);
    await expect(exclusive(leaseOver(clock), () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(hasLease(fake)).toBe(false);
  });

  it('is not listed as a sheet of the workbook while it is held', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    const names = await port.exclusive(async () => (await port.listSheets()).map((s) => s.name));
    expect(names).toEqual(['台账']);
  });

  it('is refused with refresh_in_progress while a live lease exists', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    const clock = { now: 1_000_000 };
    // Another runtime's lease, expiring in a millisecond (two runtimes: concurrentRefresh.test.ts).
    await fake.run(async (context) => {
      context.workbook.worksheets.add(LEASE_SHEET_NAME).getRange('A1:C1').values = [[LEASE_MARKER, 'other', clock.now + 1]];
    });
    const refused = await exclusive(leaseOver(clock), async () => 'ran').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PortError);
    expect((refused as PortError).code).toBe('refresh_in_progress');
    expect(holder(fake)).toBe('other');
  });

  it('leaves a lease that another runtime took over alone when it releases after holding past the expiry', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    const clock = { now: 1_000_000 };
    await exclusive(leaseOver(clock), async () => {
      clock.now += LEASE_TTL_MS + 1;
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem(LEASE_SHEET_NAME).getRange('B1').values = [['other']];
      });
    });
    expect(holder(fake)).toBe('other');
  });

  it('retries a failed release once', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    await exclusive(leaseOver({ now: 1 }), async () => fake.failAtSync(1));
    expect(hasLease(fake)).toBe(false);
  });

  it('fails with the Excel error, taking no lease, when adding the lease sheet fails otherwise', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    fake.failAtSync(1, 'GeneralException');
    const error = await exclusive(leaseOver({ now: 1 }), async () => 'ran').catch((e: unknown) => e);
    expect([error instanceof PortError, (error as PortError).code, hasLease(fake)]).toEqual([true, 'host_error', false]);
  });
});

describe('exclusive through the port (the lease rides on the first request)', () => {
  const otherLease = (fake: FakeExcel, expires: number): Promise<void> =>
    fake.run(async (context) => {
      context.workbook.worksheets.add(LEASE_SHEET_NAME).getRange('A1:C1').values = [[LEASE_MARKER, 'other', expires]];
    });

  it('takes the lease in the first request of the held section, without a round trip of its own', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    fake.resetSyncStats();
    const names = await port.listSheets();
    const alone = fake.syncCount;
    fake.resetSyncStats();
    const seen = await port.exclusive(async () => {
      const listed = await port.listSheets();
      return { listed, holder: holder(fake), trips: fake.syncCount };
    });
    expect(seen).toEqual({ listed: names, holder: expect.any(String), trips: alone });
    expect(fake.syncCount).toBe(alone + 1); // the release
    expect(hasLease(fake)).toBe(false);
  });

  it('runs nothing of the carrying request when another runtime holds the lease, and is refused after the wait', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: [['项目']] } }, { lease: { waitMs: 0, sleep: async () => undefined } });
    await otherLease(fake, Date.now() + LEASE_TTL_MS);
    const refused = await port.exclusive(() => port.selectCell!('台账', 'B2')).catch((e: unknown) => e);
    expect([refused instanceof PortError, (refused as PortError).code]).toEqual([true, 'refresh_in_progress']);
    expect(fake.selectedAddress).not.toBe('台账!B2');
    expect(holder(fake)).toBe('other');
  });

  it('starts the operation over once it has taken over a stale lease, and releases it', async () => {
    const clock = { now: 1_000_000 };
    const { fake, port } = fakeWorkbook({ sheets: { 台账: [['项目']] } }, { lease: { now: () => clock.now, waitMs: 0, sleep: async () => undefined } });
    await otherLease(fake, clock.now - 1);
    const seen = await port.exclusive(async () => {
      await port.selectCell!('台账', 'B2');
      return holder(fake);
    });
    expect([seen, fake.selectedAddress, hasLease(fake)]).toEqual([expect.not.stringMatching(/^other$/), '台账!B2', false]);
  });

  it('gives the operation its own failure when the lease was taken in the failed request, and still releases it', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    const error = await port.exclusive(() => port.selectCell!('没有这张表', 'A1')).catch((e: unknown) => e);
    expect([error instanceof PortError, (error as PortError).code]).toEqual([true, 'source_not_found']);
    expect(hasLease(fake)).toBe(false);
  });

  it('reads the state another runtime wrote while this one waited for the lease', async () => {
    let onPoll = async (): Promise<void> => undefined;
    const { fake, port } = fakeWorkbook({ sheets: { 台账: [['项目']] } }, { lease: { pollMs: 0, sleep: () => onPoll() } });
    await otherLease(fake, Date.now() + LEASE_TTL_MS);
    // While this runtime waits, the other one writes the state and releases its lease.
    const other = fake.newRuntime();
    const otherPort = createOfficeWorkbookPort({ settings: documentSettings(() => other.Office.context.document.settings) });
    onPoll = async () => {
      onPoll = async () => undefined;
      await otherPort.writeState({ lastRefresh: '2025-09-30T06:05:00.000Z' });
      await fake.run(async (context) => context.workbook.worksheets.getItem(LEASE_SHEET_NAME).delete());
    };
    const state = await port.exclusive(() => port.readState());
    expect(state.lastRefresh).toBe('2025-09-30T06:05:00.000Z');
    expect(hasLease(fake)).toBe(false);
  });

  it('starts over when another runtime changed the settings between their reading and the request that took the lease', async () => {
    // No state sheet: readState reads the document settings of a version before issue 15.
    const { fake } = fakeWorkbook({ sheets: { 台账: [['项目']] } });
    const other = fake.newRuntime();
    const otherSettings = documentSettings(() => other.Office.context.document.settings);
    let first = true;
    const run = ((batch: (context: Excel.RequestContext) => Promise<unknown>) => {
      if (first) {
        first = false;
        // Another runtime's refresh ends (its last save) after this one read its settings.
        otherSettings.set(SETTING_KEYS.lastRefresh, '2025-09-30T06:05:00.000Z');
        return otherSettings.save().then(() => Excel.run(batch));
      }
      return Excel.run(batch);
    }) as typeof Excel.run;
    const port = createOfficeWorkbookPort({ run });
    const state = await port.exclusive(() => port.readState());
    expect(state.lastRefresh).toBe('2025-09-30T06:05:00.000Z');
    expect(hasLease(fake)).toBe(false);
  });
});
