/**
 * The WPS port's refresh lease (src/wps/etLease.ts) over the fake ET: the sheet, marker and cells of
 * src/workflows/leaseFormat.ts (the Office.js port's too), refused while another runtime holds it, taken over when
 * stale, released in a `finally`, and the in-memory queue within one runtime.
 */
import { refresh, type RefreshOptions } from '../../src/workflows/refresh';
import { PortError } from '../../src/workflows/workbookPort';
import { LEASE_MARKER, LEASE_NOTE, LEASE_SHEET_NAME, LEASE_TTL_MS } from '../../src/workflows/leaseFormat';
import { createEtWorkbookPort, type EtWorkbookPortOptions } from '../../src/wps/etWorkbookPort';
import type { EtWorksheet } from '../../src/wps/etTypes';
import { createFakeEt, type FakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

const options: RefreshOptions = { now: () => new Date(2025, 8, 30, 14, 5), displayLanguage: 'zh-CN' };

/** A port over `et` with a clock the test moves and no real waiting. */
function portOver(et: FakeEt, clock: { now: number }, token = 'mine', extra: EtWorkbookPortOptions['lease'] = {}) {
  return createEtWorkbookPort({
    application: et,
    token: () => 'tmp',
    lease: {
      token: () => token,
      now: () => clock.now,
      sleep: async (ms) => {
        clock.now += ms;
      },
      ...extra,
    },
  });
}

const lease = (et: FakeEt) => et.snapshot().find((s) => s.name === LEASE_SHEET_NAME);

/** Another runtime's lease sheet, as its `tryLease` leaves it. */
function otherLease(et: FakeEt, expires: number, holder = 'other'): void {
  const ws = et.ActiveWorkbook.Worksheets.Add(undefined, et.ActiveWorkbook.Worksheets.Item(et.ActiveWorkbook.Worksheets.Count));
  ws.Name = LEASE_SHEET_NAME;
  ws.Range('A1:C1').Value2 = [[LEASE_MARKER, holder, expires]];
  et.ActiveWorkbook.Worksheets.Item(1).Activate();
  ws.Visible = 0;
}

describe('WPS refresh lease', () => {
  it('holds a hidden lease sheet while the work runs, keeps the active sheet, and deletes it afterwards, also when the work fails', async () => {
    const et = createFakeEt({ sheets: { 台账: [['项目']], 其他: [['x']] } });
    et.ActiveWorkbook.Worksheets.Item('其他').Activate();
    const clock = { now: 1_000_000 };
    const port = portOver(et, clock);
    const seen = await port.exclusive(async () => ({ sheet: lease(et), active: et.ActiveWorkbook.ActiveSheet.Name, listed: (await port.listSheets()).map((s) => s.name) }));
    expect(seen.sheet?.values.slice(0, 2)).toEqual([
      [LEASE_MARKER, 'mine', 1_000_000 + LEASE_TTL_MS],
      [LEASE_NOTE, null, null],
    ]);
    expect(seen.sheet?.visible).toBe(0);
    expect(seen.active).toBe('其他');
    expect(seen.listed).toEqual(['台账', '其他']);
    expect(lease(et)).toBeUndefined();
    await expect(port.exclusive(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(lease(et)).toBeUndefined();
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('其他');
  });

  it('refuses a second refresh while another runtime holds it: waits, calls onWait once, then refresh_in_progress, and leaves that lease alone', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const clock = { now: 1_000_000 };
    otherLease(et, clock.now + LEASE_TTL_MS);
    const before = et.snapshot();
    let waits = 0;
    let ran = false;
    const port = portOver(et, clock, 'mine', { waitMs: 5_000, pollMs: 1_000 });
    const refused = port.exclusive(
      async () => {
        ran = true;
      },
      () => waits++,
    );
    await expect(refused).rejects.toEqual(expect.objectContaining({ code: 'refresh_in_progress' }));
    await expect(refused).rejects.toBeInstanceOf(PortError);
    expect([ran, waits]).toEqual([false, 1]);
    expect(et.snapshot()).toEqual(before);

    // Through the workflow: a failed run report, the workbook untouched.
    const report = await refresh(portOver(et, clock, 'mine', { waitMs: 0 }), options);
    expect([report.ok, report.error?.code]).toEqual([false, 'refresh_in_progress']);
    expect(et.snapshot()).toEqual(before);
  });

  it('runs once the other runtime releases its lease during the wait, with the note refresh_waited', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const clock = { now: 1_000_000 };
    otherLease(et, clock.now + LEASE_TTL_MS);
    const port = portOver(et, clock, 'mine', {
      sleep: async (ms) => {
        clock.now += ms;
        // The other runtime's refresh ends.
        et.DisplayAlerts = false;
        et.ActiveWorkbook.Worksheets.Item(LEASE_SHEET_NAME).Delete();
        et.DisplayAlerts = true;
      },
    });
    const report = await refresh(port, options);
    expect([report.ok, report.error]).toEqual([true, null]);
    expect(report.notes.map((n) => n.code)).toContain('refresh_waited');
    expect(lease(et)).toBeUndefined();
  });

  it('takes over a stale lease (expired), runs, and releases it', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const clock = { now: 1_000_000 };
    otherLease(et, clock.now - 1);
    let waits = 0;
    let during: unknown[] | undefined;
    const port = portOver(et, clock, 'mine', { waitMs: 0 });
    await port.exclusive(
      async () => {
        during = lease(et)?.values[0];
      },
      () => waits++,
    );
    expect(during).toEqual([LEASE_MARKER, 'mine', clock.now + LEASE_TTL_MS]);
    expect(waits).toBe(0);
    expect(lease(et)).toBeUndefined();
    // A whole refresh over a crashed runtime's lease.
    otherLease(et, clock.now - 1);
    expect((await refresh(portOver(et, clock, 'mine', { waitMs: 0 }), options)).ok).toBe(true);
    expect(lease(et)).toBeUndefined();
  });

  it('leaves a lease taken over by another runtime while the work ran past its expiry', async () => {
    const et = createFakeEt({ sheets: { 台账: [['项目']] } });
    const clock = { now: 1_000_000 };
    await portOver(et, clock).exclusive(async () => {
      clock.now += LEASE_TTL_MS + 1;
      et.ActiveWorkbook.Worksheets.Item(LEASE_SHEET_NAME).Range('B1').Value2 = 'other';
    });
    expect(lease(et)?.values[0]?.[1]).toBe('other');
  });

  it('runs without a lease when a user sheet has the lease name, and never touches that sheet', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid(), [LEASE_SHEET_NAME]: [['我的笔记']] } });
    const clock = { now: 1_000_000 };
    const report = await refresh(portOver(et, clock, 'mine', { waitMs: 0 }), options);
    expect(report.ok).toBe(true);
    expect(lease(et)?.values).toEqual([['我的笔记']]);
  });

  it('queues the refreshes of one runtime in memory: the second starts when the first ended', async () => {
    const et = createFakeEt({ sheets: { 台账: [['项目']] } });
    const clock = { now: 1_000_000 };
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = portOver(et, clock, 'one').exclusive(async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first ends');
    });
    const second = portOver(et, clock, 'two', { waitMs: 0 }).exclusive(async () => {
      order.push(`second starts, lease ${String(lease(et)?.values[0]?.[1])}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first starts', 'first ends', 'second starts, lease two']);
  });

  it('of two runtimes that add the lease sheet at once, the one whose rename fails deletes its sheet and waits', async () => {
    const et = createFakeEt({ sheets: { 台账: [['项目']] } });
    const clock = { now: 1_000_000 };
    // The other runtime names its sheet between our Sheets.Add and our rename.
    const add = et.ActiveWorkbook.sheets.Add.bind(et.ActiveWorkbook.sheets);
    let raced = false;
    et.ActiveWorkbook.sheets.Add = (before?: EtWorksheet, after?: EtWorksheet) => {
      const ws = add(before, after);
      if (!raced) {
        raced = true;
        et.ActiveWorkbook.sheets.Add = add;
        otherLease(et, clock.now + LEASE_TTL_MS);
      }
      return ws;
    };
    const sheetsBefore = 1;
    await expect(portOver(et, clock, 'mine', { waitMs: 0 }).exclusive(async () => 'ran')).rejects.toEqual(expect.objectContaining({ code: 'refresh_in_progress' }));
    expect(et.snapshot().map((s) => s.name)).toEqual(['台账', LEASE_SHEET_NAME]);
    expect(et.snapshot().length).toBe(sheetsBefore + 1);
    expect(lease(et)?.values[0]?.[1]).toBe('other');
  });

  it('fails as write_failed and leaves nothing behind when the host fails while taking it', async () => {
    const et = createFakeEt({ sheets: { 台账: [['项目']] } });
    const before = et.snapshot();
    for (const n of [1, 2, 3]) {
      et.failOnWrite = n;
      await expect(portOver(et, { now: 0 }).exclusive(async () => 'ran')).rejects.toEqual(expect.objectContaining({ code: 'write_failed' }));
      et.failOnWrite = null;
      expect([n, et.snapshot()]).toEqual([n, before]);
    }
  });
});
