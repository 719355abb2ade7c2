/**
 * The one state survives another spreadsheet application: a workbook refreshed by the CLI, re-saved by LibreOffice
 * Calc (which turns the very hidden state sheet into a hidden one), then refreshed by the CLI again keeps one of each
 * owned sheet, the period baseline of the first refresh and a very hidden state sheet. Without `soffice` this test fails rather than skips (.ci/run
 * installs it).
 */
import { spawnSync } from 'child_process';
import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/main';
import { parseSnapshot } from '../../src/domain/diff';
import { openXlsxReadPort } from '../../src/xlsx/xlsxReadPort';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';

const LO_TIMEOUT_MS = 120_000;
const io = (): CliIo => ({ stdout: { write: () => undefined }, stderr: { write: () => undefined }, env: {} });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-lo-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What the CLI's reader sees of a workbook: its sheets with their roles, and the baseline's time. */
async function facts(path: string): Promise<{ sheets: string[]; baselineAt: string | null; lastRefresh: string | null }> {
  const port = await openXlsxReadPort(path);
  try {
    const state = await port.readState();
    const sheets = (await port.listSheets()).map((s) => `${s.name}:${s.ownedRole ?? '-'}`);
    return { sheets, baselineAt: parseSnapshot(state.snapshot)?.takenAt ?? null, lastRefresh: state.lastRefresh };
  } finally {
    await port.close();
  }
}

const sheetElements = (path: string): string[] =>
  Buffer.from(unzipSync(readFileSync(path))['xl/workbook.xml'] ?? [])
    .toString('utf8')
    .match(/<sheet [^>]*>/g) ?? [];

describe('ledger-stats refresh after a LibreOffice re-save', () => {
  it('keeps one of each owned sheet and the first refresh\u2019s baseline', async () => {
    const input = join(dir, 'ledger.xlsx');
    await writeGridXlsx(input, [{ name: '台账', grid: realisticLedgerGrid() }]);
    const first = join(dir, 'first.xlsx');
    expect(await main(['refresh', input, '-o', first], io())).toBe(0);
    const before = await facts(first);
    expect(before.baselineAt).not.toBeNull();

    const profile = mkdtempSync(join(tmpdir(), 'lo-'));
    const outDir = join(dir, 'lo');
    const converted = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, first], { timeout: LO_TIMEOUT_MS });
    rmSync(profile, { recursive: true, force: true });
    expect(converted.error).toBeUndefined();
    const resaved = join(outDir, 'first.xlsx');
    expect(sheetElements(resaved).find((s) => s.includes('_ledger_stats'))).toMatch(/state="hidden"/);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = join(dir, 'second.xlsx');
    expect(await main(['refresh', resaved, '-o', second], io())).toBe(0);
    const after = await facts(second);
    expect(after.sheets).toEqual(['台账:-', '汇总:summary', '校验结果:validation', '变动:changes']);
    expect(after.baselineAt).toBe(before.baselineAt);
    expect(after.lastRefresh).not.toBe(before.lastRefresh);
    expect(sheetElements(second).find((s) => s.includes('_ledger_stats'))).toMatch(/state="veryHidden"/);
  }, 240_000);
});
