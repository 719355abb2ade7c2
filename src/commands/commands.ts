/**
 * Ribbon commands (the manifest's FunctionFile). A thin shell: each command picks the Office.js
 * port and calls a workflow. ExecuteFunction rules (OFFICE-PLATFORM.md §4,
 * https://learn.microsoft.com/office/dev/add-ins/develop/create-addin-commands): every function named
 * in the manifest is registered with `Office.actions.associate`, and `event.completed()` is called
 * exactly once, in `finally`, also on failure; otherwise later clicks queue up behind this one.
 *
 * The event completes as soon as the refresh has ended and its outcome is on the summary sheet's
 * status line. A dialog cannot outlive the event that opened it: Office closes the command's
 * runtime when the function completes (https://learn.microsoft.com/office/dev/add-ins/design/add-in-commands),
 * and the dialogs it opened go with it: office-js #428 (Outlook for Mac closes the dialog at
 * `completed()`) and #1452 (on the web such a dialog is left open but dead, unable to close). So
 * the outcome dialog is shown only where the status line cannot say it: when there is no summary
 * sheet to write on (e.g. a first refresh that failed), and when another refresh was running (its
 * summaries are being replaced; a failure line there would be wrong). It then holds the event
 * until it closes, for at most `DIALOG_TIMEOUT_MS`.
 */
import { createOfficeWorkbookPort } from '../excel/officeWorkbookPort';
import { formatAsOf } from '../workflows/formatAsOf';
import { refresh, type RunReport } from '../workflows/refresh';
import { isRunNote } from '../workflows/runNotes';
import type { WorkbookPort } from '../workflows/workbookPort';
import { enCount, outcomeCounts, outcomeDialogUrl, outcomeMessage, type OutcomeMessage } from './outcomeMessage';

// Tells legacy-webview.js, which runs before this bundle, that the bundle parsed and started; where
// it did not (a webview too old for its syntax), that script answers the ribbon clicks instead.
if (typeof window !== 'undefined') (window as { ledgerStatsStarted?: boolean }).ledgerStatsStarted = true;

/** How long the outcome dialog stays open without an answer: the command's runtime closes after 5 minutes. */
export const DIALOG_TIMEOUT_MS = 2 * 60 * 1000;

/**
 * The one-line outcome of a refresh, in the report's language.
 * @example statusText(report) // '已刷新（2025年9月30日 14:05）：36 个项目，错误 3 个，警告 5 个。'
 */
export function statusText(report: RunReport): string {
  const at = formatAsOf(new Date(report.refreshedAt), report.lang);
  const zh = report.lang === 'zh-CN';
  if (!report.ok) {
    const message = report.error?.message[report.lang] ?? '';
    return zh ? `刷新失败（${at}）：${message}` : `Refresh failed (${at}): ${message}`;
  }
  const { projects, errors, warnings, notes } = outcomeCounts(report);
  // A step that failed after the summaries were written (e.g. marks on a protected ledger) is said
  // in full: the ribbon has no pane to show the note in.
  const problems = report.notes.filter(isRunNote).map((note) => note.message[report.lang]);
  const line = zh
    ? `已刷新（${at}）：${projects} 个项目，错误 ${errors} 个，警告 ${warnings} 个${notes > 0 ? `，${notes} 项功能受限（见任务窗格）` : ''}。`
    : `Refreshed (${at}): ${enCount(projects, 'project')}, ${enCount(errors, 'error')}, ${enCount(warnings, 'warning')}${notes > 0 ? `, ${enCount(notes, 'feature')} limited (see the task pane)` : ''}.`;
  return [line, ...problems].join(zh ? '' : ' ');
}

/** Options of `refreshSummaries`, injectable for tests. */
export interface RefreshCommandOptions {
  readonly port?: WorkbookPort;
  readonly now?: () => Date;
  /** How long the outcome dialog may stay open, in milliseconds (default `DIALOG_TIMEOUT_MS`). */
  readonly dialogTimeoutMs?: number;
}

/**
 * Shows `message` in the outcome dialog (`dialog.html` next to the commands page) when the host
 * supports DialogApi 1.1, and resolves once the dialog is closed: by its Close button (message
 * `'close'`), by the user, or after `timeoutMs`. Resolves at once when there is no DialogApi or the
 * dialog cannot open (e.g. 12007: another dialog is open). Never rejects.
 */
function showOutcomeDialog(message: OutcomeMessage, timeoutMs: number): Promise<void> {
  if (!Office.context.requirements.isSetSupported('DialogApi', '1.1')) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let dialog: Office.Dialog | null = null;
    let isDone = false;
    const closeDialog = (): void => {
      try {
        dialog?.close();
      } catch {
        // Already closed by the user or the host: nothing left to close.
      }
      dialog = null;
    };
    const finish = (): void => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      closeDialog();
      resolve();
    };
    // Started before opening: the callback of displayDialogAsync might never come.
    const timer = setTimeout(finish, timeoutMs);
    try {
      const url = outcomeDialogUrl(window.location.href, message);
      // displayInIframe matters on the web only: an iframe instead of a pop-up window, which blockers stop.
      Office.context.ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe: true }, (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          finish();
          return;
        }
        dialog = result.value;
        if (isDone) {
          closeDialog();
          return;
        }
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if ('message' in arg && arg.message === 'close') finish();
        });
        // The user closed the dialog (12006) or it failed to load: it is gone either way.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, finish);
      });
    } catch {
      // No ui namespace or no window.location: the status line has reported already.
      finish();
    }
  });
}

/**
 * Handler of the "刷新汇总 / Refresh summaries" button (ExecuteFunction `refreshSummaries`): runs the
 * refresh without opening the pane and reports the outcome visibly as a status line on the owned
 * summary sheet (`WorkbookPort.writeStatus`): after a failure the previous summary sheet, which the
 * refresh left intact, shows the failure. Completes the event as soon as that line is written. Only
 * where the line cannot report (no summary sheet; another refresh running) is the outcome shown in
 * a dialog (DialogApi 1.1), and the event completed when the dialog closes. Always completes the event.
 */
export async function refreshSummaries(event: Office.AddinCommands.Event, options: RefreshCommandOptions = {}): Promise<RunReport> {
  let report: RunReport | null = null;
  let isReported = false;
  try {
    const port = options.port ?? createOfficeWorkbookPort();
    report = await refresh(port, {
      displayLanguage: Office.context.displayLanguage,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    try {
      if (report.error?.code !== 'refresh_in_progress') isReported = (await port.writeStatus?.(statusText(report))) === true;
    } catch {
      // The status line could not be written: the dialog below is the only place left to report in.
    }
    return report;
  } finally {
    try {
      if (report !== null && !isReported) await showOutcomeDialog(outcomeMessage(report), options.dialogTimeoutMs ?? DIALOG_TIMEOUT_MS);
    } finally {
      event.completed();
    }
  }
}

void Office.onReady(() => {
  Office.actions.associate('refreshSummaries', (event: Office.AddinCommands.Event) => refreshSummaries(event));
});
