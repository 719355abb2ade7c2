import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DiffJson } from '../../src/domain/diff/toDiffJson';
import type { Grid } from '../../src/domain/ledger/types';
import type { CliIo } from '../../src/cli/cliIo';
import { diffCommand, parseDiffArgs } from '../../src/cli/diffCommand';
import { main } from '../../src/cli/main';
import { parseSnapshot } from '../../src/domain/diff/parseSnapshot';
import { openXlsxWorkbook } from '../../src/xlsx/openXlsxWorkbook';
import { readStateDoc } from '../../src/xlsx/ledgerStateSheet';
import { LAST_MONTH, PERIODS_EXPECTED, THIS_MONTH } from '../fixtures/periods';

/** A CLI io that keeps what was written. */
function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    out: () => out,
    err: () => err,
  };
}

async function writeWorkbook(path: string, grid: Grid): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  grid.forEach((cells) => sheet.addRow([...cells]));
  await workbook.xlsx.writeFile(path);
}

const yi = (wan: number): number => wan / 10_000;

describe('ledger-stats diff', () => {
  let dir: string;
  let august: string;
  let september: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-diff-'));
    august = join(dir, '8月台账.xlsx');
    september = join(dir, '9月台账.xlsx');
    await writeWorkbook(august, LAST_MONTH);
    await writeWorkbook(september, THIS_MONTH);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the diff JSON that matches the hand-computed expectation', async () => {
    const io = captureIo();
    expect(await diffCommand([august, september, '--json'], io)).toBe(0);
    const json = JSON.parse(io.out()) as DiffJson;
    const e = PERIODS_EXPECTED;
    expect(json.hasChanges).toBe(true);
    expect(json.deltas).toEqual({
      projects: e.deltas.projects,
      soes: e.deltas.soes,
      started: e.deltas.started,
      completed: e.deltas.completed,
      totalInvestment: yi(e.deltas.totalWan),
      investedToDate: yi(e.deltas.investedWan),
    });
    expect(json.previous.totalInvestment).toBe(yi(e.previous.totalWan));
    expect(json.current.investedToDate).toBe(yi(e.current.investedWan));
    expect(json.added.map((p) => [p.sheetRow, p.name, p.stage, p.totalInvestment])).toEqual(e.added.map((p) => [p.sheetRow, p.name, p.stage, yi(p.totalWan)]));
    expect(json.removed.map((p) => [p.sheetRow, p.name])).toEqual(e.removed.map((p) => [p.sheetRow, p.name]));
    expect(json.stageChanges).toEqual([
      { sheetRow: 4, previousSheetRow: 4, name: '太平湾风电母港产业园', soes: ['招商局集团有限公司'], from: 'preparation', to: 'construction' },
    ]);
    expect(json.amountChanges).toEqual([
      {
        sheetRow: 6,
        previousSheetRow: 5,
        name: '长海大桥主线钢栈桥',
        soes: ['中国交通建设集团有限公司'],
        totalInvestment: { before: 120, after: 120, delta: 0 },
        investedToDate: { before: 15, after: 18, delta: 3 },
      },
    ]);
    expect(json.unchanged).toBe(e.unchanged);
  });

  it('shows a renamed project once as removed and once as added', async () => {
    const io = captureIo();
    await diffCommand([august, september, '--json'], io);
    const json = JSON.parse(io.out()) as DiffJson;
    expect(json.removed.filter((p) => p.name === '国创氢能燃料电池项目')).toHaveLength(1);
    expect(json.added.filter((p) => p.name === '国创氢能燃料电池产业化项目')).toHaveLength(1);
  });

  it('prints the changes as text tables', async () => {
    const io = captureIo();
    expect(await diffCommand([august, september], io)).toBe(0);
    const text = io.out();
    expect(text).toContain('台账变动：8月台账.xlsx → 9月台账.xlsx');
    expect(text).toMatch(/已开工（个）\s+4\s+5\s+\+1/);
    expect(text).toMatch(/总投资（亿元）\s+296\.0\s+553\.0\s+\+257\.0/);
    expect(text).toContain('新增项目（2个）');
    expect(text).toContain('移除项目（2个）');
    expect(text).toMatch(/太平湾风电母港产业园\s+前期\s+在建/);
    expect(text).toContain('投资变动（1个）');
  });

  it('says nothing changed between a workbook and itself', async () => {
    const io = captureIo();
    await diffCommand([september, september, '--lang', 'en-US'], io);
    expect(io.out()).toContain('Nothing changed.');
    // Amounts in billions of yuan, never "100M yuan".
    expect(io.out()).toContain('Total investment (bn yuan)');
    expect(io.out()).not.toMatch(/100M|hundred million/);
    const json = captureIo();
    await diffCommand([september, september, '--json'], json);
    expect((JSON.parse(json.out()) as DiffJson).hasChanges).toBe(false);
  });

  it('is dispatched by the CLI main as `ledger-stats diff`', async () => {
    const io = captureIo();
    expect(await main(['diff', august, september, '--json'], io)).toBe(0);
    expect((JSON.parse(io.out()) as DiffJson).deltas.started).toBe(1);
    const bad = captureIo();
    expect(await main(['diff', august], bad)).toBe(2);
    expect(bad.err()).toContain('diff 需要两个文件');
  });

  it('fails with exit code 2 for a missing file', async () => {
    await expect(diffCommand([join(dir, 'missing.xlsx'), september], captureIo())).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('parseDiffArgs', () => {
  it('takes two files and the options', () => {
    expect(parseDiffArgs(['a.xlsx', 'b.xlsx', '--json', '--lang', 'en-US'])).toEqual({ previous: 'a.xlsx', current: 'b.xlsx', json: true, lang: 'en-US' });
  });

  it.each([[['a.xlsx']], [['a.xlsx', 'b.xlsx', 'c.xlsx']], [['a.xlsx', 'b.xlsx', '--lang', 'fr']], [['a.xlsx', 'b.xlsx', '--bogus']]])(
    'rejects %p with exit code 2',
    (argv) => {
      expect(() => parseDiffArgs(argv)).toThrow(expect.objectContaining({ exitCode: 2 }));
    },
  );
});

describe('the period baseline in a saved workbook', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-baseline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The text cells of the owned 变动 sheet of a saved workbook. */
  async function changesTexts(path: string): Promise<string[]> {
    const workbook = await openXlsxWorkbook(path);
    const sheet = workbook.worksheets.find((w) => w.name === '变动');
    if (sheet === undefined) throw new Error(`no 变动 sheet in ${path}`);
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (typeof cell.value === 'string') texts.push(cell.value);
    }));
    return texts;
  }

  it('survives a save and reopen, and a second refresh of the saved file says nothing changed', async () => {
    const ledger = join(dir, '台账.xlsx');
    const first = join(dir, '台账.summary.xlsx');
    const second = join(dir, '台账.summary2.xlsx');
    await writeWorkbook(ledger, THIS_MONTH);

    expect(await main(['refresh', ledger, '-o', first], captureIo())).toBe(0);
    const stored = readStateDoc(await openXlsxWorkbook(first)).snapshot;
    const baseline = parseSnapshot(stored);
    expect(baseline?.projects.map((p) => p.name)).toEqual(THIS_MONTH.slice(2).map((cells) => cells[1]));
    expect(baseline?.projects.find((p) => p.name === '长海大桥主线钢栈桥')).toMatchObject({ sheetRow: 6, stage: 'construction', totalWan: 1_200_000, investedWan: 180_000 });
    expect((await changesTexts(first)).some((t) => t.startsWith('暂无可比较的数据'))).toBe(true);

    expect(await main(['refresh', first, '-o', second], captureIo())).toBe(0);
    expect(await changesTexts(second)).toContain('与本期基线相比没有变化。');
    expect(readStateDoc(await openXlsxWorkbook(second)).snapshot).toBe(stored);
  });

  it('writes a 变动 sheet after a month of edits that agrees with `diff --json`', async () => {
    const august = join(dir, '8月.xlsx');
    const september = join(dir, '9月.xlsx');
    const refreshed = join(dir, '8月.summary.xlsx');
    const edited = join(dir, '9月.edited.xlsx');
    const final = join(dir, '9月.summary.xlsx');
    await writeWorkbook(august, LAST_MONTH);
    await writeWorkbook(september, THIS_MONTH);
    expect(await main(['refresh', august, '-o', refreshed], captureIo())).toBe(0);
    // The statistician edits the refreshed workbook during the month: the ledger becomes this month's.
    const workbook = await openXlsxWorkbook(refreshed);
    const ledger = workbook.getWorksheet('台账')!;
    THIS_MONTH.forEach((cells, r) => cells.forEach((value, c) => {
      ledger.getCell(r + 1, c + 1).value = value ?? null;
    }));
    await workbook.xlsx.writeFile(edited);
    expect(await main(['refresh', edited, '-o', final], captureIo())).toBe(0);

    const io = captureIo();
    await main(['diff', august, september, '--json'], io);
    const json = JSON.parse(io.out()) as DiffJson;
    const sheet = (await openXlsxWorkbook(final)).getWorksheet('变动')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      rows[n - 1] = (row.values as unknown[]).slice(1);
    });
    const rowOf = (label: string): unknown[] | undefined => rows.find((r) => r?.[0] === label)?.slice(0, 4);
    expect(rowOf('项目数')).toEqual(['项目数', json.previous.projects, json.current.projects, json.deltas.projects]);
    expect(rowOf('合作央企数')).toEqual(['合作央企数', json.previous.soes, json.current.soes, json.deltas.soes]);
    expect(rowOf('已开工项目')).toEqual(['已开工项目', json.previous.started, json.current.started, json.deltas.started]);
    expect(rowOf('已竣工项目')).toEqual(['已竣工项目', json.previous.completed, json.current.completed, json.deltas.completed]);
    expect(rowOf('总投资')).toEqual(['总投资', json.previous.totalInvestment, json.current.totalInvestment, json.deltas.totalInvestment]);
    expect(rowOf('累计完成投资')).toEqual(['累计完成投资', json.previous.investedToDate, json.current.investedToDate, json.deltas.investedToDate]);
    expect(rowOf('总投资')).toEqual(['总投资', 296, 553, 257]);
    for (const p of [...json.added, ...json.removed]) {
      expect(rows.find((r) => r?.[0] === p.sheetRow && r[1] === p.name)?.slice(3, 6)).toEqual([p.stage === 'completed' ? '竣工' : p.stage === 'preparation' ? '前期' : '签约', p.totalInvestment, p.investedToDate]);
    }
    const stageRow = rows.find((r) => r?.[1] === json.stageChanges[0]?.name);
    expect(stageRow?.slice(0, 5)).toEqual([4, '太平湾风电母港产业园', '招商局', '前期', '在建']);
    const amount = json.amountChanges[0]!;
    expect(rows.find((r) => r?.[1] === amount.name)?.slice(3, 9)).toEqual([
      amount.totalInvestment.before,
      amount.totalInvestment.after,
      amount.totalInvestment.delta,
      amount.investedToDate.before,
      amount.investedToDate.after,
      amount.investedToDate.delta,
    ]);
  });
});
