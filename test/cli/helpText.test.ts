import { HELP_COMMANDS, helpRequest, helpText } from '../../src/cli/helpText';

describe('helpText', () => {
  it.each([
    ['zh-CN', 'summarize'],
    ['zh-CN', 'validate'],
    ['zh-CN', 'refresh'],
    ['zh-CN', 'brief'],
    ['zh-CN', 'diff'],
    ['en-US', 'summarize'],
    ['en-US', 'validate'],
    ['en-US', 'refresh'],
    ['en-US', 'brief'],
    ['en-US', 'diff'],
  ] as const)('documents in %s the %s command', (lang, command) => {
    expect(helpText(lang)).toContain(`ledger-stats ${command} <`);
  });

  it('points from the general help to the help of each command', () => {
    expect(helpText('zh-CN')).toContain('ledger-stats help <命令>');
    expect(helpText('en-US')).toContain('ledger-stats <command> --help');
  });

  it.each(HELP_COMMANDS.flatMap((command) => [['zh-CN', command] as const, ['en-US', command] as const]))(
    'gives in %s the %s command its usage, options and an example, and no other command',
    (lang, command) => {
      const text = helpText(lang, command);
      const [usageTitle, usage] = text.split('\n');
      expect(usageTitle).toBe(lang === 'zh-CN' ? '用法：' : 'Usage:');
      expect(usage).toMatch(new RegExp(`^  ledger-stats ${command} `));
      expect(text).toContain(lang === 'zh-CN' ? '\n选项：\n' : '\nOptions:\n');
      expect(text).toMatch(new RegExp(`\\n(示例：|Examples:)\\n  npx ledger-stats ${command} `));
      const others = HELP_COMMANDS.filter((c) => c !== command).map((c) => `ledger-stats ${c} `);
      expect(others.filter((other) => text.includes(other))).toEqual([]);
    },
  );

  it("lists a command's own options only: refresh has -o, --force, --in-place, --drop-state and not --rules or --json", () => {
    const flags = (text: string): string[] => [...text.matchAll(/^ {2}(-[^ ,]+(?:, --[^ ]+)?)/gm)].map((m) => m[1] ?? '');
    expect(flags(helpText('en-US', 'refresh'))).toEqual([
      '-o, --output',
      '--force',
      '--in-place',
      '--drop-state',
      '--sheet',
      '--mapping',
      '--as-of',
      '--soe-attribution',
      '--lang',
      '-h, --help',
    ]);
    expect(flags(helpText('zh-CN', 'brief'))).toEqual(['--style', '--unit', '--decimals', '--sheet', '--mapping', '--as-of', '--lang', '--json', '-h, --help']);
  });

  it('aligns every description at the same display column, CJK counted as two', () => {
    // '  --sheet 名称' is 2 + 12 display columns, padded to 2 + 31; so is every other flag.
    const lines = helpText('zh-CN', 'summarize').split('\n').filter((line) => line.startsWith('  -'));
    expect(lines.find((line) => line.startsWith('  --sheet'))).toBe(`  --sheet 名称${' '.repeat(19)}指定台账工作表（默认：第一个含台账表头的工作表）`);
    expect(lines.find((line) => line.startsWith('  --lang'))).toBe(`  --lang zh-CN|en-US${' '.repeat(13)}输出语言（默认 zh-CN）`);
  });
});

describe('helpRequest', () => {
  it.each<[string[], ReturnType<typeof helpRequest>]>([
    [['help'], { command: null }],
    [['--help'], { command: null }],
    [['-h', '--lang', 'en-US'], { command: null }],
    [['help', 'refresh'], { command: 'refresh' }],
    [['help', 'nosuch'], { command: null }],
    [['refresh', '--help'], { command: 'refresh' }],
    [['validate', 'x.xlsx', '-h'], { command: 'validate' }],
    [['brief', '--help'], { command: 'brief' }],
    [['merge', '-h'], { command: 'merge' }],
    [['summarize', 'x.xlsx'], null],
    [[], null],
  ])('reads %p as %p', (argv, expected) => {
    expect(helpRequest(argv)).toEqual(expected);
  });
});
