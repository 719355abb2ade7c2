/**
 * A merged city ledger (rows of several 所属地区) refreshed twice in the fake Excel: 变动 groups the changes by
 * district (issue 18). Expectations computed by hand from the two grids below.
 */
import type { Grid } from '../../src/domain/ledger/types';
import { refresh, type RunReport } from '../../src/workflows/refresh';
import type { WorkbookPort } from '../../src/workflows/workbookPort';
import { fakeWorkbook, uninstallFakes } from '../excel/fakeWorkbook';
import type { CellValue as FakeCell, FakeExcel } from '../fakes/fakeExcel';

const HEADER = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '总投资（万元）', '累计完成投资（万元）'];
const BASELINE: Grid = [
  HEADER,
  [1, '太平湾风电母港产业园', '招商局集团', '工业', '前期', '瓦房店市', 800_000, 0],
  [2, '长海大桥主线钢栈桥', '中国交建', '交通', '在建', '长海县', 1_200_000, 150_000],
  [3, '中储大连物流园', '中国交建', '仓储物流', '签约', '甘井子区', 60_000, 0],
  [4, '中粮油脂大连饲料蛋白加工项目', '中粮集团', '工业', '在建', '甘井子区', 300_000, 120_000],
];
// Since the baseline: 风电母港 前期 → 开工 (瓦房店市); 长海大桥 invested 150,000 → 180,000 (长海县);
// 中储物流园 removed (甘井子区); 金州湾机场 added (金州区, which the ledger reader names 金普新区); 中粮 unchanged.
const NOW: Grid = [
  HEADER,
  [1, '太平湾风电母港产业园', '招商局集团', '工业', '开工', '瓦房店市', 800_000, 0],
  [2, '长海大桥主线钢栈桥', '中国交建', '交通', '在建', '长海县', 1_200_000, 180_000],
  [3, '大连金州湾国际机场', '中国建筑', '交通', '前期', '金州区', 2_630_000, 0],
  [4, '中粮油脂大连饲料蛋白加工项目', '中粮集团', '工业', '在建', '甘井子区', 300_000, 120_000],
];

const cellsOf = (g: Grid): FakeCell[][] => g.map((row) => row.map((c) => c ?? ''));
/** The 变动 sheet's rows, each without its trailing empty cells. */
const changesSheet = (fake: FakeExcel, report: RunReport): FakeCell[][] =>
  fake.getSheetValues(report.sheets.changes ?? '').map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end);
  });
const rowOf = (values: FakeCell[][], label: string): FakeCell[] | undefined => values.find((r) => r[0] === label);
const settings = { now: () => new Date(2025, 8, 30, 14, 5), settings: { lang: 'zh-CN' as const } };

describe('refresh of a ledger of several districts', () => {
  let fake: FakeExcel;
  let port: WorkbookPort;
  afterEach(() => uninstallFakes());

  it('shows the changes since the baseline per district on 变动, and each listed project with its district', async () => {
    ({ fake, port } = fakeWorkbook({ sheets: { 台账: cellsOf(BASELINE) } }));
    expect((await refresh(port, settings)).ok).toBe(true);
    await fake.simulateUserEdit('台账', 'A1:H5', cellsOf(NOW));
    const report = await refresh(port, settings);
    expect(report.ok).toBe(true);
    const values = changesSheet(fake, report);
    expect(rowOf(values, '分区县变动')).toBeDefined();
    expect(rowOf(values, '金普新区')).toEqual(['金普新区', 1, 0, 0, 0]);
    expect(rowOf(values, '甘井子区')).toEqual(['甘井子区', 0, 1, 0, 0]);
    expect(rowOf(values, '瓦房店市')).toEqual(['瓦房店市', 0, 0, 1, 0]);
    expect(rowOf(values, '长海县')).toEqual(['长海县', 0, 0, 0, 1]);
    expect(values.find((r) => r[1] === '中储大连物流园')?.at(-1)).toBe('甘井子区');
    expect(values.find((r) => r[1] === '大连金州湾国际机场')?.at(-1)).toBe('金普新区');
    expect(rowOf(values, '合计')).toEqual(['合计', 1, 1, 1, 1]);
    expect(values.find((r) => r[1] === '太平湾风电母港产业园')?.at(-1)).toBe('瓦房店市');
  });

  it('keeps 变动 ungrouped for a ledger of one district', async () => {
    const oneDistrict = (g: Grid): Grid => g.map((row, i) => (i === 0 ? row : row.map((c, col) => (col === 5 ? '甘井子区' : c))));
    ({ fake, port } = fakeWorkbook({ sheets: { 台账: cellsOf(oneDistrict(BASELINE)) } }));
    await refresh(port, settings);
    await fake.simulateUserEdit('台账', 'A1:H5', cellsOf(oneDistrict(NOW)));
    const report = await refresh(port, settings);
    const values = changesSheet(fake, report);
    expect(report.changes?.diff?.added).toHaveLength(1);
    expect(rowOf(values, '分区县变动')).toBeUndefined();
    expect(values.find((r) => r[1] === '大连金州湾国际机场')?.at(-1)).toBe(0);
  });
});
