import type { Stage } from '../ledger/types';
import type { SummaryJsonFigures } from '../summarize/types';
import type { AmountDelta, KeyFigures, LedgerDiff, SnapshotProject } from './types';

/** Key figures in the diff JSON: the summary JSON's figures (amounts in 亿元, same names). */
export type DiffJsonFigures = SummaryJsonFigures;

/** A project in the diff JSON. Amounts in 亿元. */
export interface DiffJsonProject {
  readonly sheetRow: number;
  readonly name: string;
  /** Canonical SOE names, sorted. */
  readonly soes: readonly string[];
  readonly stage: Stage;
  readonly totalInvestment: number;
  readonly investedToDate: number;
}

/** A before / after / delta triple in 亿元. */
export interface DiffJsonAmount {
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

/** A matched project in the diff JSON: its row now and in the previous version. */
export interface DiffJsonMatched {
  readonly sheetRow: number;
  readonly previousSheetRow: number;
  readonly name: string;
  readonly soes: readonly string[];
}

/** The diff as JSON (`ledger-stats diff --json`). Amounts in 亿元, unrounded. */
export interface DiffJson {
  readonly hasChanges: boolean;
  readonly previous: DiffJsonFigures;
  readonly current: DiffJsonFigures;
  readonly deltas: DiffJsonFigures;
  readonly added: readonly DiffJsonProject[];
  readonly removed: readonly DiffJsonProject[];
  readonly stageChanges: readonly (DiffJsonMatched & { readonly from: Stage; readonly to: Stage })[];
  readonly amountChanges: readonly (DiffJsonMatched & { readonly totalInvestment: DiffJsonAmount; readonly investedToDate: DiffJsonAmount })[];
  readonly amountChangeTotals: { readonly totalInvestment: DiffJsonAmount; readonly investedToDate: DiffJsonAmount };
  readonly unchanged: number;
}

/** 万元 → 亿元, keeping whole-元 sums exact where a float can (divide once, no rounding). */
const yi = (wan: number): number => {
  const value = wan / 10_000;
  return value === 0 ? 0 : value;
};

const figures = (f: KeyFigures): DiffJsonFigures => ({
  projects: f.projects,
  soes: f.soes,
  started: f.started,
  completed: f.completed,
  totalInvestment: yi(f.totalWan),
  investedToDate: yi(f.investedWan),
});

const project = (p: SnapshotProject): DiffJsonProject => ({
  sheetRow: p.sheetRow,
  name: p.name,
  soes: p.soes,
  stage: p.stage,
  totalInvestment: yi(p.totalWan),
  investedToDate: yi(p.investedWan),
});

const amount = (a: AmountDelta): DiffJsonAmount => ({ before: yi(a.before), after: yi(a.after), delta: yi(a.delta) });

const matched = (m: { current: SnapshotProject; previous: SnapshotProject }): DiffJsonMatched => ({
  sheetRow: m.current.sheetRow,
  previousSheetRow: m.previous.sheetRow,
  name: m.current.name,
  soes: m.current.soes,
});

/**
 * The diff as plain JSON data with the summary JSON's conventions: amounts in 亿元, figure
 * names `totalInvestment` / `investedToDate`. Deterministic (no timestamp).
 */
export function toDiffJson(diff: LedgerDiff): DiffJson {
  return {
    hasChanges: diff.hasChanges,
    previous: figures(diff.previous),
    current: figures(diff.current),
    deltas: figures(diff.deltas),
    added: diff.added.map(project),
    removed: diff.removed.map(project),
    stageChanges: diff.stageChanges.map((c) => ({ ...matched(c), from: c.from, to: c.to })),
    amountChanges: diff.amountChanges.map((c) => ({
      ...matched(c),
      totalInvestment: amount(c.totalWan),
      investedToDate: amount(c.investedWan),
    })),
    amountChangeTotals: { totalInvestment: amount(diff.amountChangeTotals.totalWan), investedToDate: amount(diff.amountChangeTotals.investedWan) },
    unchanged: diff.unchanged,
  };
}
