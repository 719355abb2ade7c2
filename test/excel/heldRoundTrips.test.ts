import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { MARKS_SHEET_MARKER } from '../../src/excel/marks';
import { markRuleSheet } from '../../src/excel/markRules';
import { LEASE_SHEET_NAME } from '../../src/excel/refreshLock';
import { chunkText, chunkWireBytes, STATE_CHUNK_CHARS } from '../../src/workflows/stateSheet';
import type { CellMark } from '../../src/workflows/workbookPort';
import type { FakeExcel } from '../fakes/fakeExcel';
import { highlightedCells } from '../fakes/excel/highlightedCells';
import { meteredRefresh } from '../fakes/meteredRefresh';
import { largeLedger } from '../fixtures/largeLedger';
import { fakeWorkbook, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

/** A baseline-like text of `chunks` state chunks (CJK, quotes and markup, as a real one has). */
function baselineOf(chunks: number): string {
  const unit = '{"p":["大连项目<1>&\\"",12.5,"中国华能集团有限公司"]}';
  return unit.repeat(Math.ceil((chunks * STATE_CHUNK_CHARS) / unit.length)).slice(0, chunks * STATE_CHUNK_CHARS - 7);
}

const hasLease = (fake: FakeExcel): boolean => fake.snapshot().sheets.some((s) => s.name === LEASE_SHEET_NAME);

/** `Excel.run` over the fake that calls `before(n)` before the port's nth request is sent. */
function hookedRun(fake: FakeExcel, before: (n: number) => Promise<void> | void): typeof Excel.run {
  let n = 0;
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    fake.run(async (fakeContext) => {
      const context = fakeContext as unknown as Excel.RequestContext;
      const sync = context.sync.bind(context);
      context.sync = (async <S>(passThrough?: S): Promise<S> => {
        await before(++n);
        return sync(passThrough) as Promise<S>;
      }) as typeof context.sync;
      return batch(context);
    });
  return run as unknown as typeof Excel.run;
}

/** Delete a sheet as a user (or another runtime) would, in a request of its own. */
async function deleteSheet(fake: FakeExcel, name: string): Promise<void> {
  await fake.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(name);
    sheet.visibility = 'Hidden'; // a very hidden sheet cannot be deleted (office-js #365)
    sheet.delete();
    await context.sync();
  });
}

/** Round trips of each step, in order. */
async function tripsOf(fake: FakeExcel, steps: readonly (() => Promise<unknown>)[]): Promise<number[]> {
  const trips: number[] = [];
  for (const step of steps) {
    fake.resetSyncStats();
    await step();
    trips.push(fake.syncCount);
  }
  return trips;
}

describe('a refresh held under the lease: readState and listSheets', () => {
  it('finds the state sheet in the request that reads listSheets\' previews, so listSheets makes no request', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const baseline = baselineOf(20); // rows 4–23 of the state sheet: inside the 40 rows of the preview
    await createOfficeWorkbookPort().writeState({ snapshot: baseline, lastRefresh: 'then' });

    // Outside a held section: the sheet list, the candidates' heads, the baseline's chunks; then listSheets' two.
    const loose = createOfficeWorkbookPort();
    const looseSheets = await loose.listSheets();
    const [looseRead, looseList] = await tripsOf(fake, [() => loose.readState(), () => loose.listSheets()]);
    expect([looseRead, looseList]).toEqual([3, 2]);

    // Held (a new port, as the ribbon makes): the lease and both sheet lists in the first request, the
    // candidates' heads with listSheets' previews in the second; the preview holds the baseline's chunks.
    const port = createOfficeWorkbookPort();
    const seen = await port.exclusive(async () => {
      fake.resetSyncStats();
      const state = await port.readState();
      const read = fake.syncCount;
      const sheets = await port.listSheets();
      return { state, read, listed: fake.syncCount - read, sheets };
    });
    expect(seen.state.snapshot).toBe(baseline);
    expect([seen.read, seen.listed]).toEqual([2, 0]);
    expect(seen.sheets).toEqual(looseSheets);
  });

  it('reads only the chunks below the preview\'s 40 rows', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const baseline = baselineOf(120);
    await createOfficeWorkbookPort().writeState({ snapshot: baseline });
    const port = createOfficeWorkbookPort();
    const { state, bytes } = await port.exclusive(async () => {
      fake.resetSyncStats();
      const read = await port.readState();
      return { state: read, bytes: fake.syncLog.slice(2).reduce((sum, s) => sum + s.responseBytes, 0) };
    });
    expect(state.snapshot).toBe(baseline);
    // 120 chunks; the 37 in rows 4–40 came with the preview, the other 83 are read (their values and little else).
    const wire = chunkText(baseline).map(chunkWireBytes);
    const below = wire.slice(37).reduce((sum, b) => sum + b, 0);
    expect(bytes).toBeGreaterThanOrEqual(below);
    expect(bytes).toBeLessThan(below + (wire[0] ?? 0));
  });

  it('lists the sheets as they are when a sheet goes away between the two requests', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger(), 其他: [['x']] } });
    await createOfficeWorkbookPort().writeState({ snapshot: 'b' });
    let deleted = false;
    const port = createOfficeWorkbookPort({
      run: hookedRun(fake, async (n) => {
        // After the first request (sheet lists), before the second (heads and previews): a user deletes 其他.
        if (n !== 2) return;
        deleted = true;
        await deleteSheet(fake, '其他');
      }),
    });
    const { state, sheets } = await port.exclusive(async () => ({ state: await port.readState(), sheets: await port.listSheets() }));
    expect(deleted).toBe(true);
    expect(state.snapshot).toBe('b');
    expect(sheets.map((s) => s.name)).toEqual(['台账']);
  });
});

describe('a refresh held under the lease: writeState', () => {
  it('writes with the head its readState read, in one request', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await createOfficeWorkbookPort().writeState({ snapshot: 'b', lastRefresh: 'then' });
    const loose = createOfficeWorkbookPort();
    await loose.readState();
    const [looseWrite] = await tripsOf(fake, [() => loose.writeState({ lastRefresh: 'now' })]);
    const port = createOfficeWorkbookPort();
    const held = await port.exclusive(async () => {
      await port.readState();
      const [write] = await tripsOf(fake, [() => port.writeState({ lastRefresh: 'later' })]);
      return write;
    });
    expect([looseWrite, held]).toEqual([2, 1]);
    expect(await createOfficeWorkbookPort().readState()).toMatchObject({ snapshot: 'b', lastRefresh: 'later' });
  });

  it('finds the state again in the next held section: another runtime may have written it in between', async () => {
    fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const port = createOfficeWorkbookPort();
    await port.exclusive(async () => {
      await port.readState();
      await port.writeState({ snapshot: 'a' });
      await port.readState();
    });
    // Another runtime moves the baseline to the other column.
    await createOfficeWorkbookPort().writeState({ snapshot: 'b' });
    // A head kept from the first section would say the baseline is still 'a', and the write would be skipped
    // (listSheets' request takes the lease first, so the write runs under it).
    await port.exclusive(async () => {
      await port.listSheets();
      await port.writeState({ snapshot: 'a', lastRefresh: 'now' });
    });
    expect(await createOfficeWorkbookPort().readState()).toMatchObject({ snapshot: 'a', lastRefresh: 'now' });
  });

  it('keeps the previous baseline when a write with the kept head is interrupted at any request', async () => {
    const big = baselineOf(600); // more than one request of chunks
    const setUp = async () => {
      const w = fakeWorkbook({ maxPayloadBytes: 5_000_000, sheets: { 台账: smallLedger() } });
      await createOfficeWorkbookPort().writeState({ snapshot: 'old', lastRefresh: 'then' });
      return w;
    };
    const write = async (fake: FakeExcel, failAt: number | null): Promise<number> => {
      const port = createOfficeWorkbookPort();
      return port.exclusive(async () => {
        await port.readState();
        fake.resetSyncStats();
        if (failAt !== null) fake.failAtSync(failAt);
        await port.writeState({ snapshot: big, lastRefresh: 'now' }).catch(() => undefined);
        return fake.syncCount;
      });
    };
    const { fake } = await setUp();
    const requests = await write(fake, null);
    expect(requests).toBeGreaterThan(1);
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe(big);
    uninstallFakes();
    for (let n = 1; n <= requests; n++) {
      const { fake } = await setUp();
      await write(fake, n);
      expect([n, (await createOfficeWorkbookPort().readState()).snapshot]).toEqual([n, 'old']);
      uninstallFakes();
    }
  }, 60_000);

  it('finds the state again when its sheet was deleted while the refresh held the head', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await createOfficeWorkbookPort().writeState({ snapshot: 'b' });
    const port = createOfficeWorkbookPort();
    await port.exclusive(async () => {
      await port.readState();
      await deleteSheet(fake, '_ledger_stats');
      await port.writeState({ lastRefresh: 'now' });
    });
    expect(await createOfficeWorkbookPort().readState()).toMatchObject({ snapshot: null, lastRefresh: 'now' });
  });
});

describe('a refresh held under the lease: the marking after the state write', () => {
  const first: CellMark[] = [{ address: 'C3', severity: 'error' }];
  const second: CellMark[] = [
    { address: 'C4', severity: 'warning' },
    { address: 'A2', severity: 'error' },
  ];
  const userRules = (fake: FakeExcel) =>
    sheetSnapshot(fake, '台账')
      .conditionalFormats.filter((f) => markRuleSheet(f.rule.formula ?? '') === undefined)
      .map((f) => [f.address, f.rule.formula]);

  /** A marked ledger with a user's rule below ours (F2) and one above (C2:C6), and a stored state. */
  async function markedLedger() {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger(5) } });
    const user = (address: string, formula: string) =>
      fake.run(async (context) => {
        const rule = context.workbook.worksheets.getItem('台账').getRange(address).conditionalFormats.add('Custom');
        rule.custom.rule.formula = formula;
        rule.custom.format.font.color = '#0000FF';
      });
    await user('F2', '=F2>100');
    const port = createOfficeWorkbookPort();
    await port.writeState({ snapshot: 'b', lastRefresh: 'then' });
    await port.exclusive(() => port.markCells('台账', first));
    await user('C2:C6', '=C2="中国华能"');
    return { fake, users: userRules(fake) };
  }

  /** readState, readGrid of 台账, writeState, markCells in one held section of a new port: their round trips. */
  async function refreshLike(fake: FakeExcel, between?: () => Promise<void>): Promise<number[]> {
    const port = createOfficeWorkbookPort();
    return port.exclusive(async () => {
      await port.readState();
      await port.readGrid({ kind: 'sheet', name: '台账' });
      await between?.();
      return tripsOf(fake, [() => port.writeState({ lastRefresh: 'now' }), () => port.markCells('台账', second)]);
    });
  }

  it('looks at the sheets and rules with the state write\'s request, and marks as a marking of its own does', async () => {
    const { fake, users } = await markedLedger();
    expect(await refreshLike(fake)).toEqual([1, 1]); // without the kept head and the look: [2, 2]
    expect(userRules(fake)).toEqual(users);
    expect(highlightedCells(fake.snapshot(), '台账').fills).toEqual({ C4: '#FFEB9C', A2: '#FFC7CE' });
    expect(fake.snapshot().sheets.filter((s) => s.values[0]?.[0] === MARKS_SHEET_MARKER)).toHaveLength(1);
    expect(await createOfficeWorkbookPort().readState()).toMatchObject({ snapshot: 'b', lastRefresh: 'now' });
  });

  it('writes the state and marks when the marks\' helper went away before the state write', async () => {
    const { fake, users } = await markedLedger();
    const helper = fake.snapshot().sheets.find((s) => s.values[0]?.[0] === MARKS_SHEET_MARKER)?.name ?? '';
    // The look asks for the recorded helper: its request fails after the write ran; the events flag is put back,
    // and the write runs again alone (finding the state, writing). The marking then looks for itself, as it does
    // when the recorded helper is gone: its look fails, it looks again without it and at the candidates, writes.
    const trips = await refreshLike(fake, () => deleteSheet(fake, helper));
    expect(trips).toEqual([4, 4]);
    expect(await createOfficeWorkbookPort().readState()).toMatchObject({ snapshot: 'b', lastRefresh: 'now' });
    expect(userRules(fake)).toEqual(users);
    expect(highlightedCells(fake.snapshot(), '台账').fills).toEqual({ C4: '#FFEB9C', A2: '#FFC7CE' });
  });

  it('does not use the look after another operation of the section', async () => {
    const { fake, users } = await markedLedger();
    const port = createOfficeWorkbookPort();
    const trips = await port.exclusive(async () => {
      await port.readState();
      await port.readGrid({ kind: 'sheet', name: '台账' });
      await port.writeState({ lastRefresh: 'now' });
      await port.listSheets();
      return tripsOf(fake, [() => port.markCells('台账', second)]);
    });
    expect(trips).toEqual([2]);
    expect(userRules(fake)).toEqual(users);
    expect(highlightedCells(fake.snapshot(), '台账').fills).toEqual({ C4: '#FFEB9C', A2: '#FFC7CE' });
  });
});

describe('a refresh held under the lease: the release', () => {
  const marks: CellMark[] = [{ address: 'C2', severity: 'error' }];

  it('goes with the marking\'s last request', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const port = createOfficeWorkbookPort();
    await port.exclusive(() => port.markCells('台账', marks)); // the marks' helper sheet exists from here on
    await port.readState(); // no CLI marks to remove after the marking
    fake.resetSyncStats();
    await port.exclusive(() => port.markCells('台账', marks));
    const ops = fake.syncLog.map((s) => s.operations);
    // The lease with the marking's first request; the release after the rules in its last.
    expect(ops).toHaveLength(2);
    expect(ops[0]?.[0]).toBe('WorksheetCollection.add');
    expect(ops[1]?.slice(-1)).toEqual(['Worksheet.delete']);
    expect(ops[1]).toContain('ConditionalFormatCollection.add');
    expect(hasLease(fake)).toBe(false);
  });

  it('is taken again by a request after the marking, and released at the end', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    let isSelecting = false;
    let leaseBeforeSelect = true;
    const port = createOfficeWorkbookPort({
      run: hookedRun(fake, () => {
        if (!isSelecting) return;
        isSelecting = false;
        leaseBeforeSelect = hasLease(fake);
      }),
    });
    await port.readState();
    await port.exclusive(async () => {
      await port.markCells('台账', marks);
      isSelecting = true;
      expect(port.selectCell).toBeDefined();
      await port.selectCell?.('台账', 'A1');
    });
    expect(leaseBeforeSelect).toBe(false); // released by the marking's last request
    const last = fake.syncLog.slice(-2).map((s) => s.operations);
    expect(last[0]?.[0]).toBe('WorksheetCollection.add'); // selectCell's request takes the lease again
    expect(last[1]).toEqual(['Worksheet.delete']);
    expect(hasLease(fake)).toBe(false);
  });

  it('gets a request of its own when the marking\'s last request fails', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const port = createOfficeWorkbookPort();
    await port.readState();
    fake.resetSyncStats();
    fake.failAtSync(2);
    await expect(port.exclusive(() => port.markCells('台账', marks))).rejects.toThrow();
    expect(fake.syncLog.slice(-1).map((s) => s.operations)).toEqual([['Worksheet.delete']]);
    expect(hasLease(fake)).toBe(false);
  });

  it('gets a request of its own on ExcelApi 1.1, where the lease sheet cannot be hidden', async () => {
    const { fake } = fakeWorkbook({ apiVersion: '1.1', sheets: { 台账: smallLedger() } });
    const port = createOfficeWorkbookPort();
    await port.readState();
    fake.resetSyncStats();
    await port.exclusive(() => port.markCells('台账', marks));
    expect(fake.syncLog.slice(-1).map((s) => s.operations)).toEqual([['Worksheet.delete']]);
    expect(hasLease(fake)).toBe(false);
  });
});

describe('the second refresh of a 20,000-row ledger, each request in Office.js\'s format', () => {
  it('makes the round trips saved above, and no others', async () => {
    const m = await meteredRefresh({ ledger: largeLedger(20_000), runs: 2 });
    try {
      expect(m.runs.map((r) => r.report.ok)).toEqual([true, true]);
      const syncs = m.runs[1]?.syncs.map((s) => s.operations) ?? [];
      const has = (ops: readonly string[] | undefined, op: string): boolean => ops?.includes(op) === true;
      // 1: the lease, the state's sheet list and listSheets' first round trip.
      expect(syncs[0]?.slice(0, 3)).toEqual(['WorksheetCollection.add', 'Worksheet.visibility', 'Range.values']);
      // 2: the state sheet's head with listSheets' previews; listSheets makes no request of its own.
      expect(has(syncs[1], 'TableCollection.load')).toBe(true);
      expect(syncs.filter((ops) => has(ops, 'TableCollection.load'))).toHaveLength(1);
      // The state write comes right after the sheets were written, without finding the state sheet again
      // (its two values, events off and on), and carries the marking's look at the sheets and rules.
      const write = syncs.findIndex((ops) => has(ops, 'ConditionalFormatCollection.load'));
      expect(write).toBeGreaterThan(0);
      expect(has(syncs[write - 1], 'Worksheet.name')).toBe(true); // the last request of applySheetPlans
      expect(syncs[write]?.slice(0, 4)).toEqual(['Runtime.enableEvents', 'Range.values', 'Range.values', 'Runtime.enableEvents']);
      expect(syncs.filter((ops) => has(ops, 'ConditionalFormatCollection.load'))).toHaveLength(1);
      // Then the marking's write, with the release of the lease last: the refresh's last request.
      expect(syncs.slice(write + 1).map((ops) => [has(ops, 'ConditionalFormatCollection.add'), ops[ops.length - 1]])).toEqual([[true, 'Worksheet.delete']]);
      expect(m.fake.snapshot().sheets.some((s) => s.name === LEASE_SHEET_NAME)).toBe(false);
    } finally {
      m.uninstall();
    }
  }, 120_000);
});
