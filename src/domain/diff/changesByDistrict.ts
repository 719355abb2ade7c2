import type { LedgerDiff } from './types';

/** The changes of one district since the baseline: how many projects were added, removed, changed stage, changed amounts. */
export interface DistrictChanges {
  /** Canonical 所属地区, or `null` for projects that name none. */
  readonly district: string | null;
  readonly added: number;
  readonly removed: number;
  readonly stageChanges: number;
  readonly amountChanges: number;
}

/**
 * Group a diff's changed projects by 所属地区 (a grouping only: no second comparison). Added and changed projects
 * count under their current district, removed ones under their district in the baseline; a project with both a stage
 * and an amount change counts in both columns, as in the diff. Districts come in the order they first
 * occur in added, removed, stage changes, amount changes; projects without a district come last as `null`.
 * Districts without any change are not listed.
 */
export function changesByDistrict(diff: LedgerDiff): DistrictChanges[] {
  const tallies = new Map<string | null, [number, number, number, number]>();
  const count = (district: string | undefined, index: 0 | 1 | 2 | 3): void => {
    const key = district ?? null;
    let tally = tallies.get(key);
    if (tally === undefined) {
      tally = [0, 0, 0, 0];
      tallies.set(key, tally);
    }
    tally[index] += 1;
  };
  for (const project of diff.added) count(project.district, 0);
  for (const project of diff.removed) count(project.district, 1);
  for (const change of diff.stageChanges) count(change.current.district, 2);
  for (const change of diff.amountChanges) count(change.current.district, 3);
  const named = [...tallies].filter(([district]) => district !== null);
  const unnamed = tallies.get(null);
  const ordered = unnamed === undefined ? named : [...named, [null, unnamed] as const];
  return ordered.map(([district, [added, removed, stageChanges, amountChanges]]) => ({ district, added, removed, stageChanges, amountChanges }));
}
