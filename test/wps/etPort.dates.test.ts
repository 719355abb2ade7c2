/**
 * 1904-date workbooks in WPS 表格: `Workbook.Date1904` gives the date system, so a 1904 workbook's dates come out as
 * the ones WPS shows, the same as the Office.js port's (which asks DATE(1904,1,1)) and as a 1900 workbook of the
 * same dates.
 */
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import type { CellValue } from '../../src/domain/ledger/types';
import { refresh, type RefreshOptions, type RunReport } from '../../src/workflows/refresh';
import { createEtWorkbookPort } from '../../src/wps/etWorkbookPort';
import { fakeWorkbook, uninstallFakes } from '../excel/fakeWorkbook';
import { createFakeEt, type FakeEtOptions } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

const options: RefreshOptions = { now: () => new Date(2025, 8, 30, 14, 5), displayLanguage: 'zh-CN' };

/** Days between the two systems' serials of one date (1900-system serial − 1904-system serial). */
const OFFSET = 1462;

/** The realistic ledger as a 1904 workbook stores it: its date serials (开工时间, 竣工时间) are 1,462 less. */
function ledger1904(): { grid: CellValue[][]; moved: number } {
  let moved = 0;
  const grid = realisticLedgerGrid().map((row) =>
    row.map((v, c) => {
      if ((c === 9 || c === 10) && typeof v === 'number' && v > 10_000) {
        moved++;
        return v - OFFSET;
      }
      return v;
    }),
  );
  return { grid, moved };
}

/** Each counted row's start and completion dates as read (the summary JSON does not show them). */
const datesOf = (report: RunReport) => report.read?.rows.map((row) => [row.sheetRow, row.startDate, row.completionDate]);

const refreshEt = (et: FakeEtOptions) => refresh(createEtWorkbookPort({ application: createFakeEt(et), token: () => 't' }), options);

describe('1904-date workbooks in WPS 表格', () => {
  it('give the summary JSON and the dates of the Office.js port over the same 1904 workbook, and of the 1900 workbook of the same dates', async () => {
    const { grid, moved } = ledger1904();
    expect(moved).toBeGreaterThan(0);
    fakeWorkbook({ date1904: true, sheets: { 台账: grid } });
    const office = await refresh(createOfficeWorkbookPort(), options);
    const wps = await refreshEt({ sheets: { 台账: grid }, date1904: true });
    const in1900 = await refreshEt({ sheets: { 台账: realisticLedgerGrid() } });
    expect([wps.ok, office.ok, in1900.ok]).toEqual([true, true, true]);
    expect(wps.json).toEqual(office.json);
    expect(wps.json).toEqual(in1900.json);
    expect(wps.issues).toEqual(in1900.issues);
    expect(datesOf(wps)).toEqual(datesOf(office));
    expect(datesOf(wps)).toEqual(datesOf(in1900));
    expect(wps.notes.map((n) => n.code)).not.toContain('wps_date_system_unknown');
  });

  it('read as 1900 dates, with a note, on a host without Date1904 (and then the dates differ: the test above is not vacuous)', async () => {
    const { grid } = ledger1904();
    const blind = await refreshEt({ sheets: { 台账: grid }, date1904: true, missing: ['Date1904'] });
    const seeing = await refreshEt({ sheets: { 台账: grid }, date1904: true });
    expect(blind.notes.map((n) => n.code)).toContain('wps_date_system_unknown');
    expect(blind.notes.find((n) => n.code === 'wps_date_system_unknown')?.message['zh-CN']).toContain('1904');
    expect(datesOf(blind)).not.toEqual(datesOf(seeing));
    expect(datesOf(blind)?.filter(([, start]) => start !== null).length).toBeGreaterThan(0);
  });
});
