import { layoutRace } from '../../../src/domain/layout/layoutRace';
import { layoutWarnings, LIGHT_STYLES } from '../../../src/domain/layout/layoutWarnings';
import type { ColumnMapping, ColumnRef, ProjectRow, RowProgress } from '../../../src/domain/ledger/types';
import { computeLights } from '../../../src/domain/race/computeLights';
import { computeRace } from '../../../src/domain/race/computeRace';
import { DEFAULT_RACE_RULES } from '../../../src/domain/race/raceRules';
import { row } from '../summarize/rowBuilder';
import { formatAt, rangeA1, rowOf, rowValues } from './planCells';

const col = (index: number): ColumnRef => ({ index, letter: String.fromCharCode(65 + index), header: '' });
const NO_PROGRESS: RowProgress = { signDate: null, plannedStartDate: null, actualStartDate: null, plannedCompletionDate: null, annualPlanWan: null, yearInvestedWan: null };
const project = (spec: Parameters<typeof row>[0], progress: Partial<RowProgress>): ProjectRow => ({ ...row(spec), progress: { ...NO_PROGRESS, ...progress } });

const RULES = { ...DEFAULT_RACE_RULES, groups: [{ name: '主城区', districts: ['中山区', '西岗区'] }, { name: '空组', districts: [] }] };
const ROWS = [
  project({ district: '中山区', name: '甲', sheetRow: 5, stage: 'signed', soes: ['中国华能'] }, { signDate: '2025-02', plannedStartDate: '2025-03', yearInvestedWan: 20_000 }),
  project({ district: '西岗区', name: '乙', sheetRow: 6, stage: 'construction' }, { signDate: '2025-04', actualStartDate: '2025-05', plannedCompletionDate: '2025-08', annualPlanWan: 10_000, yearInvestedWan: 10_000 }),
  project({ district: '市本级', name: '丙', sheetRow: 7, stage: 'construction' }, { annualPlanWan: 100, yearInvestedWan: 80 }),
];

describe('layoutRace', () => {
  const columns: ColumnMapping = { signDate: col(8), plannedStartDate: col(9), actualStartDate: col(10), plannedCompletionDate: col(11), yearInvested: col(12) };
  const race = computeRace({ rows: ROWS, columns }, '2025-09-30', RULES);
  const plan = layoutRace(race, { lang: 'zh-CN', displayUnit: 'yi', decimals: 1 });

  it('lays out one table per group with indicators, score, rank and change, a dropped indicator left empty', () => {
    expect(plan.role).toBe('race');
    expect(plan.name).toBe('赛马');
    const header = rowOf(plan, '地区');
    expect(rowValues(plan, header)).toEqual(['地区', '签约（个）', '开工（个）', '完成投资（亿元）', '完成率', '得分', '排名', '名次变化']);
    // No 年度计划投资: 完成率 dropped (20 shared: 签约 25, 开工 37.5, 完成投资 37.5).
    // 中山区: 25·1/1 + 0 + 37.5·2/2 = 62.5; 西岗区: 25 + 37.5 + 37.5·1/2 = 81.25.
    expect(rowValues(plan, header + 1)).toEqual(['西岗区', 1, 1, 1, null, 81.25, 1, '—']);
    expect(rowValues(plan, header + 2)).toEqual(['中山区', 1, 0, 2, null, 62.5, 2, '—']);
    expect(formatAt(plan, `F${header + 1}`)).toBe('0.0');
    expect(formatAt(plan, `D${header + 1}`)).toBe('#,##0.0');
  });

  it('shows 亿元 as billions on an English sheet (1 亿元 = 0.1 bn, one decimal more), never "100 million"', () => {
    const en = layoutRace(race, { lang: 'en-US', displayUnit: 'yi', decimals: 1 });
    const header = rowOf(en, 'District');
    expect(rowValues(en, header)[3]).toBe('Invested (CNY bn)');
    // 西岗区 invested 1 亿元 and 中山区 2 亿元 (the zh-CN table above).
    expect([rowValues(en, header + 1)[3], rowValues(en, header + 2)[3]]).toEqual([0.1, 0.2]);
    expect(formatAt(en, `D${header + 1}`)).toBe('#,##0.00');
  });

  it('shows the change in rank since the baseline as ↑n, ↓n, 新 and —', () => {
    const threeRules = { ...RULES, groups: [{ name: '主城区', districts: ['中山区', '西岗区', '沙河口区'] }] };
    const rows = [...ROWS, project({ district: '沙河口区', name: '丁', sheetRow: 8, stage: 'signed' }, {})];
    // Now: 西岗区 1, 中山区 2, 沙河口区 3 (scores 81.25, 62.5, 0).
    const race3 = computeRace({ rows, columns }, '2025-09-30', threeRules, [
      { district: '西岗区', group: '主城区', rank: 3 },
      { district: '中山区', group: '主城区', rank: 1 },
      { district: '沙河口区', group: '北部地区', rank: 3 },
    ]);
    const shown = layoutRace(race3, { lang: 'zh-CN', displayUnit: 'yi', decimals: 1 });
    const header = rowOf(shown, '地区');
    expect([1, 2, 3].map((i) => rowValues(shown, header + i)).map((r) => [r[0], r[6], r[7]])).toEqual([
      ['西岗区', 1, '↑2'],
      ['中山区', 2, '↓1'],
      ['沙河口区', 3, '新'],
    ]);
    const same = layoutRace(computeRace({ rows, columns }, '2025-09-30', threeRules, [{ district: '西岗区', rank: 1 }]), { lang: 'en-US', displayUnit: 'yi', decimals: 1 });
    const enHeader = rowOf(same, 'District');
    expect([1, 2].map((i) => rowValues(same, enHeader + i)[7])).toEqual(['—', 'new']);
    expect(rowOf(plan, '名次变化与本期基期的排名相比：↑上升、↓下降，“新”为基期未在本组排名，“—”为持平或基期未记录排名。')).toBeGreaterThan(0);
  });

  it('tells where the rules can be changed', () => {
    expect(rowOf(plan, '默认分组依参考资料推定；权重、分组和预警阈值可在名为“赛马规则”的工作表中修改，加载项只读取、不改写该表。')).toBeGreaterThan(0);
  });

  it('says which indicator was dropped and how the weights were shared', () => {
    expect(rowOf(plan, '未找到“年度计划投资、本年完成投资”列，“完成率”指标未计分，其权重20按比例分给其他指标')).toBeGreaterThan(0);
    expect(rowOf(plan, '权重：签约 25、开工 37.5、完成投资 37.5；得分 = Σ权重 × 指标值 ÷ 本组该指标最大值，满分100。')).toBeGreaterThan(0);
  });

  it('draws a bar chart of the scores per group and notes an empty group', () => {
    const header = rowOf(plan, '地区');
    expect(plan.charts).toHaveLength(1);
    const chart = plan.charts[0];
    expect(chart?.type).toBe('barClustered');
    expect(chart?.title).toBe('主城区赛马得分');
    expect(chart && rangeA1(chart.categories)).toBe(`A${header + 1}:A${header + 2}`);
    expect(chart && rangeA1(chart.series[0]?.values ?? chart.categories)).toBe(`F${header + 1}:F${header + 2}`);
    expect(rowOf(plan, '本组暂无地区。')).toBeGreaterThan(rowOf(plan, '空组'));
    expect(rowOf(plan, '市本级/跨区域项目1个、未分组地区项目0个，不参与排名。')).toBeGreaterThan(0);
  });

  it('writes English labels', () => {
    const en = layoutRace(race, { lang: 'en-US', displayUnit: 'wan', decimals: 0 });
    expect(en.name).toBe('Race');
    expect(rowValues(en, rowOf(en, 'District'))).toContain('Invested (CNY 10,000)');
  });
});

describe('layoutWarnings', () => {
  const columns: ColumnMapping = { plannedStartDate: col(9), actualStartDate: col(10), plannedCompletionDate: col(11), annualPlanInvestment: col(12), yearInvested: col(13) };
  const lights = computeLights({ rows: ROWS, columns }, '2025-09-30', RULES);
  const plan = layoutWarnings(lights, { lang: 'zh-CN', sourceSheet: '台账' });

  it('counts per district, then lists red and yellow projects with reasons and a link to the ledger row', () => {
    expect(plan.role).toBe('warnings');
    expect(plan.name).toBe('预警');
    const counts = rowOf(plan, '地区');
    expect(rowValues(plan, counts)).toEqual(['地区', '红灯', '黄灯', '绿灯', '未判定', '合计']);
    expect(rowValues(plan, counts + 1)).toEqual(['中山区', 1, 0, 0, 0, 1]);
    expect(rowValues(plan, counts + 2)).toEqual(['西岗区', 0, 1, 0, 0, 1]);
    expect(rowValues(plan, counts + 3)).toEqual(['市本级/跨区域', 0, 0, 1, 0, 1]);
    expect(rowValues(plan, counts + 4)).toEqual(['合计', 1, 1, 1, 0, 3]);
    const list = rowOf(plan, '预警');
    expect(rowValues(plan, list + 1)).toEqual(['红灯', '中山区', '甲', '中国华能', '计划2025年3月开工，已滞后6个月未开工', { link: { sheet: '台账', address: 'A5' }, text: 'A5' }]);
    expect(rowValues(plan, list + 2)).toEqual(['黄灯', '西岗区', '乙', '中国华能', '计划2025年8月竣工，已滞后1个月未竣工', { link: { sheet: '台账', address: 'A6' }, text: 'A6' }]);
  });

  it('links each project to its name cell when the ledger maps a name column, as the pane selects it', () => {
    const named = layoutWarnings(lights, { lang: 'zh-CN', sourceSheet: '台账', nameColumn: 'C' });
    const list = rowOf(named, '预警');
    expect(rowValues(named, list + 1)[5]).toEqual({ link: { sheet: '台账', address: 'C5' }, text: 'C5' });
    expect(rowValues(named, list + 2)[5]).toEqual({ link: { sheet: '台账', address: 'C6' }, text: 'C6' });
  });

  it('colours the light cells: the red ones red, the yellow ones yellow', () => {
    const list = rowOf(plan, '预警');
    const lightFormats = plan.formats.filter((f) => f.range.row >= list && f.range.col === 0);
    expect(lightFormats.map((f) => [rangeA1(f.range), f.style])).toEqual([
      [`A${list + 1}`, LIGHT_STYLES.red],
      [`A${list + 2}`, LIGHT_STYLES.yellow],
    ]);
  });

  it('says when there is nothing red or yellow, and why a rule was not applied', () => {
    const empty = layoutWarnings(computeLights({ rows: [row({ stage: 'construction' })], columns: {} }, '2025-09-30'), { lang: 'en-US', sourceSheet: 'Ledger' });
    expect(rowOf(empty, 'No red or yellow projects.')).toBeGreaterThan(0);
    expect(rowOf(empty, 'No 计划开工时间 (planned start) column: the start rule was not applied')).toBeGreaterThan(0);
  });
});
