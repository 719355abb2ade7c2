import { readFileSync } from 'fs';
import { join } from 'path';
import { langOfArgv, main } from '../../src/cli/main';

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => void out.push(t) }, stderr: { write: (t: string) => void err.push(t) }, env },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('main', () => {
  it('prints the help in Chinese by default and in English with --lang en-US', async () => {
    const zh = fakeIo();
    expect(await main(['--help'], zh.io)).toBe(0);
    expect(zh.stdout()).toContain('用法：');
    const en = fakeIo();
    expect(await main(['--help', '--lang', 'en-US'], en.io)).toBe(0);
    expect(en.stdout()).toContain('Usage:');
    expect(en.stdout()).toContain('npx ledger-stats summarize assets/sample-ledger.xlsx');
  });

  it.each([
    [['brief', '--help'], '  ledger-stats brief <file>'],
    [['help', 'rank'], '  ledger-stats rank <file>'],
    [['validate', 'ledger.xlsx', '-h'], '  ledger-stats validate <file>'],
  ])("prints a command's own help for %p", async (argv, usage) => {
    const run = fakeIo();
    expect(await main([...argv, '--lang', 'en-US'], run.io)).toBe(0);
    expect(run.stdout().split('\n').slice(0, 2)).toEqual(['Usage:', expect.stringContaining(usage)]);
    expect(run.stdout()).toContain('\nOptions:\n');
    expect(run.stderr()).toBe('');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    const run = fakeIo();
    expect(await main(['--version'], run.io)).toBe(0);
    expect(run.stdout()).toBe(`${version}\n`);
  });

  it('reports a failure in one line with exit code 2, and the peak memory when asked', async () => {
    const run = fakeIo({ LEDGER_STATS_REPORT_RSS: '1' });
    expect(await main(['summarize', join(__dirname, 'no-such.xlsx'), '--lang', 'en-US'], run.io)).toBe(2);
    const [first, second] = run.stderr().trimEnd().split('\n');
    expect(first).toMatch(/^ledger-stats: File not found: .*no-such\.xlsx$/);
    expect(second).toMatch(/^max_rss_mb=\d+(\.\d)? cpu_ms=\d+$/);
  });
});

describe('langOfArgv', () => {
  it.each([
    [['--lang', 'en-US'], 'en-US'],
    [['--lang=en-US'], 'en-US'],
    [['--lang', 'fr'], 'zh-CN'],
    [[], 'zh-CN'],
  ])('finds the language in %j', (argv, lang) => {
    expect(langOfArgv(argv)).toBe(lang);
  });
});
