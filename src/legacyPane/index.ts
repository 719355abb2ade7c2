// Composition root of the light pane (lightpane.es5.js): waits for Office, builds the same host
// as the Fluent pane over the Office.js port, and renders the plain-DOM pane into #root.
// legacy-webview.js loads this bundle where the Fluent pane cannot run (its feature test fails).
import { createOfficeWorkbookPort } from '../excel/officeWorkbookPort';
import { createPaneHost } from '../taskpane/createPaneHost';
import { LABELS } from '../taskpane/labels';
import { resolveLang } from '../workflows/resolveLang';
import { renderLightPane } from './renderLightPane';

// Tells legacy-webview.js that this bundle parsed and started (else it shows its notice at the load event).
(window as { ledgerStatsStarted?: boolean }).ledgerStatsStarted = true;

/**
 * How long to wait for `Office.onReady` before telling the user, as the Fluent pane does. Where a
 * firewall blocks Office's services, onReady never resolves
 * (https://learn.microsoft.com/office/dev/add-ins/develop/connect-to-javascript-frameworks).
 */
const READY_TIMEOUT_MS = 10_000;

/** Let the browser paint between refresh stages (the progress line), as in the Fluent pane. */
const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Shows the "cannot reach Excel" message in #root. */
function showOfficeUnavailable(): void {
  const root = document.getElementById('root');
  if (root === null) return;
  while (root.firstChild) root.removeChild(root.firstChild);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.style.cssText = 'font-family: sans-serif; font-size: 14px; margin: 16px;';
  p.appendChild(document.createTextNode(LABELS[resolveLang(null, navigator.language)].officeTimeout));
  root.appendChild(p);
}

function start(): void {
  const root = document.getElementById('root');
  if (root === null) return;
  const port = createOfficeWorkbookPort();
  const host = createPaneHost({
    port,
    displayLanguage: Office.context?.displayLanguage,
    yieldToUi,
    // 合并区县台账's .xlsx reader decodes with TextDecoder, which Internet Explorer 11 and Edge Legacy lack (core-js has no
    // such polyfill): the merge is offered only where it exists. "eager" keeps the reader in this bundle (the "es5"
    // configuration writes into the Fluent pane's folder, where a chunk of its own could take a name its chunks use)
    // but runs its modules only on the first merge: the reader makes a TextDecoder when its module runs.
    ...(typeof TextDecoder === 'undefined' ? {} : { loadMerge: () => import(/* webpackMode: "eager" */ '../taskpane/mergeFiles') }),
  });
  void renderLightPane(document, root, host);
}

if ((window as { ledgerStatsLegacyWebview?: boolean }).ledgerStatsLegacyWebview === true) {
  // legacy-webview.js has shown its notice already: nothing to start.
} else if (typeof Office === 'undefined') {
  showOfficeUnavailable();
} else {
  let isReady = false;
  const timer = setTimeout(() => {
    if (!isReady) showOfficeUnavailable();
  }, READY_TIMEOUT_MS);
  void Office.onReady(() => {
    isReady = true;
    clearTimeout(timer);
    start();
  });
}
