/**
 * scripts/buildWps.mjs: the add-in folder, the deployment lists with package.json's version, and the .7z only when
 * a 7z program is there. Builds into a temporary folder (esbuild with Babel per module, cached in node_modules/.cache:
 * under a second when cached, several seconds the first time). The bundles as ES5 without the later built-ins:
 * es5Bundles.test.ts.
 */
import { execFileSync } from 'child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { checkRibbon } from './checkRibbon';

const root = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const folderName = `ledgerstats_${version}`;

jest.setTimeout(120_000); // a first build, with nothing cached, on a busy machine

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'build-wps-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

const buildWps = (...args: string[]): string => execFileSync(process.execPath, [join(root, 'scripts', 'buildWps.mjs'), '--out', out, ...args], { encoding: 'utf8' });

describe('buildWps.mjs', () => {
  it('writes the add-in folder and the deployment lists with the version', () => {
    const log = buildWps('--no-7z');
    expect(readdirSync(out).sort()).toEqual(['jsplugins.xml', folderName, 'publish.xml'].sort());
    expect(readdirSync(join(out, folderName)).sort()).toEqual(['index.html', 'main.js', 'ribbon.xml', 'taskpane.html', 'taskpane.js']);
    for (const page of ['ribbon.xml', 'index.html', 'taskpane.html']) {
      expect(readFileSync(join(out, folderName, page), 'utf8')).toBe(readFileSync(join(root, 'wps', page), 'utf8'));
    }
    const publish = readFileSync(join(out, 'publish.xml'), 'utf8');
    expect(publish).toContain(`url="${folderName}" version="${version}"`);
    const jsplugins = readFileSync(join(out, 'jsplugins.xml'), 'utf8');
    expect(jsplugins).toContain(`type="et" version="${version}"`);
    expect(jsplugins).toContain('ledgerstats.7z');
    for (const list of [publish, jsplugins]) expect(list).not.toContain('{version}');
    expect(log).toContain('pack the files of');
    expect(existsSync(join(out, 'ledgerstats.7z'))).toBe(false);
  });

  it('builds pages whose globals are the callbacks ribbon.xml names', () => {
    buildWps('--no-7z');
    const main = readFileSync(join(out, folderName, 'main.js'), 'utf8');
    const pane = readFileSync(join(out, folderName, 'taskpane.js'), 'utf8');
    const page: Record<string, unknown> = {};
    runInNewContext(main, page);
    expect(checkRibbon(readFileSync(join(out, folderName, 'ribbon.xml'), 'utf8'), (name) => typeof page[name] === 'function')).toEqual([]);
    // The pane page starts without failing where the document has no #root.
    expect(() => runInNewContext(pane, { window: {}, document: { getElementById: () => null }, setTimeout })).not.toThrow();
  });

  it('gives a webview that cannot run the ES5 bundles ribbon callbacks that say why, and the pane page a flag to tell', () => {
    buildWps('--no-7z');
    const main = readFileSync(join(out, folderName, 'main.js'), 'utf8');
    const pane = readFileSync(join(out, folderName, 'taskpane.js'), 'utf8');
    // An engine without ES5's Object.defineProperty (ES3), which the bundles' module wrappers and core-js call at once.
    const older = 'delete Object.defineProperty;\n';
    const run = (code: string, alert: jest.Mock): Record<string, unknown> => {
      const page: Record<string, unknown> = { alert, document: { getElementById: () => null }, setTimeout };
      page.window = page;
      try {
        runInNewContext(code, page);
      } catch {
        // The bundle stops at its first use of a missing built-in: what is checked is what it left defined.
      }
      return page;
    };
    const oldAlert = jest.fn();
    const oldPage = run(older + main, oldAlert);
    expect((oldPage.OnAddinLoad as () => boolean)()).toBe(true);
    expect((oldPage.OnAction as (control: { Id: string }) => boolean)({ Id: 'ledgerStatsRefresh' })).toBe(true);
    expect(oldAlert).toHaveBeenCalledWith(expect.stringContaining('浏览器内核过旧'));
    expect(run(older + pane, jest.fn()).ledgerStatsPaneStarted).toBeUndefined();
    // Where the bundles run, they replace the fallbacks and set the flag.
    const alert = jest.fn();
    const page = run(main, alert);
    (page.OnAction as (control: { Id: string }) => boolean)({ Id: 'ledgerStatsPane' });
    expect(alert).toHaveBeenCalledWith(expect.stringContaining('CreateTaskPane'));
    expect(run(pane, jest.fn()).ledgerStatsPaneStarted).toBe(true);
  });

  it('packs the add-in files with the 7z program it is given', () => {
    const recorded = join(out, 'args.txt');
    const fake7z = join(out, 'fake7z.sh');
    writeFileSync(fake7z, `#!/bin/sh\necho "$PWD" > '${recorded}'\necho "$@" >> '${recorded}'\n`);
    chmodSync(fake7z, 0o755);
    const log = buildWps('--7z', fake7z);
    const [cwd, argv] = readFileSync(recorded, 'utf8').trim().split('\n');
    expect(cwd).toBe(join(out, folderName));
    expect(argv).toBe(`a -t7z ${join(out, 'ledgerstats.7z')} main.js taskpane.js ribbon.xml index.html taskpane.html`);
    expect(log).toContain('ledgerstats.7z written');
  });
});
