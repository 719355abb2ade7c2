/** @jest-environment jsdom */
/**
 * 合并区县台账 in the WPS task pane end to end: the light pane over `createWpsPaneHost` with the reader (`loadMerge`)
 * over the fake ET, the three district files picked as `File`s and read with FileReader.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { TextDecoder as NodeTextDecoder } from 'util';
import { renderLightPane } from '../../src/legacyPane/renderLightPane';
import { LABELS } from '../../src/taskpane/labels';
import type { EtApplication } from '../../src/wps/etTypes';
import { createWpsPaneHost } from '../../src/wpsAddin/createWpsPaneHost';
import { MERGED_EXPECTED } from '../domain/merge/districtLedgers';
import { createFakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeDistrictFiles } from '../workflows/districtFiles';

let dir: string;
let files: File[];
beforeAll(async () => {
  // jest's jsdom environment has no TextDecoder; the webviews the merge is offered in have it (src/wpsAddin/pane.ts).
  if (typeof globalThis.TextDecoder === 'undefined') (globalThis as { TextDecoder?: unknown }).TextDecoder = NodeTextDecoder;
  dir = mkdtempSync(join(tmpdir(), 'ledger-lightpane-merge-'));
  files = (await writeDistrictFiles(dir)).map((path) => new File([new Uint8Array(readFileSync(path))], basename(path)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  document.body.innerHTML = '';
});

const byTestId = (id: string): HTMLElement | null => document.querySelector(`[data-testid="${id}"]`);

/** Lets promise callbacks, FileReader and the pane's paint yields run until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  expect(done()).toBe(true);
}

describe('合并区县台账 in the WPS task pane', () => {
  it('reads the picked files, writes 合并台账 through the ET port, and the refresh then reads it', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    const host = createWpsPaneHost({ application: et as unknown as EtApplication, loadMerge: () => import('../../src/taskpane/mergeFiles') });
    document.body.innerHTML = '<div id="root"></div>';
    await renderLightPane(document, document.getElementById('root')!, host);

    const input = byTestId('merge-files') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
    await until(() => byTestId('merge-use-as-source') !== null || /失败/.test(byTestId('merge-result')?.textContent ?? ''));

    const lines = Array.from(document.querySelectorAll('[data-testid="merge-progress"] li')).map((li) => li.textContent ?? '');
    expect(lines).toHaveLength(3);
    lines.forEach((line, index) => expect(line).toMatch(new RegExp(`^${files[index]!.name}：已读取 \\d+ 行$`)));
    expect(byTestId('merge-result')?.textContent).toContain(`${MERGED_EXPECTED.projects} 个项目，其中 ${MERGED_EXPECTED.duplicates} 个`);
    expect(et.snapshot().map((sheet) => sheet.name)).toContain('合并台账');

    byTestId('merge-use-as-source')!.click();
    await until(() => byTestId('merge-used-as-source') !== null);
    await until(() => byTestId('refresh')?.textContent === LABELS['zh-CN'].refresh);
    const report = await host.refresh(() => undefined);
    expect(report.ok).toBe(true);
    expect(report.read?.sheet).toBe('合并台账');
    expect(report.summary?.totals.projects).toBe(MERGED_EXPECTED.projects);
    expect(report.summary?.totals.totalWan).toBeCloseTo(MERGED_EXPECTED.totalWan, 4);
  });
});
