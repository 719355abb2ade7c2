import { parseSnapshot } from '../../src/domain/diff/parseSnapshot';
import { readLedger } from '../../src/domain/ledger/readLedger';
import type { Grid } from '../../src/domain/ledger/types';
import { summarize } from '../../src/domain/summarize/summarize';
import { periodChanges } from '../../src/workflows/periodChanges';
import { LAST_MONTH, PERIODS_EXPECTED, THIS_MONTH } from '../fixtures/periods';

const refreshOf = (baseline: string | null, grid: Grid, at: string) => {
  const read = readLedger(grid, { sheetName: '台账' });
  return periodChanges(baseline, read, summarize(read), at);
};
const SEP_1 = '2025-09-01T01:00:00.000Z';
const SEP_15 = '2025-09-15T01:00:00.000Z';
const SEP_30 = '2025-09-30T06:05:00.000Z';

describe('periodChanges', () => {
  it('has nothing to compare with on the first refresh, and stores the ledger as the baseline', () => {
    const first = refreshOf(null, LAST_MONTH, SEP_1);
    expect(first.deltas).toBeNull();
    expect(first.diff).toBeNull();
    expect(first.baselineAt).toBe(SEP_1);
    const stored = parseSnapshot(first.nextSnapshot);
    expect(stored?.takenAt).toBe(SEP_1);
    expect(stored?.sheet).toBe('台账');
    expect(stored?.projects.map((p) => p.sheetRow)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('compares with the baseline and keeps it verbatim', () => {
    const baseline = refreshOf(null, LAST_MONTH, SEP_1).nextSnapshot;
    const next = refreshOf(baseline, THIS_MONTH, SEP_30);
    expect(next.nextSnapshot).toBe(baseline);
    expect(next.baselineAt).toBe(SEP_1);
    expect(next.deltas).toEqual(PERIODS_EXPECTED.deltas);
    expect(next.diff?.added.map((p) => p.name)).toEqual(PERIODS_EXPECTED.added.map((p) => p.name));
    expect(next.diff?.removed.map((p) => p.name)).toEqual(PERIODS_EXPECTED.removed.map((p) => p.name));
  });

  it('says nothing changed when refreshed twice without edits', () => {
    const first = refreshOf(null, THIS_MONTH, SEP_1);
    const second = refreshOf(first.nextSnapshot, THIS_MONTH, SEP_15);
    expect(second.diff?.hasChanges).toBe(false);
    expect(second.deltas).toEqual({ projects: 0, soes: 0, started: 0, completed: 0, totalWan: 0, investedWan: 0 });
    expect(refreshOf(second.nextSnapshot, THIS_MONTH, SEP_30).diff?.hasChanges).toBe(false);
  });

  it('accumulates edits made during the period against the period start', () => {
    const baseline = refreshOf(null, LAST_MONTH, SEP_1).nextSnapshot;
    // Mid-month only the stage moved; by the end everything else changed too.
    const midMonth = LAST_MONTH.map((cells, i) => (i === 3 ? cells.map((c, j) => (j === 4 ? '开工' : c)) : cells));
    const mid = refreshOf(baseline, midMonth, SEP_15);
    expect(mid.diff?.stageChanges).toHaveLength(1);
    expect(mid.diff?.added).toHaveLength(0);
    const end = refreshOf(mid.nextSnapshot, THIS_MONTH, SEP_30);
    expect(end.deltas).toEqual(PERIODS_EXPECTED.deltas);
    expect(end.diff?.stageChanges).toHaveLength(1);
  });

  it.each([
    ['an empty text', ''],
    ['damaged JSON', '{"v":1,"p":[['],
    ['another format version', '{"v":99,"p":[]}'],
  ])('treats %s as no baseline and stores a fresh one', (_label, stored) => {
    const result = refreshOf(stored, THIS_MONTH, SEP_30);
    expect(result.diff).toBeNull();
    expect(parseSnapshot(result.nextSnapshot)?.projects).toHaveLength(6);
  });

  it('records the ranks with a new baseline and gives them back while the baseline is kept', () => {
    const read = readLedger(LAST_MONTH, { sheetName: '台账' });
    const ranks = [{ district: '中山区', group: '主城区', rank: 2 }];
    const first = periodChanges(null, read, summarize(read), SEP_1, ranks);
    expect(first.baselineRanks).toBeNull();
    expect(parseSnapshot(first.nextSnapshot)?.ranks).toEqual(ranks);
    // Later refreshes of the period keep the baseline verbatim: its ranks, not the ones passed now.
    const later = periodChanges(first.nextSnapshot, read, summarize(read), SEP_15, [{ district: '中山区', group: '主城区', rank: 1 }]);
    expect(later.nextSnapshot).toBe(first.nextSnapshot);
    expect(later.baselineRanks).toEqual(ranks);
  });

  it('has no baseline ranks for a baseline stored before ranks were recorded', () => {
    const old = refreshOf(null, LAST_MONTH, SEP_1).nextSnapshot;
    expect(JSON.parse(old)).not.toHaveProperty('r');
    const next = refreshOf(old, THIS_MONTH, SEP_30);
    expect(next.diff).not.toBeNull();
    expect(next.baselineRanks).toBeNull();
  });

  it('records no time when none is given', () => {
    const read = readLedger(THIS_MONTH);
    const result = periodChanges(null, read, summarize(read));
    expect(result.baselineAt).toBeUndefined();
    expect(parseSnapshot(result.nextSnapshot)?.takenAt).toBeNull();
  });
});
