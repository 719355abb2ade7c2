// Build the WPS 表格 add-in (issue 20). Run: node scripts/buildWps.mjs [--out <dir>] [--7z <command> | --no-7z]
// Writes into <dir> (default dist-wps/):
//   ledgerstats_<version>/   the add-in folder: main.js (src/wpsAddin/main.ts, one script with the ribbon's global
//                            callbacks), taskpane.js (src/wpsAddin/pane.ts, the light pane over the ET port), both
//                            ES5 with the core-js polyfills they use; ribbon.xml, index.html and taskpane.html from wps/
//   publish.xml              one user: lists that folder (wps/publish.example.xml with the version of package.json)
//   jsplugins.xml            many desktops: the offline .7z and, commented out, the online entry (wps/jsplugins.example.xml)
//   ledgerstats.7z           the add-in folder's files packed, only when a 7z program is found (7z, 7za or 7zr on
//                            the PATH, or --7z <command>); otherwise a line says how to pack it. No .zip instead:
//                            every description of the offline scheme found names a .7z (see wps/README.md).
// Untested in a real WPS; see wps/README.md.
import { transformAsync } from '@babel/core';
import { build, transform } from 'esbuild';
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { readFile } from 'fs/promises';
import { createRequire } from 'module';
import { dirname, join, relative, resolve } from 'path';
import { fileURLToPath } from 'url';
/* global console, process */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
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

// ES5, as the Office add-in's bundles for Internet Explorer 11 (webpack.config.js, configuration "es5"): the Chromium
// inside WPS's add-in webview is not known here (TESTING.md §W.1 records it), and the code calls ES2015–2022
// built-ins (Promise, Map, flatMap, Object.fromEntries, matchAll…). Babel with that configuration's options lowers
// the syntax and adds the core-js polyfills each module uses; unorm adds String.prototype.normalize (core-js has
// none). test/wpsAddin/es5Bundles.test.ts runs both bundles without the built-ins after ES5. Targets: ie 11 as
// there (it lacks every built-in after ES5, so each one used gets its polyfill), and any Chromium ("chrome 1") for
// the fixes core-js-compat lists for old V8s' ES5 methods (reduce, indexOf, unshift, parseInt…).
// Babel runs per module inside esbuild (an onLoad plugin), its output cached by content in node_modules/.cache.
// CPU time for both bundles, measured for issue 20 without the cache: 6 s; Babel over each whole esbuild bundle
// 27 s, webpack with babel-loader 32 s; with the cache, 0.7 s.
// main.js still starts with wps/fallback.js (ES5) for a webview that cannot run even this: its ribbon callbacks
// say so, and taskpane.html does the same for the pane.
const { ES5_BABEL_OPTIONS } = require('../webpack.config.js');
const [[presetEnv, presetEnvOptions], ...otherPresets] = ES5_BABEL_OPTIONS.presets;
const babelOptions = {
  ...ES5_BABEL_OPTIONS,
  presets: [[presetEnv, { ...presetEnvOptions, targets: { ...presetEnvOptions.targets, chrome: '1' } }], ...otherPresets],
};
// Babel's helpers in @babel/runtime (for-of, spread) use Symbol.iterator and Array.from: they get the same
// usage-based polyfills, as in the es5 configuration.
const runtimeBabelOptions = { ...babelOptions, plugins: [], sourceType: 'unambiguous' };
const isBabelRuntime = (path) => /node_modules[\\/]@babel[\\/]runtime[\\/]/.test(path);
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
const cacheFolder = join(root, 'node_modules', '.cache', 'build-wps');
const versionOf = (name) => require(`${name}/package.json`).version;
const usedCacheFiles = new Set();
const cacheSalt = JSON.stringify([babelOptions, compilerOptions, ...['esbuild', '@babel/core', '@babel/preset-env', 'core-js-compat'].map(versionOf)]);

/** A module as ES5 with its polyfill imports: esbuild strips the types, Babel does the rest; cached by content. */
async function toEs5(path) {
  const source = await readFile(path, 'utf8');
  const key = createHash('sha256').update(cacheSalt).update(relative(root, path)).update('\0').update(source).digest('hex');
  const cached = join(cacheFolder, `${key}.js`);
  usedCacheFiles.add(`${key}.js`);
  try {
    return await readFile(cached, 'utf8');
  } catch {
    // Not built yet.
  }
  const code = path.endsWith('.ts') ? (await transform(source, { loader: 'ts', format: 'esm', target: 'es2020', sourcefile: path, tsconfigRaw: { compilerOptions } })).code : source;
  const options = isBabelRuntime(path) ? runtimeBabelOptions : { ...babelOptions, sourceType: 'module' };
  const result = await transformAsync(code, { ...options, filename: path });
  if (result?.code == null) throw new Error(`Babel gave no code for ${path}`);
  mkdirSync(cacheFolder, { recursive: true });
  // Written aside and renamed: a build running at the same time (jest workers) never reads half a file.
  const temporary = `${cached}.${process.pid}.tmp`;
  writeFileSync(temporary, result.code);
  try {
    renameSync(temporary, cached);
  } catch {
    rmSync(temporary, { force: true }); // the same module from another build is there: this one is not needed
  }
  return result.code;
}

const es5Modules = new Map(); // path -> Promise of its ES5 code, shared by the two bundles
const es5Plugin = {
  name: 'es5',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.[cm]?[jt]s$/ }, async ({ path }) => {
      // Other packages are taken as they are, as in the es5 configuration (the WPS bundles include none).
      if (/[\\/]node_modules[\\/]/.test(path) && !isBabelRuntime(path)) return undefined;
      if (!es5Modules.has(path)) es5Modules.set(path, toEs5(path));
      return { contents: await es5Modules.get(path), loader: 'js', resolveDir: dirname(path) };
    });
  },
};

const bundle = (entry, outfile, banner) =>
  build({
    // unorm first: it installs String.prototype.normalize only where it is missing.
    stdin: { contents: `import 'unorm';\nimport './${entry}';\n`, resolveDir: root, sourcefile: `${outfile} entry` },
    bundle: true,
    format: 'iife',
    target: 'es5', // esbuild's own module wrappers; Babel has lowered the rest
    // core-js and Babel's lowering double the unminified size (1.6 MB per bundle): minified as the es5 configuration's.
    minify: true,
    outfile: join(folder, outfile),
    plugins: [es5Plugin],
    logLevel: 'warning',
    ...(banner === undefined ? {} : { banner: { js: banner } }),
  });
await bundle('src/wpsAddin/main.ts', 'main.js', readFileSync(join(root, 'wps', 'fallback.js'), 'utf8'));
await bundle('src/wpsAddin/pane.ts', 'taskpane.js');
// The cache keeps only this build's modules (not another build's half-written .tmp files).
for (const file of readdirSync(cacheFolder)) if (file.endsWith('.js') && !usedCacheFiles.has(file)) rmSync(join(cacheFolder, file), { force: true });
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
