import { fakeWorkbook, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

describe('listSheets', () => {
  it('lists every sheet in tab order with its used-range size and a preview from A1', async () => {
    const { port } = fakeWorkbook({ sheets: { 说明: [['台账说明']], 台账: smallLedger(40), 空表: [] } });
    const sheets = await port.listSheets();
    expect(sheets.map((s) => [s.name, s.rowCount, s.columnCount])).toEqual([
      ['说明', 1, 1],
      ['台账', 41, 6],
      ['空表', 0, 0],
    ]);
    const ledger = sheets[1]!;
    expect(ledger.preview).toHaveLength(30);
    expect(ledger.preview[0]).toEqual(smallLedger()[0]);
    expect(ledger.preview[29]).toEqual([29, '项目29', '中国华能', '能源', '在建', 38]);
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
