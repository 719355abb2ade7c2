// Composition root of the WPS task pane (dist-wps/taskpane.js, opened by the ribbon's 台账统计 button through
// CreateTaskPane): the light pane of src/legacyPane over the ET port. WPS gives a task pane's page the same
// `window.Application` as the add-in's hidden page (Kingsoft's et_vue template reads window.Application in its
// task pane); without it the page says so instead of failing on the first click.
import { createWpsPaneHost } from './createWpsPaneHost';
import { renderLightPane } from '../legacyPane/renderLightPane';

/** Let the page paint between refresh stages (the progress line), as the light pane does in Office. */
const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

// Tells taskpane.html that this bundle ran (else it shows that the webview is too old for it).
(window as { ledgerStatsPaneStarted?: boolean }).ledgerStatsPaneStarted = true;

function start(): void {
  const root = document.getElementById('root');
  if (root === null) return;
  if ((window as { Application?: unknown }).Application === undefined) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.appendChild(document.createTextNode('此页面需要在 WPS 表格的任务窗格中打开（找不到 WPS 的 Application 对象）。'));
    root.appendChild(p);
    return;
  }
  // 合并区县台账's .xlsx reader decodes with TextDecoder: the merge is offered only where the webview has it. taskpane.js
  // is one file (esbuild without splitting keeps the imported module in it and runs it on the first merge, so a
  // webview without TextDecoder still loads the pane).
  const loadMerge = typeof TextDecoder === 'undefined' ? undefined : () => import('../taskpane/mergeFiles');
  void renderLightPane(document, root, createWpsPaneHost({ yieldToUi, ...(loadMerge === undefined ? {} : { loadMerge }) }));
}

start();
