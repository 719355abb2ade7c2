// Build the WPS 表格 add-in into dist-wps/ (issue 20): main.js (src/wpsAddin/main.ts bundled, one script with
// global callbacks), ribbon.xml and index.html from wps/. Run: node scripts/buildWps.mjs
// Untested in a real WPS; see wps/README.md for deploying dist-wps/ (jsplugins.xml / publish.xml).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
/* global console */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-wps');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src/wpsAddin/main.ts')],
  bundle: true,
  format: 'iife',
  target: 'es2017',
  outfile: join(out, 'main.js'),
  logLevel: 'warning',
});
for (const file of ['ribbon.xml', 'index.html']) copyFileSync(join(root, 'wps', file), join(out, file));
console.log(`dist-wps/ written: main.js, ribbon.xml, index.html`);
