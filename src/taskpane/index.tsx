// Composition root of the task pane: waits for Office, builds the host over the Office.js port,
// and renders the React tree once inside FluentProvider. Components never touch Office or Excel.
import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from '@fluentui/react-components';
import { createRoot, type Root } from 'react-dom/client';
import { createOfficeWorkbookPort } from '../excel/officeWorkbookPort';
import { resolveLang } from '../workflows/resolveLang';
import { App } from './App';
import { createPaneHost } from './createPaneHost';
import { LABELS } from './labels';

// Tells legacy-webview.js, which runs before this bundle, that the bundle parsed and started; where
// it did not (a webview too old for its syntax), that script shows a notice at the load event.
(window as { ledgerStatsStarted?: boolean }).ledgerStatsStarted = true;

/**
 * How long to wait for `Office.onReady` before telling the user. Where a firewall blocks
 * Office's services, onReady never resolves
 * (https://learn.microsoft.com/office/dev/add-ins/develop/connect-to-javascript-frameworks).
 */
const READY_TIMEOUT_MS = 10_000;

/** Let the browser paint between refresh stages, so a 50,000-row refresh keeps the pane responsive. */
const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let root: Root | null = null;

/** Render into the one React root, creating it on first use. */
function show(node: React.ReactNode): void {
  const container = document.getElementById('root');
  if (container === null) return;
  root ??= createRoot(container);
  root.render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
}

/** Shown when Office does not answer in time (or office.js did not load at all). */
function OfficeUnavailable(): React.JSX.Element {
  const lang = resolveLang(null, navigator.language);
  return (
    <main style={{ padding: 16 }}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{LABELS[lang].officeTimeout}</MessageBarBody>
      </MessageBar>
    </main>
  );
}

function start(): void {
  const port = createOfficeWorkbookPort();
  const host = createPaneHost({
    port,
    displayLanguage: Office.context?.displayLanguage,
    // Worksheet.onChanged (ExcelApi 1.7); where the host lacks it the pane says so and works on.
    watchEdits: (onEdit) => port.watchEdits(onEdit),
    yieldToUi,
    // 合并区县台账's reader (src/xlsx/browser, fflate) is a chunk of its own, fetched when the user first merges.
    loadMerge: () => import(/* webpackChunkName: "merge" */ './mergeFiles'),
  });
  show(<App host={host} />);
}

if ((window as { ledgerStatsLegacyWebview?: boolean }).ledgerStatsLegacyWebview === true) {
  // This bundle started late, after legacy-webview.js gave up on it at the load event and showed its notice: nothing to start.
} else if (typeof Office === 'undefined') {
  show(<OfficeUnavailable />);
} else {
  let isReady = false;
  const timer = setTimeout(() => {
    if (!isReady) show(<OfficeUnavailable />);
  }, READY_TIMEOUT_MS);
  void Office.onReady(() => {
    isReady = true;
    clearTimeout(timer);
    start();
  });
}
