import type { LedgerIssue, ReadCounts } from "../../src/domain/validate/types";
import type { Figures, Summary } from "../../src/domain/summarize/types";
import type { RefreshProgress, RunReport } from "../../src/workflows/refresh";
import type { RunError } from "../../src/workflows/runError";
import {
  DEFAULT_SETTINGS,
  type LedgerSettings,
} from "../../src/workflows/workbookPort";
import type { PaneHost, SourceInspection } from "../../src/taskpane/paneHost";

/** A `PaneHost` whose refresh (and new period, and clearing of marks) the test drives by hand. */
export interface FakeHost extends PaneHost {
  readonly calls: {
    refresh: number;
    startNewPeriod: number;
    clearMarks: number;
    inspectSource: number;
    readonly saveSettings: Partial<LedgerSettings>[];
    readonly selectCell: [string, string][];
  };
  /** Report progress of the running refresh or new period. */
  progress(progress: RefreshProgress): void;
  /** Finish the running refresh or new period with `report`. */
  finish(report: RunReport): void;
  /** Finish the pending `clearMarks` call, or fail it with `error`. */
  finishClearMarks(error?: unknown): void;
  /** Simulate the user editing the ledger. */
  editLedger(): void;
}

/** Options of `createFakeHost`. */
export interface FakeHostOptions {
  readonly displayLanguage?: string;
  readonly settings?: Partial<LedgerSettings>;
  readonly inspection?: Partial<SourceInspection>;
  /** The host's 合并区县台账 (`PaneHost.mergeLedgerFiles`); absent: the host does not offer it. */
  readonly mergeLedgerFiles?: PaneHost["mergeLedgerFiles"];
}

/** A fake host: settings live in memory, refreshes wait for `finish`. */
export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  let settings: LedgerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  let onProgress: ((p: RefreshProgress) => void) | null = null;
  let resolveRun: ((report: RunReport) => void) | null = null;
  let settleClear: ((error?: unknown) => void) | null = null;
  const listeners = new Set<() => void>();
  const calls: FakeHost["calls"] = {
    refresh: 0,
    startNewPeriod: 0,
    clearMarks: 0,
    inspectSource: 0,
    saveSettings: [],
    selectCell: [],
  };
  const pendingRun = (
    progress: (p: RefreshProgress) => void,
  ): Promise<RunReport> => {
    onProgress = progress;
    return new Promise<RunReport>((resolve) => {
      resolveRun = resolve;
    });
  };
  return {
    displayLanguage: options.displayLanguage,
    calls,
    loadState: async () => ({ settings, lastRefresh: null }),
    saveSettings: async (patch) => {
      calls.saveSettings.push(patch);
      settings = { ...settings, ...patch };
      return settings;
    },
    refresh: (progress) => {
      calls.refresh += 1;
      return pendingRun(progress);
    },
    startNewPeriod: (progress) => {
      calls.startNewPeriod += 1;
      return pendingRun(progress);
    },
    clearMarks: () => {
      calls.clearMarks += 1;
      return new Promise<void>((resolve, reject) => {
        settleClear = (error) =>
          error === undefined ? resolve() : reject(error);
      });
    },
    selectCell: async (sheet, address) => {
      calls.selectCell.push([sheet, address]);
    },
    inspectSource: async () => {
      calls.inspectSource += 1;
      return {
        options: [{ kind: "sheet", name: "台账" }],
        stored: null,
        detected: { kind: "sheet", name: "台账" },
        sheet: "台账",
        columns: [],
        mapping: {},
        overrides: {},
        sheetIssues: [],
        error: null,
        ...options.inspection,
      };
    },
    onLedgerChanged: async (listener) => {
      listeners.add(listener);
      return { stop: async () => void listeners.delete(listener), note: null };
    },
    ...(options.mergeLedgerFiles === undefined
      ? {}
      : { mergeLedgerFiles: options.mergeLedgerFiles }),
    progress: (p) => onProgress?.(p),
    finish: (report) => {
      onProgress?.({ stage: "done" });
      resolveRun?.(report);
    },
    finishClearMarks: (error) => settleClear?.(error),
    editLedger: () => listeners.forEach((l) => l()),
  };
}

/** One issue, with defaults for everything not given. */
export function issue(
  partial: Partial<LedgerIssue> & Pick<LedgerIssue, "code">,
): LedgerIssue {
  return {
    severity: "error",
    sheetRow: 5,
    column: { letter: "E", header: "项目阶段" },
    raw: "待定",
    message: {
      "zh-CN": `问题 ${partial.code}`,
      "en-US": `Issue ${partial.code}`,
    },
    ...partial,
  };
}

const figures = (f: Partial<Figures>): Figures => ({
  projects: 0,
  soes: 0,
  started: 0,
  completed: 0,
  totalWan: 0,
  investedWan: 0,
  investedShare: null,
  shareOfTotal: null,
  ...f,
});

/** A successful report with the given totals and issues. */
export function okReport(
  totals: Partial<Figures>,
  issues: readonly LedgerIssue[] = [],
): RunReport {
  const counts: ReadCounts = {
    dataRows: totals.projects ?? 0,
    validRows: 0,
    warningRows: 0,
    errorRows: 0,
    skippedRows: 0,
  };
  const summary: Summary = {
    source: {
      sheet: "台账",
      headerRows: 1,
      dataRows: counts.dataRows,
      unit: "wan",
      counts,
    },
    soeAttribution: "full",
    totals: figures(totals),
    bySector: [],
    byStage: [],
    bySoe: [],
    byDistrict: null,
    byCategory: null,
    bySizeBand: [],
    crossTab: { sectors: [], stages: [], projects: [], totalWan: [] },
    jointProjects: {
      attribution: "full",
      count: 0,
      projectsExcess: 0,
      totalWanExcess: 0,
      investedWanExcess: 0,
    },
    reconciliation: [],
    issues,
  };
  return {
    ok: true,
    error: null,
    lang: "zh-CN",
    source: { kind: "sheet", name: "台账" },
    read: { sheet: "台账", header: null, rows: [], issues, counts },
    summary,
    json: null,
    issues,
    sheets: { summary: "汇总", validation: "校验" },
    changes: null,
    brief: null,
    timings: {},
    notes: [],
    refreshedAt: new Date(2025, 8, 30, 14, 5).toISOString(),
  };
}

/** A failed report. */
export function failedReport(error: RunError): RunReport {
  return {
    ...okReport({}),
    ok: false,
    error,
    read: null,
    summary: null,
    issues: [],
  };
}
