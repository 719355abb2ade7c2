// Build the WPS 表格 add-in (issue 20). Run: node scripts/buildWps.mjs [--out <dir>] [--7z <command> | --no-7z]
// Writes into <dir> (default dist-wps/):
//   ledgerstats_<version>/   the add-in folder: main.js (src/wpsAddin/main.ts, one script with the ribbon's global
//                            callbacks), taskpane.js (src/wpsAddin/pane.ts, the light pane over the ET port),
//                            ribbon.xml, index.html and taskpane.html from wps/
//   publish.xml              one user: lists that folder (wps/publish.example.xml with the version of package.json)
//   jsplugins.xml            many desktops: the offline .7z and, commented out, the online entry (wps/jsplugins.example.xml)
//   ledgerstats.7z           the add-in folder's files packed, only when a 7z program is found (7z, 7za or 7zr on
//                            the PATH, or --7z <command>); otherwise a line says how to pack it. No .zip instead:
//                            every description of the offline scheme found names a .7z (see wps/README.md).
// Untested in a real WPS; see wps/README.md.
import { build } from 'esbuild';
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';
/* global console, process */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
};
const out = resolve(option('--out') ?? join(root, 'dist-wps'));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const folderName = `ledgerstats_${version}`;
const folder = join(out, folderName);

rmSync(folder, { recursive: true, force: true });
rmSync(join(out, 'ledgerstats.7z'), { force: true });
mkdirSync(folder, { recursive: true });

// ES2017, as the ribbon page always was: the version of Chromium inside WPS's add-in webview is not known here
// (TESTING.md §W records it); esbuild lowers newer syntax, not newer built-ins. main.js starts with wps/fallback.js
// (ES5), so an older webview still gets ribbon callbacks that say why nothing works; taskpane.html does the same.
const bundle = (entry, outfile, banner) =>
  build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2017',
    outfile: join(folder, outfile),
    logLevel: 'warning',
    ...(banner === undefined ? {} : { banner: { js: banner } }),
  });
await bundle('src/wpsAddin/main.ts', 'main.js', readFileSync(join(root, 'wps', 'fallback.js'), 'utf8'));
await bundle('src/wpsAddin/pane.ts', 'taskpane.js');
const pages = ['ribbon.xml', 'index.html', 'taskpane.html'];
for (const file of pages) copyFileSync(join(root, 'wps', file), join(folder, file));

// The deployment lists, with this build's version and folder name ({version} in the examples).
for (const [example, target] of [
  ['publish.example.xml', 'publish.xml'],
  ['jsplugins.example.xml', 'jsplugins.xml'],
]) {
  writeFileSync(join(out, target), readFileSync(join(root, 'wps', example), 'utf8').replaceAll('{version}', version));
}

const addinFiles = ['main.js', 'taskpane.js', ...pages];
const sevenZip = args.includes('--no-7z')
  ? null
  : (option('--7z') ?? ['7z', '7za', '7zr'].find((command) => spawnSync(command, ['i'], { stdio: 'ignore' }).status === 0) ?? null);
let packed = false;
if (sevenZip !== null) {
  const result = spawnSync(sevenZip, ['a', '-t7z', join(out, 'ledgerstats.7z'), ...addinFiles], { cwd: folder, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${sevenZip} failed with status ${result.status}`);
  packed = true;
}
console.log(`${out}: ${folderName}/ (${addinFiles.join(', ')}), publish.xml, jsplugins.xml`);
console.log(
  packed
    ? 'ledgerstats.7z written (the offline package that jsplugins.xml names).'
    : `No 7z program found: for offline deployment pack the files of ${folderName}/ as ledgerstats.7z (7z a -t7z ledgerstats.7z * in that folder).`,
);
