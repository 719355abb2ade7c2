import { arrayOnDemand } from '../ledger/arrayOnDemand';
import { isStoredIssueList } from '../validate/issueStore';
import type { Lang } from '../ledger/types';
import type { LedgerIssue } from '../validate/types';
import type {
  BreakdownLine,
  Figures,
  ReconciliationCheck,
  Summary,
  SummaryJson,
  SummaryJsonCheck,
  SummaryJsonFigures,
  SummaryJsonIssue,
  SummaryJsonLine,
} from './types';

/** Options of `toSummaryJson`. */
export interface SummaryJsonOptions {
  /** Language of the issue messages (default zh-CN). */
  readonly lang?: Lang;
}

/**
 * The summary as plain JSON data (docs/summary.schema.json): amounts in 亿元 (万元 / 10⁴),
 * unrounded; stage and size-band keys are codes; `byRegion` / `byCategory` are [] when the
 * ledger lacks the column; a blank-cell line has `key: null`. No timestamp, so equal ledgers
 * give equal JSON. This is the one conversion to 亿元 outside `layout`: the JSON is an output.
 * @example JSON.stringify(toSummaryJson(summary, { lang: 'en-US' }), null, 2)
 */
export function toSummaryJson(summary: Summary, options: SummaryJsonOptions = {}): SummaryJson {
  const lang = options.lang ?? 'zh-CN';
  const { source, jointProjects, crossTab } = summary;
  return {
    source: { sheet: source.sheet, headerRows: source.headerRows, dataRows: source.dataRows, unit: source.unit },
    totals: jsonFigures(summary.totals),
    bySector: summary.bySector.map(jsonLine),
    byStage: summary.byStage.map(jsonLine),
    bySoe: summary.bySoe.map((line) => ({ key: line.key, shortName: line.shortName, ...jsonFigures(line) })),
    byRegion: (summary.byDistrict ?? []).map(jsonLine),
    byCategory: (summary.byCategory ?? []).map(jsonLine),
    bySizeBand: summary.bySizeBand.map(jsonLine),
    // A compact read's issues (a full sheet has 759,412) become JSON when read, as they become issues when read.
    issues: isStoredIssueList(summary.issues)
      ? arrayOnDemand(summary.issues.length, (i) => jsonIssue(summary.issues[i] as LedgerIssue, lang))
      : summary.issues.map((issue) => jsonIssue(issue, lang)),
    jointProjects: {
      attribution: jointProjects.attribution,
      count: jointProjects.count,
      projectsExcess: jointProjects.projectsExcess,
      totalInvestmentExcess: toYi(jointProjects.totalWanExcess),
      investedToDateExcess: toYi(jointProjects.investedWanExcess),
    },
    crossTab: {
      sectors: crossTab.sectors,
      stages: crossTab.stages,
      projects: crossTab.projects,
      totalInvestment: crossTab.totalWan.map((row) => row.map(toYi)),
    },
    reconciliation: summary.reconciliation.map(jsonCheck),
  };
}

const toYi = (wan: number): number => wan / 10_000;

function jsonFigures(figures: Figures): SummaryJsonFigures {
  return {
    projects: figures.projects,
    soes: figures.soes,
    started: figures.started,
    completed: figures.completed,
    totalInvestment: toYi(figures.totalWan),
    investedToDate: toYi(figures.investedWan),
  };
}

function jsonLine(line: Pick<BreakdownLine, 'key'> & Figures): SummaryJsonLine {
  return { key: line.key, ...jsonFigures(line) };
}

function jsonIssue(issue: LedgerIssue, lang: Lang): SummaryJsonIssue {
  return {
    sheetRow: issue.sheetRow,
    column: issue.column === null ? null : `${issue.column.letter} ${issue.column.header}`,
    code: issue.code,
    severity: issue.severity,
    message: issue.message[lang],
  };
}

function jsonCheck(check: ReconciliationCheck): SummaryJsonCheck {
  return {
    dimension: check.dimension,
    ok: check.ok,
    projectsDiff: check.projectsDiff,
    startedDiff: check.startedDiff,
    completedDiff: check.completedDiff,
    totalInvestmentDiff: toYi(check.totalWanDiff),
    investedToDateDiff: check.investedWanDiff === null ? null : toYi(check.investedWanDiff),
  };
}
