/**
 * The syntax level of the production bundles, which decides the oldest webview that can load them.
 * Needs the production build (`npm test` builds before jest).
 * - commands.js (the ribbon's function file) and dialog.js stay within ES2020, so that the ribbon
 *   refresh loads in Safari 14 and later (Excel for Mac on older macOS) and in Chromium 80+.
 * - taskpane.js needs ES2022 (a class static block in tabster, a Fluent UI dependency): Safari 16.4,
 *   Chromium 94. WebView2 is evergreen; TESTING.md and the README say where the pane runs.
 * - legacy-webview.js (the loader), commands.es5.js, dialog.es5.js and lightpane.es5.js are ES5, for Internet
 *   Explorer 11 and Edge Legacy (Office 2016/2019 on Windows); test/bundles/es5Bundles.test.ts runs them.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { parse } from 'acorn';

/** The bundles for old webviews, and the gzip size each must stay under (issue 19: 250 KB). */
const ES5_BUNDLES = ['commands.es5.js', 'lightpane.es5.js', 'dialog.es5.js'];
const ES5_GZIP_LIMIT_BYTES = 250 * 1024;

const DIST = join(__dirname, '..', '..', 'dist');

/** The Fluent pane's bundle goal (issue 18: the pane may grow for 合并区县台账, but stays under 350 KB gzip). */
const PANE_GZIP_GOAL_BYTES = 350 * 1024;

/** The pane's chunks webpack splits off for a dynamic `import()`: merge.js (src/taskpane/mergeFiles.ts) and those named by a number. */
function lazyChunks(): string[] {
  return readdirSync(DIST).filter((file) => /^(?:merge|[0-9]+)\.js$/.test(file));
}

/** Parse errors of `file` read as a classic script of ECMAScript `version` (acorn, the parser under webpack and ESLint). */
function parseErrors(file: string, version: 5 | 2020 | 2022): string[] {
  const source = readFileSync(join(DIST, file), 'utf8');
  try {
    parse(source, { ecmaVersion: version, sourceType: 'script' });
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
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

  it.each(['legacy-webview.js', ...ES5_BUNDLES])('%s parses as ES5', (file) => {
    expect(parseErrors(file, 5)).toEqual([]);
  });

  it.each(ES5_BUNDLES)('%s stays under 250 KB gzip', (file) => {
    expect(gzipSync(readFileSync(join(DIST, file))).length).toBeLessThan(ES5_GZIP_LIMIT_BYTES);
  });

  it('lightpane.es5.js holds no React', () => {
    // React DOM marks the nodes it renders with this property prefix (the Fluent pane's bundle has it).
    expect(readFileSync(join(DIST, 'lightpane.es5.js'), 'utf8')).not.toContain('__reactFiber');
    expect(readFileSync(join(DIST, 'taskpane.js'), 'utf8')).toContain('__reactFiber');
  });

  it("taskpane.js stays under 350 KB gzip; 合并区县台账's .xlsx reader is in lazily loaded chunks that parse as ES2022", () => {
    expect(gzipSync(readFileSync(join(DIST, 'taskpane.js'))).length).toBeLessThan(PANE_GZIP_GOAL_BYTES);
    const chunks = lazyChunks();
    expect(chunks).toContain('merge.js');
    for (const file of chunks) expect({ file, errors: parseErrors(file, 2022) }).toEqual({ file, errors: [] });
    // The reader's part table entry: in a lazy chunk, not in the pane's bundle.
    expect(readFileSync(join(DIST, 'taskpane.js'), 'utf8')).not.toContain('sharedStrings');
    expect(chunks.some((file) => readFileSync(join(DIST, file), 'utf8').includes('sharedStrings'))).toBe(true);
  });

  it('no bundle holds a regex lookbehind, which Safari before 16.4 rejects', () => {
    for (const file of ['commands.js', 'dialog.js', 'taskpane.js', ...lazyChunks(), ...ES5_BUNDLES]) {
      expect({ file, lookbehind: /\(\?<[=!]/.test(readFileSync(join(DIST, file), 'utf8')) }).toEqual({ file, lookbehind: false });
    }
  });
});
