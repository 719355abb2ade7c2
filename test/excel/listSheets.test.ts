import { MARKS_SHEET_MARKER } from '../../src/excel/marks';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { SOURCE_PREVIEW_ROWS } from '../../src/workflows/chooseSource';
import { fakeWorkbook, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

describe('listSheets', () => {
  it('lists every sheet in tab order with its used-range size and a preview from A1', async () => {
    const { port } = fakeWorkbook({ sheets: { 说明: [['台账说明']], 台账: smallLedger(45), 空表: [] } });
    const sheets = await port.listSheets();
    expect(sheets.map((s) => [s.name, s.rowCount, s.columnCount])).toEqual([
      ['说明', 1, 1],
      ['台账', 46, 6],
      ['空表', 0, 0],
    ]);
    const ledger = sheets[1]!;
    // The shared header window of chooseSource (40 rows), not a shorter one of its own.
    expect(SOURCE_PREVIEW_ROWS).toBe(40);
    expect(ledger.preview).toHaveLength(SOURCE_PREVIEW_ROWS);
    expect(ledger.preview[0]).toEqual(smallLedger()[0]);
    expect(ledger.preview[39]).toEqual([39, '项目39', '中国华能', '能源', '在建', 48]);
    expect(sheets[2]!.preview).toEqual([]);
  });

  it('pads the preview with nulls where cells are empty', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: [[null, null], [null, 'B2']] } });
    const [sheet] = await port.listSheets();
    expect(sheet!.preview).toEqual([
      [null, null],
      [null, 'B2'],
    ]);
  });

  it('leaves out the marks helper sheet (by its A1 marker), not a user sheet of the same name', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3), _ledger_marks: [['用户自己的表']] } });
    await port.markCells('台账', [{ address: 'C2', severity: 'error' }]);
    const all = fake.snapshot().sheets.map((s) => s.name);
    const helper = all.find((name) => fake.getSheetValues(name)[0]?.[0] === MARKS_SHEET_MARKER);
    expect(helper).toBeDefined();
    expect((await port.listSheets()).map((s) => s.name)).toEqual(all.filter((name) => name !== helper));
    expect(all).toContain('_ledger_marks');
  });

  it('names the tables of each sheet', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('台账').tables.add('A1:F4', true).name = '项目表';
    });
    const [sheet] = await port.listSheets();
    expect(sheet!.tables).toEqual(['项目表']);
  });

  it('reports the owned role by the stored marker, not by the name', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2), 汇总: [['用户自己的汇总']] } });
    expect((await port.listSheets()).map((s) => s.ownedRole)).toEqual([null, null]);
    await port.applySheetPlans([{ role: 'summary', name: '汇总', blocks: [], formats: [], merges: [], columnWidths: [], charts: [] }]);
    const sheets = await port.listSheets();
    expect(sheets.map((s) => [s.name, s.ownedRole])).toEqual([
      ['台账', null],
      ['汇总', null],
      ['汇总 (2)', 'summary'],
    ]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '汇总', '汇总 (2)']);
  });

  it('takes two round trips whatever the number of sheets, owner markers included', async () => {
    const sheets = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`S${i}`, smallLedger(5)]));
    const { fake, port } = fakeWorkbook({ sheets });
    fake.resetSyncStats();
    await port.listSheets();
    expect(fake.syncCount).toBe(2);
  });

  it('works on ExcelApi 1.1', async () => {
    const { port } = fakeWorkbook({ apiVersion: '1.1', sheets: { 台账: smallLedger(2) } });
    const [sheet] = await port.listSheets();
    expect(sheet!.rowCount).toBe(3);
  });
});

describe('listSheets read ahead with readState in a held section', () => {
  /** A workbook with a stored snapshot (so readState makes a request), and a port without its cache. */
  async function withSnapshot() {
    const { fake, port: writer } = fakeWorkbook({ sheets: { 说明: [['台账说明']], 台账: smallLedger(3) } });
    await writer.writeState({ snapshot: '{"rows":[]}' });
    return { fake, port: createOfficeWorkbookPort() };
  }

  it('costs no round trip after readState under the lease that looked for the state sheet, and lists what two would', async () => {
    const { fake, port } = await withSnapshot();
    const plain = await port.listSheets();
    const trips = await port.exclusive(async () => {
      await port.readState();
      fake.resetSyncStats();
      const listed = await port.listSheets();
      return { listed, trips: fake.syncCount };
    });
    expect(trips).toEqual({ listed: plain, trips: 0 });
  });

  it('costs one round trip after readState under the lease that found the state sheet where it was, and lists what two would', async () => {
    const { fake, port } = await withSnapshot();
    const plain = await port.listSheets();
    await port.readState(); // the port now knows where the state sheet is: one request finds it
    const trips = await port.exclusive(async () => {
      fake.resetSyncStats();
      await port.readState();
      const read = fake.syncCount;
      fake.resetSyncStats();
      const listed = await port.listSheets();
      return { listed, read, trips: fake.syncCount };
    });
    expect(trips).toEqual({ listed: plain, read: 1, trips: 1 });
  });

  it('lists a sheet renamed in between by its new name', async () => {
    const { fake, port } = await withSnapshot();
    await port.readState(); // readState makes one request: listSheets reads the rest itself
    const names = await port.exclusive(async () => {
      await port.readState();
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('说明').name = '说明2';
      });
      fake.resetSyncStats();
      return (await port.listSheets()).map((s) => s.name);
    });
    expect([names, fake.syncCount]).toEqual([['说明2', '台账'], 2]); // one, and the release
  });

  it('lists again when a sheet was deleted in between', async () => {
    const { fake, port } = await withSnapshot();
    await port.readState();
    const names = await port.exclusive(async () => {
      await port.readState();
      await fake.run(async (context) => context.workbook.worksheets.getItem('说明').delete());
      fake.resetSyncStats();
      const listed = (await port.listSheets()).map((s) => s.name);
      return { listed, trips: fake.syncCount };
    });
    expect(names).toEqual({ listed: ['台账'], trips: 3 }); // the failed one, then two
  });

  it('does not read ahead outside a held section', async () => {
    const { fake, port } = await withSnapshot();
    await port.readState();
    fake.resetSyncStats();
    await port.listSheets();
    expect(fake.syncCount).toBe(2);
  });
});
