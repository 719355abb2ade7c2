import { DEFAULT_RACE_RULES } from '../../../src/domain/race/raceRules';
import { layoutRulesSheet, parseRulesSheet, rulesSheetGrid } from '../../../src/domain/race/rulesSheet';
import type { CellValue } from '../../../src/domain/ledger/types';

describe('rulesSheet', () => {
  it('reads back the default sheet as the default rules', () => {
    expect(parseRulesSheet(rulesSheetGrid(DEFAULT_RACE_RULES))).toEqual({ ok: true, rules: DEFAULT_RACE_RULES });
  });

  it('lays out weights, one district per row, and thresholds', () => {
    const grid = rulesSheetGrid(DEFAULT_RACE_RULES);
    expect(grid).toContainEqual(['签约', 20]);
    expect(grid).toContainEqual(['先导区', '金普新区']);
    expect(grid).toContainEqual(['投资进度红灯（百分点）', 30]);
    expect(grid.filter((r) => r[0] === '主城区')).toHaveLength(5);
  });

  it('lays out the sheet to create: the grid’s cells, the title, section titles and headers in bold', () => {
    const layout = layoutRulesSheet(DEFAULT_RACE_RULES);
    expect(layout.name).toBe('赛马规则');
    expect(layout.cells).toEqual(rulesSheetGrid(DEFAULT_RACE_RULES));
    // Rows: 0 title, 1 note, 2 blank, 3 权重, 4 指标|权重, 5–8 indicators, 9 blank, 10 分组, 11 组别|地区, then 13 districts.
    const districts = DEFAULT_RACE_RULES.groups.reduce((n, g) => n + g.districts.length, 0);
    expect(districts).toBe(13);
    expect(layout.boldRows).toEqual([0, 3, 4, 10, 11, 12 + districts + 1, 12 + districts + 2]);
    expect(layout.cells[12 + districts + 2]).toEqual(['阈值', '值']);
    expect(parseRulesSheet(layout.cells)).toEqual({ ok: true, rules: DEFAULT_RACE_RULES });
  });

  it('reads the user’s edits: weights typed as text, a group continued by a blank cell, a moved district, a threshold', () => {
    const grid: CellValue[][] = [
      ['权重'],
      ['指标', '权重'],
      ['签约', '25'],
      ['Started', 25],
      [],
      ['分组'],
      ['组别', '地区'],
      ['主城区', '中山区'],
      [null, '金普新区'],
      ['北部地区', '庄河'],
      ['新组', null],
      [],
      ['预警阈值'],
      ['startRedMonths', 6],
    ];
    const parsed = parseRulesSheet(grid);
    expect(parsed).toEqual({
      ok: true,
      rules: {
        weights: { signed: 25, started: 25, invested: 30, rate: 20 },
        groups: [
          { name: '主城区', districts: ['中山区', '金普新区'] },
          { name: '北部地区', districts: ['庄河'] },
          { name: '新组', districts: [] },
        ],
        lights: { ...DEFAULT_RACE_RULES.lights, startRedMonths: 6 },
      },
    });
  });

  it('lists unknown rows and bad values with their sheet row', () => {
    const parsed = parseRulesSheet([['权重'], ['速度', 1], ['签约', '很多'], ['分组'], [null, '中山区']]);
    expect(parsed).toEqual({
      ok: false,
      problems: ['row 2: unknown indicator "速度"', 'row 5: a district without a group', 'weights.signed must be a number ≥ 0'],
    });
  });
});
