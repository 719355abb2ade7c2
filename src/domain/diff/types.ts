import type { Stage } from '../ledger/types';

/**
 * Change of each key figure since the last period (this period minus the last).
 * Amounts in 万元. Used by the summary sheet's "比上次" column and the 变动 sheet.
 */
export interface KeyFigureDeltas {
  readonly projects: number;
  readonly soes: number;
  readonly started: number;
  readonly completed: number;
  readonly totalWan: number;
  readonly investedWan: number;
}

/** The key figures of one ledger version, computed from its snapshot. Amounts in 万元. */
export type KeyFigures = KeyFigureDeltas;

/** The key figures in display order (the order of the 变动 sheet and of `diff --json`). */
export const KEY_FIGURES = ['projects', 'soes', 'started', 'completed', 'totalWan', 'investedWan'] as const;
/** One key figure. */
export type KeyFigure = (typeof KEY_FIGURES)[number];

/** Version of the snapshot format written by `makeSnapshot`. `parseSnapshot` rejects any other. */
export const SNAPSHOT_VERSION = 1;

/** One project as a snapshot remembers it: only what period matching and the 变动 sheet need. */
export interface SnapshotProject {
  /** Matching key: the normalised name, a tab, then the sorted canonical SOE names joined by 、. */
  readonly key: string;
  /** The name as written. */
  readonly name: string;
  /** Canonical SOE names, sorted (code-point order), deduplicated. */
  readonly soes: readonly string[];
  /** 1-based sheet row: the tie-breaker between projects with the same key. */
  readonly sheetRow: number;
  readonly stage: Stage;
  /** Total investment in 万元, unrounded. */
  readonly totalWan: number;
  /** Invested to date in 万元, unrounded. */
  readonly investedWan: number;
  /** Canonical 所属地区 of the row (`ProjectRow.district`); absent when the row names none or the snapshot predates it. */
  readonly district?: string;
}

/** A district's 赛马 rank as a snapshot remembers it, for the change in rank since the period baseline (issue 17). */
export interface SnapshotRank {
  /** Canonical district name. */
  readonly district: string;
  /** The 赛马 group it was ranked in. */
  readonly group: string;
  /** 1 = best within the group. */
  readonly rank: number;
}

/** A parsed snapshot: the per-project figures of one ledger version. */
export interface SnapshotData {
  readonly version: typeof SNAPSHOT_VERSION;
  /** ISO time the snapshot was taken, when the caller gave one. */
  readonly takenAt: string | null;
  /** The ledger sheet the snapshot was read from, when known. */
  readonly sheet: string | null;
  /** Projects in sheet order. */
  readonly projects: readonly SnapshotProject[];
  /** The districts' 赛马 ranks when the snapshot was taken; absent when not recorded (older snapshots, or no 赛马). */
  readonly ranks?: readonly SnapshotRank[];
}

/** A before / after pair of one amount, in 万元. `delta` = `after` − `before`. */
export interface AmountDelta {
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

/** A project found in both versions. `previousSheetRow` is its row in the older version. */
export interface MatchedProject {
  /** The project as it is now. */
  readonly current: SnapshotProject;
  /** The project as it was. */
  readonly previous: SnapshotProject;
}

/** A matched project whose stage changed (e.g. preparation → construction, 前期 → 开工). */
export interface StageChange extends MatchedProject {
  readonly from: Stage;
  readonly to: Stage;
}

/** A matched project whose total investment or invested-to-date changed. Amounts in 万元. */
export interface AmountChange extends MatchedProject {
  readonly totalWan: AmountDelta;
  readonly investedWan: AmountDelta;
}

/**
 * What changed between two versions of a ledger.
 * Projects are matched by `key` (normalised name + SOE set); among several projects with the
 * same key, the sheet row decides (see `diffLedgers`). A project whose name or SOEs changed
 * cannot be matched: it appears once in `removed` and once in `added`, never merged.
 */
export interface LedgerDiff {
  /** Projects only in the current version, in its sheet order. */
  readonly added: readonly SnapshotProject[];
  /** Projects only in the previous version, in its sheet order. */
  readonly removed: readonly SnapshotProject[];
  /** Matched projects whose stage changed, in current sheet order. */
  readonly stageChanges: readonly StageChange[];
  /** Matched projects whose amounts changed, in current sheet order. */
  readonly amountChanges: readonly AmountChange[];
  /** Totals of the projects in `amountChanges` (the 合计 row under them): before, after and delta. Added and removed projects are excluded. */
  readonly amountChangeTotals: { readonly totalWan: AmountDelta; readonly investedWan: AmountDelta };
  /** Matched projects with neither a stage nor an amount change. */
  readonly unchanged: number;
  readonly previous: KeyFigures;
  readonly current: KeyFigures;
  /** `current` − `previous`, per key figure. */
  readonly deltas: KeyFigureDeltas;
  /** True when anything at all changed (a project, a stage, an amount, or a key figure). */
  readonly hasChanges: boolean;
}
