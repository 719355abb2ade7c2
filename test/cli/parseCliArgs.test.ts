import { CliError } from '../../src/cli/CliError';
import { parseCliArgs, parseMapping } from '../../src/cli/parseCliArgs';

const failure = (argv: string[]): string => {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).bilingual['en-US'];
  }
  throw new Error('expected a failure');
};

describe('parseCliArgs', () => {
  it('parses a command, its file and options in any order', () => {
    expect(parseCliArgs(['--json', 'summarize', '--sheet', '台账', 'a.xlsx', '--lang=en-US', '--soe-attribution', 'split'])).toEqual({
      kind: 'run',
      command: 'summarize',
      file: 'a.xlsx',
      sheet: '台账',
      json: true,
      lang: 'en-US',
      langGiven: true,
      inPlace: false,
      force: false,
      dropState: false,
      soeAttribution: 'split',
    });
  });

  it('defaults to zh-CN and to help without a command', () => {
    expect(parseCliArgs(['validate', 'a.csv'])).toMatchObject({ lang: 'zh-CN', langGiven: false, json: false });
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['summarize', '-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });

  it('takes -o and --in-place for refresh only', () => {
    expect(parseCliArgs(['refresh', 'a.xlsx', '-o', 'b.xlsx'])).toMatchObject({ command: 'refresh', output: 'b.xlsx' });
    expect(parseCliArgs(['refresh', 'a.xlsx', '--in-place'])).toMatchObject({ inPlace: true });
  });

  it('takes --drop-state for refresh, with -o or --in-place', () => {
    expect(parseCliArgs(['refresh', 'a.xlsx', '--drop-state', '-o', 'b.xlsx'])).toMatchObject({ command: 'refresh', dropState: true, output: 'b.xlsx' });
    expect(parseCliArgs(['refresh', '--drop-state', '--in-place', 'a.xlsx'])).toMatchObject({ dropState: true, inPlace: true });
    expect(parseCliArgs(['refresh', 'a.xlsx'])).toMatchObject({ dropState: false });
  });

  it.each([
    [['tally', 'a.xlsx'], /Unknown command "tally"/],
    [['summarize'], /Missing the file/],
    [['summarize', 'a.xlsx', 'b.xlsx'], /Unexpected arguments: b.xlsx/],
    [['summarize', 'a.xlsx', '--bogus'], /Invalid arguments/],
    [['summarize', 'a.xlsx', '--lang', 'fr'], /--lang must be/],
    [['summarize', 'a.xlsx', '--soe-attribution', 'half'], /--soe-attribution must be/],
    [['summarize', 'a.xlsx', '-o', 'b.xlsx'], /only applies to the refresh/],
    [['validate', 'a.xlsx', '--in-place'], /only applies to the refresh/],
    [['summarize', 'a.xlsx', '--drop-state'], /only applies to the refresh/],
    [['refresh', 'a.xlsx', '--json'], /--json only applies/],
    [['refresh', 'a.xlsx', '--in-place', '-o', 'b.xlsx'], /cannot be used together/],
  ])('rejects %j', (argv, pattern) => {
    expect(failure(argv)).toMatch(pattern);
  });
});

describe('parseMapping', () => {
  it('reads field → column letter or header', () => {
    expect(parseMapping('{"totalInvestment":" F ","soe":"合作单位"}')).toEqual({ totalInvestment: 'F', soe: '合作单位' });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '["A"]'],
    ['an unknown field', '{"amount":"F"}'],
    ['a non-string column', '{"name":1}'],
    ['an empty column', '{"name":" "}'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseMapping(text)).toThrow(CliError);
  });
});
