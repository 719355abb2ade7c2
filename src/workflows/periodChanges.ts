import type { KeyFigureDeltas } from '../domain/diff/types';
import type { Summary } from '../domain/summarize/types';
import type { LedgerRead } from '../domain/validate/types';

/** What changed since the last refresh, and the snapshot to store for the next one. */
export interface PeriodChanges {
  /** Key-figure changes, or `null` on the first refresh (nothing to compare with yet). */
  readonly deltas: KeyFigureDeltas | null;
  /** The snapshot text to store in the workbook for the next refresh. */
  readonly nextSnapshot: string;
}

/**
 * Compare this refresh with the stored snapshot of the last one.
 * Placeholder until the period-diff issue lands: it stores no baseline and reports no deltas.
 */
export function periodChanges(_previous: string | null, _read: LedgerRead, _summary: Summary): PeriodChanges {
  return { deltas: null, nextSnapshot: '' };
}
