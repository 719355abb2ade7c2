/**
 * Task-pane bundle size: the gzip (zlib, level 9) size of the production `dist/taskpane.js`, in KB.
 * Goal: below 350 KB. Builds the add-in first when `dist/taskpane.js` is missing.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'taskpane.js');

/** Returns `{ taskpane_js_gzip_kb }`. */
export async function run(): Promise<Record<string, number>> {
  if (!existsSync(BUNDLE)) {
    execFileSync('npx', ['webpack', '--mode', 'production'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const gzipped = gzipSync(readFileSync(BUNDLE), { level: 9 });
  return { taskpane_js_gzip_kb: Math.round((gzipped.length / 1024) * 10) / 10 };
}
