import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { listMergeFiles, mergeCommand, parseMergeArgs } from '../../src/cli/mergeCommand';
import { main } from '../../src/cli/main';
import type { Grid } from '../../src/domain/ledger/types';
import { CITY_UNITS, GANJINGZI, JINPU, MERGED_EXPECTED } from '../domain/merge/districtLedgers';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';

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

interface MergeJson {
  projects: number;
  totalInvestment: number;
  files: {
    file: string;
    sheet: string;
    rowsRead: number;
    projects: number;
    unit: { total: string; assumed: boolean };
    district: string | null;
    errors: number;
    issues: { code: string; severity: string }[];
    duplicates: { name: string }[];
  }[];
  duplicates: { name: string; match: string; sources: { file: string; sheetRow: number }[]; conflicts: string[] }[];
  issues: { code: string; sources: { file: string; sheetRow: number }[] }[];
}

interface SummaryTotals {
  totals: { projects: number; totalInvestment: number; investedToDate: number };
  issues: { severity: string }[];
}

async function summarizeJson(path: string): Promise<SummaryTotals> {
  const io = captureIo();
  expect(await main(['summarize', path, '--json'], io)).toBe(0);
  return JSON.parse(io.out()) as SummaryTotals;
}

const write = (dir: string, file: string, grid: Grid, merges: readonly string[] = []): Promise<string> => {
  const path = join(dir, file);
  return writeGridXlsx(path, [{ name: '台账', grid, merges }]).then(() => path);
};

describe('ledger-stats merge', () => {
  let dir: string;
  let districts: string;
  let files: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-merge-'));
    districts = join(dir, '区县');
    mkdirSync(districts);
    files = [
      await write(districts, GANJINGZI.file, GANJINGZI.grid),
      // The two-row header's group cell spans the total and invested columns.
      await write(districts, JINPU.file, JINPU.grid, ['F2:G2']),
      await write(districts, CITY_UNITS.file, CITY_UNITS.grid),
    ];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a ledger whose summary is the sum of the districts minus the duplicates', async () => {
    const output = join(dir, 'city.xlsx');
    const io = captureIo();
    expect(await main(['merge', ...files, '-o', output, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out()) as MergeJson;
    expect(report.projects).toBe(MERGED_EXPECTED.projects);
    expect(report.totalInvestment).toBeCloseTo(MERGED_EXPECTED.totalWan / 10_000, 9);

    const inputs = await Promise.all(files.map(summarizeJson));
    const inputTotal = inputs.reduce((s, j) => s + j.totals.totalInvestment, 0);
    // The later rows of the two duplicates: 市直's 大连湾 (36 亿) and 金普氢能 (20 亿).
    expect(inputTotal - 36 - 20).toBeCloseTo(MERGED_EXPECTED.totalWan / 10_000, 9);
    const city = await summarizeJson(output);
    expect(city.totals.projects).toBe(MERGED_EXPECTED.projects);
    expect(city.totals.projects).toBe(inputs.reduce((s, j) => s + j.totals.projects, 0) - report.duplicates.length);
    expect(city.totals.totalInvestment).toBeCloseTo(inputTotal - 36 - 20, 9);
    expect(city.totals.investedToDate).toBeCloseTo(MERGED_EXPECTED.investedWan / 10_000, 9);
    expect(city.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    // Another reader opens it too: one sheet, 合并台账, a bold header (no title: the files' data dates differ).
    const workbook = await new ExcelJS.Workbook().xlsx.readFile(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['合并台账']);
    const sheet = workbook.getWorksheet('合并台账');
    expect(sheet?.getCell('A1').value).toBe('序号');
    expect(sheet?.getCell('H1').value).toBe('总投资（亿元）');
    expect(sheet?.getCell('H1').font?.bold).toBe(true);
    expect(sheet?.getCell('H2').value).toBe(35);
  });

  it('reports per file the rows read, the projects, the unit detected, the issues and the duplicates', async () => {
    const io = captureIo();
    expect(await mergeCommand([...files, '-o', join(dir, 'report.xlsx'), '--json'], io)).toBe(0);
    const report = JSON.parse(io.out()) as MergeJson;
    expect(report.files.map((f) => [f.file, f.sheet, f.rowsRead, f.projects, f.unit, f.district, f.errors])).toEqual([
      [GANJINGZI.file, '台账', 8, 4, { total: 'wan', assumed: false }, '甘井子区', 0],
      [JINPU.file, '台账', 6, 3, { total: 'yi', assumed: false }, '金普新区', 0],
      [CITY_UNITS.file, '台账', 5, 3, { total: 'yi', assumed: false }, null, 0],
    ]);
    expect(report.files[0]?.issues.map((i) => i.code)).toEqual(['row_subtotal']);
    expect(report.files.map((f) => f.duplicates.map((d) => d.name))).toEqual([['大连湾海底隧道配套工程'], ['金普氢能产业园'], ['大连湾海底隧道配套工程', '金普氢能产业园']]);
    expect(report.duplicates[0]).toEqual({
      name: '大连湾海底隧道配套工程',
      match: 'name_soes',
      sources: [
        { file: GANJINGZI.file, sheet: '台账', sheetRow: 4 },
        { file: CITY_UNITS.file, sheet: '台账', sheetRow: 2 },
      ],
      conflicts: ['totalInvestment'],
    });
    expect(report.issues.map((i) => i.code).sort()).toEqual(
      ['conflict_total', 'district_mismatch', 'duplicate_across_files', 'duplicate_across_files', 'near_duplicate'].sort(),
    );
  });

  it('takes a folder, leaves out the output in it, and prints a line per file', async () => {
    const output = join(districts, '全市合并.xlsx');
    const io = captureIo();
    expect(await main(['merge', districts, '-o', output, '--lang', 'en-US'], io)).toBe(0);
    expect(existsSync(output)).toBe(true);
    const lines = io.out().split('\n');
    expect(lines.filter((l) => l.includes('rows read'))).toHaveLength(3);
    expect(io.out()).toContain('Possible duplicate');
    expect(io.out()).toContain(`Wrote ${output} › 合并台账: 8 projects`);
    // Run again with --force: the former output in the folder is not merged into itself.
    const again = captureIo();
    expect(await main(['merge', districts, '-o', output, '--force', '--json'], again)).toBe(0);
    expect((JSON.parse(again.out()) as MergeJson).files).toHaveLength(3);
    rmSync(output);
  });

  it('exits 1 when a file has an error row, and still writes the ledger without it', async () => {
    const bad = await write(dir, '西岗区台账.xlsx', [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '总投资（亿元）'],
      ['西岗文旅街区', '中国旅游集团', '文旅', '在建', '西岗区', 4],
      ['西岗冷链中心', '中粮集团', '物流', '谋划', '西岗区', '待定'],
    ]);
    const output = join(dir, 'with-error.xlsx');
    const io = captureIo();
    expect(await main(['merge', files[0] as string, bad, '-o', output], io)).toBe(1);
    const city = await summarizeJson(output);
    expect(city.totals.projects).toBe(5);
    expect(city.totals.totalInvestment).toBeCloseTo(60 + 4, 9);
  });

  it('merges rows with the same 项目代码 across files', async () => {
    const a = await write(dir, '沙河口区台账.xlsx', [
      ['项目代码', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）'],
      ['2101-04-001', '星海湾科创中心', '中国电子', '数字经济', '在建', 12],
    ]);
    const b = await write(dir, '市发改委台账.xlsx', [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '项目代码'],
      ['星海湾科技创新中心项目', '中国电子', '数字经济', '在建', 12, '2101-04-001'],
    ]);
    const output = join(dir, 'coded.xlsx');
    const io = captureIo();
    expect(await main(['merge', a, b, '-o', output, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out()) as MergeJson;
    expect(report.duplicates.map((d) => [d.name, d.match])).toEqual([['星海湾科创中心', 'code']]);
    expect((await summarizeJson(output)).totals.projects).toBe(1);
  });

  it('refuses an existing output without --force, and writes nothing on a bad input', async () => {
    const existing = join(dir, 'existing.xlsx');
    writeFileSync(existing, 'x');
    const io = captureIo();
    expect(await main(['merge', ...files, '-o', existing], io)).toBe(2);
    expect(io.err()).toContain('已存在');
    const missing = captureIo();
    const output = join(dir, 'never.xlsx');
    expect(await main(['merge', files[0] as string, join(dir, 'nope.xlsx'), '-o', output], missing)).toBe(2);
    expect(missing.err()).toContain('nope.xlsx');
    expect(existsSync(output)).toBe(false);
  });
});

describe('parseMergeArgs', () => {
  it('takes files, -o, the unit and --json', () => {
    expect(parseMergeArgs(['a.xlsx', 'b.xlsx', '-o', 'city.xlsx', '--unit', '万元', '--json'])).toEqual({
      inputs: ['a.xlsx', 'b.xlsx'],
      output: 'city.xlsx',
      unit: 'wan',
      json: true,
      lang: 'zh-CN',
      force: false,
    });
  });

  it.each([
    [['-o', 'city.xlsx'], 'at least one'],
    [['a.xlsx'], '-o'],
    [['a.xlsx', '-o', 'city.csv'], '.xlsx'],
    [['a.xlsx', '-o', 'city.xlsx', '--unit', 'yuan'], '--unit'],
  ])('rejects %j', (argv, text) => {
    expect(() => parseMergeArgs(argv)).toThrow(text);
  });
});

describe('listMergeFiles', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-merge-list-'));
    for (const name of ['b.xlsx', 'a.xlsx', '~$a.xlsx', 'notes.txt', 'c.xls', 'city.xlsx']) writeFileSync(join(dir, name), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists a folder’s workbooks by name, without lock files, the output, or a file listed twice', async () => {
    const files = await listMergeFiles([join(dir, 'b.xlsx'), dir, join(dir, 'b.xlsx')], join(dir, 'city.xlsx'));
    expect(files).toEqual([join(dir, 'b.xlsx'), join(dir, 'a.xlsx'), join(dir, 'c.xls')]);
  });

  it('refuses the output as one of the inputs, and a file that is not a workbook', async () => {
    await expect(listMergeFiles(['a.xlsx', 'city.xlsx'], 'city.xlsx')).rejects.toThrow('one of the files');
    await expect(listMergeFiles(['a.csv'], 'city.xlsx')).rejects.toThrow('.xlsx, .xlsm and .xls');
  });
});
