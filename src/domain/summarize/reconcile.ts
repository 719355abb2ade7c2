import { fsum } from './fsum';
import { sumWan, toYuan, yuanToWan } from './sumWan';
import type { Figures, ReconciledDimension, ReconciliationCheck, Summary } from './types';

/** The parts of a summary that `reconcile` reads. */
export type ReconcilableSummary = Pick<
  Summary,
  'totals' | 'bySector' | 'byStage' | 'byDistrict' | 'byCategory' | 'bySizeBand' | 'crossTab'
>;

/**
 * Check that every breakdown except the SOE table adds up to the grand total exactly:
 * projects, started and completed as exact sums, amounts with `sumWan` (the method `summarize`
 * sums with, so a genuine summary reconciles to the last bit). An amount that is not a whole
 * number of 元 cannot come from `summarize`; its part below 1 元 is added exactly on top, so
 * tampering shows as a difference. Absent breakdowns (`byDistrict`, `byCategory` = `null`) are
 * not checked. The cross-tab carries projects and total investment only.
 * Exact for line totals below 2^50 元 (≈ 1.1 × 10⁷ 亿元).
 * @returns one check per present breakdown, in `RECONCILED_DIMENSIONS` order.
 */
export function reconcile(summary: ReconcilableSummary): readonly ReconciliationCheck[] {
  const { totals } = summary;
  const checks: ReconciliationCheck[] = [
    checkLines('bySector', summary.bySector, totals),
    checkLines('byStage', summary.byStage, totals),
  ];
  if (summary.byDistrict) checks.push(checkLines('byDistrict', summary.byDistrict, totals));
  if (summary.byCategory) checks.push(checkLines('byCategory', summary.byCategory, totals));
  checks.push(checkLines('bySizeBand', summary.bySizeBand, totals));
  const projectsDiff = fsum(summary.crossTab.projects.flat()) - totals.projects;
  const totalWanDiff = sumLinesWan(summary.crossTab.totalWan.flat()) - totals.totalWan;
  checks.push({
    dimension: 'crossTab',
    ok: projectsDiff === 0 && totalWanDiff === 0,
    projectsDiff,
    startedDiff: null,
    completedDiff: null,
    totalWanDiff,
    investedWanDiff: null,
  });
  return checks;
}

function checkLines(dimension: ReconciledDimension, lines: readonly Figures[], totals: Figures): ReconciliationCheck {
  const projectsDiff = fsum(lines.map((line) => line.projects)) - totals.projects;
  const startedDiff = fsum(lines.map((line) => line.started)) - totals.started;
  const completedDiff = fsum(lines.map((line) => line.completed)) - totals.completed;
  const totalWanDiff = sumLinesWan(lines.map((line) => line.totalWan)) - totals.totalWan;
  const investedWanDiff = sumLinesWan(lines.map((line) => line.investedWan)) - totals.investedWan;
  return {
    dimension,
    ok: projectsDiff === 0 && startedDiff === 0 && completedDiff === 0 && totalWanDiff === 0 && investedWanDiff === 0,
    projectsDiff,
    startedDiff,
    completedDiff,
    totalWanDiff,
    investedWanDiff,
  };
}

/** `sumWan` plus, exactly, each value's part below 1 元 (0 for every value `summarize` produces). */
function sumLinesWan(values: readonly number[]): number {
  if (!values.every((value) => Number.isFinite(toYuan(value)))) return Number.NaN;
  const whole = sumWan(values);
  const fractions = fsum(values.map((value) => value - yuanToWan(toYuan(value))));
  return fractions === 0 ? whole : whole + fractions;
}
