import { layoutRace } from '../../../src/domain/layout/layoutRace';
import { layoutWarnings } from '../../../src/domain/layout/layoutWarnings';
import type { SheetPlan } from '../../../src/domain/layout/types';
import type { ColumnMapping, ColumnRef, ProjectRow, RowProgress } from '../../../src/domain/ledger/types';
import { computeLights } from '../../../src/domain/race/computeLights';
import { computeRace } from '../../../src/domain/race/computeRace';
import { DEFAULT_RACE_RULES } from '../../../src/domain/race/raceRules';
import { row } from '../summarize/rowBuilder';
import { rowOf } from './planCells';

const col = (index: number): ColumnRef => ({ index, letter: String.fromCharCode(65 + index), header: '' });
const NO_PROGRESS: RowProgress = { signDate: null, plannedStartDate: null, actualStartDate: null, plannedCompletionDate: null, annualPlanWan: null, yearInvestedWan: null };
const project = (district: string, i: number, progress: Partial<RowProgress>): ProjectRow => ({
  ...row({ district, name: `项目${i}`, sheetRow: 5 + i, stage: 'signed' }),
  progress: { ...NO_PROGRESS, ...progress },
});

/** The sheet's 0-based rows that start a printed page, and a check that none falls strictly inside rows `first`–`last`. */
const breaks = (plan: SheetPlan): readonly number[] => plan.pageSetup?.rowBreaks ?? [];
const isCut = (plan: SheetPlan, first: number, last: number): boolean => breaks(plan).some((b) => b > first && b <= last);

describe('layoutRace page setup', () => {
  // Six groups of eight districts: six tables of 10 rows, more than a landscape A4 page holds.
  const groups = Array.from({ length: 6 }, (_, g) => ({ name: `第${g + 1}组`, districts: Array.from({ length: 8 }, (_, d) => `${g + 1}组${d + 1}区`) }));
  const rows = groups.flatMap((group, g) => group.districts.map((district, d) => project(district, g * 8 + d, { signDate: '2025-02', yearInvestedWan: 1000 * (d + 1) })));
  const columns: ColumnMapping = { signDate: col(8), plannedStartDate: col(9), actualStartDate: col(10), plannedCompletionDate: col(11), yearInvested: col(12) };
  const race = computeRace({ rows, columns }, '2025-09-30', { ...DEFAULT_RACE_RULES, groups });
  const plan = layoutRace(race, { lang: 'zh-CN', displayUnit: 'yi', decimals: 1 });

  it('prints landscape A4, one page wide, with the title and page numbers, the title row on every page', () => {
    expect(plan.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      titleRows: { first: 0, last: 0 },
      header: { left: '赛马排名（截至2025-09-30）' },
      footer: { center: '第 &P 页 共 &N 页' },
    });
  });

  it('never breaks a page inside a group table, and keeps each chart off the breaks, level with or below its table', () => {
    const tops = groups.map((group) => rowOf(plan, group.name) - 1);
    expect(breaks(plan).length).toBeGreaterThan(0);
    groups.forEach((_, g) => {
      const top = tops[g] ?? -1;
      // Title, header and eight districts.
      expect(isCut(plan, top, top + 9)).toBe(false);
      const chart = plan.charts[g];
      expect(chart?.id).toBe(`race-group-${g + 1}`);
      expect(chart!.position.row).toBeGreaterThanOrEqual(top);
      expect(isCut(plan, chart!.position.row, chart!.position.row + chart!.position.rows - 1)).toBe(false);
    });
  });

  it('prints the charts beside the tables on the same page width', () => {
    const en = layoutRace(race, { lang: 'en-US', displayUnit: 'yi', decimals: 1 });
    expect(en.pageSetup).toMatchObject({ header: { left: '赛马 ranking (as of 2025-09-30)' }, footer: { center: 'Page &P of &N' } });
    const right = Math.max(...plan.charts.map((c) => c.position.col + c.position.cols));
    expect(right).toBeGreaterThan(plan.columnWidths.length);
  });
});

describe('layoutWarnings page setup', () => {
  // Thirty districts with one project each, started nowhere though planned for January: thirty red lights.
  const rows = Array.from({ length: 30 }, (_, i) => project(`区${i + 1}`, i, { plannedStartDate: '2025-01' }));
  const columns: ColumnMapping = { plannedStartDate: col(9), actualStartDate: col(10), plannedCompletionDate: col(11) };
  const lights = computeLights({ rows, columns }, '2025-09-30', DEFAULT_RACE_RULES);
  const plan = layoutWarnings(lights, { lang: 'zh-CN', sourceSheet: '台账' });

  it('prints landscape A4, one page wide, with the list header on every page', () => {
    const listHeader = rowOf(plan, '预警') - 1;
    expect(listHeader).toBeGreaterThan(0);
    expect(plan.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      titleRows: { first: listHeader, last: listHeader },
      header: { left: '红黄绿灯预警（截至2025-09-30）' },
      footer: { center: '第 &P 页 共 &N 页' },
    });
    expect(plan.freeze).toEqual({ rows: listHeader + 1, cols: 0 });
  });

  it('breaks pages only before the district table or the project list, never inside the district table', () => {
    const districtTop = rowOf(plan, '各地区预警情况') - 1;
    const listTop = rowOf(plan, '红灯、黄灯项目（30个）') - 1;
    expect(breaks(plan).length).toBeGreaterThan(0);
    for (const b of breaks(plan)) expect([districtTop, listTop]).toContain(b);
    // Title, header, 30 districts and 合计.
    expect(isCut(plan, districtTop, districtTop + 32)).toBe(false);
  });

  it('sets the page up when nothing is red or yellow too', () => {
    const none = layoutWarnings(computeLights({ rows: [], columns }, '2025-09-30', DEFAULT_RACE_RULES), { lang: 'en-US', sourceSheet: 'Ledger' });
    expect(none.pageSetup).toMatchObject({ orientation: 'landscape', fitToPagesWide: 1, header: { left: 'Red / yellow / green warnings (as of 2025-09-30)' } });
  });
});
