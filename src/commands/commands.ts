/**
 * Ribbon commands (the manifest's FunctionFile). A thin shell: each command picks the Office.js
 * port and calls a workflow. ExecuteFunction rules (OFFICE-PLATFORM.md §4,
 * https://learn.microsoft.com/office/dev/add-ins/develop/create-addin-commands): every function named
 * in the manifest is registered with `Office.actions.associate`, and `event.completed()` is called
 * exactly once, in `finally`, also on failure; otherwise later clicks queue up behind this one.
 */
import { createOfficeWorkbookPort } from '../excel/officeWorkbookPort';
import { formatAsOf } from '../workflows/formatAsOf';
import { refresh, type RunReport } from '../workflows/refresh';
import type { WorkbookPort } from '../workflows/workbookPort';

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
  const projects = report.read?.rows.length ?? 0;
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.filter((i) => i.severity === 'warning').length;
  const notes = report.notes.length;
  return zh
    ? `已刷新（${at}）：${projects} 个项目，错误 ${errors} 个，警告 ${warnings} 个${notes > 0 ? `，${notes} 项功能受限（见任务窗格）` : ''}。`
    : `Refreshed (${at}): ${projects} projects, ${errors} errors, ${warnings} warnings${notes > 0 ? `, ${notes} features limited (see the task pane)` : ''}.`;
}

/** Options of `refreshSummaries`, injectable for tests. */
export interface RefreshCommandOptions {
  readonly port?: WorkbookPort;
  readonly now?: () => Date;
}

/**
 * Handler of the "刷新汇总 / Refresh summaries" button (ExecuteFunction `refreshSummaries`): runs the
 * refresh without opening the pane and reports the outcome visibly as a status line on the owned
 * summary sheet (`WorkbookPort.writeStatus`): after a failure the previous summary sheet, which the
 * refresh left intact, shows the failure. Always completes the event.
 */
export async function refreshSummaries(event: Office.AddinCommands.Event, options: RefreshCommandOptions = {}): Promise<RunReport> {
  try {
    const port = options.port ?? createOfficeWorkbookPort();
    const report = await refresh(port, {
      displayLanguage: Office.context.displayLanguage,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    try {
      await port.writeStatus?.(statusText(report));
    } catch {
      // Edge of the command: the status line is the only place to report in; nothing else can be done.
    }
    return report;
  } finally {
    event.completed();
  }
}

void Office.onReady(() => {
  Office.actions.associate('refreshSummaries', (event: Office.AddinCommands.Event) => refreshSummaries(event));
});
