/**
 * The committed package-lock.json must serve `npm ci` on every platform (issue 13): npm ci refuses
 * a lock that lacks an optional dependency some locked package declares ("Missing: … from lock
 * file"), even one whose os/cpu never matches the machine. `npm install --package-lock-only` writes
 * every platform's entries; a lock made by an install on one platform may drop the others.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';
import { lockProblems, type PackageLock } from './lockProblems';

const ROOT = join(__dirname, '..', '..');
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as PackageLock;
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
  engines?: { node?: string };
};

describe('package-lock.json', () => {
  it('is lockfile version 3 (npm 7 or later)', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it('lists every optional dependency of every locked package, for every platform', () => {
    expect(lockProblems(lock)).toEqual([]);
  });

  it('pins exactly what package.json asks for', () => {
    const root = lock.packages[''];
    expect(root?.dependencies ?? {}).toEqual(manifest.dependencies ?? {});
    expect(root?.devDependencies ?? {}).toEqual(manifest.devDependencies ?? {});
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(`${name}@${lock.packages[`node_modules/${name}`]?.version}`).toBe(`${name}@${version}`);
    }
  });

  it('holds only packages that run on the oldest Node that package.json admits', () => {
    // A dependency that needs a newer Node warns (EBADENGINE) on every install and may not run.
    const oldest = minVersion(manifest.engines?.node ?? '')?.version ?? 'none';
    const refusing = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines?.node !== undefined && !satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => `${path} needs node ${entry.engines?.node}`);
    expect(refusing).toEqual([]);
  });

  it('names, in allowScripts, every locked package that has an install script', () => {
    // npm 11 blocks dependency install scripts not covered by allowScripts and warns about each one;
    // the README says why each is denied. A new package with a script fails here until it is reviewed.
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const unreviewed = [...new Set(withScripts)].filter((name) => !(name in (manifest.allowScripts ?? {})));
    expect(unreviewed).toEqual([]);
  });
});

describe('lockProblems', () => {
  const base: PackageLock = {
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { a: '1.0.0' } },
      'node_modules/a': { version: '1.0.0', optionalDependencies: { 'a-linux': '1.0.0', 'a-win32': '1.0.0' } },
      'node_modules/a-linux': { version: '1.0.0', optional: true },
    },
  };

  it('reports an optional dependency that has no entry of its own', () => {
    expect(lockProblems(base)).toEqual(['node_modules/a: optional dependency a-win32 is not in the lock']);
  });

  it('accepts the entry when it is present, nested or hoisted', () => {
    const nested: PackageLock = { ...base, packages: { ...base.packages, 'node_modules/a/node_modules/a-win32': { version: '1.0.0', optional: true } } };
    expect(lockProblems(nested)).toEqual([]);
    const hoisted: PackageLock = { ...base, packages: { ...base.packages, 'node_modules/a-win32': { version: '1.0.0', optional: true } } };
    expect(lockProblems(hoisted)).toEqual([]);
  });

  it('resolves from a nested package up through its parents, as Node does', () => {
    const lockOfNested: PackageLock = {
      lockfileVersion: 3,
      packages: {
        '': {},
        'node_modules/x/node_modules/b': { version: '2.0.0', optionalDependencies: { 'b-mac': '2.0.0' } },
        'node_modules/b-mac': { version: '2.0.0', optional: true },
      },
    };
    expect(lockProblems(lockOfNested)).toEqual([]);
    delete lockOfNested.packages['node_modules/b-mac'];
    expect(lockProblems(lockOfNested)).toEqual(['node_modules/x/node_modules/b: optional dependency b-mac is not in the lock']);
  });
});
