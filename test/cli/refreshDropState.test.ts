import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/main';
import { STATE_MARKER } from '../../src/workflows/stateSheet';
import { readStateDoc } from '../../src/xlsx/ledgerStateSheet';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';

const io = (): CliIo => ({ stdout: { write: () => undefined }, stderr: { write: () => undefined }, env: {} });

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

const stateSheets = (workbook: ExcelJS.Workbook): string[] => workbook.worksheets.filter((w) => w.getCell('A1').value === STATE_MARKER).map((w) => w.name);
const hasMarks = (path: string): boolean => Object.values(unzipSync(readFileSync(path))).some((bytes) => Buffer.from(bytes).toString('utf8').includes('<formula>TRUE</formula>'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-drop-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger-stats refresh --drop-state', () => {
  it('writes the summaries and charts but no state and no issue marks, over a workbook that had them', async () => {
    const input = join(dir, 'ledger.xlsx');
    await writeGridXlsx(input, [{ name: '台账', grid: realisticLedgerGrid() }]);
    const refreshed = join(dir, 'refreshed.xlsx');
    expect(await main(['refresh', input, '-o', refreshed], io())).toBe(0);
    expect(stateSheets(await load(refreshed))).toEqual(['_ledger_stats']);
    expect(readStateDoc(await load(refreshed)).snapshot).not.toBeNull();
    expect(hasMarks(refreshed)).toBe(true);

    const outside = join(dir, 'outside.xlsx');
    expect(await main(['refresh', refreshed, '-o', outside, '--drop-state'], io())).toBe(0);
    const workbook = await load(outside);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '汇总', '校验结果', '变动']);
    expect(stateSheets(workbook)).toEqual([]);
    expect(hasMarks(outside)).toBe(false);
    expect(Object.keys(unzipSync(readFileSync(outside))).some((name) => name.startsWith('xl/charts/'))).toBe(true);

    // --in-place too: the input itself loses its state.
    expect(await main(['refresh', refreshed, '--in-place', '--drop-state'], io())).toBe(0);
    expect(stateSheets(await load(refreshed))).toEqual([]);
  }, 60_000);
});
