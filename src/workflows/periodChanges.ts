import { diffLedgers, makeSnapshot, parseSnapshot, snapshotOf } from '../domain';
import type { KeyFigureDeltas, LedgerDiff, LedgerRead, Summary } from '../domain';

/**
 * What changed since the start of the period, and the snapshot to store.
 *
 * Baseline semantics (chosen because statisticians report per period — 本月/本期 — against the
 * ledger as it stood when the period began):
 * - the stored snapshot is the BASELINE of the current period, not "the last refresh";
 * - a refresh with a baseline compares the ledger with it and KEEPS it unchanged, so refreshing
 *   twice without edits shows the same changes (none if the ledger equals the baseline), and
 *   edits during the month accumulate against the period start;
 * - a refresh without a usable baseline (first refresh, or a damaged / older-format snapshot)
 *   reports nothing to compare with yet and stores the current ledger as the baseline;
 * - "start a new period" (`startNewPeriod`) replaces the baseline with the ledger as it is then.
 */
export interface PeriodChanges {
  /** Key-figure changes against the baseline, or `null` when there was none (nothing to compare with yet). */
  readonly deltas: KeyFigureDeltas | null;
  /** The full comparison with the baseline, or `null` when there was none. */
  readonly diff: LedgerDiff | null;
  /** The snapshot text to store in the workbook: the baseline kept verbatim, or the current ledger as the new baseline. */
  readonly nextSnapshot: string;
  /** ISO time the period's baseline was taken, when recorded (the new baseline's time on a first refresh). */
  readonly baselineAt?: string;
}

/**
 * Compare a refresh with the period baseline stored in the workbook (see `PeriodChanges` for the
 * baseline semantics). `takenAt` (ISO) is recorded in a newly stored baseline.
 * Never throws on a bad stored snapshot: it is treated as no baseline.
 */
export function periodChanges(baseline: string | null, read: LedgerRead, _summary: Summary, takenAt?: string): PeriodChanges {
  const snapshotOptions = takenAt === undefined ? {} : { takenAt };
  const stored = parseSnapshot(baseline);
  if (stored === null || baseline === null) {
    return { deltas: null, diff: null, nextSnapshot: makeSnapshot(read, snapshotOptions), ...(takenAt === undefined ? {} : { baselineAt: takenAt }) };
  }
  const diff = diffLedgers(stored, snapshotOf(read, snapshotOptions));
  return { deltas: diff.deltas, diff, nextSnapshot: baseline, ...(stored.takenAt === null ? {} : { baselineAt: stored.takenAt }) };
}
