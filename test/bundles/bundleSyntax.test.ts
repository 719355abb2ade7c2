/**
 * The syntax level of the production bundles, which decides the oldest webview that can load them.
 * Needs the production build (`npm test` builds before jest).
 * - commands.js (the ribbon's function file) and dialog.js stay within ES2020, so that the ribbon
 *   refresh loads in Safari 14 and later (Excel for Mac on older macOS) and in Chromium 80+.
 * - taskpane.js needs ES2022 (a class static block in tabster, a Fluent UI dependency): Safari 16.4,
 *   Chromium 94. WebView2 is evergreen; TESTING.md and the README say where the pane runs.
 * - legacy-webview.js is ES5, for Internet Explorer 11.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Linter } from 'eslint';

const DIST = join(__dirname, '..', '..', 'dist');

/** Parse errors of `file` read as a classic script of ECMAScript `version`. */
function parseErrors(file: string, version: 5 | 2020 | 2022): string[] {
  const source = readFileSync(join(DIST, file), 'utf8');
  return new Linter()
    .verify(source, { languageOptions: { ecmaVersion: version, sourceType: 'script' } })
    .filter((message) => message.fatal === true)
    .map((message) => message.message);
}

beforeAll(() => {
  if (!existsSync(join(DIST, 'commands.js'))) throw new Error('dist/ is missing: build first with `npm run build` (npm test builds before jest).');
});

describe('bundle syntax', () => {
  it.each(['commands.js', 'dialog.js'])('%s parses as ES2020', (file) => {
    expect(parseErrors(file, 2020)).toEqual([]);
  });

  it('taskpane.js parses as ES2022', () => {
    expect(parseErrors('taskpane.js', 2022)).toEqual([]);
  });

  it('legacy-webview.js parses as ES5', () => {
    expect(parseErrors('legacy-webview.js', 5)).toEqual([]);
  });

  it('no bundle holds a regex lookbehind, which Safari before 16.4 rejects', () => {
    for (const file of ['commands.js', 'dialog.js', 'taskpane.js']) {
      expect({ file, lookbehind: /\(\?<[=!]/.test(readFileSync(join(DIST, file), 'utf8')) }).toEqual({ file, lookbehind: false });
    }
  });
});
