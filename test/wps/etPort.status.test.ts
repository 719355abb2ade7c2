/**
 * The WPS port's status line (`writeStatus`, what the ribbon's 刷新汇总 reports with): the cell the Office.js port
 * writes, found by the hidden name `_LedgerStats_Status`, as literal text, also in `Application.StatusBar`.
 */
import { cellAddress } from '../../src/excel/a1';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { refresh, type RefreshOptions } from '../../src/workflows/refresh';
import { createEtWorkbookPort, STATUS_NAME } from '../../src/wps/etWorkbookPort';
import { fakeWorkbook, sheetSnapshot, uninstallFakes } from '../excel/fakeWorkbook';
import { createFakeEt, type FakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

const options: RefreshOptions = { now: () => new Date(2025, 8, 30, 14, 5), displayLanguage: 'zh-CN' };
const portOf = (et: FakeEt) => createEtWorkbookPort({ application: et, token: () => 'tmp' });
const summaryOf = (et: FakeEt) => et.snapshot().find((s) => s.name === '汇总');

/** Where `text` is in a grid: `[row, col]`, 0-based. */
function whereIs(values: readonly (readonly unknown[])[] | undefined, text: string): [number, number] | null {
  for (const [r, row] of (values ?? []).entries()) {
    const c = row.indexOf(text);
    if (c >= 0) return [r, c];
  }
  return null;
}

describe('writeStatus', () => {
  it('writes the line where the Office.js port writes it, as literal text, grey, and in the status bar', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    const office = createOfficeWorkbookPort();
    expect((await refresh(office, options)).ok).toBe(true);
    expect(await office.writeStatus?.('=刷新失败：忙')).toBe(true);
    const officeAt = whereIs(sheetSnapshot(fake, '汇总').values, '=刷新失败：忙');
    expect(officeAt).not.toBeNull();

    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    expect((await refresh(portOf(et), options)).ok).toBe(true);
    // A new port, as the ribbon's next click makes: nothing is remembered in memory.
    expect(await portOf(et).writeStatus('=刷新失败：忙\n 请重试')).toBe(true);
    const summary = summaryOf(et);
    expect(whereIs(summary?.values, '=刷新失败：忙 请重试')).toEqual(officeAt);
    expect(summary?.formulas).toEqual({});
    const [r, c] = officeAt!;
    expect(et.ActiveWorkbook.Worksheets.Item('汇总').Range(cellAddress(r, c)).Font.Color).toBe(0x595959);
    expect(et.StatusBar).toBe('=刷新失败：忙 请重试');

    // The next line replaces it, in the same cell.
    expect(await portOf(et).writeStatus('已刷新')).toBe(true);
    expect(whereIs(summaryOf(et)?.values, '已刷新')).toEqual(officeAt);
    expect(whereIs(summaryOf(et)?.values, '=刷新失败：忙 请重试')).toBeNull();
  });

  it('reports a failed refresh on the previous summary sheet, which the refresh left intact', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    expect((await refresh(portOf(et), options)).ok).toBe(true);
    et.failOnWrite = 8; // inside the refresh's applySheetPlans
    const failed = await refresh(portOf(et), options);
    et.failOnWrite = null;
    expect(failed.ok).toBe(false);
    expect(await portOf(et).writeStatus('刷新失败')).toBe(true);
    expect(whereIs(summaryOf(et)?.values, '刷新失败')).not.toBeNull();
  });

  it('writes nothing and says so when there is no owned summary sheet (a user sheet 汇总 is never written)', async () => {
    const et = createFakeEt({ sheets: { 汇总: [['用户的']] } });
    const before = et.snapshot();
    expect(await portOf(et).writeStatus('已刷新')).toBe(false);
    expect(et.snapshot()).toEqual(before);
  });

  it('writes nothing into a summary that another host replaced since: its rows reach the status row, or the name is #REF!', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    expect((await refresh(portOf(et), options)).ok).toBe(true);
    const name = et.ActiveWorkbook.names.list.find((n) => n.name === STATUS_NAME);
    expect(name?.visible).toBe(false);
    const row = Number(/\$(\d+)$/.exec(name?.refersTo ?? '')?.[1]);
    const ws = et.ActiveWorkbook.Worksheets.Item('汇总');
    ws.Range(`C${row}`).Value2 = '别的表的内容';
    const before = et.snapshot();
    expect(await portOf(et).writeStatus('已刷新')).toBe(false);
    ws.Range(`C${row}`).Value2 = null;
    ws.Range(`A${row + 3}`).Value2 = '更长的汇总';
    expect(await portOf(et).writeStatus('已刷新')).toBe(false);
    ws.Range(`A${row + 3}`).Value2 = null;
    expect(before.find((s) => s.name === '汇总')?.values.flat()).toContain('别的表的内容');

    name!.refersTo = '=#REF!$A$1';
    expect(await portOf(et).writeStatus('已刷新')).toBe(false);
    expect(whereIs(summaryOf(et)?.values, '已刷新')).toBeNull();
  });

  it('works on a host without Application.StatusBar', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() }, missing: ['StatusBar'] });
    expect((await refresh(portOf(et), options)).ok).toBe(true);
    expect(await portOf(et).writeStatus('已刷新')).toBe(true);
    expect(et.StatusBar).toBeUndefined();
  });
});
