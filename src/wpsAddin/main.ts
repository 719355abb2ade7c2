import { formatAsOf } from '../workflows/formatAsOf';
import { outcomeCounts } from '../workflows/outcomeCounts';
import { refresh, type RunReport } from '../workflows/refresh';
import { createEtWorkbookPort, type EtWorkbookPort } from '../wps/etWorkbookPort';
import { findTaskPaneFactory, paneUrl, toggleTaskPane } from './taskPane';

/**
 * The WPS 表格 add-in's page script (issue 20): the ribbon's callbacks as global functions, which `wps/ribbon.xml`
 * names. WPS loads `index.html` as a hidden page with `window.Application` and calls these by name, as Kingsoft's
 * wpsjs templates do (wpsjs@2.2.2 packages/@wps-jsapi/et/ribbon.xml: `onLoad="OnAddinLoad"`, `onAction="OnAction"`,
 * the control's id in `control.Id`). Every callback returns synchronously: the issue reports that async callbacks
 * broke the ribbon in some 12.1 builds, so the refresh runs on after `OnAction` has returned.
 * Untested in a real WPS (see wps/README.md).
 */

/** The ribbon button's id in ribbon.xml. */
export const REFRESH_BUTTON_ID = 'ledgerStatsRefresh';

/** The id of the ribbon's 台账统计 button, which opens (or hides) the task pane. */
export const PANE_BUTTON_ID = 'ledgerStatsPane';

/** Shown when the host has no `CreateTaskPane`. */
export const NO_TASK_PANE = '此版本的 WPS 无法打开任务窗格（没有 CreateTaskPane）：请用“刷新汇总”按钮。';

/** The control object WPS passes to `onAction` (only its id is read). */
export interface RibbonControl {
  readonly Id: string;
}

let running: Promise<RunReport> | null = null;

/**
 * The one-line outcome of a refresh, in Chinese (the WPS ribbon runs in Chinese): when, how many projects, errors and
 * warnings, then every note in full (the ribbon has no pane to show them in). The counts are the Office ribbon's
 * (`outcomeCounts`: counted projects, error and warning issues).
 * @example statusLine(report) // '已刷新（2025年9月30日 14:05）：36 个项目，错误 3 个，警告 5 个。'
 */
export function statusLine(report: RunReport): string {
  const at = formatAsOf(new Date(report.refreshedAt), 'zh-CN');
  if (!report.ok) return `刷新失败（${at}）：${report.error?.message['zh-CN'] ?? '未知错误'}`;
  const { projects, errors, warnings } = outcomeCounts(report);
  const notes = report.notes.map((n) => n.message['zh-CN']);
  return [`已刷新（${at}）：${projects} 个项目，错误 ${errors} 个，警告 ${warnings} 个。`, ...notes].join('');
}

/**
 * Start a refresh unless one is running in this page. The outcome is reported as the Office ribbon reports it
 * (src/commands/commands.ts): as the status line of the summary sheet and in the status bar (`writeStatus`), and with
 * `show` (an `alert`) only where that line cannot say it: when there is no summary sheet to write on (a first
 * refresh that failed), and when another refresh was running (its summaries are being replaced).
 */
export function startRefresh(show: (text: string) => void = (text) => globalThis.alert?.(text), port: EtWorkbookPort = createEtWorkbookPort()): Promise<RunReport> {
  running ??= refresh(port, { displayLanguage: 'zh-CN' })
    .then(async (report) => {
      const line = statusLine(report);
      let isReported = false;
      try {
        if (report.error?.code !== 'refresh_in_progress') isReported = await port.writeStatus(line);
      } catch {
        // The status line could not be written: the alert below is the only place left to report in.
      }
      if (!isReported) show(line);
      return report;
    })
    .finally(() => {
      running = null;
    });
  return running;
}

/** `customUI onLoad`: WPS passes the ribbon; nothing to keep. */
export function OnAddinLoad(_ribbonUI: unknown): boolean {
  return true;
}

/** `button onAction`: starts the refresh, or shows the task pane, and returns at once. */
export function OnAction(control: RibbonControl): boolean {
  if (control.Id === REFRESH_BUTTON_ID) void startRefresh();
  if (control.Id === PANE_BUTTON_ID) {
    const href = (globalThis as { location?: { href: string } }).location?.href ?? '';
    if (!toggleTaskPane(findTaskPaneFactory(), paneUrl(href))) globalThis.alert?.(NO_TASK_PANE);
  }
  return true;
}

Object.assign(globalThis, { OnAddinLoad, OnAction });
