import type { PageSetup } from '../../src/domain';
import { fakeWorkbook, smallLedger, uninstallFakes } from './fakeWorkbook';
import { summaryPlan } from './plans';

afterEach(uninstallFakes);

const ledgerOnly = () => ({ sheets: { 台账: smallLedger(3) } });

const SETUP: PageSetup = {
  orientation: 'landscape',
  paperSize: 'A4',
  fitToPagesWide: 1,
  margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  titleRows: { first: 0, last: 0 },
  header: { left: '央地合作项目统计汇总', right: '截至：2025年9月30日' },
  footer: { center: '第 &P 页 共 &N 页' },
  rowBreaks: [4, 8],
};

describe('applySheetPlans page setup', () => {
  it('sets landscape A4, one page wide, margins in points, header, footer, print titles and page breaks on ExcelApi 1.9', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.9', ...ledgerOnly() });
    await port.applySheetPlans([summaryPlan({ pageSetup: SETUP })]);
    expect(fake.printSettings('汇总')).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 1 },
      // Inches × 72.
      margins: { leftMargin: 28.8, rightMargin: 28.8, topMargin: 54, bottomMargin: 54, headerMargin: 21.6, footerMargin: 21.6 },
      // Not centred: a narrow sheet prints from the left margin, as the CLI writes it (no printOptions).
      centerHorizontally: false,
      headersFooters: {
        leftHeader: '央地合作项目统计汇总',
        centerHeader: '',
        rightHeader: '截至：2025年9月30日',
        leftFooter: '',
        centerFooter: '第 &P 页 共 &N 页',
        rightFooter: '',
      },
      titleRows: '$1:$1',
      rowBreaks: [4, 8],
    });
    expect(port.capabilityNotes().map((n) => n.code)).not.toContain('no_page_layout');
  });

  it('replaces the page breaks of a sheet refreshed in place, keeping none of the old ones', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.9', ...ledgerOnly() });
    await port.applySheetPlans([summaryPlan({ pageSetup: SETUP })]);
    await port.applySheetPlans([summaryPlan({ pageSetup: { ...SETUP, rowBreaks: [6] } })]);
    expect(fake.printSettings('汇总').rowBreaks).toEqual([6]);
  });

  it('takes back the horizontal centring of a sheet refreshed in place', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.9', ...ledgerOnly() });
    await port.applySheetPlans([summaryPlan({ pageSetup: SETUP })]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('汇总').pageLayout.centerHorizontally = true;
      await context.sync();
    });
    expect(fake.printSettings('汇总').centerHorizontally).toBe(true);
    await port.applySheetPlans([summaryPlan({ pageSetup: SETUP })]);
    expect(fake.printSettings('汇总').centerHorizontally).toBe(false);
  });

  it('says so below ExcelApi 1.9, and leaves the print settings alone', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.8', ...ledgerOnly() });
    await port.applySheetPlans([summaryPlan({ pageSetup: SETUP })]);
    expect(fake.printSettings('汇总')).toMatchObject({ orientation: 'Portrait', rowBreaks: [] });
    const note = port.capabilityNotes().find((n) => n.code === 'no_page_layout');
    expect(note?.message['zh-CN']).toContain('ExcelApi 1.9');
  });
});
