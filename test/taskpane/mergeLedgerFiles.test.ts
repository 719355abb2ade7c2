import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { createPaneHost } from '../../src/taskpane/createPaneHost';
import type { PickedFile, PickedFileProgress } from '../../src/workflows/mergePickedFiles';
import { MERGED_EXPECTED } from '../domain/merge/districtLedgers';
import { fakeWorkbook, sheetSnapshot, smallLedger, uninstallFakes } from '../excel/fakeWorkbook';
import { writeDistrictFiles } from '../workflows/districtFiles';

let dir: string;
let files: PickedFile[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-pane-merge-'));
  files = (await writeDistrictFiles(dir)).map((path) => ({
    name: basename(path),
    bytes: () => Promise.resolve(new Uint8Array(readFileSync(path))),
  }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(uninstallFakes);

const loadMerge = () => import('../../src/taskpane/mergeFiles');
const notAWorkbook: PickedFile = { name: '说明.xlsx', bytes: () => Promise.resolve(new TextEncoder().encode('not a zip')) };

describe('PaneHost.mergeLedgerFiles over the Office port', () => {
  it('merges the picked files, writes 合并台账, and the sheet refreshes as the ledger with the merged figures', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    const yields: number[] = [];
    const host = createPaneHost({ port, loadMerge, yieldToUi: async () => void yields.push(1) });
    const progress: PickedFileProgress[] = [];
    const outcome = await host.mergeLedgerFiles!([files[0]!, notAWorkbook, files[1]!, files[2]!], (p) => progress.push(p));
    expect(outcome).toMatchObject({ sheet: '合并台账', filesRead: 3, projects: MERGED_EXPECTED.projects, duplicates: MERGED_EXPECTED.duplicates });
    expect(outcome.warnings).toBeGreaterThan(0);
    expect(outcome.failed.map((f) => [f.file, f.error.code])).toEqual([['说明.xlsx', 'file_unreadable']]);
    expect(progress.map((p) => `${p.index}:${p.state}`)).toEqual(['0:reading', '0:read', '1:reading', '1:failed', '2:reading', '2:read', '3:reading', '3:read']);
    expect(yields.length).toBeGreaterThanOrEqual(4);
    const sheet = sheetSnapshot(fake, '合并台账');
    expect(sheet.values.some((row) => row.includes('来源'))).toBe(true);

    await host.saveSettings({ source: { kind: 'sheet', name: outcome.sheet! } });
    const report = await host.refresh(() => undefined);
    expect(report.error).toBeNull();
    expect(report.read?.sheet).toBe('合并台账');
    expect(report.summary?.totals.projects).toBe(MERGED_EXPECTED.projects);
    expect(report.summary?.totals.totalWan).toBeCloseTo(MERGED_EXPECTED.totalWan, 4);
  });

  it('a second merge replaces the merged sheet instead of adding another', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    const host = createPaneHost({ port, loadMerge });
    await host.mergeLedgerFiles!(files, () => undefined);
    const again = await host.mergeLedgerFiles!([files[0]!], () => undefined);
    expect(again.sheet).toBe('合并台账');
    expect(fake.snapshot().sheets.map((s) => s.name).filter((n) => n.startsWith('合并台账'))).toEqual(['合并台账']);
    expect(sheetSnapshot(fake, '合并台账').values.length).toBeLessThan(MERGED_EXPECTED.projects + 2);
  });

  it('writes no sheet when no file could be read', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    const host = createPaneHost({ port, loadMerge });
    const outcome = await host.mergeLedgerFiles!([notAWorkbook], () => undefined);
    expect(outcome.sheet).toBeNull();
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账']);
  });

  it('is absent when the port cannot write a grid sheet, or no merge module is given (the light pane)', () => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    const { writeGridSheet: _unused, ...withoutGrid } = port;
    expect(createPaneHost({ port: withoutGrid, loadMerge }).mergeLedgerFiles).toBeUndefined();
    expect(createPaneHost({ port }).mergeLedgerFiles).toBeUndefined();
  });
});
