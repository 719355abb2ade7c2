import { diffLedgers } from '../../../src/domain/diff/diffLedgers';
import { snapshotOf } from '../../../src/domain/diff/makeSnapshot';
import { layoutChanges, type ChangesLayoutOptions } from '../../../src/domain/layout/layoutChanges';
import type { PlanCell, SheetPlan } from '../../../src/domain/layout/types';
import type { ProjectRow } from '../../../src/domain/ledger/types';
import { ledgerRead, projectRow } from '../diff/rows';

/** The plan's cells as a grid (row, col 0-based), for assertions in spreadsheet terms. */
function cells(plan: SheetPlan): PlanCell[][] {
  const grid: PlanCell[][] = [];
  for (const block of plan.blocks) {
    block.values.forEach((values, r) => {
      const line = (grid[block.row + r] ??= []);
      values.forEach((value, c) => {
        line[block.col + c] = value;
      });
    });
  }
  return grid;
}
const texts = (plan: SheetPlan): string[] => cells(plan).flatMap((line) => (line ?? []).filter((v): v is string => typeof v === 'string'));
/** The row (array) whose column A holds `label`. */
const rowOf = (plan: SheetPlan, label: string): PlanCell[] | undefined => cells(plan).find((line) => line?.[0] === label);

const CCCC = '中国交通建设集团有限公司';
const CMG = '招商局集团有限公司';
const snapshot = (rows: readonly ProjectRow[]) => snapshotOf(ledgerRead(rows));
const before = snapshot([
  projectRow(3, '风电母港', [CMG], 'preparation', 800_000),
  projectRow(4, '长海大桥', [CCCC], 'construction', 1_200_000, 150_000),
  projectRow(5, '港区道路', [CCCC], 'signed', 60_000),
]);
const after = snapshot([
  projectRow(3, '风电母港', [CMG], 'construction', 800_000),
  projectRow(4, '长海大桥', [CCCC], 'construction', 1_200_000, 180_000),
  projectRow(5, '=HYPERLINK("x")\u0007机场', [CCCC, CMG], 'planning', 2_630_000),
]);
const options: ChangesLayoutOptions = { lang: 'zh-CN', asOf: '2025年9月30日 14:05', displayUnit: 'yi', decimals: 1, baselineAt: '2025年9月1日 09:00' };

describe('layoutChanges', () => {
  it('plans the changes sheet by role, named 变动 in Chinese and Changes in English', () => {
    expect(layoutChanges(null, options)).toMatchObject({ role: 'changes', name: '变动', charts: [] });
    expect(layoutChanges(null, { ...options, lang: 'en-US' }).name).toBe('Changes');
  });

  it('says there is nothing to compare with yet on the first refresh of a period', () => {
    const plan = layoutChanges(null, { ...options, baselineAt: undefined } as unknown as ChangesLayoutOptions);
    expect(texts(plan).some((t) => t.startsWith('暂无可比较的数据'))).toBe(true);
    expect(texts(plan)).toContain('基线：时间不详　本次刷新：2025年9月30日 14:05');
    expect(rowOf(plan, '关键指标')).toBeUndefined();
  });

  it('says nothing changed when the ledger equals the baseline, with zero deltas', () => {
    const plan = layoutChanges(diffLedgers(after, after), options);
    expect(texts(plan)).toContain('与本期基线相比没有变化。');
    expect(rowOf(plan, '项目数')).toEqual(['项目数', 3, 3, 0]);
    expect(rowOf(plan, '新增项目（0个）')).toBeDefined();
  });

  it('shows every key figure: baseline, now and change, amounts in 亿元', () => {
    const plan = layoutChanges(diffLedgers(before, after), options);
    expect(texts(plan)).toContain('与本期基线相比：新增项目1个，移除1个，阶段变动1个，投资变动1个。');
    expect(rowOf(plan, '项目数')).toEqual(['项目数', 3, 3, 0]);
    expect(rowOf(plan, '合作央企数')).toEqual(['合作央企数', 2, 2, 0]);
    expect(rowOf(plan, '已开工项目')).toEqual(['已开工项目', 1, 2, 1]);
    expect(rowOf(plan, '已竣工项目')).toEqual(['已竣工项目', 0, 0, 0]);
    expect(rowOf(plan, '总投资')).toEqual(['总投资', 206, 463, 257]);
    expect(rowOf(plan, '累计完成投资')).toEqual(['累计完成投资', 15, 18, 3]);
  });

  it('lists added, removed, stage and investment changes per project, with an investment total', () => {
    const grid = cells(layoutChanges(diffLedgers(before, after), options));
    expect(grid.find((line) => line?.[0] === 5 && line[3] === '谋划')).toEqual([5, '=HYPERLINK("x") 机场', '中国交建、招商局', '谋划', 263, 0]);
    expect(grid.find((line) => line?.[1] === '港区道路')).toEqual([5, '港区道路', '中国交建', '签约', 6, 0]);
    expect(grid.find((line) => line?.[1] === '风电母港')).toEqual([3, '风电母港', '招商局', '前期', '在建']);
    expect(grid.find((line) => line?.[1] === '长海大桥')).toEqual([4, '长海大桥', '中国交建', 120, 120, 0, 15, 18, 3]);
    expect(grid.find((line) => line?.[0] === '合计')).toEqual(['合计', null, null, 120, 120, 0, 15, 18, 3]);
  });

  it('formats amounts with the display decimals and signed changes', () => {
    const plan = layoutChanges(diffLedgers(before, after), { ...options, decimals: 2 });
    const formats = plan.blocks.map((b) => b.numberFormat).filter(Array.isArray).flat();
    expect(formats).toContain('#,##0.00');
    expect(formats).toContain('+#,##0.00;-#,##0.00;#,##0.00');
    expect(formats).toContain('+#,##0;-#,##0;0');
  });

  it('shows amounts in 万元 when the display unit is wan', () => {
    const plan = layoutChanges(diffLedgers(before, after), { ...options, displayUnit: 'wan', decimals: 0 });
    expect(rowOf(plan, '总投资')).toEqual(['总投资', 2_060_000, 4_630_000, 2_570_000]);
    expect(texts(plan)).toContain('单位：金额万元，项目数个，央企数家');
  });

  it('writes the English labels and stage names', () => {
    const grid = cells(layoutChanges(diffLedgers(before, after), { ...options, lang: 'en-US' }));
    expect(grid.find((line) => line?.[1] === '风电母港')).toEqual([3, '风电母港', '招商局', 'Preparation', 'Under construction']);
    expect(grid.find((line) => line?.[0] === 'Projects')).toEqual(['Projects', 3, 3, 0]);
  });

  it('shows 亿元 as billions on the English sheet, with one decimal more', () => {
    const plan = layoutChanges(diffLedgers(before, after), { ...options, lang: 'en-US' });
    // 2,060,000 → 4,630,000 万元 = 20.6 → 46.3 bn (206 → 463 亿元).
    expect(rowOf(plan, 'Total investment')).toEqual(['Total investment', 20.6, 46.3, 25.7]);
    expect(texts(plan)).toContain('Amounts in CNY bn');
    const formats = plan.blocks.map((b) => b.numberFormat).filter(Array.isArray).flat();
    expect(formats).toContain('#,##0.00');
    expect(formats).not.toContain('#,##0.0');
  });

  it('sizes each column to its widest table text, CJK counted as two', () => {
    const plan = layoutChanges(diffLedgers(before, after), options);
    // A: 累计完成投资 12 + 2; B: =HYPERLINK("x") 机场 20 + 2; C: 中国交建、招商局 16 + 2; D, E: 总投资（基线） / （本次） 14 + 2;
    // F: 累计完成投资 12 + 2; G, H: 累计完成投资（基线） / （本次） 20 + 2; I: 累计完成投资变动 16 + 2.
    expect(plan.columnWidths).toEqual([14, 22, 18, 16, 16, 14, 22, 22, 18]);
  });

  it('right-aligns the headers over numbers, and only those', () => {
    const plan = layoutChanges(diffLedgers(before, after), options);
    const grid = cells(plan);
    const aligned = plan.formats.filter((f) => f.style.horizontalAlignment === 'right').map((f) => grid[f.range.row]?.[f.range.col]);
    expect(aligned).toEqual([
      ...['基线', '本次', '变动'],
      ...['行号', '总投资', '累计完成投资'],
      ...['基线行号', '总投资', '累计完成投资'],
      '行号',
      ...['行号', '总投资（基线）', '总投资（本次）', '总投资变动', '累计完成投资（基线）', '累计完成投资（本次）', '累计完成投资变动'],
    ]);
  });

  it('keeps every block rectangular', () => {
    for (const block of layoutChanges(diffLedgers(before, after), options).blocks) {
      const width = block.values[0]?.length;
      expect(block.values.every((line) => line.length === width)).toBe(true);
      if (Array.isArray(block.numberFormat)) expect(block.numberFormat).toHaveLength(width!);
    }
  });
});

describe('layoutChanges byDistrict', () => {
  const inDistrict = (district: string | null, row: ProjectRow): ProjectRow => ({ ...row, district });
  // 风电母港 (金州区) changes stage; 长海大桥 (长海县) changes invested; 港区道路 (金州区) removed; 机场 (no district) added.
  const cityBefore = snapshot([
    inDistrict('金州区', projectRow(3, '风电母港', [CMG], 'preparation', 800_000)),
    inDistrict('长海县', projectRow(4, '长海大桥', [CCCC], 'construction', 1_200_000, 150_000)),
    inDistrict('金州区', projectRow(5, '港区道路', [CCCC], 'signed', 60_000)),
  ]);
  const cityAfter = snapshot([
    inDistrict('金州区', projectRow(3, '风电母港', [CMG], 'construction', 800_000)),
    inDistrict('长海县', projectRow(4, '长海大桥', [CCCC], 'construction', 1_200_000, 180_000)),
    inDistrict(null, projectRow(5, '机场', [CCCC, CMG], 'planning', 2_630_000)),
  ]);
  const diff = diffLedgers(cityBefore, cityAfter);

  it('adds a per-district count table with a total row', () => {
    const plan = layoutChanges(diff, { ...options, byDistrict: true });
    expect(rowOf(plan, '分区县变动')).toBeDefined();
    expect(rowOf(plan, '所属地区')).toEqual(['所属地区', '新增', '移除', '阶段变化', '投资变化']);
    expect(rowOf(plan, '金州区')).toEqual(['金州区', 0, 1, 1, 0]);
    expect(rowOf(plan, '长海县')).toEqual(['长海县', 0, 0, 0, 1]);
    expect(rowOf(plan, '未填地区')).toEqual(['未填地区', 1, 0, 0, 0]);
    expect(cells(plan).filter((line) => line?.[0] === '合计')[0]).toEqual(['合计', 1, 1, 1, 1]);
  });

  it('gives every project list a district column', () => {
    const grid = cells(layoutChanges(diff, { ...options, byDistrict: true }));
    expect(grid.find((line) => line?.[1] === '机场')).toEqual([5, '机场', '中国交建、招商局', '谋划', 263, 0, '未填地区']);
    expect(grid.find((line) => line?.[1] === '港区道路')).toEqual([5, '港区道路', '中国交建', '签约', 6, 0, '金州区']);
    expect(grid.find((line) => line?.[1] === '风电母港')).toEqual([3, '风电母港', '招商局', '前期', '在建', '金州区']);
    expect(grid.find((line) => line?.[1] === '长海大桥')).toEqual([4, '长海大桥', '中国交建', 120, 120, 0, 15, 18, 3, '长海县']);
    expect(grid.filter((line) => line?.[0] === '合计').at(-1)).toEqual(['合计', null, null, 120, 120, 0, 15, 18, 3, null]);
  });

  it('labels the table in English', () => {
    const plan = layoutChanges(diff, { ...options, lang: 'en-US', byDistrict: true });
    expect(rowOf(plan, 'District')).toEqual(['District', 'Added', 'Removed', 'Stage changes', 'Investment changes']);
    expect(rowOf(plan, 'No district')).toEqual(['No district', 1, 0, 0, 0]);
  });

  it('shows neither the table nor the column without byDistrict, or when nothing changed', () => {
    const plain = layoutChanges(diff, options);
    expect(rowOf(plain, '分区县变动')).toBeUndefined();
    expect(cells(plain).find((line) => line?.[1] === '港区道路')).toEqual([5, '港区道路', '中国交建', '签约', 6, 0]);
    expect(rowOf(layoutChanges(diffLedgers(cityAfter, cityAfter), { ...options, byDistrict: true }), '分区县变动')).toBeUndefined();
  });
});
