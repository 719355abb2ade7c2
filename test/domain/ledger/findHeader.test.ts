import { findHeader, HEADER_SEARCH_ROWS } from '../../../src/domain/ledger/findHeader';
import { matchHeaderText, unitOfText } from '../../../src/domain/ledger/matchHeaderText';
import type { CellValue, Field } from '../../../src/domain/ledger/types';

describe('matchHeaderText', () => {
  it.each<[string, Field]>([
    ['项目名称', 'name'],
    ['名称', 'name'],
    ['Project', 'name'],
    ['合作央企', 'soe'],
    ['央企名称', 'soe'],
    ['合作单位', 'soe'],
    ['所属行业', 'sector'],
    ['进展情况', 'stage'],
    ['项目类型', 'category'],
    ['区市县', 'district'],
    ['总投资\n(亿元)', 'totalInvestment'],
    ['计划总投资（万元）', 'totalInvestment'],
    ['项目总投资(单位:万元)', 'totalInvestment'],
    ['累计完成投资', 'investedToDate'],
    ['自开工累计完成投资（亿元）', 'investedToDate'],
    ['完成投资', 'investedToDate'],
    ['开工日期', 'startDate'],
    ['竣工（投产）时间', 'completionDate'],
    ['序号', 'serial'],
    ['备注', 'notes'],
    ['Total Investment', 'totalInvestment'],
    ['项目名称及建设内容', 'name'],
  ])('maps %j to %s', (text, field) => {
    expect(matchHeaderText(text)?.field).toBe(field);
  });

  it('never reads 完成投资 as 总投资 or 本年完成投资 as invested to date', () => {
    expect(matchHeaderText('累计完成投资')?.field).toBe('investedToDate');
    expect(matchHeaderText('本年完成投资')?.field).toBe('yearInvested');
  });

  it.each([
    ['签约时间', 'signDate'],
    ['计划开工时间', 'plannedStartDate'],
    ['实际开工时间', 'actualStartDate'],
    ['计划竣工时间', 'plannedCompletionDate'],
    ['年度计划投资（亿元）', 'annualPlanInvestment'],
    ['本年累计完成投资', 'yearInvested'],
    ['今年完成投资(万元)', 'yearInvested'],
    ['开工时间', 'startDate'],
  ])('maps the optional column %j to %s (issue 17)', (text, field) => {
    expect(matchHeaderText(text)?.field).toBe(field);
  });

  it('scores an exact synonym above a contained one', () => {
    expect(matchHeaderText('项目名称')?.score).toBe(2);
    expect(matchHeaderText('项目名称及建设内容')?.score).toBe(1);
  });
});

describe('unitOfText', () => {
  it.each<[string, string | null]>([
    ['总投资（亿元）', 'yi'],
    ['总投资(万元)', 'wan'],
    ['金额（元）', 'yuan'],
    ['单位：个、亿元', 'yi'],
    ['投资(亿)', 'yi'],
    ['总投资', null],
  ])('reads the unit of %j as %s', (text, unit) => {
    expect(unitOfText(text)).toBe(unit);
  });
});

describe('findHeader', () => {
  it('finds a one-row header below title and unit lines', () => {
    const header = findHeader([['台账'], ['单位：亿元'], ['项目名称', '合作央企', '总投资'], ['甲', '华能', 1]]);
    expect(header).toMatchObject({ headerRowIndex: 2, headerRows: 1, dataStartRowIndex: 3, sheetUnit: 'yi' });
    expect(header?.columns.totalInvestment).toEqual({ index: 2, letter: 'C', header: '总投资' });
  });

  it('finds a two-row header and gives the group unit to its sub-columns', () => {
    const header = findHeader([
      ['项目名称', '合作央企', '投资情况（亿元）', null, '备注'],
      [null, null, '总投资', '累计完成投资', null],
    ]);
    expect(header).toMatchObject({ headerRowIndex: 0, headerRows: 2, dataStartRowIndex: 2 });
    expect(header?.columns.totalInvestment).toEqual({ index: 2, letter: 'C', header: '投资情况(亿元)/总投资', unit: 'yi' });
    expect(header?.columns.investedToDate).toEqual({ index: 3, letter: 'D', header: '投资情况(亿元)/累计完成投资', unit: 'yi' });
    expect(header?.columns.notes?.index).toBe(4);
  });

  it('reads a 合计 sub-column under 总投资 as the total', () => {
    const header = findHeader([
      ['项目名称', '合作央企', '总投资（万元）', null],
      [null, null, '合计', '其中：中央投资'],
    ]);
    expect(header?.columns.totalInvestment?.index).toBe(2);
  });

  it('does not take the first data row for a second header row', () => {
    const header = findHeader([
      ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资'],
      ['甲', '华能', '能源', '在建', 1],
    ]);
    expect(header).toMatchObject({ headerRowIndex: 0, headerRows: 1 });
  });

  it('applies overrides by letter and by header text', () => {
    const grid: CellValue[][] = [['项目名称', '合作央企', '总投资', '核定投资（亿元）', '地方']];
    const header = findHeader(grid, { totalInvestment: 'D', district: '地方' });
    expect(header?.columns.totalInvestment).toMatchObject({ index: 3, unit: 'yi' });
    expect(header?.columns.district?.index).toBe(4);
  });

  it('returns null without a header in the first rows', () => {
    expect(findHeader([['台账'], [1, 2, 3]])).toBeNull();
    const late: CellValue[][] = Array.from({ length: HEADER_SEARCH_ROWS }, () => ['x']);
    late.push(['项目名称', '合作央企', '总投资']);
    expect(findHeader(late)).toBeNull();
  });
});
