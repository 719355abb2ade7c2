import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { toCliError } from '../../src/cli/CliError';
import { main } from '../../src/cli/main';
import { PortError } from '../../src/workflows/workbookPort';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';

function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: {}, out: () => out, err: () => err };
}

let dir: string;
let input: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-refresh-output-'));
  input = join(dir, 'ledger.xlsx');
  await writeGridXlsx(input, [{ name: '台账', grid: realisticLedgerGrid() }]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger-stats refresh output', () => {
  it('does not overwrite an existing output without --force', async () => {
    const output = join(dir, 'ledger.summary.xlsx');
    expect(await main(['refresh', input], captureIo())).toBe(0);
    const written = statSync(output).mtimeMs;
    const io = captureIo();
    expect(await main(['refresh', input], io)).toBe(2);
    expect(io.err()).toContain(`输出文件已存在：${output}。如需覆盖，请加 --force`);
    expect(statSync(output).mtimeMs).toBe(written);
    expect(await main(['refresh', input, '--force'], captureIo())).toBe(0);
  }, 60_000);

  it('refuses an output name that does not end in .xlsx or .xlsm', async () => {
    const io = captureIo();
    expect(await main(['refresh', input, '-o', join(dir, 'out.pdf'), '--lang', 'en-US'], io)).toBe(2);
    expect(io.err()).toContain('The output file name must end in .xlsx or .xlsm');
    expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
  });

  it('refreshes an old .xls into an .xlsx beside it, and says so', async () => {
    const xls = join(dir, 'old.xls');
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(realisticLedgerGrid().map((row) => row.map((v) => (v === undefined ? null : v)))), '台账');
    writeFileSync(xls, XLSX.write(workbook, { bookType: 'biff8', type: 'buffer' }) as Buffer);
    const before = readFileSync(xls);
    const io = captureIo();
    expect(await main(['refresh', xls], io)).toBe(0);
    const output = join(dir, 'old.summary.xlsx');
    expect(io.out()).toContain(`${xls} 是旧版 .xls 工作簿：汇总写入新的 .xlsx 文件 ${output}`);
    expect(readFileSync(xls).equals(before)).toBe(true);
    expect(Buffer.from(unzipSync(readFileSync(output))['xl/workbook.xml']!).toString('utf8')).toMatch(/<sheet [^>]*name="汇总"/);
    const summary = captureIo();
    expect(await main(['summarize', output, '--json'], summary)).toBe(0);
    // The refreshed copy still holds the ledger (23 counted projects in the realistic fixture).
    expect((JSON.parse(summary.out()) as { totals: { projects: number } }).totals.projects).toBe(23);
    const inPlace = captureIo();
    expect(await main(['refresh', xls, '--in-place'], inPlace)).toBe(2);
    expect(inPlace.err()).toContain('不能就地刷新旧版 .xls 工作簿');
  }, 60_000);

  it('says why an output cannot be written, with advice', async () => {
    const io = captureIo();
    const output = join(dir, 'no-such-folder', 'out.xlsx');
    expect(await main(['refresh', input, '-o', output], io)).toBe(2);
    expect(io.err()).toContain(`无法写入 ${output}：文件夹不存在。请先建立文件夹，或换一个输出位置（-o）。`);
    // Root may write anywhere, so permission is checked on the error as the writer reports it.
    const denied = toCliError(new PortError('write_failed', 'EACCES', { cause: Object.assign(new Error('denied'), { code: 'EACCES' }) }), { path: '/x' });
    expect(denied.bilingual['zh-CN']).toBe('无法写入 /x：没有权限。请换一个输出位置（-o）。');
    expect(denied.bilingual['en-US']).toBe('Cannot write /x: permission denied. Choose another output location (-o).');
  }, 60_000);

  it('warns with exit 1 when a --mapping gives an all-zero report', async () => {
    // Column L (备注) is empty on most rows: as the total investment no row has an amount.
    const summarize = captureIo();
    expect(await main(['summarize', input, '--mapping', '{"totalInvestment":"L"}'], summarize)).toBe(1);
    expect(summarize.err()).toContain('警告：按 --mapping 指定的列，28 行数据读出的项目数或总投资为 0');
    const refresh = captureIo();
    expect(await main(['refresh', input, '--mapping', '{"totalInvestment":"L"}', '-o', join(dir, 'zero.xlsx')], refresh)).toBe(1);
    expect(refresh.err()).toContain('请检查 --mapping 是否指向了空列');
    expect(await main(['summarize', input], captureIo())).toBe(0);
  }, 60_000);

  it('takes --force only with refresh', async () => {
    const io = captureIo();
    expect(await main(['summarize', input, '--force'], io)).toBe(2);
  });
});
