/**
 * Frozen panes and print settings in WPS 表格 (src/wps/etView.ts): the user's sheet stays active although freezing
 * activates each new sheet, and a host without the members refreshes with a note. That they match the Office.js port's
 * is in etWorkbookPort.test.ts.
 */
import { refresh, type RefreshOptions } from '../../src/workflows/refresh';
import { createEtWorkbookPort } from '../../src/wps/etWorkbookPort';
import { createFakeEt, type FakeEt, type FakeEtOptions } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

const options: RefreshOptions = { now: () => new Date(2025, 8, 30, 14, 5), displayLanguage: 'zh-CN' };

function refreshed(extra: Partial<FakeEtOptions> = {}, before: (et: FakeEt) => void = () => undefined) {
  const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid(), 说明: [['备注']] }, ...extra });
  before(et);
  return refresh(createEtWorkbookPort({ application: et, token: () => 't' }), options).then((report) => ({ et, report }));
}

describe('frozen panes and print settings in WPS 表格', () => {
  it('freezes the headers of the owned sheets that the plans freeze, and leaves the user on their sheet', async () => {
    const { et, report } = await refreshed({}, (wb) => wb.ActiveWorkbook.Worksheets.Item('说明').Activate());
    expect(report.ok).toBe(true);
    expect(et.ActiveWorkbook.ActiveSheet.Name).toBe('说明');
    const owned = new Set(Object.values(report.sheets));
    expect(et.snapshot().filter((s) => owned.has(s.name) && s.frozenPanes !== null).length).toBeGreaterThan(0);
    expect(et.snapshot().find((s) => s.name === report.sheets.summary)?.pageSetup.Zoom).toBe(false);
  });

  it.each([
    ['no ActiveWindow member', { missing: ['ActiveWindow', 'PageSetup'] } as Partial<FakeEtOptions>, () => undefined],
    ['no window open', {}, (et: FakeEt) => (et.windowOpen = false)],
  ])('refreshes on a host with %s, with the note wps_no_freeze_panes', async (_, extra, before) => {
    const { et, report } = await refreshed(extra, before);
    expect([report.ok, report.error]).toEqual([true, null]);
    expect(report.notes.map((n) => n.code)).toContain('wps_no_freeze_panes');
    expect(et.snapshot().filter((s) => s.frozenPanes !== null)).toEqual([]);
  });

  it('refreshes, with the notes, on a host that refuses freezing or a print setting (members not verified in a real ET)', async () => {
    const { et, report } = await refreshed({}, (wb) => {
      const window = wb.ActiveWindow!;
      Object.defineProperty(window, 'FreezePanes', { set: () => { throw new Error('refused'); } });
      Object.defineProperty(wb, 'ActiveWindow', { get: () => window });
      const add = wb.ActiveWorkbook.sheets.Add.bind(wb.ActiveWorkbook.sheets);
      wb.ActiveWorkbook.sheets.Add = (before, after) => {
        const ws = add(before, after);
        Object.defineProperty(ws, 'PageSetup', { get: () => ({ set Orientation(_: number) { throw new Error('refused'); } }) });
        return ws;
      };
    });
    expect([report.ok, report.error]).toEqual([true, null]);
    expect(report.notes.map((n) => n.code).sort()).toEqual(['wps_no_freeze_panes', 'wps_no_page_setup']);
    expect(et.snapshot().map((s) => s.name)).toContain(report.sheets.summary);
  });

  it('refreshes without PageSetup or HPageBreaks, with the note wps_no_page_setup', async () => {
    for (const missing of [['PageSetup'], ['HPageBreaks']] as const) {
      const { et, report } = await refreshed({ missing: [...missing] });
      expect([missing, report.ok, report.notes.map((n) => n.code)]).toEqual([missing, true, ['wps_no_page_setup']]);
      if (missing[0] === 'PageSetup') expect(et.snapshot().filter((s) => Object.keys(s.pageSetup).length > 0)).toEqual([]);
    }
  });
});
