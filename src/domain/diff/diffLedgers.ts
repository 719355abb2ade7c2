import { sumWan, toYuan, yuanToWan } from '../summarize/sumWan';
import { snapshotFigures } from './snapshotFigures';
import {
  KEY_FIGURES,
  type AmountChange,
  type AmountDelta,
  type KeyFigureDeltas,
  type LedgerDiff,
  type MatchedProject,
  type SnapshotData,
  type SnapshotProject,
  type StageChange,
} from './types';

/**
 * `after` − `before` in 万元, exact: both taken to whole 元 as `summarize` does (`sumWan`), so a
 * difference carries no float noise and two amounts equal to the 元 have delta 0 (never −0).
 */
function differenceWan(before: number, after: number): number {
  const yuan = toYuan(after) - toYuan(before);
  return yuan === 0 ? 0 : yuanToWan(yuan);
}

function amountDelta(before: number, after: number): AmountDelta {
  return { before, after, delta: differenceWan(before, after) };
}

function groupByKey(projects: readonly SnapshotProject[]): Map<string, SnapshotProject[]> {
  const groups = new Map<string, SnapshotProject[]>();
  for (const project of projects) {
    const group = groups.get(project.key);
    if (group === undefined) groups.set(project.key, [project]);
    else group.push(project);
  }
  return groups;
}

/**
 * Pair the projects of one key. A single project on each side pairs directly. Among several
 * (duplicates in a ledger), the sheet row breaks the tie: same sheet row first, then the rest
 * in sheet order. Projects left over on either side are unmatched.
 */
function pairGroup(previous: readonly SnapshotProject[], current: readonly SnapshotProject[]): MatchedProject[] {
  const pairs: MatchedProject[] = [];
  const restPrevious = [...previous];
  const restCurrent: SnapshotProject[] = [];
  for (const project of current) {
    const same = restPrevious.findIndex((p) => p.sheetRow === project.sheetRow);
    const match = same === -1 ? undefined : restPrevious.splice(same, 1)[0];
    if (match === undefined) restCurrent.push(project);
    else pairs.push({ current: project, previous: match });
  }
  restCurrent.forEach((project, i) => {
    const match = restPrevious[i];
    if (match !== undefined) pairs.push({ current: project, previous: match });
  });
  return pairs;
}

/**
 * Compare two versions of a ledger (snapshots of the previous and the current period).
 * Projects match by normalised name plus SOE set, with the sheet row as tie-breaker; a renamed
 * project appears once as removed and once as added. Amounts in 万元, compared and summed in
 * whole 元 like `summarize`: a change below 0.5 元 is no change.
 */
export function diffLedgers(previous: SnapshotData, current: SnapshotData): LedgerDiff {
  const previousGroups = groupByKey(previous.projects);
  const currentGroups = groupByKey(current.projects);
  const matchedCurrent = new Map<SnapshotProject, SnapshotProject>();
  const matchedPrevious = new Set<SnapshotProject>();
  for (const [key, currentGroup] of currentGroups) {
    const previousGroup = previousGroups.get(key);
    if (previousGroup === undefined) continue;
    for (const pair of pairGroup(previousGroup, currentGroup)) {
      matchedCurrent.set(pair.current, pair.previous);
      matchedPrevious.add(pair.previous);
    }
  }

  const added: SnapshotProject[] = [];
  const stageChanges: StageChange[] = [];
  const amountChanges: AmountChange[] = [];
  let unchanged = 0;
  for (const project of current.projects) {
    const before = matchedCurrent.get(project);
    if (before === undefined) {
      added.push(project);
      continue;
    }
    const stageChanged = before.stage !== project.stage;
    const totalChanged = differenceWan(before.totalWan, project.totalWan) !== 0;
    const investedChanged = differenceWan(before.investedWan, project.investedWan) !== 0;
    if (stageChanged) stageChanges.push({ current: project, previous: before, from: before.stage, to: project.stage });
    if (totalChanged || investedChanged) {
      amountChanges.push({
        current: project,
        previous: before,
        totalWan: amountDelta(before.totalWan, project.totalWan),
        investedWan: amountDelta(before.investedWan, project.investedWan),
      });
    }
    if (!stageChanged && !totalChanged && !investedChanged) unchanged += 1;
  }
  const removed = previous.projects.filter((project) => !matchedPrevious.has(project));

  const previousFigures = snapshotFigures(previous);
  const currentFigures = snapshotFigures(current);
  const count = (figure: 'projects' | 'soes' | 'started' | 'completed'): number => currentFigures[figure] - previousFigures[figure];
  const deltas: KeyFigureDeltas = {
    projects: count('projects'),
    soes: count('soes'),
    started: count('started'),
    completed: count('completed'),
    totalWan: differenceWan(previousFigures.totalWan, currentFigures.totalWan),
    investedWan: differenceWan(previousFigures.investedWan, currentFigures.investedWan),
  };
  const hasChanges =
    added.length > 0 ||
    removed.length > 0 ||
    stageChanges.length > 0 ||
    amountChanges.length > 0 ||
    KEY_FIGURES.some((figure) => deltas[figure] !== 0);

  return {
    added,
    removed,
    stageChanges,
    amountChanges,
    amountChangeTotals: {
      totalWan: amountDelta(sumWan(amountChanges.map((c) => c.totalWan.before)), sumWan(amountChanges.map((c) => c.totalWan.after))),
      investedWan: amountDelta(sumWan(amountChanges.map((c) => c.investedWan.before)), sumWan(amountChanges.map((c) => c.investedWan.after))),
    },
    unchanged,
    previous: previousFigures,
    current: currentFigures,
    deltas,
    hasChanges,
  };
}
