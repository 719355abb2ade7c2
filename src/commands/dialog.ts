/**
 * The outcome dialog of the ribbon command (opened with `Office.context.ui.displayDialogAsync`):
 * shows the title and lines carried in its URL query and asks the command to close it. The query
 * is untrusted, so everything is set with `textContent`, never parsed as HTML.
 */
import { parseOutcomeQuery, type OutcomeMessage } from './outcomeMessage';

const CLOSE_LABEL = { 'zh-CN': '关闭', 'en-US': 'Close' } as const;

/**
 * Renders `message` into the page's `#outcome` element (heading, one paragraph per line, a Close
 * button that calls `onClose`) and sets the page's language. Text only.
 */
export function renderOutcome(doc: Document, message: OutcomeMessage, onClose: () => void): void {
  doc.documentElement.lang = message.lang;
  doc.title = message.title;
  const root = doc.getElementById('outcome') ?? doc.body;
  root.replaceChildren();
  const heading = doc.createElement('h1');
  heading.textContent = message.title;
  root.append(heading);
  for (const line of message.lines) {
    const p = doc.createElement('p');
    p.textContent = line;
    root.append(p);
  }
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = CLOSE_LABEL[message.lang];
  button.addEventListener('click', onClose);
  root.append(button);
  root.setAttribute('role', message.ok ? 'status' : 'alert');
  button.focus();
}

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    renderOutcome(document, parseOutcomeQuery(window.location.search), () => Office.context.ui.messageParent('close'));
  });
}
