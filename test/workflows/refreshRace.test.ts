/**
 * Integration: the 赛马 and 预警 sheets of issue 17 through the refresh workflow, the Office.js adapter and the fake
 * Excel: written for a ledger with the optional columns, absent for one without.
 */
import type { CellValue } from '../../src/domain/ledger/types';
import { DEFAULT_RACE_RULES } from '../../src/domain/race/raceRules';
import { layoutRulesSheet, rulesSheetGrid } from '../../src/domain/race/rulesSheet';
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

  it('links each red or yellow project to its name cell in the ledger, the cell the pane selects', async () => {
    const numbered = GRID.map((cells, i) => [i === 0 ? '序号' : i, ...cells]);
    const { fake } = fakeWorkbook({ sheets: { 台账: numbered } });
    const report = await refresh(createOfficeWorkbookPort(), options);
    expect(report.error).toBeNull();
    const formulas = Object.values(sheetSnapshot(fake, report.sheets.warnings!).formulas);
    // 甲 (row 2) starts late, 乙 (row 3) completes late: the name column is B now that 序号 comes first.
    expect(formulas).toEqual(expect.arrayContaining([`=HYPERLINK("#'台账'!B2","B2")`, `=HYPERLINK("#'台账'!B3","B3")`]));
    expect(formulas.filter((f) => f.includes("'台账'!A"))).toEqual([]);
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

  it('creates the 赛马规则 sheet with the default rules on the first refresh, and the 赛马 sheet says so', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: GRID } });
    const report = await refresh(createOfficeWorkbookPort(), options);
    expect(report.error).toBeNull();
    const created = sheetSnapshot(fake, '赛马规则');
    expect(created.values).toEqual(rulesSheetGrid(DEFAULT_RACE_RULES).map((r) => r.map((v) => v ?? '')));
    // Title, 权重, 指标|权重 are bold; the widths of 26 and 12 characters in points ((26 × 7 + 5) × 0.75).
    expect(created.fonts.A1?.bold).toBe(true);
    expect(created.fonts.B5?.bold).toBe(true);
    expect(created.fonts.A6?.bold).toBeUndefined();
    expect(created.columnWidths).toEqual({ A: 140.25, B: 66.75 });
    // A user sheet: added after the others and not active, never owned.
    expect(fake.snapshot().sheets.map((sheet) => sheet.name).indexOf('赛马规则')).toBeGreaterThan(fake.snapshot().sheets.map((sheet) => sheet.name).indexOf('台账'));
    expect(fake.snapshot().activeSheet).not.toBe('赛马规则');
    expect(sheetSnapshot(fake, report.sheets.race!).values.flat()).toContain('已新建“赛马规则”工作表并填入默认规则：可在其中修改权重、分组和预警阈值，下次刷新起生效。');
  });

  it('reads the created sheet back on the next refresh: an edited weight changes the scores, and the sheet is left as the user wrote it', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: GRID } });
    const first = await refresh(port, options);
    const mainFirst = first.race?.race.groups.find((g) => g.group === '主城区')?.districts ?? [];
    // Defaults, no 签约时间 column (签约 dropped: 20 shared → 开工 37.5, 完成投资 37.5, 完成率 25); 乙 (西岗区) is the only
    // project of 主城区 with figures: 开工 1 (在建, no 实际开工时间 column), 完成投资 380, 完成率 0.95 → 100; 中山区 0.
    expect(mainFirst.map((d) => [d.district, d.score])).toEqual([
      ['西岗区', 100],
      ['中山区', 0],
      ['沙河口区', 0],
      ['甘井子区', 0],
      ['旅顺口区', 0],
    ]);
    // The user sets the 完成投资 weight to 0 and moves 中山区 to a group of its own.
    const rows = sheetSnapshot(fake, '赛马规则').values;
    const investedRow = rows.findIndex((r) => r[0] === '完成投资') + 1;
    const zhongshanRow = rows.findIndex((r) => r[1] === '中山区') + 1;
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('赛马规则');
      sheet.getRange(`B${investedRow}`).values = [[0]];
      sheet.getRange(`A${zhongshanRow}`).values = [['中山组']];
      await context.sync();
    });
    const edited = sheetSnapshot(fake, '赛马规则').values;
    const second = await refresh(port, options);
    expect(second.error).toBeNull();
    // 开工 30, 完成投资 0, 完成率 20 (签约 dropped: its 20 shared in proportion → 开工 42, 完成率 28, Σ 70 + 0 + 30 = 100 in all).
    expect(second.race?.race.weights).toEqual({ signed: 0, started: 42, invested: 0, rate: 28 });
    // 中山区 was the first row of 主城区, so its new group is listed first.
    expect(second.race?.race.groups.map((g) => g.group)).toEqual(['中山组', '主城区', '先导区', '北部地区']);
    expect(second.race?.race.groups.find((g) => g.group === '主城区')?.districts[0]).toMatchObject({ district: '西岗区', score: 70 });
    expect(sheetSnapshot(fake, '赛马规则').values).toEqual(edited);
    expect(sheetSnapshot(fake, second.sheets.race!).values.flat()).not.toContain('已新建“赛马规则”工作表并填入默认规则：可在其中修改权重、分组和预警阈值，下次刷新起生效。');
  });

  it('shows each district’s change in rank since the period baseline, whose ranks the first refresh records', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: GRID } });
    const first = await refresh(port, options);
    // First refresh: 西岗区 100, every other 主城区 district 0 (rank 2, tied); no baseline to compare with yet.
    expect(JSON.parse(first.changes!.nextSnapshot).r).toEqual(expect.arrayContaining([['西岗区', '主城区', 1], ['中山区', '主城区', 2]]));
    expect(first.race?.race.groups[0]?.districts.map((d) => d.rankChange)).toEqual([null, null, null, null, null]);
    // 甲 (中山区) starts, with 400 of 400 invested: 中山区 37.5 + 37.5 + 25 = 100; 西岗区 37.5 + 37.5·380/400 + 25·0.95 = 96.875.
    await Excel.run(async (context) => {
      const ledger = context.workbook.worksheets.getItem('台账');
      ledger.getRange('D2').values = [['在建']];
      ledger.getRange('I2:J2').values = [[400, 400]];
      await context.sync();
    });
    const second = await refresh(port, options);
    const main = second.race?.race.groups[0]?.districts ?? [];
    expect(main.map((d) => [d.district, d.rank, d.rankChange])).toEqual([
      ['中山区', 1, 1],
      ['西岗区', 2, -1],
      ['沙河口区', 3, -1],
      ['甘井子区', 3, -1],
      ['旅顺口区', 3, -1],
    ]);
    const rows = sheetSnapshot(fake, second.sheets.race!).values;
    const shown = (district: string): unknown => rows.find((r) => r[0] === district)?.[7];
    expect([shown('中山区'), shown('西岗区'), shown('沙河口区')]).toEqual(['↑1', '↓1', '↓1']);
    // The baseline is kept, with its ranks.
    expect(second.changes?.nextSnapshot).toBe(first.changes?.nextSnapshot);
  });

  it('shows — for every change when the period baseline recorded no ranks', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: GRID } });
    const first = await refresh(port, options);
    const withoutRanks = JSON.stringify({ ...JSON.parse(first.changes!.nextSnapshot), r: undefined });
    await port.writeState({ snapshot: withoutRanks });
    const second = await refresh(port, options);
    expect(second.race?.race.hasRankBaseline).toBe(false);
    const rows = sheetSnapshot(fake, second.sheets.race!).values;
    expect(rows.filter((r) => r[0] === '中山区' || r[0] === '西岗区').map((r) => r[7])).toEqual(['—', '—']);
  });

  it('creates the rules sheet in two syncs, and not when a sheet of that name exists', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: GRID, rules: [['mine']] } });
    const plan = { ...layoutRulesSheet(DEFAULT_RACE_RULES), cells: [['=1+1', 5], ['+x', null]] };
    fake.resetSyncStats();
    expect(await port.createSheetIfAbsent(plan)).toBe('赛马规则');
    expect(fake.syncCount).toBe(2);
    // Text stays text, whatever it starts with.
    expect(sheetSnapshot(fake, '赛马规则').values).toEqual([
      ['=1+1', 5],
      ['+x', ''],
    ]);
    expect(sheetSnapshot(fake, '赛马规则').formulas).toEqual({});
    expect(await port.createSheetIfAbsent(plan)).toBeNull();
    expect(await port.createSheetIfAbsent({ ...plan, name: 'RULES' })).toBeNull();
    expect(sheetSnapshot(fake, 'rules').values).toEqual([['mine']]);
  });

  it('creates the rules sheet on ExcelApi 1.1, without column widths (RangeFormat.columnWidth is 1.2)', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: GRID }, apiVersion: '1.1' });
    const report = await refresh(createOfficeWorkbookPort(), options);
    expect(report.error).toBeNull();
    const created = sheetSnapshot(fake, '赛马规则');
    expect(created.values[0]).toEqual(['赛马规则', '']);
    expect(created.fonts.A1?.bold).toBe(true);
    expect(created.columnWidths).toEqual({});
  });

  it('still refreshes when the rules sheet cannot be created, and says why on the 赛马 sheet', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: GRID } });
    const create = port.createSheetIfAbsent.bind(port);
    port.createSheetIfAbsent = async (plan) => {
      fake.failAtSync(2, 'AccessDenied');
      return create(plan);
    };
    const report = await refresh(port, options);
    expect(report.ok).toBe(true);
    expect(fake.snapshot().sheets.map((s) => s.name)).not.toContain('赛马规则');
    const notes = sheetSnapshot(fake, report.sheets.race!).values.flat().filter((v): v is string => typeof v === 'string' && v.startsWith('未能新建'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^未能新建“赛马规则”工作表（.+），已按默认规则计算。$/);
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
