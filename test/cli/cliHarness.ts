import { spawn, spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'fs';
import { join } from 'path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');
/** The real bin, run with node as `npx ledger-stats` would. */
export const BIN = join(ROOT, 'bin', 'ledger-stats.js');
const BUILT_MAIN = join(ROOT, 'build', 'cli', 'main.js');

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }, 0);
}

/**
 * Compile the CLI (`npx tsc -p tsconfig.cli.json`, as `npm install` does through `prepare`) when
 * build/ is missing or older than the sources it is built from, so the tests run the real bin on
 * current code.
 * @throws when build/cli/main.js still does not exist afterwards.
 */
export function ensureCliBuilt(): void {
  const sources = Math.max(...['cli', 'xlsx', 'workflows', 'domain'].map((d) => newestMtime(join(ROOT, 'src', d))));
  if (existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= sources) return;
  // Jest runs test files in parallel workers: one builds, the others wait for it.
  const lock = join(ROOT, 'build', '.cli-build.lock');
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      if (existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= sources) return;
    }
  }
  try {
    buildCli(sources);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildCli(sources: number): void {
  const result = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(BUILT_MAIN) || statSync(BUILT_MAIN).mtimeMs < sources) {
    throw new Error(`npx tsc -p tsconfig.cli.json did not build the CLI:\n${result.stdout}${result.stderr}`);
  }
}

/** The outcome of one CLI run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `node bin/ledger-stats.js …args` as a child process. */
export function runCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      // The CLI follows LANG / LC_ALL: the tests expect its Chinese default unless they set one.
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', LEDGER_STATS_DEBUG: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
