import { exclusive, LEASE_MARKER, LEASE_SHEET_NAME, LEASE_TTL_MS, type RefreshLeaseOptions } from '../../src/excel/refreshLock';
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
