/**
 * The period baseline end to end in the fake Excel: refresh → 变动 sheet, refresh again, edit the
 * ledger, "start a new period". The 变动 sheet must agree with `ledger-stats diff --json` and with
 * the hand-computed expectation of test/fixtures/periods.ts.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { diffCommand } from '../../src/cli/diffCommand';
import type { CliIo } from '../../src/cli/cliIo';
import type { DiffJson } from '../../src/domain/diff/toDiffJson';
import { parseSnapshot } from '../../src/domain/diff/parseSnapshot';
import type { Grid } from '../../src/domain/ledger/types';
import { refresh, type RunReport } from '../../src/workflows/refresh';
import { startNewPeriod } from '../../src/workflows/startNewPeriod';
import type { WorkbookPort } from '../../src/workflows/workbookPort';
import { fakeWorkbook, uninstallFakes } from '../excel/fakeWorkbook';
import type { CellValue as FakeCell, FakeExcel } from '../fakes/fakeExcel';
import { LAST_MONTH, PERIODS_EXPECTED, THIS_MONTH } from '../fixtures/periods';

const SEP_1 = new Date(2025, 8, 1, 9, 0);
const SEP_30 = new Date(2025, 8, 30, 14, 5);
const OCT_1 = new Date(2025, 9, 1, 8, 30);
const at = (date: Date) => ({ now: () => date, settings: { lang: 'zh-CN' as const } });

const grid = (g: Grid): FakeCell[][] => g.map((cells) => cells.map((c) => c ?? ''));

/** The 变动 sheet's values, as the user sees them, each row without its trailing empty cells. */
function changesSheet(fake: FakeExcel, report: RunReport): FakeCell[][] {
  const name = report.sheets.changes;
  if (name === undefined) throw new Error('no changes sheet was written');
  return fake.getSheetValues(name).map((row) => {
    const cells = [...row];
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
}
const texts = (values: FakeCell[][]): string[] => values.flat().filter((v): v is string => typeof v === 'string' && v !== '');
const rowOf = (values: FakeCell[][], label: string): FakeCell[] | undefined => values.find((r) => r[0] === label);

/** The user overwrites the ledger (same shape) with another version. */
async function editLedger(fake: FakeExcel, g: Grid): Promise<void> {
  const width = Math.max(...g.map((cells) => cells.length));
  const cells = grid(g).map((row) => [...row, ...Array<FakeCell>(width - row.length).fill('')]);
  await fake.simulateUserEdit('台账', `A1:${String.fromCharCode(64 + width)}${g.length}`, cells);
}

describe('period changes in Excel', () => {
  let fake: FakeExcel;
  let port: WorkbookPort;
  beforeEach(() => {
    ({ fake, port } = fakeWorkbook({ sheets: { 台账: grid(LAST_MONTH) } }));
  });
  afterEach(() => uninstallFakes());

  it('says there is nothing to compare with yet on the first refresh', async () => {
    const report = await refresh(port, at(SEP_1));
    expect(report.ok).toBe(true);
    expect(report.changes?.diff).toBeNull();
    expect(report.sheets.changes).toBe('变动');
    expect(texts(changesSheet(fake, report)).some((t) => t.startsWith('暂无可比较的数据'))).toBe(true);
  });

  it('says nothing changed after two refreshes without edits, and keeps the baseline', async () => {
    const first = await refresh(port, at(SEP_1));
    const second = await refresh(port, at(SEP_30));
    expect(second.changes?.diff?.hasChanges).toBe(false);
    const values = changesSheet(fake, second);
    expect(texts(values)).toContain('与本期基线相比没有变化。');
    expect(rowOf(values, '项目数')).toEqual(['项目数', 6, 6, 0]);
    expect(second.changes?.nextSnapshot).toBe(first.changes?.nextSnapshot);
    expect((await port.readState()).snapshot).toBe(first.changes?.nextSnapshot);
  });

  describe('after a month of edits', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-period-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the 变动 sheet that agrees with the hand-computed diff and with `ledger-stats diff --json`', async () => {
      await refresh(port, at(SEP_1));
      await editLedger(fake, THIS_MONTH);
      const report = await refresh(port, at(SEP_30));
      const values = changesSheet(fake, report);
      const e = PERIODS_EXPECTED;

      // Hand-computed expectation.
      expect(texts(values)).toContain('基线：2025年9月1日 09:00　本次刷新：2025年9月30日 14:05');
      expect(rowOf(values, '项目数')).toEqual(['项目数', e.previous.projects, e.current.projects, e.deltas.projects]);
      expect(rowOf(values, '合作央企数')).toEqual(['合作央企数', 5, 6, 1]);
      expect(rowOf(values, '已开工项目')).toEqual(['已开工项目', 4, 5, 1]);
      expect(rowOf(values, '总投资')).toEqual(['总投资', 296, 553, 257]);
      expect(rowOf(values, '累计完成投资')).toEqual(['累计完成投资', 67, 70, 3]);
      expect(values.find((r) => r[1] === '太平湾风电母港产业园')?.slice(0, 5)).toEqual([4, '太平湾风电母港产业园', '招商局', '前期', '在建']);
      expect(values.find((r) => r[1] === '长海大桥主线钢栈桥')?.slice(0, 9)).toEqual([6, '长海大桥主线钢栈桥', '中国交建', 120, 120, 0, 15, 18, 3]);
      expect(values.filter((r) => r[1] === '国创氢能燃料电池项目')).toHaveLength(1);
      expect(values.filter((r) => r[1] === '国创氢能燃料电池产业化项目')).toHaveLength(1);

      // The CLI on the same two versions, sent by email as two workbooks.
      const write = async (name: string, g: Grid): Promise<string> => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('台账');
        g.forEach((cells) => sheet.addRow([...cells]));
        const path = join(dir, name);
        await workbook.xlsx.writeFile(path);
        return path;
      };
      let out = '';
      const io: CliIo = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {} };
      await diffCommand([await write('8月.xlsx', LAST_MONTH), await write('9月.xlsx', THIS_MONTH), '--json'], io);
      const json = JSON.parse(out) as DiffJson;
      expect(rowOf(values, '项目数')?.slice(1)).toEqual([json.previous.projects, json.current.projects, json.deltas.projects]);
      expect(rowOf(values, '合作央企数')?.slice(1)).toEqual([json.previous.soes, json.current.soes, json.deltas.soes]);
      expect(rowOf(values, '已开工项目')?.slice(1)).toEqual([json.previous.started, json.current.started, json.deltas.started]);
      expect(rowOf(values, '已竣工项目')?.slice(1)).toEqual([json.previous.completed, json.current.completed, json.deltas.completed]);
      expect(rowOf(values, '总投资')?.slice(1)).toEqual([json.previous.totalInvestment, json.current.totalInvestment, json.deltas.totalInvestment]);
      expect(rowOf(values, '累计完成投资')?.slice(1)).toEqual([json.previous.investedToDate, json.current.investedToDate, json.deltas.investedToDate]);
      for (const p of [...json.added, ...json.removed]) {
        expect(values.find((r) => r[0] === p.sheetRow && r[1] === p.name)?.slice(4, 6)).toEqual([p.totalInvestment, p.investedToDate]);
      }
      for (const c of json.amountChanges) {
        expect(values.find((r) => r[1] === c.name)?.slice(3, 9)).toEqual([
          c.totalInvestment.before,
          c.totalInvestment.after,
          c.totalInvestment.delta,
          c.investedToDate.before,
          c.investedToDate.after,
          c.investedToDate.delta,
        ]);
      }
      expect(json.stageChanges.map((c) => c.name)).toEqual(['太平湾风电母港产业园']);
    });
  });

  it('shows the key-figure changes on the summary sheet', async () => {
    await refresh(port, at(SEP_1));
    await editLedger(fake, THIS_MONTH);
    const report = await refresh(port, at(SEP_30));
    expect(report.changes?.deltas).toEqual(PERIODS_EXPECTED.deltas);
    // The "比上次" column beside each key figure.
    const summary = fake.getSheetValues(report.sheets.summary!);
    const change = (label: string): FakeCell | undefined => summary.find((r) => r[0] === label)?.[2];
    expect(summary.some((r) => r.includes('比上次'))).toBe(true);
    expect(change('项目数（个）')).toBe(0);
    expect(change('合作央企（家）')).toBe(1);
    expect(change('已开工项目（个）')).toBe(1);
    expect(change('总投资（亿元）')).toBe(257);
    expect(change('累计完成投资（亿元）')).toBe(3);
  });

  it('starts a new period: the ledger of that moment becomes the baseline', async () => {
    await refresh(port, at(SEP_1));
    await editLedger(fake, THIS_MONTH);
    const started = await startNewPeriod(port, at(OCT_1));
    expect(started.ok).toBe(true);
    expect(started.changes?.diff).toBeNull();
    expect(texts(changesSheet(fake, started)).some((t) => t.startsWith('暂无可比较的数据'))).toBe(true);
    const stored = parseSnapshot((await port.readState()).snapshot);
    expect(stored?.takenAt).toBe(OCT_1.toISOString());
    expect(stored?.projects.map((p) => p.name)).toContain('大连金州湾国际机场');
    const next = await refresh(port, at(OCT_1));
    expect(next.changes?.diff?.hasChanges).toBe(false);
  });

  it('keeps the old baseline when the new period cannot be started', async () => {
    const first = await refresh(port, at(SEP_1));
    // Past readState's request (which carries the lease: its failure would only make it start over):
    // the first writeState's, which finds the state sheet and then writes.
    fake.failAtSync(3);
    const failed = await startNewPeriod(port, at(OCT_1));
    expect(failed.ok).toBe(false);
    expect((await port.readState()).snapshot).toBe(first.changes?.nextSnapshot);
  });

  it('puts the briefing in the run report, the summary JSON and the summary sheet', async () => {
    const report = await refresh(port, at(SEP_1));
    expect(report.brief).toMatch(/^目前共有央地合作项目6个，合作覆盖5家央企，涵盖交通、工业、能源、仓储物流共4个领域，投资总额296\.0亿元/);
    expect(report.json?.brief).toBe(report.brief);
    expect(fake.getSheetValues(report.sheets.summary!).flat()).toContain(report.brief);
  });
});
