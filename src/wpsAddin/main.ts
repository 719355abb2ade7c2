import { refresh, type RunReport } from '../workflows/refresh';
import { createEtWorkbookPort } from '../wps/etWorkbookPort';
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

/** The one line shown after a refresh, in Chinese (the ribbon has no pane to report in). */
export function resultLine(report: RunReport): string {
  if (!report.ok) return `刷新失败：${report.error?.message['zh-CN'] ?? '未知错误'}`;
  const notes = report.notes.map((n) => n.message['zh-CN']);
  return [`已刷新汇总表「${report.sheets.summary ?? ''}」。`, ...notes].join('\n');
}

/** Start a refresh unless one is running; the result is shown with `alert` when it ends. */
export function startRefresh(show: (text: string) => void = (text) => globalThis.alert?.(text)): Promise<RunReport> {
  running ??= refresh(createEtWorkbookPort(), { displayLanguage: 'zh-CN' })
    .then((report) => {
      show(resultLine(report));
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
