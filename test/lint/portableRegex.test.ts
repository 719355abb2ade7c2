import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * Regex lookbehind, `(?<=…)` or `(?<!…)`, is a syntax error in Safari before 16.4, the webview of
 * Excel for Mac on older macOS: one such literal stops the whole bundle from loading. The ribbon's
 * bundle is meant to load in Safari 14 and later (test/bundles/bundleSyntax.test.ts), so source must
 * do without it.
 */
const SRC = join(__dirname, '..', '..', 'src');

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
    const offenders = files.filter((path) => /\(\?<[=!]/.test(readFileSync(path, 'utf8'))).map((path) => relative(SRC, path));
    expect(offenders).toEqual([]);
  });
});
