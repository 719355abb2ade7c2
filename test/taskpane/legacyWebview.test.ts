/** @jest-environment jsdom */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Linter } from 'eslint';

const SOURCE = readFileSync(join(__dirname, '..', '..', 'src', 'taskpane', 'legacyWebview.js'), 'utf8');
const TRIDENT = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
const EDGE_LEGACY = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045';
const WEBVIEW2 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

// A Mac's WKWebView: no Safari version in its user agent.
const MAC_WEBVIEW = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

type LegacyWindow = Window & {
  ledgerStatsLegacyWebview?: boolean;
  ledgerStatsStarted?: boolean;
  Office?: unknown;
  refreshSummaries?: (event: unknown) => void;
};

/**
 * Run the script as a page would, with `userAgent`, the page's `bundle` script tag (none for
 * legacy-notice.html) and an Office stub that records associations. `fireLoad` plays the window's
 * load event for this run only (listeners of earlier runs are not kept on the window).
 */
function runScript(userAgent: string, bundle: string | null = 'taskpane.js'): { associated: Map<string, (event: unknown) => void>; fireLoad: () => void } {
  const win = window as LegacyWindow;
  delete win.ledgerStatsLegacyWebview;
  delete win.ledgerStatsStarted;
  delete win.refreshSummaries;
  document.head.innerHTML = `<script src="office.js"></script><script src="legacy-webview.js"></script>${bundle === null ? '' : `<script defer src="${bundle}"></script>`}`;
  document.body.innerHTML = '<div id="root"><p>正在加载台账统计… Loading…</p></div>';
  Object.defineProperty(window.navigator, 'userAgent', { value: userAgent, configurable: true });
  const associated = new Map<string, (event: unknown) => void>();
  win.Office = {
    onReady: (callback: () => void) => callback(),
    actions: { associate: (name: string, handler: (event: unknown) => void) => associated.set(name, handler) },
  };
  const onLoad: (() => void)[] = [];
  const addEventListener = jest.spyOn(window, 'addEventListener').mockImplementation((type: string, listener: unknown) => {
    if (type === 'load') onLoad.push(listener as () => void);
  });
  // The script is a classic script: run it in the page's global scope.
  new Function(SOURCE)();
  addEventListener.mockRestore();
  return { associated, fireLoad: () => onLoad.forEach((listener) => listener()) };
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

  it('does nothing in WebView2 and other current browsers, where the bundle starts', () => {
    const { associated, fireLoad } = runScript(WEBVIEW2);
    (window as LegacyWindow).ledgerStatsStarted = true; // what the bundle does first
    fireLoad();
    expect(document.getElementById('root')?.textContent).toContain('Loading');
    expect((window as LegacyWindow).ledgerStatsLegacyWebview).toBeUndefined();
    expect(associated.size).toBe(0);
  });
});

describe('legacy-webview.js on a webview too old for the bundle (Safari before 16.4)', () => {
  it('replaces "Loading…" with the bilingual notice at the load event when the pane bundle did not start', () => {
    const { fireLoad } = runScript(MAC_WEBVIEW);
    expect(document.getElementById('root')?.textContent).toContain('Loading'); // the bundle still may start
    fireLoad();
    const root = document.getElementById('root');
    expect([root?.getAttribute('data-testid'), root?.getAttribute('role')]).toEqual(['old-webview', 'alert']);
    expect(root?.textContent).toContain('需要 Safari 16.4 或更高版本');
    expect(root?.textContent).toContain('must be 16.4 or later');
    expect(root?.textContent).not.toContain('Loading');
    expect((window as LegacyWindow).ledgerStatsLegacyWebview).toBe(true);
  });

  it('answers ribbon clicks with the old-webview notice when the commands bundle did not start', () => {
    const { associated, fireLoad } = runScript(MAC_WEBVIEW, 'commands.js');
    const opened: string[] = [];
    Object.assign((window as LegacyWindow).Office as Record<string, unknown>, {
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      EventType: { DialogEventReceived: 'dialogEventReceived' },
      context: {
        requirements: { isSetSupported: () => true },
        ui: { displayDialogAsync: (url: string, _options: unknown, callback: (result: unknown) => void) => (opened.push(url), callback({ status: 'failed' })) },
      },
    });
    window.history.replaceState(null, '', '/commands.html?_host_Info=Excel$Mac$16.01$zh-CN');
    expect(associated.size).toBe(0);
    fireLoad();
    const completed = jest.fn();
    associated.get('refreshSummaries')?.({ completed });
    expect(opened).toEqual([`${window.location.origin}/legacy-notice.html?notice=old`]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it('shows the old-webview notice on legacy-notice.html?notice=old, which has no bundle', () => {
    window.history.replaceState(null, '', '/legacy-notice.html?notice=old');
    runScript(MAC_WEBVIEW, null);
    expect(document.getElementById('root')?.getAttribute('data-testid')).toBe('old-webview');
    window.history.replaceState(null, '', '/legacy-notice.html');
    const { fireLoad } = runScript(MAC_WEBVIEW, null);
    fireLoad();
    expect(document.getElementById('root')?.textContent).toContain('Loading');
  });
});
