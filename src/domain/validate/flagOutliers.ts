import type { AmountUnit, CellValue, ColumnRef, ProjectRow } from '../ledger/types';
import { createIssue } from './createIssue';
import type { LedgerIssue } from './types';

/** An amount more than this many times the column median is flagged (a likely 万元/亿元 mix-up). */
export const OUTLIER_FACTOR = 1e4;
/** Fewer positive amounts than this give no meaningful median. */
const MIN_VALUES = 3;

/**
 * `amount_outlier` warnings for counted rows whose total (or invested to date) exceeds `OUTLIER_FACTOR` times
 * the median of that column over counted rows. Zero amounts carry no scale and are left out of the median.
 */
export function flagOutliers(
  rows: readonly ProjectRow[],
  totalColumn: ColumnRef | undefined,
  investedColumn: ColumnRef | undefined,
  /** The raw cell of a counted row (by its index in `rows`) for the given amount column. */
  rawOf: (rowIndex: number, field: 'totalInvestment' | 'investedToDate') => CellValue,
  /** The unit of each column, in which the message states the amounts. */
  units: { readonly total: AmountUnit; readonly invested: AmountUnit } = { total: 'wan', invested: 'wan' },
): LedgerIssue[] {
  const issues: LedgerIssue[] = [];
  const check = (
    field: 'totalInvestment' | 'investedToDate',
    column: ColumnRef | undefined,
    unit: AmountUnit,
    pick: (r: ProjectRow) => number,
  ): void => {
    if (column === undefined) return;
    const median = positiveMedian(rows, pick);
    if (median === null) return;
    rows.forEach((row, i) => {
      const wan = pick(row);
      if (wan > median * OUTLIER_FACTOR) {
        const at = { sheetRow: row.sheetRow, column, raw: rawOf(i, field) };
        issues.push(createIssue('amount_outlier', { header: column.header, wan, medianWan: median, unit }, at));
      }
    });
  };
  check('totalInvestment', totalColumn, units.total, (r) => r.totalWan);
  check('investedToDate', investedColumn, units.invested, (r) => r.investedWan);
  return issues;
}

function positiveMedian(rows: readonly ProjectRow[], pick: (r: ProjectRow) => number): number | null {
  const values = new Float64Array(rows.length);
  let n = 0;
  for (const row of rows) {
    const v = pick(row);
    if (v > 0) values[n++] = v;
  }
  if (n < MIN_VALUES) return null;
  // Performance: quickselect (expected O(n)) rather than a full sort.
  const a = values.subarray(0, n);
  const mid = n >> 1;
  const upper = select(a, mid);
  if (n % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((a[i] ?? 0) > lower) lower = a[i] ?? 0;
  return (lower + upper) / 2;
}

/** The k-th smallest value (0-based); reorders `a` so that every value before index k is ≤ it. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] ?? 0;
}
