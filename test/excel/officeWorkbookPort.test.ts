import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { fakeWorkbook, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';
import { summaryPlan } from './plans';

afterEach(uninstallFakes);

describe('createOfficeWorkbookPort', () => {
  it('can be created before Office is ready and uses the globals at call time', async () => {
    const port = createOfficeWorkbookPort();
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger(1) } });
    expect((await port.listSheets()).map((s) => s.name)).toEqual(['台账']);
    expect(fake.syncCount).toBeGreaterThan(0);
  });

  it('runs through an injected Excel.run', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger(1) } });
    const run = jest.fn((batch: (context: Excel.RequestContext) => Promise<unknown>) => Excel.run(batch));
    const port = createOfficeWorkbookPort({ run: run as unknown as typeof Excel.run });
    await port.readGrid({ kind: 'sheet', name: '台账' });
    expect(run).toHaveBeenCalledTimes(1);
    expect(fake.syncCount).toBe(1);
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 汇总: [['x']], 台账: smallLedger(3) } });
    await port.selectCell!('台账', 'F3');
    expect(fake.snapshot().activeSheet).toBe('台账');
    expect(fake.selectedAddress).toBe('台账!F3');
  });
});

describe('writeStatus', () => {
  it('writes the status as literal text below everything the summary plan draws', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    await port.applySheetPlans([summaryPlan()]);
    await port.writeStatus!('=刷新失败：Excel 正忙');
    const sheet = sheetSnapshot(fake, '汇总');
    expect(sheet.values[26]?.[0]).toBe('=刷新失败：Excel 正忙');
    expect(sheet.quotePrefix).toHaveProperty('A27');
  });

  it('finds the summary sheet by its owner name when the recorded id went stale (workbook reopened)', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    await port.applySheetPlans([summaryPlan()]);
    fake.reopen();
    expect(await port.writeStatus!('已刷新')).toBe(true);
    expect(sheetSnapshot(fake, '汇总').values[26]?.[0]).toBe('已刷新');
  });

  it('does nothing when there is no owned summary sheet', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 汇总: [['用户的']] } });
    await port.writeStatus!('已刷新');
    expect(fake.syncCount).toBe(0);
    expect(sheetSnapshot(fake, '汇总').values).toEqual([['用户的']]);
  });
});

describe('watchEdits', () => {
  it('reports a user edit with the sheet name until stopped', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3), 说明: [['x']] } });
    const edits: (string | null)[] = [];
    const stop = await port.watchEdits((sheet) => edits.push(sheet));
    expect(stop).not.toBeNull();
    await fake.simulateUserEdit('台账', 'F3', 99);
    await fake.simulateUserEdit('说明', 'A2', 'y');
    expect(edits).toEqual(['台账', '说明']);
    await stop!();
    await fake.simulateUserEdit('台账', 'F4', 1);
    expect(edits).toHaveLength(2);
  });

  it('uses each sheet own event on ExcelApi 1.7', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.7', sheets: { 台账: smallLedger(3) } });
    const edits: (string | null)[] = [];
    const stop = await port.watchEdits((sheet) => edits.push(sheet));
    await fake.simulateUserEdit('台账', 'F3', 99);
    expect(edits).toEqual(['台账']);
    await stop!();
    expect(fake.handlerCount).toBe(0);
  });

  it('does not report the add-in own writes', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    const edits: (string | null)[] = [];
    await port.watchEdits((sheet) => edits.push(sheet));
    await port.applySheetPlans([summaryPlan()]);
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    await fake.flushEvents();
    expect(edits).toEqual([]);
  });

  it('returns null on a host without change events', async () => {
    const { port } = fakeWorkbook({ apiVersion: '1.6', sheets: { 台账: smallLedger(3) } });
    expect(await port.watchEdits(() => undefined)).toBeNull();
  });
});
