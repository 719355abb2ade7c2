/**
 * `ledger-stats refresh --in-place` on a workbook with charts, a pivot table, VBA macros, the
 * add-in's web extension parts and custom XML (once refused, because ExcelJS dropped them): the
 * real bin rewrites the file atomically and every one of those parts keeps its bytes.
 */
import { unzipSync } from 'fflate';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { SummaryJson } from '../../src/domain/summarize/types';
import { richWorkbook } from '../xlsx/writer/richWorkbook';
import { ensureCliBuilt, runCli } from './cliHarness';

let dir: string;
beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ledger-stats-keep-'));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEPT = ['xl/vbaProject.bin', 'xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'xl/pivotTables/pivotTable1.xml', 'xl/pivotCache/pivotCacheDefinition1.xml', 'xl/webextensions/webextension1.xml', 'xl/webextensions/taskpanes.xml', 'customXml/item1.xml', 'xl/theme/theme1.xml'];

describe('ledger-stats refresh --in-place', () => {
  it('rewrites a workbook with charts, pivots, macros and add-in parts, keeping each of them byte for byte', async () => {
    const input = join(dir, 'rich.xlsm');
    await richWorkbook(input);
    const original = join(dir, 'original.xlsm.bak');
    copyFileSync(input, original);
    const run = await runCli(['refresh', input, '--in-place']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const before = unzipSync(readFileSync(original));
    const after = unzipSync(readFileSync(input));
    for (const name of KEPT) {
      expect(before[name]).toBeDefined();
      expect([name, Buffer.from(after[name] ?? []).equals(Buffer.from(before[name] ?? []))]).toEqual([name, true]);
    }
    expect(Object.keys(after).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).length).toBeGreaterThan(1);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(input);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '汇总', '图', '汇总 (2)', '校验结果', '变动', '_ledger_stats']);
    const json = JSON.parse((await runCli(['summarize', input, '--json'])).stdout) as SummaryJson;
    const numbers: number[] = [];
    workbook.getWorksheet('汇总 (2)')!.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'number' && numbers.push(cell.value)));
    expect(numbers).toContain(json.totals.projects);

    // A second run in place replaces its own sheets: still one of each.
    expect((await runCli(['refresh', input, '--in-place'])).code).toBe(0);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(input);
    expect(again.worksheets.map((w) => w.name)).toEqual(['台账', '汇总', '图', '汇总 (2)', '校验结果', '变动', '_ledger_stats']);
  }, 240_000);

  it('writes a macro-enabled workbook to <name>.summary.xlsm by default, macros included', async () => {
    const input = join(dir, 'macros.xlsm');
    await richWorkbook(input);
    const run = await runCli(['refresh', input]);
    expect(run.code).toBe(0);
    const output = join(dir, 'macros.summary.xlsm');
    expect(run.stdout).toContain(output);
    expect(unzipSync(readFileSync(output))['xl/vbaProject.bin']).toEqual(unzipSync(readFileSync(input))['xl/vbaProject.bin']);
  }, 240_000);
});
