import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * Regex lookbehind, `(?<=…)` or `(?<!…)`, is a syntax error in Safari before 16.4, the webview of
 * Excel for Mac on older macOS: one such literal stops the whole bundle from loading. The ribbon's
 * bundle is meant to load in Safari 14 and later (test/bundles/bundleSyntax.test.ts), so source must
 * do without it.
 */
const SRC = join(__dirname, '..', '..', 'src');

/**
 * The loader tests whether the engine has lookbehind: its pattern is a string handed to
 * `new RegExp` inside try/catch, so an engine without it throws there, caught, and parses the file.
 */
const FEATURE_TESTS = ['taskpane/legacyWebview.js'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js)$/.test(name) ? [path] : [];
  });
}

describe('portable regular expressions', () => {
  it('uses no lookbehind in any source file', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((path) => /\(\?<[=!]/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path))
      .filter((path) => !FEATURE_TESTS.includes(path));
    expect(offenders).toEqual([]);
  });
});
