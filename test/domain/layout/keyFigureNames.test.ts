import { KEY_FIGURE_NAMES, layoutSummary, type LayoutOptions } from '../../../src/domain/layout/layoutSummary';
import { summarize } from '../../../src/domain/summarize/summarize';
import { seed000Rows } from '../../fixtures/seed000';
import { definedNameProblem } from '../../fakes/excel/state';
import { readOf } from '../summarize/rowBuilder';
import { a1, cell } from './planCells';

const options: LayoutOptions = { lang: 'zh-CN', dataDate: '2025-09-30', generatedAt: '2025年10月8日 14:05', displayUnit: 'yi', decimals: 1 };
const summary = summarize(readOf(seed000Rows(), { extraColumns: ['category', 'district', 'investedToDate'] }), { soeAttribution: 'full' });

describe('layoutSummary key figure names', () => {
  it.each([
    ['zh-CN', 'yi'],
    ['en-US', 'wan'],
  ] as const)('names the value cell of every key figure (%s, %s), with or without a status line above them', (lang, displayUnit) => {
    for (const statusLine of [undefined, '上次刷新失败']) {
      const plan = layoutSummary(summary, { ...options, lang, displayUnit, statusLine });
      const toUnit = (wan: number): number => (displayUnit === 'yi' ? wan / 10_000 : wan);
      const expected = {
        台账统计_项目数: summary.totals.projects,
        台账统计_央企数: summary.totals.soes,
        台账统计_总投资: toUnit(summary.totals.totalWan),
        台账统计_开工项目数: summary.totals.started,
        台账统计_已完成投资: toUnit(summary.totals.investedWan),
      };
      const named = Object.fromEntries((plan.names ?? []).map((n) => [n.name, cell(plan, a1(n.row, n.col))]));
      expect(Object.keys(named).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, value] of Object.entries(expected)) expect([name, named[name]]).toEqual([name, expect.closeTo(value, 9)]);
    }
  });

  it('uses names that Excel accepts', () => {
    for (const name of Object.values(KEY_FIGURE_NAMES)) expect([name, definedNameProblem(name)]).toEqual([name, null]);
  });
});
