import { reconcile } from '../../../src/domain/summarize/reconcile';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import type { BreakdownLine, Summary } from '../../../src/domain/summarize/types';
import { row } from './rowBuilder';

function sample(): Summary {
  return summarizeRows([
    row({ sector: '能源', district: '庄河市', category: '省重点项目', totalWan: 0.2, investedWan: 0.1 }),
    row({ sector: '交通', district: null, category: '市谋划项目', totalWan: 0.1, investedWan: 0.2, stage: 'completed', soes: ['中国交建', '中国中铁'] }),
  ]);
}

/** The summary with line `index` of `dimension` changed by `patch`. */
function tamper(summary: Summary, dimension: 'bySector' | 'byDistrict', index: number, patch: Partial<BreakdownLine>): Summary {
  const lines = (summary[dimension] ?? []).map((line, i) => (i === index ? { ...line, ...patch } : line));
  return { ...summary, [dimension]: lines };
}

describe('reconcile', () => {
  it('finds every breakdown of a genuine summary equal to the grand total, to the last bit', () => {
    const summary = sample();
    const checks = reconcile(summary);
    expect(checks.map((check) => check.dimension)).toEqual(['bySector', 'byStage', 'byDistrict', 'byCategory', 'bySizeBand', 'crossTab']);
    for (const check of checks) {
      expect(check).toMatchObject({ ok: true, projectsDiff: 0, totalWanDiff: 0 });
    }
    expect(summary.reconciliation).toEqual(checks);
    // A plain float sum of the same lines would not reconcile: 0.2 + 0.1 = 0.30000000000000004.
    expect(summary.bySector.map((line) => line.totalWan)).toEqual([0.2, 0.1]);
    expect(summary.bySector.reduce((sum, line) => sum + line.totalWan, 0)).not.toBe(summary.totals.totalWan);
  });

  it('reports a line whose project count was tampered with', () => {
    const sector = reconcile(tamper(sample(), 'bySector', 0, { projects: 2 })).find((check) => check.dimension === 'bySector');
    expect(sector).toMatchObject({ ok: false, projectsDiff: 1, totalWanDiff: 0 });
  });

  it('reports an amount tampered with by less than one yuan', () => {
    const summary = sample();
    const line = summary.byDistrict?.[0] as BreakdownLine;
    const district = reconcile(tamper(summary, 'byDistrict', 0, { totalWan: line.totalWan + 0.00001 })).find(
      (check) => check.dimension === 'byDistrict',
    );
    expect(district?.ok).toBe(false);
    expect(district?.totalWanDiff).toBeCloseTo(0.00001, 10);
  });

  it('reports a dropped line and a tampered invested amount', () => {
    const summary = sample();
    const dropped = reconcile({ ...summary, bySector: summary.bySector.slice(1) }).find((check) => check.dimension === 'bySector');
    expect(dropped?.ok).toBe(false);
    expect(dropped?.projectsDiff).toBe(-1);
    const invested = reconcile(tamper(summary, 'bySector', 0, { investedWan: Number.NaN })).find((check) => check.dimension === 'bySector');
    expect(invested).toMatchObject({ ok: false, totalWanDiff: 0 });
    expect(invested?.investedWanDiff).toBeNaN();
  });

  it('reports a tampered cross-tab cell, and marks the figures the cross-tab does not carry as null', () => {
    const summary = sample();
    const crossTab = { ...summary.crossTab, totalWan: summary.crossTab.totalWan.map((cells, i) => (i === 0 ? cells.map((v) => v * 2) : cells)) };
    const check = reconcile({ ...summary, crossTab }).find((c) => c.dimension === 'crossTab');
    expect(check).toMatchObject({ ok: false, projectsDiff: 0, startedDiff: null, completedDiff: null, investedWanDiff: null });
    expect(check?.totalWanDiff).toBeGreaterThan(0);
  });
});
