import { summarize } from '../../../src/domain/summarize/summarize';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import type { Summary } from '../../../src/domain/summarize/types';
import { SEED000_FIGURES, SEED000_HEADER, seed000Grid, seed000Rows } from '../../fixtures/seed000';
import { readOf } from './rowBuilder';

/** 亿元 of an amount in 万元, as the briefing writes it. */
const yi = (wan: number): number => wan / 10_000;

/** Projects of 10 亿元 or more (the seed's "超10亿元"; no project is exactly 10 亿元). */
const above10Yi = (summary: Summary): number =>
  summary.bySizeBand.filter((line) => line.key === '100+' || line.key === '10-100').reduce((n, line) => n + line.projects, 0);

describe('summarize', () => {
  const rows = seed000Rows();
  const summary = summarize(readOf(rows, { extraColumns: ['category', 'district', 'investedToDate'] }));

  it('reproduces the seed-000 overall figures: 70 projects, 34 SOEs, 4952.7 亿元', () => {
    const { all } = SEED000_FIGURES;
    expect([summary.totals.projects, summary.totals.soes, yi(summary.totals.totalWan)]).toEqual([all.projects, all.soes, all.totalYi]);
  });

  it('reproduces the seed-000 provincial key projects through the category breakdown', () => {
    const { provincial } = SEED000_FIGURES;
    const line = summary.byCategory?.find((l) => l.key === provincial.category);
    expect(line && [line.projects, line.soes, yi(line.totalWan), line.started, yi(line.investedWan)]).toEqual([
      provincial.projects,
      provincial.soes,
      provincial.totalYi,
      provincial.started,
      provincial.investedYi,
    ]);
  });

  it('reproduces the seed-000 city-planned projects through the category breakdown', () => {
    const { city } = SEED000_FIGURES;
    const line = summary.byCategory?.find((l) => l.key === city.category);
    expect(line && [line.projects, line.soes, yi(line.totalWan), line.started, line.completed, yi(line.investedWan)]).toEqual([
      city.projects,
      city.soes,
      city.totalYi,
      city.started,
      city.completed,
      city.investedYi,
    ]);
  });

  it('counts the seed-000 provincial sectors and the projects above 10 亿元 per category', () => {
    const { provincial, city } = SEED000_FIGURES;
    const own = (category: string): Summary => summarizeRows(rows.filter((row) => row.category === category));
    expect(own(provincial.category).bySector.map((line) => line.key).sort()).toEqual(['交通', '仓储物流', '信息', '工业', '服务', '环保', '能源']);
    expect(own(provincial.category).bySector).toHaveLength(provincial.sectors);
    expect(above10Yi(own(provincial.category))).toBe(provincial.above10Yi);
    expect(above10Yi(own(city.category))).toBe(city.above10Yi);
  });

  it('reconciles the seed-000 ledger and notes its four joint projects', () => {
    expect(summary.reconciliation.every((check) => check.ok)).toBe(true);
    expect(summary.jointProjects).toMatchObject({ count: 4, projectsExcess: 4 });
    expect(summary.byCategory?.map((line) => line.key)).toEqual(['省重点项目', '市谋划项目']);
    expect(summary.byDistrict?.some((line) => line.key === null)).toBe(false);
  });
});

describe('seed000Grid', () => {
  it('holds the header and the same projects as seed000Rows, amounts in 亿元', () => {
    const grid = seed000Grid();
    const rows = seed000Rows();
    expect(grid[0]).toEqual([...SEED000_HEADER]);
    expect(grid).toHaveLength(rows.length + 1);
    rows.forEach((row, index) => {
      const cells = grid[row.sheetRow - 1] ?? [];
      expect(row.sheetRow).toBe(index + 2);
      expect([cells[0], cells[2], cells[4], cells[5], cells[6], cells[7]]).toEqual([
        row.name,
        row.sector,
        row.category,
        row.district,
        yi(row.totalWan),
        yi(row.investedWan),
      ]);
      expect(String(cells[1]).split('、')).toEqual(row.soes.map((soe) => soe.raw));
    });
  });
});
