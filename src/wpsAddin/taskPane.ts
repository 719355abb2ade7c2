/**
 * The add-in's task pane in WPS 表格 (issue 20). WPS opens a web page as a task pane with `CreateTaskPane(url)`,
 * which returns the pane synchronously; the pane has an `ID` and a read/write `Visible`. Checked against Kingsoft's
 * own templates, not a reference page: wpsjs@2.2.2 packages/@wps-jsapi/et/js/ribbon.js calls
 * `wps.CreateTaskPane(GetUrlPath() + "/ui/taskpane.html")`, keeps `tskpane.ID` and toggles `tskpane.Visible`; its
 * Vue template (et_vue/src/components/js/taskpane.js) reaches the same API as `window.Application` (`GetTaskPane`,
 * `PluginStorage`). So both globals are tried here, `Application` first, each feature-tested.
 * Untested in a real WPS (see wps/README.md).
 */

/** The pane `CreateTaskPane` returns (the members used). */
export interface WpsTaskPane {
  Visible: boolean;
}

/** An object with `CreateTaskPane`: WPS's `Application` or its `wps` global. */
export interface TaskPaneFactory {
  CreateTaskPane(url: string): WpsTaskPane;
}

/** The page the pane shows, next to index.html in dist-wps/. */
export const TASK_PANE_PAGE = 'taskpane.html';

/**
 * The pane page's URL beside the add-in's page at `pageHref` (as the templates' GetUrlPath: the page's folder).
 * @example paneUrl('file:///C:/Users/u/AppData/Roaming/kingsoft/wps/jsaddons/ledgerstats_0.1.0/index.html?x=1')
 * // 'file:///C:/Users/u/AppData/Roaming/kingsoft/wps/jsaddons/ledgerstats_0.1.0/taskpane.html'
 */
export function paneUrl(pageHref: string): string {
  const path = pageHref.split(/[?#]/)[0] ?? '';
  return `${path.slice(0, path.lastIndexOf('/') + 1)}${TASK_PANE_PAGE}`;
}

/** `Application` or `wps`, whichever has `CreateTaskPane`; `null` on a host without task panes. */
export function findTaskPaneFactory(scope: Record<string, unknown> = globalThis as Record<string, unknown>): TaskPaneFactory | null {
  for (const name of ['Application', 'wps']) {
    const candidate = scope[name] as Partial<TaskPaneFactory> | undefined;
    if (candidate !== undefined && candidate !== null && typeof candidate.CreateTaskPane === 'function') return candidate as TaskPaneFactory;
  }
  return null;
}

let pane: WpsTaskPane | null = null;

/**
 * Show the task pane, creating it on the first call; a later call toggles it, as the templates' task pane button
 * does. Synchronous, like every ribbon callback. Returns `false` when the host has no `CreateTaskPane`.
 */
export function toggleTaskPane(factory: TaskPaneFactory | null, url: string): boolean {
  if (factory === null) return false;
  if (pane === null) {
    pane = factory.CreateTaskPane(url);
    pane.Visible = true;
  } else {
    pane.Visible = !pane.Visible;
  }
  return true;
}

/** Forget the pane (tests). */
export function resetTaskPane(): void {
  pane = null;
}
