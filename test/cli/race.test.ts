import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/main';
import { parseRaceArgs, resolveAsOf } from '../../src/cli/raceArgs';
import type { Grid } from '../../src/domain/ledger/types';
import { summarySchemaErrors } from '../helpers/summarySchema';

function captureIo(now?: Date): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    ...(now === undefined ? {} : { now: () => now }),
    out: () => out,
    err: () => err,
  };
}

/** Three 主城区 projects, one 先导区 project and one 市本级 project; amounts in 万元. */
const GRID: Grid = [
  ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）', '所属地区', '签约时间', '计划开工时间', '实际开工时间', '计划竣工时间', '年度计划投资（万元）', '本年完成投资（万元）'],
  ['甲', '中国华能', '能源', '在建', 1000, '中山区', '2025-02', '2025-01', '2025-03', '2026-12', 400, 100],
  ['乙', '中国交建', '交通', '已签约', 800, '西岗区', '2025-03', '2025-05', null, '2027-06', null, null],
  ['丙', '中国中铁', '交通', '在建', 600, '中山', '2024-06', '2024-09', '2024-10', '2025-06', 200, 190],
  ['丁', '招商局集团', '工业', '前期', 500, '金州区', '2025-08', '2025-09', null, null, null, null],
  ['戊', '中国电信', '信息', '在建', 300, '市本级', '2025-01', '2025-02', '2025-04', '2025-12', 100, 90],
];

describe('ledger-stats rank / warn', () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-race-'));
    path = join(dir, 'ledger.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    GRID.forEach((cells) => sheet.addRow([...cells]));
    await workbook.xlsx.writeFile(path);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rank --json prints the groups with each district’s score and rank', async () => {
    const io = captureIo();
    expect(await main(['rank', path, '--json', '--as-of', '2025-09-30'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { asOf: string; groups: { group: string; districts: { district: string; score: number; rank: number; signed: number; started: number; investedWan: number; rate: number | null }[] }[] };
    expect(json.asOf).toBe('2025-09-30');
    // A ledger never refreshed has no baseline: no rank was compared, so rankChange null does not mean "new".
    expect((json as { rankBaseline?: unknown }).rankBaseline).toBe(false);
    expect(json.groups.map((g) => g.group)).toEqual(['主城区', '先导区', '北部地区']);
    const main5 = json.groups[0]?.districts ?? [];
    // 中山区 (甲, 丙): signed 1 (丙 signed 2024), started 1, invested 290 of 600; 西岗区 (乙): signed 1.
    // 中山区: 20·1/1 + 30·1/1 + 30 + 20 = 100; 西岗区: 20·1/1 = 20; others 0.
    expect(main5.slice(0, 2)).toEqual([
      expect.objectContaining({ district: '中山区', score: 100, rank: 1, signed: 1, started: 1, investedWan: 290, rate: 0.483333 }),
      expect.objectContaining({ district: '西岗区', score: 20, rank: 2, signed: 1, started: 0, investedWan: 0, rate: null }),
    ]);
    expect(main5.slice(2).map((d) => [d.rank, d.score])).toEqual([
      [3, 0],
      [3, 0],
      [3, 0],
    ]);
    expect(json.groups[1]?.districts[0]).toEqual(expect.objectContaining({ district: '金普新区', rank: 1, signed: 1 }));
  });

  it('warn --json prints the counts and the red and yellow projects with their reasons', async () => {
    const io = captureIo();
    expect(await main(['warn', path, '--json', '--as-of', '2025-09-30'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      asOf: '2025-09-30',
      // 甲 progress 25% vs 75%; 乙 start 4 months late; 丙 95% of plan but completion 3 months late;
      // 丁 start planned this month (late 0) and 戊 on track are green.
      counts: { red: 3, yellow: 0, green: 2, unknown: 0 },
      projects: [
        { row: 2, name: '甲', district: '中山区', light: 'red', reasons: ['本年完成投资完成率25.0%，低于序时进度75.0%共50.0个百分点'] },
        { row: 3, name: '乙', district: '西岗区', light: 'red', reasons: ['计划2025年5月开工，已滞后4个月未开工'] },
        { row: 4, name: '丙', district: '中山区', light: 'red', reasons: ['计划2025年6月竣工，已滞后3个月未竣工'] },
      ],
    });
  });

  it('warn in English words the reasons in English and takes the data date from the clock', async () => {
    const io = captureIo(new Date(2025, 9, 4));
    await main(['warn', path, '--json', '--lang', 'en-US'], io);
    const json = JSON.parse(io.out()) as { asOf: string; projects: { reasons: string[] }[] };
    expect(json.asOf).toBe('2025-09-30');
    expect(json.projects[1]?.reasons).toEqual(['Planned to start in May 2025; not started, 4 months late']);
  });

  it('prints tables and notes without --json', async () => {
    const io = captureIo();
    await main(['rank', path, '--as-of', '2025-09-30'], io);
    expect(io.out()).toContain('赛马排名（截至2025-09-30）');
    expect(io.out()).toMatch(/^ +1 +中山区 +1 +1 +0\.03 +48\.3% +100\.0 +—$/m);
    expect(io.out()).toContain('市本级/跨区域项目1个');
    const warn = captureIo();
    await main(['warn', path, '--as-of', '2025-09-30'], warn);
    expect(warn.out()).toContain('红灯3个，黄灯0个，绿灯2个，未判定0个');
  });

  it('summarize --json carries race and warnings, valid against the schema', async () => {
    const io = captureIo();
    expect(await main(['summarize', path, '--json', '--as-of', '2025-09-30'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { race: { asOf: string }; warnings: { counts: { red: number } } };
    expect(json.race.asOf).toBe('2025-09-30');
    expect(json.warnings.counts.red).toBe(3);
    expect(summarySchemaErrors(json)).toEqual([]);
  });

  it('takes the data date from the ledger’s title when there is no --as-of', async () => {
    const titled = join(dir, 'titled.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['央地合作项目台账（截至2025年6月30日）']);
    GRID.forEach((cells) => sheet.addRow([...cells]));
    await workbook.xlsx.writeFile(titled);
    const io = captureIo(new Date(2026, 0, 10));
    await main(['warn', titled, '--json'], io);
    expect((JSON.parse(io.out()) as { asOf: string }).asOf).toBe('2025-06-30');
  });

  it('refresh writes the 赛马 and 预警 sheets into the output workbook', async () => {
    const output = join(dir, 'out.xlsx');
    expect(await main(['refresh', path, '-o', output], captureIo(new Date(2025, 9, 4)))).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['赛马', '预警']));
    expect(workbook.getWorksheet('预警')?.getCell('A1').value).toMatch(/^红黄绿灯预警（截至\d{4}-\d{2}-\d{2}）$/);
    expect(workbook.getWorksheet('赛马')?.getCell('A1').value).toMatch(/^赛马排名（截至\d{4}-\d{2}-\d{2}）$/);
  }, 60_000);

  it('rank and summarize --json show the change in rank since the period baseline the refresh stored', async () => {
    const refreshed = join(dir, 'refreshed.xlsx');
    // The refresh stores the baseline with the ranks of 2025-09-30: 主城区 中山区 1, 西岗区 2, the others 3; 先导区 金普新区 1.
    expect(await main(['refresh', path, '-o', refreshed, '--as-of', '2025-09-30'], captureIo())).toBe(0);
    const summary = captureIo();
    expect(await main(['summarize', refreshed, '--json', '--as-of', '2025-09-30'], summary)).toBe(0);
    const json = JSON.parse(summary.out()) as { race: { groups: { districts: { district: string; rankChange: number | null }[] }[] } };
    // Same ledger, same rules: every district keeps its rank.
    expect(json.race.groups.flatMap((g) => g.districts.map((d) => d.rankChange))).toEqual(expect.arrayContaining([0]));
    expect(json.race.groups.flatMap((g) => g.districts.filter((d) => d.rankChange !== 0))).toEqual([]);
    expect(summarySchemaErrors(json)).toEqual([]);

    // Only 签约 counts now, and 金普新区 joins 主城区: 中山区, 西岗区 and 金普新区 all signed one project (rank 1).
    const rules = join(dir, 'signed-only.json');
    writeFileSync(rules, JSON.stringify({ weights: { signed: 100, started: 0, invested: 0, rate: 0 }, groups: [{ name: '主城区', districts: ['中山区', '西岗区', '金普新区', '沙河口区'] }] }));
    const io = captureIo();
    expect(await main(['rank', refreshed, '--json', '--as-of', '2025-09-30', '--rules', rules], io)).toBe(0);
    const ranked = JSON.parse(io.out()) as { rankBaseline: boolean; groups: { districts: { district: string; rank: number; rankChange: number | null }[] }[] };
    // Compared with the baseline's ranks: 金普新区's null says it is new to 主城区.
    expect(ranked.rankBaseline).toBe(true);
    expect(ranked.groups[0]?.districts.map((d) => [d.district, d.rank, d.rankChange])).toEqual([
      ['中山区', 1, 0],
      ['西岗区', 1, 1],
      ['金普新区', 1, null],
      ['沙河口区', 4, -1],
    ]);
    const text = captureIo();
    await main(['rank', refreshed, '--as-of', '2025-09-30', '--rules', rules], text);
    expect(text.out()).toMatch(/^ +1 +中山区 .* 100\.0 +—$/m);
    expect(text.out()).toMatch(/^ +1 +西岗区 .* 100\.0 +↑1$/m);
    expect(text.out()).toMatch(/^ +1 +金普新区 .* 100\.0 +新$/m);
    expect(text.out()).toMatch(/^ +4 +沙河口区 .* 0\.0 +↓1$/m);
  }, 60_000);

  it('reads the workbook’s 赛马规则 sheet, and says which row it cannot take', async () => {
    const withRules = join(dir, 'with-rules.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    GRID.forEach((cells) => sheet.addRow([...cells]));
    const rules = workbook.addWorksheet('赛马规则');
    [['分组'], ['组别', '地区'], ['两区', '西岗'], [null, '金普新区']].forEach((cells) => rules.addRow(cells));
    await workbook.xlsx.writeFile(withRules);
    const io = captureIo();
    expect(await main(['rank', withRules, '--json', '--as-of', '2025-09-30'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { groups: { group: string; districts: { district: string }[] }[] };
    expect(json.groups.map((g) => [g.group, g.districts.map((d) => d.district)])).toEqual([['两区', ['西岗区', '金普新区']]]);

    rules.addRow(['权重']);
    rules.addRow(['速度', 10]);
    await workbook.xlsx.writeFile(withRules);
    const bad = captureIo();
    expect(await main(['warn', withRules, '--json'], bad)).toBe(2);
    expect(bad.err()).toContain('row 6: unknown indicator "速度"');
  });

  it('rules from --rules change the ranking', async () => {
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ groups: [{ name: '两区', districts: ['西岗区', '金普新区'] }] }));
    const io = captureIo();
    await main(['rank', path, '--json', '--as-of', '2025-09-30', '--rules', rules], io);
    const json = JSON.parse(io.out()) as { groups: { group: string; districts: { district: string; rank: number }[] }[] };
    expect(json.groups).toEqual([{ group: '两区', districts: [expect.objectContaining({ district: '西岗区', rank: 1 }), expect.objectContaining({ district: '金普新区', rank: 1 })] }]);
  });
});

describe('raceArgs', () => {
  it('defaults the data date to the end of the last complete month of the clock', () => {
    expect(resolveAsOf(undefined, () => new Date(2026, 0, 15))).toBe('2025-12-31');
    expect(resolveAsOf('2025-03-31', () => new Date(2026, 0, 15))).toBe('2025-03-31');
  });

  it('refuses a bad --as-of and a bad rules file', () => {
    expect(() => parseRaceArgs(['x.xlsx', '--as-of', '2025-9-30'])).toThrow(/YYYY-MM-DD/);
    const dir = mkdtempSync(join(tmpdir(), 'ledger-rules-'));
    try {
      const rules = join(dir, 'rules.json');
      writeFileSync(rules, JSON.stringify({ weights: { signed: -1 } }));
      expect(() => parseRaceArgs(['x.xlsx', '--rules', rules])).toThrow(/weights.signed must be a number/);
      writeFileSync(rules, JSON.stringify({ weights: { signed: 0 } }));
      expect(parseRaceArgs(['x.xlsx', '--rules', rules]).rules?.weights).toEqual({ signed: 0, started: 30, invested: 30, rate: 20 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
