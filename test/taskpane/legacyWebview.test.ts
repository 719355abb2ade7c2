/** @jest-environment jsdom */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Linter } from 'eslint';

const SOURCE = readFileSync(join(__dirname, '..', '..', 'src', 'taskpane', 'legacyWebview.js'), 'utf8');

type LegacyWindow = Window & {
  ledgerStatsLegacyWebview?: boolean;
  ledgerStatsStarted?: boolean;
  ledgerStatsBundle?: string;
  Office?: unknown;
  refreshSummaries?: (event: unknown) => void;
};

/** The engine features the loader tests, as a webview has them or not. */
interface Engine {
  readonly promiseAny: boolean;
  readonly structuredClone: boolean;
  readonly lookbehind: boolean;
}

const CURRENT: Engine = { promiseAny: true, structuredClone: true, lookbehind: true };
/** Internet Explorer 11 and Edge Legacy (EdgeHTML 18): none of them. */
const IE11: Engine = { promiseAny: false, structuredClone: false, lookbehind: false };
/** Safari 15.4–16.3: Promise.any and structuredClone, no lookbehind (and no class static blocks). */
const SAFARI_15_4: Engine = { promiseAny: true, structuredClone: true, lookbehind: false };
/** Safari 14–15.3: Promise.any only. */
const SAFARI_14: Engine = { promiseAny: true, structuredClone: false, lookbehind: false };

/** The loader's tag on each page, as the templates write it. */
const PAGES = {
  taskpane: '<script src="legacy-webview.js" data-bundle="taskpane.js" data-es5-bundle="lightpane.es5.js" data-needs="es2022"></script>',
  commands: '<script src="legacy-webview.js" data-bundle="commands.js" data-es5-bundle="commands.es5.js" data-needs="es2020"></script>',
  notice: '<script src="legacy-webview.js"></script>',
} as const;

/**
 * Run the script as a page would, on an engine with (or without) the features the loader tests,
 * with the page's tag of the script and an Office stub that records associations. `fireLoad` plays
 * the window's load event for this run only (listeners of earlier runs are not kept on the window).
 */
function runScript(
  engine: Engine,
  page: keyof typeof PAGES = 'taskpane',
): { associated: Map<string, (event: unknown) => void>; fireLoad: () => void; loaded: () => (string | null)[] } {
  const win = window as LegacyWindow;
  delete win.ledgerStatsLegacyWebview;
  delete win.ledgerStatsStarted;
  delete win.ledgerStatsBundle;
  delete win.refreshSummaries;
  document.head.innerHTML = `<script src="office.js"></script>${PAGES[page]}`;
  const scriptsBefore = document.head.getElementsByTagName('script').length;
  document.body.innerHTML = '<div id="root"><p>正在加载台账统计… Loading…</p></div>';
  const associated = new Map<string, (event: unknown) => void>();
  win.Office = {
    onReady: (callback: () => void) => callback(),
    actions: { associate: (name: string, handler: (event: unknown) => void) => associated.set(name, handler) },
  };
  const onLoad: (() => void)[] = [];
  const addEventListener = jest.spyOn(window, 'addEventListener').mockImplementation((type: string, listener: unknown) => {
    if (type === 'load') onLoad.push(listener as () => void);
  });
  const promiseAny = Object.getOwnPropertyDescriptor(Promise, 'any');
  const nativeRegExp = window.RegExp;
  if (!engine.promiseAny) delete (Promise as { any?: unknown }).any;
  const globals = window as unknown as Record<string, unknown>;
  globals.structuredClone = engine.structuredClone ? () => undefined : undefined;
  if (!engine.lookbehind) {
    // An engine without lookbehind throws a SyntaxError on the pattern.
    window.RegExp = function (pattern: string) {
      if (pattern.indexOf('(?<') !== -1) throw new SyntaxError('Invalid regular expression: invalid group specifier name');
      return new nativeRegExp(pattern);
    } as unknown as RegExpConstructor;
  }
  try {
    // The script is a classic script: run it in the page's global scope.
    new Function(SOURCE)();
  } finally {
    addEventListener.mockRestore();
    if (promiseAny !== undefined) Object.defineProperty(Promise, 'any', promiseAny);
    window.RegExp = nativeRegExp;
    Reflect.deleteProperty(globals, 'structuredClone');
  }
  const loaded = (): (string | null)[] =>
    Array.from(document.head.getElementsByTagName('script'))
      .slice(scriptsBefore)
      .map((script) => script.getAttribute('src'));
  return { associated, fireLoad: () => onLoad.forEach((listener) => listener()), loaded };
}

describe('legacy-webview.js', () => {
  it('is ES5 that Internet Explorer 11 can parse', () => {
    const messages = new Linter().verify(SOURCE, { languageOptions: { ecmaVersion: 5, sourceType: 'script' } });
    expect(messages.filter((m) => m.fatal === true)).toEqual([]);
  });

  it.each([
    ['a current webview (WebView2, Safari 16.4+)', 'taskpane', 'taskpane.js', CURRENT],
    ['Internet Explorer 11 and Edge Legacy', 'taskpane', 'lightpane.es5.js', IE11],
    ['Safari 15.4–16.3 (no class static blocks)', 'taskpane', 'lightpane.es5.js', SAFARI_15_4],
    ['Safari 14–15.3', 'taskpane', 'lightpane.es5.js', SAFARI_14],
    ['a current webview (WebView2, Safari 16.4+)', 'commands', 'commands.js', CURRENT],
    ['Safari 14–15.3', 'commands', 'commands.js', SAFARI_14],
    ['Internet Explorer 11 and Edge Legacy', 'commands', 'commands.es5.js', IE11],
  ] as const)('on %s, the %s page loads %s', (_name, page, bundle, engine) => {
    const { loaded } = runScript(engine, page);
    expect(loaded()).toEqual([bundle]);
    expect((window as LegacyWindow).ledgerStatsBundle).toBe(bundle);
    const script = document.head.getElementsByTagName('script')[2] as HTMLScriptElement;
    expect(script.async).toBe(false); // runs in order, like the deferred tag it replaces
  });

  it('leaves the page alone when the bundle starts', () => {
    const { associated, fireLoad } = runScript(IE11);
    (window as LegacyWindow).ledgerStatsStarted = true; // what the bundle does first
    fireLoad();
    expect(document.getElementById('root')?.textContent).toContain('Loading');
    expect((window as LegacyWindow).ledgerStatsLegacyWebview).toBeUndefined();
    expect(associated.size).toBe(0);
  });

  it('loads nothing on a page without bundles (legacy-notice.html)', () => {
    window.history.replaceState(null, '', '/legacy-notice.html');
    const { loaded, fireLoad } = runScript(IE11, 'notice');
    fireLoad();
    expect(loaded()).toEqual([]);
    expect(document.getElementById('root')?.textContent).toContain('Loading');
  });
});

describe('legacy-webview.js where no bundle starts', () => {
  it('replaces "Loading…" with the bilingual notice at the load event when the pane bundle did not start', () => {
    const { fireLoad } = runScript(CURRENT);
    expect(document.getElementById('root')?.textContent).toContain('Loading'); // the bundle still may start
    fireLoad();
    const root = document.getElementById('root');
    expect([root?.getAttribute('data-testid'), root?.getAttribute('role')]).toEqual(['old-webview', 'alert']);
    expect(root?.textContent).toContain('台账统计未能在此窗口中启动');
    expect(root?.textContent).toContain('ledger-stats could not start in this window');
    expect(root?.textContent).not.toContain('Loading');
    expect((window as LegacyWindow).ledgerStatsLegacyWebview).toBe(true);
  });

  it('answers ribbon clicks with the notice in a dialog, and completes the event when the dialog closes', () => {
    const { associated, fireLoad } = runScript(IE11, 'commands');
    const opened: string[] = [];
    let onDialogEvent: (() => void) | null = null;
    Object.assign((window as LegacyWindow).Office as Record<string, unknown>, {
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
    expect(associated.size).toBe(0);
    fireLoad();
    const first = jest.fn();
    associated.get('refreshSummaries')?.({ completed: first });
    expect(opened).toEqual([`${window.location.origin}/legacy-notice.html?notice=old`]);
    expect(first).not.toHaveBeenCalled();
    (onDialogEvent as (() => void) | null)?.();
    expect(first).toHaveBeenCalledTimes(1);
    // A dialog that cannot open (e.g. one is open already) answers the click at once.
    const second = jest.fn();
    associated.get('refreshSummaries')?.({ completed: second });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('completes the ribbon command event at once where there is no dialog, so that clicks do not queue up', () => {
    const { associated, fireLoad } = runScript(CURRENT, 'commands');
    fireLoad();
    const completed = jest.fn();
    associated.get('refreshSummaries')?.({ completed });
    (window as LegacyWindow).refreshSummaries?.({ completed });
    expect(completed).toHaveBeenCalledTimes(2);
  });

  it('shows the notice on legacy-notice.html?notice=old, which has no bundle', () => {
    window.history.replaceState(null, '', '/legacy-notice.html?notice=old');
    runScript(CURRENT, 'notice');
    expect(document.getElementById('root')?.getAttribute('data-testid')).toBe('old-webview');
  });
});
