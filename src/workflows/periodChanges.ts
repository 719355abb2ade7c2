import { diffLedgers, makeSnapshot, parseSnapshot, snapshotOf, snapshotPieces } from '../domain';
import type { KeyFigureDeltas, LedgerDiff, LedgerRead, SnapshotRank, Summary } from '../domain';

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
  /**
   * The snapshot text to store in the workbook: the baseline kept verbatim, or the current ledger as the new baseline
   * (then built when first read: a full sheet's is 83 million characters).
   */
  readonly nextSnapshot: string;
  /**
   * A new baseline's text in pieces (`snapshotPieces`), for a host that stores it without building it whole (the
   * .xlsx file port, `SnapshotPiecesWriter`); absent when the baseline is kept.
   */
  readonly nextSnapshotPieces?: () => Iterable<string>;
  /** ISO time the period's baseline was taken, when recorded (the new baseline's time on a first refresh). */
  readonly baselineAt?: string;
  /**
   * The 赛马 ranks the baseline recorded, to show the change in rank; `null` when there was no baseline (a new one is
   * stored now) or it recorded none (an older snapshot, or a ledger without the 赛马 columns when it was taken).
   */
  readonly baselineRanks: readonly SnapshotRank[] | null;
}

/**
 * Compare a refresh with the period baseline stored in the workbook (see `PeriodChanges` for the
 * baseline semantics). `takenAt` (ISO) and the districts' current 赛马 `ranks` are recorded in a newly
 * stored baseline; a kept baseline keeps its own ranks (or none).
 * Never throws on a bad stored snapshot: it is treated as no baseline.
 */
export function periodChanges(baseline: string | null, read: LedgerRead, _summary: Summary, takenAt?: string, ranks?: readonly SnapshotRank[]): PeriodChanges {
  const stored = parseSnapshot(baseline);
  if (stored === null || baseline === null) {
    const snapshotOptions = { ...(takenAt === undefined ? {} : { takenAt }), ...(ranks === undefined ? {} : { ranks }) };
    let text: string | null = null;
    const changes: PeriodChanges = {
      deltas: null,
      diff: null,
      get nextSnapshot(): string {
        text ??= makeSnapshot(read, snapshotOptions);
        return text;
      },
      baselineRanks: null,
      ...(takenAt === undefined ? {} : { baselineAt: takenAt }),
    };
    // Not enumerable: two changes of the same ledger stay equal (`toEqual`), and a copy of them is plain data.
    return Object.defineProperty(changes, 'nextSnapshotPieces', { value: () => snapshotPieces(read, snapshotOptions), enumerable: false });
  }
  const diff = diffLedgers(stored, snapshotOf(read, takenAt === undefined ? {} : { takenAt }));
  return { deltas: diff.deltas, diff, nextSnapshot: baseline, baselineRanks: stored.ranks ?? null, ...(stored.takenAt === null ? {} : { baselineAt: stored.takenAt }) };
}
