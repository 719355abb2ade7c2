import { refresh, type RefreshOptions, type RefreshProgress, type RunReport } from '../workflows/refresh';
import { startNewPeriod } from '../workflows/startNewPeriod';
import { DEFAULT_SETTINGS, type CapabilityNote, type LedgerSettings, type WorkbookPort } from '../workflows/workbookPort';
import { toRunError } from '../workflows/runError';
import { inspectSource } from './inspectSource';
import type { mergeFilesInBrowser } from './mergeFiles';
import type { ChangeWatch, MergedLedgerOutcome, PaneHost } from './paneHost';

/**
 * Subscribe to the user's edits of any worksheet. `onEdit` gets the edited sheet's name
 * (`null` when the host does not say). Resolves with a function that unsubscribes, or with
 * `null` when this host cannot report edits (e.g. ExcelApi 1.7 is missing).
 */
export type WatchEdits = (onEdit: (sheet: string | null) => void) => Promise<(() => Promise<void>) | null>;

/** Options of `createPaneHost`. */
export interface PaneHostOptions {
  readonly port: WorkbookPort;
  /** Office's display language. */
  readonly displayLanguage?: string | undefined;
  /** Edit notifications; absent = not supported on this host. */
  readonly watchEdits?: WatchEdits | undefined;
  /** Let the UI paint between refresh stages (the pane passes a `setTimeout(0)` yield). */
  readonly yieldToUi?: (() => Promise<void>) | undefined;
  /** Milliseconds after a refresh during which edit events are taken as the refresh's own writes. */
  readonly quietMs?: number;
  /** Clock in milliseconds (injected for tests). */
  readonly now?: () => number;
  /**
   * Loads `./mergeFiles` for 合并区县台账 (the Fluent pane's `index.tsx` passes a dynamic `import()`, so webpack puts
   * the .xlsx reader and fflate in a chunk of their own). Without it the host offers no merge: the light pane's ES5
   * bundle shares this module and is built into the same folder, where a chunk of its own would take the same name.
   */
  readonly loadMerge?: () => Promise<{ readonly mergeFilesInBrowser: typeof mergeFilesInBrowser }>;
}

/** Shown when edits cannot be watched. */
export const WATCH_UNSUPPORTED: CapabilityNote = {
  code: 'change_events_unsupported',
  message: {
    'zh-CN': '此版本的 Excel 无法提示台账修改（需要 ExcelApi 1.7）：修改台账后请手动刷新汇总。',
    'en-US': 'This Excel cannot report ledger edits (ExcelApi 1.7 is needed): refresh the summaries after editing the ledger.',
  },
};

/**
 * The port as a refresh sees it from the pane: each workbook call first lets the browser paint,
 * so the stage the workflow has just announced (e.g. "writing") shows before the host works.
 */
function paintingPort(port: WorkbookPort, yieldToUi: () => Promise<void>): WorkbookPort {
  const after =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await yieldToUi();
      return call(...args);
    };
  return {
    listSheets: after(() => port.listSheets()),
    readGrid: after((source, onChunk) => port.readGrid(source, onChunk)),
    applySheetPlans: after((plans) => port.applySheetPlans(plans)),
    markCells: after((sheet, marks) => port.markCells(sheet, marks)),
    clearMarks: after(() => port.clearMarks()),
    readState: after(() => port.readState()),
    writeState: after((patch) => port.writeState(patch)),
    capabilityNotes: () => port.capabilityNotes(),
    // The refresh lease wraps the whole workflow (see WorkbookPort.exclusive).
    ...(port.exclusive === undefined ? {} : { exclusive: port.exclusive.bind(port) }),
  };
}

/**
 * The task pane's host over a workbook port: settings, refresh, start a new period, clear marks, 合并区县台账,
 * cell selection, source inspection and edit notifications as plain async functions. Port calls
 * that change the workbook run one at a time, so a refresh always sees the settings saved before it.
 */
export function createPaneHost(options: PaneHostOptions): PaneHost {
  const { port } = options;
  const { loadMerge } = options;
  const now = options.now ?? (() => Date.now());
  const quietMs = options.quietMs ?? 1000;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  /**
   * `job` under the port's refresh lease, when it has one: a refresh of the ribbon's runtime cannot
   * run in between, and the job's settings save cannot overwrite what that refresh saved.
   */
  const leased = <T>(job: () => Promise<T>): Promise<T> => (port.exclusive === undefined ? job() : port.exclusive(job));

  // True while the add-in itself writes to the workbook (a refresh, or clearing the marks).
  let isWriting = false;
  let quietUntil = 0;
  let ledgerSheet: string | null = null;
  const ownedSheets = new Set<string>();

  /** A serialised job whose workbook edits are the add-in's own, not the user's. */
  const ownWrites = <T>(job: () => Promise<T>): Promise<T> =>
    serial(async () => {
      isWriting = true;
      try {
        return await job();
      } finally {
        isWriting = false;
        quietUntil = now() + quietMs;
      }
    });

  /** Run a refresh-like workflow (refresh, start a new period) over the port, one at a time. */
  const runWorkflow = (
    workflow: (target: WorkbookPort, runOptions: RefreshOptions) => Promise<RunReport>,
    onProgress: (progress: RefreshProgress) => void,
  ): Promise<RunReport> =>
    ownWrites(async () => {
      const report = await workflow(options.yieldToUi === undefined ? port : paintingPort(port, options.yieldToUi), {
        onProgress,
        ...(options.displayLanguage === undefined ? {} : { displayLanguage: options.displayLanguage }),
        ...(options.yieldToUi === undefined ? {} : { yieldToUi: options.yieldToUi }),
      });
      if (report.read !== null) ledgerSheet = report.read.sheet;
      for (const name of Object.values(report.sheets)) if (name !== undefined) ownedSheets.add(name);
      return report;
    });

  return {
    displayLanguage: options.displayLanguage,

    async loadState() {
      const state = await port.readState();
      return { settings: { ...DEFAULT_SETTINGS, ...state.settings }, lastRefresh: state.lastRefresh };
    },

    saveSettings(patch) {
      return serial(() =>
        leased(async () => {
          const state = await port.readState();
          const settings: LedgerSettings = { ...DEFAULT_SETTINGS, ...state.settings, ...patch };
          await port.writeState({ settings });
          return settings;
        }),
      );
    },

    refresh(onProgress) {
      return runWorkflow(refresh, onProgress);
    },

    startNewPeriod(onProgress) {
      return runWorkflow(startNewPeriod, onProgress);
    },

    clearMarks() {
      return ownWrites(() => leased(() => port.clearMarks()));
    },

    ...(port.dropState === undefined ? {} : { dropState: () => ownWrites(() => leased(() => port.dropState?.() ?? Promise.resolve())) }),

    ...(port.writeGridSheet === undefined || loadMerge === undefined
      ? {}
      : {
          async mergeLedgerFiles(files, onProgress): Promise<MergedLedgerOutcome> {
            const { mergeFilesInBrowser } = await loadMerge();
            const { merge, sheetName } = await mergeFilesInBrowser(files, onProgress, options.yieldToUi);
            const sheet =
              merge.files.length === 0 ? null : await ownWrites(() => leased(() => port.writeGridSheet?.(sheetName, merge.sheet) ?? Promise.resolve(null)));
            return {
              sheet,
              filesRead: merge.files.length,
              projects: merge.result.projects.length,
              duplicates: merge.result.duplicates.length,
              warnings: merge.result.issues.filter((issue) => issue.severity === 'warning').length,
              failed: merge.failed.map(({ file, error }) => ({ file, error: toRunError(error) })),
            };
          },
        }),

    async selectCell(sheet, address) {
      await port.selectCell?.(sheet, address);
    },

    async inspectSource() {
      const [sheets, state] = await Promise.all([port.listSheets(), port.readState()]);
      for (const sheet of sheets) if (sheet.ownedRole !== null) ownedSheets.add(sheet.name);
      const inspection = inspectSource(sheets, { ...DEFAULT_SETTINGS, ...state.settings });
      if (inspection.sheet !== null && ledgerSheet === null) ledgerSheet = inspection.sheet;
      return inspection;
    },

    async onLedgerChanged(listener): Promise<ChangeWatch> {
      const onEdit = (sheet: string | null): void => {
        // The add-in's own writes: during a refresh (or clearing marks), just after it, or on the sheets it owns.
        if (isWriting || now() < quietUntil) return;
        if (sheet !== null && ownedSheets.has(sheet)) return;
        if (sheet !== null && ledgerSheet !== null && sheet !== ledgerSheet) return;
        listener();
      };
      // The notice is a convenience: a host that fails to subscribe degrades to the note, not an error.
      const stop = options.watchEdits ? await options.watchEdits(onEdit).catch(() => null) : null;
      if (stop === null) return { stop: async () => undefined, note: WATCH_UNSUPPORTED };
      return { stop, note: null };
    },
  };
}
