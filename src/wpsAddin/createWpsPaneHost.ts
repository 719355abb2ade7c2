import type { EtApplication } from '../wps/etTypes';
import { createEtWorkbookPort } from '../wps/etWorkbookPort';
import { createPaneHost } from '../taskpane/createPaneHost';
import type { LightPaneHost } from '../legacyPane/renderLightPane';

/** Options of `createWpsPaneHost`. */
export interface WpsPaneHostOptions {
  /** ET's `Application` (default: the page's global `Application`, read at each call by the port). */
  readonly application?: EtApplication;
  /** The language the pane starts in (WPS has no `Office.context.displayLanguage`; default zh-CN). */
  readonly displayLanguage?: string;
  /** Let the page paint between refresh stages. */
  readonly yieldToUi?: () => Promise<void>;
}

/**
 * The light pane's host in WPS 表格: the task pane's `createPaneHost` over the ET port instead of the Office.js one,
 * so the pane runs the same refresh workflow, settings and issue list. ET has no edit events here and no merge:
 * `createPaneHost` is given neither (the light pane uses neither). Cell selection is the port's `selectCell` when it
 * has one (a no-op until then).
 */
export function createWpsPaneHost(options: WpsPaneHostOptions = {}): LightPaneHost {
  const port = createEtWorkbookPort(options.application === undefined ? {} : { application: options.application });
  return createPaneHost({
    port,
    displayLanguage: options.displayLanguage ?? 'zh-CN',
    ...(options.yieldToUi === undefined ? {} : { yieldToUi: options.yieldToUi }),
  });
}
