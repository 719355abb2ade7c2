import type { ColumnMapping, LedgerIssue } from '../domain';
import type { PickedFile, PickedFileProgress } from '../workflows/mergePickedFiles';
import type { RefreshProgress, RunReport } from '../workflows/refresh';
import type { RunError } from '../workflows/runError';
import type { CapabilityNote, LedgerSettings, SourceRef } from '../workflows/workbookPort';

/** The add-in's stored state as the pane shows it. */
export interface PaneState {
  readonly settings: LedgerSettings;
  /** ISO time of the last successful refresh, or `null`. */
  readonly lastRefresh: string | null;
}

/** One header cell of the ledger, offered when the user corrects the column mapping. */
export interface HeaderColumn {
  /** Column letter ("E"). */
  readonly letter: string;
  /** Header text as written (both rows joined with "/" for a two-row header). */
  readonly header: string;
}

/** What the pane knows about the ledger source before (or without) a refresh. */
export interface SourceInspection {
  /** Every sheet and table that could be the ledger (owned summary sheets excluded), in tab order. */
  readonly options: readonly SourceRef[];
  /** The source stored in the settings; `null` = auto-detect. */
  readonly stored: SourceRef | null;
  /** What auto-detection picks, or `null` when no sheet looks like a ledger. */
  readonly detected: SourceRef | null;
  /** The worksheet of the effective source (stored, else detected), or `null`. */
  readonly sheet: string | null;
  /** The header cells of the effective source. */
  readonly columns: readonly HeaderColumn[];
  /** The column mapping that a refresh will use (detection plus the stored overrides). */
  readonly mapping: ColumnMapping;
  /** The stored overrides: field → column letter or header text. */
  readonly overrides: Readonly<Record<string, string>>;
  /** Sheet-level issues of the effective source (e.g. a required column is missing). */
  readonly sheetIssues: readonly LedgerIssue[];
  /** Why no source could be inspected (e.g. `ledger_not_found`), or `null`. */
  readonly error: RunError | null;
}

/** A running subscription to ledger edits. */
export interface ChangeWatch {
  /** Stop listening. */
  stop(): Promise<void>;
  /** Set when edits cannot be watched on this host (the pane shows it; nothing fails). */
  readonly note: CapabilityNote | null;
}

/** What 合并区县台账 did: the merged figures, the files left out and the sheet written. */
export interface MergedLedgerOutcome {
  /** The sheet the merged ledger was written to (合并台账, or another name when a user's sheet has it); `null` when no file could be read and nothing was written. */
  readonly sheet: string | null;
  /** Files read and merged. */
  readonly filesRead: number;
  /** Projects in the merged ledger (duplicates counted once). */
  readonly projects: number;
  /** Projects found in more than one file. */
  readonly duplicates: number;
  /** The merge's findings of severity warning (conflicts, near-duplicates, districts that do not match). */
  readonly warnings: number;
  /** The files that could not be read, with the reason. */
  readonly failed: readonly { readonly file: string; readonly error: RunError }[];
}

/**
 * Everything the task pane's components may ask of the workbook, as plain async functions.
 * Built once by the composition root (`index.tsx`) over the Office port; tests pass a fake.
 * Components never touch Office or Excel themselves.
 */
export interface PaneHost {
  /** Office's display language (e.g. "zh-CN"), or `undefined` when unknown. */
  readonly displayLanguage: string | undefined;
  /** Read the stored settings and the time of the last refresh. */
  loadState(): Promise<PaneState>;
  /** Store a settings change in the workbook; resolves with the full stored settings. */
  saveSettings(patch: Partial<LedgerSettings>): Promise<LedgerSettings>;
  /** Run the shared refresh workflow. Never rejects: a failure is a failed `RunReport`. */
  refresh(onProgress: (progress: RefreshProgress) => void): Promise<RunReport>;
  /**
   * "Start a new period" (开始新一期): make the ledger as it is now the baseline that later
   * refreshes compare with, then refresh (`startNewPeriod`). Never rejects, like `refresh`.
   */
  startNewPeriod(onProgress: (progress: RefreshProgress) => void): Promise<RunReport>;
  /** Remove the issue marks the add-in made in the ledger, restoring the cells' own formatting. */
  clearMarks(): Promise<void>;
  /**
   * "Remove ledger state before sending" (外发前移除台账状态): the state sheet, the old state and the issue marks
   * (`WorkbookPort.dropState`); absent when the port cannot.
   */
  dropState?(): Promise<void>;
  /**
   * 合并区县台账: read the picked district workbooks in the browser (the reader is loaded on first use), merge them
   * and write the merged ledger to the sheet 合并台账 (`WorkbookPort.writeGridSheet`). `onProgress` hears each file's
   * reading / read / failed. Absent when the port cannot write such a sheet.
   * @throws what the write throws (a `PortError`); a file that cannot be read is reported in `failed` instead.
   */
  mergeLedgerFiles?(files: readonly PickedFile[], onProgress: (progress: PickedFileProgress) => void): Promise<MergedLedgerOutcome>;
  /** Select and scroll to a cell of the ledger. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Detect the ledger source and its columns, for the source panel. */
  inspectSource(): Promise<SourceInspection>;
  /**
   * Call `listener` when the user edits the ledger. Edits made by the add-in itself (during a
   * refresh, or on the sheets it owns) are ignored.
   */
  onLedgerChanged(listener: () => void): Promise<ChangeWatch>;
}
