/**
 * Integration: the 赛马 and 预警 sheets of issue 17 through the refresh workflow, the Office.js adapter and the fake
 * Excel: written for a ledger with the optional columns, absent for one without.
 */
import type { CellValue } from '../../src/domain/ledger/types';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { refresh, type RefreshOptions } from '../../src/workflows/refresh';
import { fakeWorkbook, sheetSnapshot, uninstallFakes } from '../excel/fakeWorkbook';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

afterEach(uninstallFakes);

const NOW = new Date(2025, 9, 4, 10, 0);
const options: RefreshOptions = { now: () => NOW, displayLanguage: 'zh-CN' };

const GRID: CellValue[][] = [
  ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）', '所属地区', '计划开工时间', '计划竣工时间', '年度计划投资（万元）', '本年完成投资（万元）'],
  ['甲', '中国华能', '能源', '已签约', 1000, '中山区', '2025-05', '2027-12', null, null],
  ['乙', '中国交建', '交通', '在建', 800, '西岗区', '2024-03', '2025-08', 400, 380],
  ['丙', '中国中铁', '交通', '在建', 600, '金州区', '2024-09', '2026-06', 200, 190],
];

describe('refresh: 赛马 and 预警 sheets', () => {
  it('writes both sheets for a ledger with the optional columns, as of the last complete month, and adds the brief sentence', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: GRID } });
    const report = await refresh(createOfficeWorkbookPort(), options);
    expect(report.error).toBeNull();
    expect(report.sheets).toMatchObject({ race: '赛马', warnings: '预警' });
    const warnings = sheetSnapshot(fake, report.sheets.warnings!).values.flat();
    expect(warnings).toContain('红黄绿灯预警（截至2025-09-30）');
    expect(warnings).toContain('计划2025年5月开工，已滞后4个月未开工');
    expect(warnings).toContain('计划2025年8月竣工，已滞后1个月未竣工');
    const race = sheetSnapshot(fake, report.sheets.race!).values.flat();
    expect(race).toContain('主城区');
    expect(race).toContain('金普新区');
    expect(report.brief).toContain('红灯项目1个、黄灯项目1个，主要为开工滞后（1个）、竣工滞后（1个）。');
    expect(report.race?.lights.counts).toEqual({ red: 1, yellow: 1, green: 1, unknown: 0 });
    expect(report.race?.race.groups.map((g) => g.group)).toEqual(['主城区', '先导区', '北部地区']);
  });

  it('ranks by the workbook’s 赛马规则 sheet and leaves that sheet as it was', async () => {
    const rules: CellValue[][] = [['分组', null], ['组别', '地区'], ['两区', '西岗'], [null, '金普新区'], ['预警阈值', null], ['竣工滞后黄灯（月）', 2]];
    const { fake } = fakeWorkbook({ sheets: { 台账: GRID, 赛马规则: rules } });
    const report = await refresh(createOfficeWorkbookPort(), options);
    expect(report.error).toBeNull();
    expect(report.race?.race.groups.map((g) => [g.group, g.districts.map((d) => d.district)])).toEqual([['两区', ['西岗区', '金普新区']]]);
    // 乙 is 1 month late to complete: below the edited yellow threshold of 2, so green.
    expect(report.race?.lights.counts).toEqual({ red: 1, yellow: 0, green: 2, unknown: 0 });
    // The fake shows empty cells as "" (as Excel's values do).
    expect(sheetSnapshot(fake, '赛马规则').values).toEqual(rules.map((r) => r.map((v) => v ?? '')));
  });

  it('falls back to the default rules when the 赛马规则 sheet is unusable, and says so on the 赛马 sheet', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: GRID, 赛马规则: [['权重', null], ['速度', 5]] } });
    const report = await refresh(createOfficeWorkbookPort(), options);
    expect(report.race?.race.groups.map((g) => g.group)).toEqual(['主城区', '先导区', '北部地区']);
    expect(sheetSnapshot(fake, report.sheets.race!).values.flat()).toContain('“赛马规则”工作表有误，已按默认规则计算：row 2: unknown indicator "速度"');
  });

  it('writes neither for a ledger without any of them', async () => {
    fakeWorkbook({ sheets: { 台账: realisticLedgerGrid() } });
    const report = await refresh(createOfficeWorkbookPort(), options);
    expect(report.ok).toBe(true);
    expect(report.sheets.race).toBeUndefined();
    expect(report.sheets.warnings).toBeUndefined();
    expect(report.race).toBeUndefined();
    expect(report.brief).not.toContain('红灯');
  });
});
