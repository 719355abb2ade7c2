import type { CliIo } from '../../src/cli/cliIo';
import { langFromEnv } from '../../src/cli/langFromEnv';
import { main } from '../../src/cli/main';

function captureIo(env: Record<string, string>): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env, out: () => out, err: () => err };
}

describe('langFromEnv', () => {
  it.each<[Record<string, string>, string]>([
    [{ LANG: 'en_US.UTF-8' }, 'en-US'],
    [{ LANG: 'en' }, 'en-US'],
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'C.UTF-8' }, 'zh-CN'],
    [{}, 'zh-CN'],
    // LC_ALL wins over LANG; an empty LC_ALL does not count.
    [{ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-CN'],
    [{ LC_ALL: '', LANG: 'en_GB.UTF-8' }, 'en-US'],
    [{ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en-US'],
    [{ LANG: 'eng' }, 'zh-CN'],
  ])('reads %j as %s', (env, lang) => {
    expect(langFromEnv(env)).toBe(lang);
  });
});

describe('ledger-stats language without --lang', () => {
  it('answers in English under an English locale, and --lang still wins', async () => {
    const en = captureIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['summarize', 'no-such-file.xlsx'], en)).toBe(2);
    expect(en.err()).toMatch(/not found|No such|does not exist/i);
    const zh = captureIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['summarize', 'no-such-file.xlsx', '--lang', 'zh-CN'], zh)).toBe(2);
    expect(zh.err()).toContain('找不到文件');
  });

  it('passes the locale on to the other commands (brief)', async () => {
    const io = captureIo({ LC_ALL: 'en_US.UTF-8' });
    expect(await main(['brief'], io)).toBe(2);
    expect(io.err()).not.toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it('prints the help for `help` and `help <command>`', async () => {
    const io = captureIo({});
    expect(await main(['help'], io)).toBe(0);
    expect(io.out()).toContain('ledger-stats refresh');
    const en = captureIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['help', 'refresh'], en)).toBe(0);
    expect(en.out()).toContain('refresh: overwrite the input file');
  });
});
