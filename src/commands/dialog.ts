/**
 * The outcome dialog of the ribbon command (opened with `Office.context.ui.displayDialogAsync`):
 * shows the title and lines carried in its URL query and asks the command to close it. The query
 * is untrusted, so everything is set with `textContent`, never parsed as HTML. Also built as
 * dialog.es5.js for Internet Explorer 11: DOM calls that it has (`appendChild`, not `append`).
 */
import { parseOutcomeQuery, type OutcomeMessage } from './outcomeMessage';

// Tells legacy-webview.js that this bundle parsed and started.
if (typeof window !== 'undefined') (window as { ledgerStatsStarted?: boolean }).ledgerStatsStarted = true;

const CLOSE_LABEL = { 'zh-CN': '关闭', 'en-US': 'Close' } as const;

/**
 * Renders `message` into the page's `#outcome` element (heading, one paragraph per line, a Close
 * button that calls `onClose`) and sets the page's language. Text only.
 */
export function renderOutcome(doc: Document, message: OutcomeMessage, onClose: () => void): void {
  doc.documentElement.lang = message.lang;
  doc.title = message.title;
  const root = doc.getElementById('outcome') ?? doc.body;
  while (root.firstChild) root.removeChild(root.firstChild);
  const heading = doc.createElement('h1');
  heading.textContent = message.title;
  root.appendChild(heading);
  for (const line of message.lines) {
    const p = doc.createElement('p');
    p.textContent = line;
    root.appendChild(p);
  }
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = CLOSE_LABEL[message.lang];
  button.addEventListener('click', onClose);
  root.appendChild(button);
  root.setAttribute('role', message.ok ? 'status' : 'alert');
  button.focus();
}

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    renderOutcome(document, parseOutcomeQuery(window.location.search), () => Office.context.ui.messageParent('close'));
  });
}
