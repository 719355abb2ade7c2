import { diffLedgers } from '../../../src/domain/diff/diffLedgers';
import { makeSnapshot } from '../../../src/domain/diff/makeSnapshot';
import { parseSnapshot } from '../../../src/domain/diff/parseSnapshot';
import type { SnapshotData } from '../../../src/domain/diff/types';
import { readLedger } from '../../../src/domain/ledger/readLedger';
import { summarize } from '../../../src/domain/summarize/summarize';
import { LAST_MONTH, PERIODS_EXPECTED, THIS_MONTH } from '../../fixtures/periods';

const snapshotOfGrid = (grid: typeof LAST_MONTH): SnapshotData => parseSnapshot(makeSnapshot(readLedger(grid)))!;

describe('diffLedgers on the two fixture months', () => {
  const diff = diffLedgers(snapshotOfGrid(LAST_MONTH), snapshotOfGrid(THIS_MONTH));

  it('finds the added project and the renamed one as new', () => {
    expect(diff.added.map(({ sheetRow, name, stage, totalWan, investedWan }) => ({ sheetRow, name, stage, totalWan, investedWan }))).toEqual(PERIODS_EXPECTED.added);
  });

  it('finds the removed project and the renamed one as removed', () => {
    expect(diff.removed.map(({ sheetRow, name, stage, totalWan, investedWan }) => ({ sheetRow, name, stage, totalWan, investedWan }))).toEqual(PERIODS_EXPECTED.removed);
  });

  it('finds the move from 前期 to 开工', () => {
    expect(diff.stageChanges.map((c) => ({ name: c.current.name, sheetRow: c.current.sheetRow, previousSheetRow: c.previous.sheetRow, from: c.from, to: c.to }))).toEqual(
      PERIODS_EXPECTED.stageChanges,
    );
  });

  it('finds the changed investment, matched across shifted rows', () => {
    expect(
      diff.amountChanges.map((c) => ({ name: c.current.name, sheetRow: c.current.sheetRow, previousSheetRow: c.previous.sheetRow, totalWan: c.totalWan, investedWan: c.investedWan })),
    ).toEqual(PERIODS_EXPECTED.amountChanges);
    expect(diff.unchanged).toBe(PERIODS_EXPECTED.unchanged);
  });

  it('gives the hand-computed key figures and deltas', () => {
    expect(diff.previous).toEqual(PERIODS_EXPECTED.previous);
    expect(diff.current).toEqual(PERIODS_EXPECTED.current);
    expect(diff.deltas).toEqual(PERIODS_EXPECTED.deltas);
  });

  it('computes the key figures exactly as summarize does', () => {
    for (const [grid, figures] of [
      [LAST_MONTH, diff.previous],
      [THIS_MONTH, diff.current],
    ] as const) {
      const { totals } = summarize(readLedger(grid));
      expect(figures).toEqual({ projects: totals.projects, soes: totals.soes, started: totals.started, completed: totals.completed, totalWan: totals.totalWan, investedWan: totals.investedWan });
    }
  });
});
