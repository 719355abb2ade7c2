import { STARTED_STAGES } from '../ledger/types';
import { sumWan } from '../summarize/sumWan';
import type { KeyFigures, SnapshotData } from './types';

/**
 * The key figures of a snapshot: projects, distinct SOEs (canonical names), started projects
 * (construction or completed, DOMAIN.md §3), completed projects, and the sums of total
 * investment and invested to date in 万元, summed exactly in whole 元 (`sumWan`). The same
 * definitions and sums as `summarize`, so the deltas agree with the summary sheet to the 元.
 */
export function snapshotFigures(data: SnapshotData): KeyFigures {
  const soes = new Set<string>();
  let started = 0;
  let completed = 0;
  for (const project of data.projects) {
    for (const soe of project.soes) soes.add(soe);
    if (STARTED_STAGES.includes(project.stage)) started += 1;
    if (project.stage === 'completed') completed += 1;
  }
  return {
    projects: data.projects.length,
    soes: soes.size,
    started,
    completed,
    totalWan: sumWan(data.projects.map((p) => p.totalWan)),
    investedWan: sumWan(data.projects.map((p) => p.investedWan)),
  };
}
