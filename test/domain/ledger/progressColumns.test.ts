import { readLedger } from '../../../src/domain/ledger/readLedger';

const HEADER = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '所属地区', '签约时间', '计划开工时间', '实际开工时间', '计划竣工时间', '年度计划投资（亿元）', '本年累计完成投资（万元）'];

describe('readLedger: the optional columns of issue 17', () => {
  it('recognises them by header and reads dates with the date parser and amounts in their unit', () => {
    const read = readLedger([HEADER, ['甲项目', '华能', '能源', '在建', 10, '金州区', '2025年3月', '2025.03', 45366, '2026-12-31', 1.5, 3000]]);
    expect(Object.keys(read.header?.columns ?? {})).toEqual(
      expect.arrayContaining(['signDate', 'plannedStartDate', 'actualStartDate', 'plannedCompletionDate', 'annualPlanInvestment', 'yearInvested']),
    );
    expect(read.header?.columns.startDate).toBeUndefined();
    expect(read.rows[0]?.progress).toEqual({
      signDate: '2025-03',
      plannedStartDate: '2025-03',
      actualStartDate: '2024-03-15',
      plannedCompletionDate: '2026-12-31',
      annualPlanWan: 15_000,
      yearInvestedWan: 3000,
    });
  });

  it('takes the unit line for an amount column without its own unit, and warns on an unreadable cell', () => {
    const read = readLedger([['单位：亿元'], ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资', '年度计划投资', '今年完成投资'], ['甲', '华能', '能源', '在建', 10, 2, '很多']]);
    expect(read.rows[0]?.progress?.annualPlanWan).toBe(20_000);
    expect(read.rows[0]?.progress?.yearInvestedWan).toBeNull();
    expect(read.issues.map((i) => i.code)).toContain('invested_unreadable');
  });

  it('leaves rows without progress when the ledger has none of the columns', () => {
    const read = readLedger([HEADER.slice(0, 6), ['甲', '华能', '能源', '在建', 10, '中山区']]);
    expect(read.rows[0]?.progress).toBeUndefined();
  });
});
