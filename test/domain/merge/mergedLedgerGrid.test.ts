import fc from 'fast-check';
import { readLedger } from '../../../src/domain/ledger/readLedger';
import type { CellValue, Grid } from '../../../src/domain/ledger/types';
import { mergedLedgerGrid } from '../../../src/domain/merge/mergedLedgerGrid';
import { mergeLedgers } from '../../../src/domain/merge/mergeLedgers';
import { districtOfText } from '../../../src/domain/merge/districtOfText';
import { looseNameKey } from '../../../src/domain/merge/looseNameKey';
import type { MergeSource } from '../../../src/domain/merge/types';
import { summarize } from '../../../src/domain/summarize/summarize';
import { DISTRICT_FILES, MERGED_EXPECTED } from './districtLedgers';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const sources = (): MergeSource[] => DISTRICT_FILES.map((f) => ({ file: f.file, read: readLedger(f.grid, { sheetName: '台账' }) }));
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('mergedLedgerGrid', () => {
  const merged = mergeLedgers(sources());

  it('writes the fixed column order with the unit in the amount headers and 来源 last', () => {
    const { grid, headerRowIndex } = mergedLedgerGrid(merged);
    expect(headerRowIndex).toBe(0);
    expect(grid[0]).toEqual(['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '项目类别', '所属地区', '总投资（亿元）', '累计完成投资（亿元）', '开工时间', '竣工（投产）时间', '来源']);
    expect(grid[1]).toEqual([
      1,
      '大连湾海底隧道配套工程',
      '中国交通建设集团有限公司',
      '交通',
      '在建',
      null,
      '甘井子区',
      35,
      12,
      null,
      null,
      '甘井子区央地合作项目台账.xlsx › 台账 › 第 4 行；市直单位台账.xlsx › 台账 › 第 2 行',
    ]);
  });

  it('states amounts in 万元 when asked, and the data date in a title row', () => {
    const { grid, headerRowIndex } = mergedLedgerGrid(merged, { unit: 'wan', dataDate: '2025-09-30' });
    expect(headerRowIndex).toBe(1);
    expect(grid[0]).toEqual(['央地合作项目台账（合并，截至2025年9月30日）']);
    expect(grid[1]?.[7]).toBe('总投资（万元）');
    expect(grid[2]?.[7]).toBe(350_000);
  });

  it.each(['yi', 'wan'] as const)('reads back (in %s) as a ledger whose summary is the city’s figures', (unit) => {
    const { grid } = mergedLedgerGrid(merged, { unit, dataDate: '2025-09-30' });
    const read = readLedger(grid, { sheetName: '合并台账' });
    expect(read.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(read.dataDate?.date).toBe('2025-09-30');
    const totals = summarize(read).totals;
    expect(totals.projects).toBe(MERGED_EXPECTED.projects);
    expect(totals.totalWan).toBeCloseTo(MERGED_EXPECTED.totalWan, 6);
    expect(totals.investedWan).toBeCloseTo(MERGED_EXPECTED.investedWan, 6);
    // The same rows as merged: names, stages, SOE sets and districts survive the round trip.
    expect(read.rows.map((r) => [r.name, r.stage, r.district, r.soes.map((s) => s.canonical)])).toEqual(
      merged.projects.map((p) => [p.row.name, p.row.stage, p.row.district, p.row.soes.map((s) => s.canonical)]),
    );
  });

  it('adds the progress columns and the project code when a source has them', () => {
    const withProgress: Grid = [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '计划开工时间', '年度计划投资（万元）'],
      ['海水淡化', '中国电建', '水利', '前期', 2, '2025-06', 3000],
    ];
    const result = mergeLedgers([{ file: 'A.xlsx', read: readLedger(withProgress), codes: new Map([[2, 'X-1']]) }]);
    const { grid } = mergedLedgerGrid(result);
    const header = grid[0] ?? [];
    const row = grid[1] ?? [];
    expect(header.slice(11)).toEqual(['签约时间', '计划开工时间', '实际开工时间', '计划竣工时间', '年度计划投资（亿元）', '本年完成投资（亿元）', '项目代码', '来源']);
    expect(row.slice(11, 18)).toEqual([null, '2025-06', null, null, 0.3, null, 'X-1']);
    const back = readLedger(grid).rows[0];
    expect(back?.progress?.plannedStartDate).toBe('2025-06');
    expect(back?.progress?.annualPlanWan).toBeCloseTo(3000, 9);
  });
});

describe('districtOfText', () => {
  it.each([
    ['甘井子区央地合作项目台账.xlsx', '甘井子区'],
    ['大连市金州新区2025年三季度台账', '金普新区'],
    ['瓦房店 项目台账', '瓦房店市'],
    ['旅顺经济开发区台账', '旅顺口区'],
    ['市直单位台账.xlsx', null],
    ['台账（9月）.xlsx', null],
    ['甘井子区与西岗区联合台账', null],
  ])('finds the district of %s', (text, district) => {
    expect(districtOfText(text)).toBe(district);
  });
});

describe('looseNameKey', () => {
  it.each([
    ['华能大连电厂(二期)项目', '华能大连电厂二期'],
    ['大连lng接收站有限公司', '大连lng接收站'],
    ['数据中心项目项目', '数据中心'],
    ['项目', '项目'],
  ])('reduces %s to %s', (name, key) => {
    expect(looseNameKey(name)).toBe(key);
  });
});

/** Generated district files: a one-row header in 亿元 or 万元, rows from small pools so that files share projects. */
const NAMES = ['风电场', '光伏电站', '数据中心', '港口码头', '氢能产业园', '地铁三号线'];
const SOES = ['中国华能', '中国交建', '国家电网', '中国电信'];
const fileArb = fc.record({
  unit: fc.constantFrom('亿元', '万元'),
  rows: fc.array(
    fc.record({
      name: fc.constantFrom(...NAMES),
      soe: fc.constantFrom(...SOES),
      stage: fc.constantFrom('在建', '已签约', '前期', '已竣工'),
      total: fc.integer({ min: 1, max: 500_000 }),
    }),
    { maxLength: 12 },
  ),
});

describe('merge, then summarise (property)', () => {
  it('gives the sum of the files’ summaries minus the later rows of duplicates', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 5 }), (files) => {
        const inputs: MergeSource[] = files.map((f, i) => {
          const grid: CellValue[][] = [['项目名称', '合作央企', '所属领域', '项目阶段', `总投资（${f.unit}）`]];
          for (const r of f.rows) grid.push([r.name, r.soe, '能源', r.stage, f.unit === '亿元' ? r.total / 100 : r.total]);
          return { file: `区${i}.xlsx`, read: readLedger(grid) };
        });
        // The reference: a row is a duplicate when an earlier file counted the same name and SOE.
        const seen = new Set<string>();
        let duplicateWan = 0;
        let duplicateRows = 0;
        for (const input of inputs) {
          const keys = input.read.rows.map((r) => `${r.nameKey}|${r.soes.map((s) => s.canonical).join()}`);
          input.read.rows.forEach((r, i) => {
            if (!seen.has(keys[i] as string)) return;
            duplicateWan += r.totalWan;
            duplicateRows++;
          });
          for (const key of keys) seen.add(key);
        }
        const perFile = inputs.map((input) => summarize(input.read).totals);
        const city = summarize(readLedger(mergedLedgerGrid(mergeLedgers(inputs)).grid)).totals;
        expect(city.projects).toBe(sum(perFile.map((t) => t.projects)) - duplicateRows);
        expect(close(city.totalWan, sum(perFile.map((t) => t.totalWan)) - duplicateWan)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
