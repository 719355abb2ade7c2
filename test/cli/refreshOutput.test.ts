import { existsSync, mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/main';
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

  it('takes --force only with refresh', async () => {
    const io = captureIo();
    expect(await main(['summarize', input, '--force'], io)).toBe(2);
  });
});
