import type { EtApplication } from '../wps/etTypes';
import { createEtWorkbookPort } from '../wps/etWorkbookPort';
import { createPaneHost, type PaneHostOptions } from '../taskpane/createPaneHost';
import type { LightPaneHost } from '../legacyPane/renderLightPane';

/** Options of `createWpsPaneHost`. */
export interface WpsPaneHostOptions {
  /** ET's `Application` (default: the page's global `Application`, read at each call by the port). */
  readonly application?: EtApplication;
  /** The language the pane starts in (WPS has no `Office.context.displayLanguage`; default zh-CN). */
  readonly displayLanguage?: string;
  /** Let the page paint between refresh stages. */
  readonly yieldToUi?: () => Promise<void>;
  /** Loads 合并区县台账's reader (`PaneHostOptions.loadMerge`); without it the pane offers no merge. */
  readonly loadMerge?: PaneHostOptions['loadMerge'];
}

/**
 * The light pane's host in WPS 表格: the task pane's `createPaneHost` over the ET port instead of the Office.js one,
 * so the pane runs the same refresh workflow, settings, issue list and, given `loadMerge`, 合并区县台账 (the ET port
 * writes the merged sheet with `writeGridSheet`). ET has no edit events here: `createPaneHost` is given none. Cell selection is the port's `selectCell` when it
 * has one (a no-op until then).
 */
export function createWpsPaneHost(options: WpsPaneHostOptions = {}): LightPaneHost {
  const port = createEtWorkbookPort(options.application === undefined ? {} : { application: options.application });
  return createPaneHost({
    port,
    displayLanguage: options.displayLanguage ?? 'zh-CN',
    ...(options.yieldToUi === undefined ? {} : { yieldToUi: options.yieldToUi }),
    ...(options.loadMerge === undefined ? {} : { loadMerge: options.loadMerge }),
  });
}
