/** @jest-environment jsdom */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Linter } from 'eslint';

const SOURCE = readFileSync(join(__dirname, '..', '..', 'src', 'taskpane', 'legacyWebview.js'), 'utf8');
const TRIDENT = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
const EDGE_LEGACY = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045';
const WEBVIEW2 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

type LegacyWindow = Window & { ledgerStatsLegacyWebview?: boolean; Office?: unknown; refreshSummaries?: (event: unknown) => void };

/** Run the script as a page would, with `userAgent` and an Office stub that records associations. */
function runScript(userAgent: string): { associated: Map<string, (event: unknown) => void> } {
  const win = window as LegacyWindow;
  delete win.ledgerStatsLegacyWebview;
  delete win.refreshSummaries;
  document.body.innerHTML = '<div id="root"><p>正在加载台账统计… Loading…</p></div>';
  Object.defineProperty(window.navigator, 'userAgent', { value: userAgent, configurable: true });
  const associated = new Map<string, (event: unknown) => void>();
  win.Office = {
    onReady: (callback: () => void) => callback(),
    actions: { associate: (name: string, handler: (event: unknown) => void) => associated.set(name, handler) },
  };
  // The script is a classic script: run it in the page's global scope.
  new Function(SOURCE)();
  return { associated };
}

describe('legacy-webview.js', () => {
  it('is ES5 that Internet Explorer 11 can parse', () => {
    const messages = new Linter().verify(SOURCE, { languageOptions: { ecmaVersion: 5, sourceType: 'script' } });
    expect(messages.filter((m) => m.fatal === true)).toEqual([]);
  });

  it.each([
    ['Internet Explorer 11 (Trident)', TRIDENT],
    ['Edge Legacy (EdgeHTML)', EDGE_LEGACY],
  ])('shows the bilingual notice instead of the pane in %s', (_name, userAgent) => {
    runScript(userAgent);
    const root = document.getElementById('root');
    expect(root?.getAttribute('data-testid')).toBe('legacy-webview');
    expect(root?.textContent).toContain('Microsoft 365');
    expect(root?.textContent).toContain('台账统计需要较新的 Excel');
    expect(root?.textContent).toContain('ledger-stats needs a newer Excel');
    expect(root?.textContent).not.toContain('Loading');
    expect((window as LegacyWindow).ledgerStatsLegacyWebview).toBe(true);
  });

  it('completes the ribbon command event at once where there is no dialog, so that clicks do not queue up', () => {
    const { associated } = runScript(TRIDENT);
    const completed = jest.fn();
    associated.get('refreshSummaries')?.({ completed });
    (window as LegacyWindow).refreshSummaries?.({ completed });
    expect(completed).toHaveBeenCalledTimes(2);
  });

  it('shows the notice in a dialog on a ribbon click, and completes the event when the dialog closes', () => {
    const { associated } = runScript(TRIDENT);
    const opened: string[] = [];
    let onDialogEvent: (() => void) | null = null;
    const office = (window as LegacyWindow).Office as Record<string, unknown>;
    Object.assign(office, {
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      EventType: { DialogEventReceived: 'dialogEventReceived' },
      context: {
        requirements: { isSetSupported: (name: string, version: string) => name === 'DialogApi' && version === '1.1' },
        ui: {
          displayDialogAsync: (url: string, _options: unknown, callback: (result: unknown) => void) => {
            opened.push(url);
            callback({
              status: opened.length === 1 ? 'succeeded' : 'failed',
              value: { addEventHandler: (_type: string, handler: () => void) => (onDialogEvent = handler) },
            });
          },
        },
      },
    });
    window.history.replaceState(null, '', '/commands.html?_host_Info=Excel$Win32$16.01$zh-CN');
    const first = jest.fn();
    associated.get('refreshSummaries')?.({ completed: first });
    expect(opened).toEqual([`${window.location.origin}/legacy-notice.html`]);
    expect(first).not.toHaveBeenCalled();
    (onDialogEvent as (() => void) | null)?.();
    expect(first).toHaveBeenCalledTimes(1);
    // A dialog that cannot open (e.g. one is open already) answers the click at once.
    const second = jest.fn();
    associated.get('refreshSummaries')?.({ completed: second });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('does nothing in WebView2 and other current browsers', () => {
    const { associated } = runScript(WEBVIEW2);
    expect(document.getElementById('root')?.textContent).toContain('Loading');
    expect((window as LegacyWindow).ledgerStatsLegacyWebview).toBeUndefined();
    expect(associated.size).toBe(0);
  });
});
