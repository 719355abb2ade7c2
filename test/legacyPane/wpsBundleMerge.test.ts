/**
 * @jest-environment jsdom
 *
 * 合并区县台账 in the built WPS task pane (taskpane.js, built by scripts/buildWps.mjs into a temp folder): in an iframe
 * realm with TextDecoder, over the fake ET, the three district files picked in the pane are read and merged by the
 * bundle's own reader (loaded by its `import()` on the first merge) and 合并台账 is written. Without TextDecoder the
 * pane offers no merge and still runs (test/wpsAddin/es5Bundles.test.ts runs it in such a realm).
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { TextDecoder as NodeTextDecoder } from 'util';
import { MERGED_EXPECTED } from '../domain/merge/districtLedgers';
import { createFakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { iframeRealm, until } from '../bundles/oldRealm';
import { writeDistrictFiles } from '../workflows/districtFiles';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

let out: string;
let paths: string[];
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'build-wps-merge-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'buildWps.mjs'), '--out', out, '--no-7z'], { encoding: 'utf8' });
  paths = await writeDistrictFiles(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => {
  document.body.innerHTML = '';
});

it('taskpane.js merges the picked district files and writes 合并台账 through ET', async () => {
  const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
  const w = iframeRealm('<div id="root"></div>') as unknown as Window & { File: typeof File; Event: typeof Event; TextDecoder?: unknown; Application?: unknown };
  w.TextDecoder = NodeTextDecoder;
  w.Application = et;
  (w as unknown as { eval: (code: string) => unknown }).eval(readFileSync(join(out, `ledgerstats_${version}`, 'taskpane.js'), 'utf8'));
  const doc = w.document;
  const byTestId = (id: string): HTMLElement | null => doc.querySelector(`[data-testid="${id}"]`);
  await until(() => byTestId('merge-files') !== null, 'the merge input');
  const input = byTestId('merge-files') as HTMLInputElement;
  const files = paths.map((path) => new w.File([new Uint8Array(readFileSync(path))], basename(path)));
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new w.Event('change'));
  await until(() => (byTestId('merge-result')?.textContent ?? '') !== '', 'the merge');
  const lines = Array.from(doc.querySelectorAll('[data-testid="merge-progress"] li')).map((li) => li.textContent ?? '');
  expect(lines.map((line) => line.replace(/\d+ 行$/, 'n 行'))).toEqual(paths.map((path) => `${basename(path)}：已读取 n 行`));
  expect(byTestId('merge-result')?.textContent).toContain(`${MERGED_EXPECTED.projects} 个项目，其中 ${MERGED_EXPECTED.duplicates} 个`);
  expect(et.snapshot().map((sheet) => sheet.name)).toEqual(['台账', '合并台账']);
});
