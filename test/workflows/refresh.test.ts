/**
 * Integration: the refresh workflow with the Office.js adapter against the fake Excel, on the
 * realistic ledger (test/fixtures/realisticLedger.ts). What both hosts do alike (run twice, a failure at
 * any round trip, a user's 汇总 sheet) is in the shared suite, test/workflows/hosts/refreshOnHosts.test.ts.
 */
import type { CellValue } from '../../src/domain/ledger/types';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { LEASE_SHEET_NAME } from '../../src/excel/refreshLock';
import { refresh, refreshHeld, type RefreshOptions, type RunReport } from '../../src/workflows/refresh';
import { isRunNote } from '../../src/workflows/runNotes';
import { PortError } from '../../src/workflows/workbookPort';
import type { WorkbookSnapshot } from '../fakes/fakeExcel';
import { fakeWorkbook, sheetSnapshot, uninstallFakes } from '../excel/fakeWorkbook';
import { highlightedCells } from '../fakes/excel/highlightedCells';
import { realisticLedgerExpected, realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

const NOW = new Date(2025, 8, 30, 14, 5);
const options: RefreshOptions = { now: () => NOW, displayLanguage: 'zh-CN' };

/** Refresh with a new port each time, as the ribbon does (nothing cached between refreshes). */
function refreshOnce(): Promise<RunReport> {
  return refresh(createOfficeWorkbookPort(), options);
}

type Sheet = WorkbookSnapshot['sheets'][number];

function numbers(sheet: Sheet): number[] {
  return sheet.values.flat().filter((v): v is number => typeof v === 'number');
}

function texts(sheet: Sheet): string[] {
  return sheet.values.flat().filter((v): v is string => typeof v === 'string');
}

/** The ledger sheet of the fixture as the fake stores it. */
function ledgerWorkbook(apiVersion?: string, grid: CellValue[][] = realisticLedgerGrid()) {
  return fakeWorkbook({ ...(apiVersion === undefined ? {} : { apiVersion }), sheets: { 台账: grid } });
}

describe('refresh with the Office.js adapter', () => {
  it('writes the summary with the ledger figures and a validation sheet linking to each error', async () => {
    const { fake } = ledgerWorkbook();
    const report = await refreshOnce();
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.sheets).toMatchObject({ summary: expect.any(String), validation: expect.any(String) });
    expect(report.read?.counts.dataRows).toBe(realisticLedgerExpected.dataRows);

    const summary = sheetSnapshot(fake, report.sheets.summary!);
    expect(numbers(summary)).toContain(realisticLedgerExpected.projects);
    // Total investment in 亿元 (displayed with one decimal; the cell may hold it rounded or not).
    const totalYi = realisticLedgerExpected.totalWan / 10_000;
    expect(numbers(summary).some((n) => Math.abs(n - totalYi) < 0.05)).toBe(true);

    const validation = sheetSnapshot(fake, report.sheets.validation!);
    const links = Object.values(validation.formulas).filter((f) => f.startsWith('=HYPERLINK('));
    for (const row of realisticLedgerExpected.errorSheetRows) {
      expect([row, links.some((f) => new RegExp(`"#'台账'!\\$?[A-Z]{1,3}\\$?${row}"`).test(f))]).toEqual([row, true]);
    }
  });

  it("states the ledger's own date as 截至 and the run time apart as 生成时间, in the sheet and the brief", async () => {
    const { fake } = ledgerWorkbook();
    const report = await refreshOnce();
    const summary = texts(sheetSnapshot(fake, report.sheets.summary!));
    // The fixture's title row says 截至2025年9月: the month's last day. The run is at 2025-09-30 14:05 (NOW).
    expect(summary).toContain('截至：2025年9月30日');
    expect(summary).toContain('生成时间：2025年9月30日 14:05');
    expect(report.brief?.startsWith('截至2025年9月30日，共有')).toBe(true);

    const pinned = await refresh(createOfficeWorkbookPort(), { ...options, settings: { asOf: '2025-06-30' } });
    expect(texts(sheetSnapshot(fake, pinned.sheets.summary!))).toContain('截至：2025年6月30日');
  });

  it('says 截至日期：未注明 when neither the ledger nor the settings give a date', async () => {
    const grid = realisticLedgerGrid();
    grid[1] = grid[1]!.map(() => undefined);
    const { fake } = ledgerWorkbook(undefined, grid);
    const report = await refreshOnce();
    const summary = texts(sheetSnapshot(fake, report.sheets.summary!));
    expect(summary).toContain('截至日期：未注明');
    expect(summary.some((t) => t.startsWith('截至：'))).toBe(false);
  });

  it('draws native charts over the summary sheet own ranges', async () => {
    const { fake } = ledgerWorkbook();
    const report = await refreshOnce();
    const summary = sheetSnapshot(fake, report.sheets.summary!);
    expect(summary.charts.length).toBeGreaterThan(0);
    const prefix = /^'?([^!]+?)'?!/;
    for (const chart of summary.charts) {
      expect(chart.seriesBy).toBe('Columns');
      expect(chart.position).not.toBeNull();
      for (const series of chart.series) {
        expect(series.values?.match(prefix)?.[1]).toBe(summary.name);
        expect(series.xValues?.match(prefix)?.[1]).toBe(summary.name);
      }
    }
    expect(new Set(summary.charts.map((c) => c.name)).size).toBe(summary.charts.length);
  });

  it('marks the error cells in the ledger', async () => {
    const { fake } = ledgerWorkbook();
    await refreshOnce();
    const marked = new Set(Object.keys(highlightedCells(fake.snapshot(), '台账').fills).map((a) => Number(/\d+$/.exec(a)?.[0])));
    for (const row of realisticLedgerExpected.errorSheetRows) expect([row, marked.has(row)]).toEqual([row, true]);
  });

  it('completes with a note and saves the state when marking the ledger fails', async () => {
    const { fake, port } = ledgerWorkbook();
    const failing = { ...port, markCells: () => Promise.reject(new PortError('host_error', 'markCells: Excel error AccessDenied: the sheet is protected')) };
    const report = await refresh(failing, options);
    expect([report.ok, report.error]).toEqual([true, null]);
    expect(report.notes.filter(isRunNote).map((n) => n.code)).toEqual(['marks_failed']);
    const note = report.notes.find((n) => n.code === 'marks_failed')!;
    expect(note.message['zh-CN']).toContain('AccessDenied');
    expect(note.message['en-US']).toMatch(/^The summaries were updated, but the issue cells could not be marked/);
    expect(numbers(sheetSnapshot(fake, report.sheets.summary!))).toContain(realisticLedgerExpected.projects);
    const state = await port.readState();
    expect([state.lastRefresh, state.snapshot === null]).toEqual([NOW.toISOString(), false]);
    expect(sheetSnapshot(fake, '台账').conditionalFormats).toEqual([]);
  });

  it('completes with a note, new summaries and saved state when the ledger sheet is protected', async () => {
    const { fake, port } = ledgerWorkbook();
    await refreshOnce();
    fake.protectSheet('台账');
    const ledger = sheetSnapshot(fake, '台账');
    const summaryBefore = sheetSnapshot(fake, '汇总').values;
    const later = new Date(NOW.getTime() + 60_000);
    const report = await refresh(port, { ...options, now: () => later });
    expect([report.ok, report.notes.filter(isRunNote).map((n) => n.code)]).toEqual([true, ['marks_failed']]);
    expect(sheetSnapshot(fake, '台账')).toEqual(ledger);
    expect(sheetSnapshot(fake, '汇总').values).not.toEqual(summaryBefore); // its as-of time moved on
    expect((await port.readState()).lastRefresh).toBe(later.toISOString());
    expect(fake.snapshot().sheets.map((s) => s.name)).not.toContain(LEASE_SHEET_NAME);
  });

  it('completes with a note and still marks the ledger when saving the state fails', async () => {
    const { fake, port } = ledgerWorkbook();
    const failing = { ...port, writeState: () => Promise.reject(new PortError('write_failed', 'settings.saveAsync failed')) };
    const report = await refresh(failing, options);
    expect([report.ok, report.notes.filter(isRunNote).map((n) => n.code)]).toEqual([true, ['state_not_saved']]);
    expect((await port.readState()).lastRefresh).toBeNull();
    expect(sheetSnapshot(fake, '台账').conditionalFormats.length).toBeGreaterThan(0);
  });

  it('keeps ledger text that starts with = as text everywhere it is shown', async () => {
    const { fake } = ledgerWorkbook();
    const injected = '=HYPERLINK("http://x","y")';
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      sheet.getRange('B7').values = [[`'${injected}`]]; // a project name, typed as text
      sheet.getRange('H7').values = [['待定']]; // …on an error row, so the validation sheet shows it
      sheet.getRange('C8').values = [[`'${injected}`]]; // an SOE name on a counted row
    });
    const report = await refreshOnce();
    expect(report.ok).toBe(true);
    for (const sheet of fake.snapshot().sheets) {
      expect([sheet.name, Object.values(sheet.formulas).filter((f) => f.includes('http://x'))]).toEqual([sheet.name, []]);
    }
    const shown = fake.snapshot().sheets.filter((s) => s.name !== '台账' && texts(s).some((t) => t.includes(injected)));
    expect(shown.length).toBeGreaterThan(0);
  });

  describe.each(['1.1', '1.16'])('marks on ExcelApi %s', (apiVersion) => {
    it('restores the user fills when the marks are cleared', async () => {
      const { fake } = ledgerWorkbook(apiVersion);
      await fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('台账');
        sheet.getRange('H31').format.fill.color = '#00B050'; // an error cell
        sheet.getRange('B7:B9').format.fill.color = '#FFFF00'; // a warning cell among others
      });
      const before = sheetSnapshot(fake, '台账');
      const port = createOfficeWorkbookPort();
      expect((await refresh(port, options)).ok).toBe(true);
      expect(sheetSnapshot(fake, '台账')).not.toEqual(before);
      await port.clearMarks();
      expect(sheetSnapshot(fake, '台账')).toEqual(before);
    });
  });

  it('runs the whole refresh on ExcelApi 1.1 and reports what is degraded', async () => {
    const { fake } = ledgerWorkbook('1.1');
    const report = await refreshOnce();
    expect(report.ok).toBe(true);
    expect(report.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['marks_as_fills', 'state_sheet_visible']));
    expect(report.notes.every((n) => n.message['zh-CN'] !== '' && n.message['en-US'] !== '')).toBe(true);
    const summary = sheetSnapshot(fake, report.sheets.summary!);
    expect(numbers(summary)).toContain(realisticLedgerExpected.projects);
    expect(summary.charts.length).toBeGreaterThan(0);
  });

  it('takes the lease in its first request and releases it in the marking\'s last, and saves round trips under it', async () => {
    const { fake, port } = ledgerWorkbook();
    await refreshOnce();
    fake.resetSyncStats();
    await refreshHeld(port, options);
    const held = fake.syncCount;
    fake.resetSyncStats();
    expect((await refreshOnce()).ok).toBe(true);
    // Only under the lease (refreshHeld alone has no held section): listSheets' two round trips read with
    // readState's two requests (- 2), writeState with the head readState read (- 1), the marking's first round
    // trip read with the state write (- 1), the lease's release with the marking's last request
    // (test/excel/heldRoundTrips.test.ts has each of them).
    expect(fake.syncCount).toBe(held - 4);
    expect(fake.snapshot().sheets.map((s) => s.name)).not.toContain(LEASE_SHEET_NAME);
  });
});

