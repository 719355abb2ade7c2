import { padDisplay, type Lang } from '../domain';

/** The commands the help describes, in the order the general help lists them. */
export const HELP_COMMANDS = ['summarize', 'validate', 'refresh', 'brief', 'diff', 'rank', 'warn', 'merge'] as const;
/** A command with its own help (`ledger-stats help <command>`, `ledger-stats <command> --help`). */
export type HelpCommand = (typeof HELP_COMMANDS)[number];

/** Options shared by several commands, described once per language. */
type OptionId = 'sheet' | 'mapping' | 'asOf' | 'rules' | 'soeAttribution' | 'lang' | 'json' | 'output' | 'inPlace' | 'force' | 'dropState' | 'help' | 'version';

/** An option as the help shows it: the flag, then its description, one line or more. */
type OptionText = readonly [flag: string, ...lines: string[]];

/** One command's help: its usage line, what it does, its options and examples. */
interface CommandHelp {
  /** The usage, after `ledger-stats `. */
  readonly usage: string;
  /** What the command does (indented under the usage). */
  readonly about: readonly string[];
  /** Its options: a shared one by id, or one only this command has. */
  readonly options: readonly (OptionId | OptionText)[];
  /** Example command lines. */
  readonly examples: readonly string[];
}

/** Every text of the help in one language. To add a command: its name in `HELP_COMMANDS` and an entry in `commands`. */
interface HelpTexts {
  readonly title: string;
  readonly usage: string;
  readonly options: string;
  readonly examples: string;
  readonly exitCodes: string;
  /** The line that points from the general help to a command's help. */
  readonly more: string;
  readonly option: Readonly<Record<OptionId, OptionText>>;
  /** The options the general help lists, in order. */
  readonly generalOptions: readonly OptionId[];
  readonly generalExamples: readonly string[];
  readonly commands: Readonly<Record<HelpCommand, CommandHelp>>;
}

/** Where an option's description starts (display columns after the two-space indent). */
const FLAG_WIDTH = 31;

const ZH: HelpTexts = {
  title: 'ledger-stats — 央地合作项目台账统计（不需要 Excel）',
  usage: '用法：',
  options: '选项：',
  examples: '示例：',
  exitCodes: '退出码：0 成功；1 validate 发现错误；2 参数错误或文件无法读取（不存在、有密码、格式不支持、找不到工作表或台账）。',
  more: '查看某个命令的用法、选项和示例：ledger-stats help <命令> 或 ledger-stats <命令> --help',
  option: {
    sheet: ['--sheet 名称', '指定台账工作表（默认：第一个含台账表头的工作表）'],
    mapping: [
      '--mapping <JSON|文件>',
      `指定列：字段 → 列字母或表头，如 '{"totalInvestment":"F","soe":"合作单位"}'`,
      '字段：serial name soe sector stage category district totalInvestment',
      '      investedToDate startDate completionDate notes signDate',
      '      plannedStartDate actualStartDate plannedCompletionDate',
      '      annualPlanInvestment yearInvested',
    ],
    asOf: [
      '--as-of YYYY-MM-DD',
      '数据截止日期（各命令的“截至”；默认：台账标题中的日期，如“截至2025年9月30日”；',
      'rank、warn 没有日期时用上一个完整月份的月末）',
    ],
    rules: ['--rules 文件.json', '赛马与预警规则：weights、groups、lights（rank、warn）；', '未给出时读工作簿中的“赛马规则”工作表，没有则用默认规则'],
    soeAttribution: ['--soe-attribution full|split', '多家央企合作的项目：每家全额计入（full，默认）或平分（split）'],
    lang: ['--lang zh-CN|en-US', '输出语言（默认 zh-CN）'],
    json: ['--json', '输出 JSON（summarize、validate、diff、rank、warn）'],
    output: ['-o, --output 文件', 'refresh 的输出文件'],
    inPlace: ['--in-place', 'refresh 直接覆盖输入文件'],
    force: ['--force', 'refresh 覆盖已存在的输出文件'],
    dropState: ['--drop-state', 'refresh 不写入台账状态（设置、本期基准、问题标记），外发前使用'],
    help: ['-h, --help', '显示帮助'],
    version: ['-v, --version', '显示版本'],
  },
  generalOptions: ['sheet', 'mapping', 'asOf', 'rules', 'soeAttribution', 'lang', 'json', 'output', 'inPlace', 'force', 'dropState', 'help', 'version'],
  generalExamples: [
    'npx ledger-stats summarize assets/sample-ledger.xlsx',
    'npx ledger-stats validate 台账.xlsx --json',
    'npx ledger-stats refresh 台账.xlsx -o 台账-汇总.xlsx',
  ],
  commands: {
    summarize: {
      usage: 'summarize <文件.xlsx|文件.csv> [--sheet 名称] [--json]',
      about: ['打印关键指标（项目个数、合作央企、总投资、已开工、累计完成投资）和分类汇总表；', '--json 只输出汇总 JSON（docs/summary.schema.json）。'],
      options: ['sheet', 'mapping', 'asOf', 'rules', 'soeAttribution', 'lang', 'json'],
      examples: ['npx ledger-stats summarize assets/sample-ledger.xlsx', 'npx ledger-stats summarize 台账.xlsx --sheet 汇总表 --json'],
    },
    validate: {
      usage: 'validate <文件> [--json]',
      about: ['按严重程度列出数据问题；有“错误”时退出码为 1，否则为 0。'],
      options: ['sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats validate 台账.xlsx', 'npx ledger-stats validate 台账.xlsx --json'],
    },
    refresh: {
      usage: 'refresh <文件.xlsx> [-o 输出.xlsx [--force] | --in-place]',
      about: [
        '写入与加载项相同的汇总表、校验表和原生图表；默认写到新文件 <名称>.summary.xlsx，不改动原文件；',
        '原文件中的图表、数据透视表、宏和加载项设置原样保留。',
      ],
      options: ['output', 'force', 'inPlace', 'dropState', 'sheet', 'mapping', 'asOf', 'soeAttribution', 'lang'],
      examples: ['npx ledger-stats refresh 台账.xlsx', 'npx ledger-stats refresh 台账.xlsx -o 台账-汇总.xlsx --force'],
    },
    brief: {
      usage: 'brief <文件> [--style exact|rounded] [--lang] [--json]',
      about: ['起草简报段落（总体、分类别、开工与竣工）；rounded 写成“近5000亿元/约3940.5亿元”。'],
      options: [
        ['--style exact|rounded', '精确数（exact，默认）或公文常用的约数（rounded）'],
        ['--unit yi|wan', '金额单位：亿元（yi）或万元（wan）（默认：工作簿的设置）'],
        ['--decimals 0–6', '金额的小数位数（默认：工作簿的设置）'],
        'sheet',
        'mapping',
        'asOf',
        'lang',
        ['--json', '输出段落及其截至日期、语言和写法（JSON）'],
      ],
      examples: ['npx ledger-stats brief 台账.xlsx --style rounded', 'npx ledger-stats brief 台账.xlsx --lang en-US'],
    },
    diff: {
      usage: 'diff <上期.xlsx> <本期.xlsx> [--json]',
      about: ['对比两期台账：新增、减少、阶段变化、投资变化及各关键指标增减。'],
      options: ['sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats diff 台账-8月.xlsx 台账-9月.xlsx'],
    },
    rank: {
      usage: 'rank <文件> [--json] [--as-of YYYY-MM-DD] [--rules 规则.json]',
      about: ['各组地区“赛马”排名（签约、开工、完成投资、完成率加权得分）；市本级/跨区域项目不参与排名。', '名次变化与工作簿中保存的本期基期（由刷新记录）的排名相比。'],
      options: ['asOf', 'rules', 'sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats rank 台账.xlsx --as-of 2025-09-30'],
    },
    warn: {
      usage: 'warn <文件> [--json] [--as-of YYYY-MM-DD] [--rules 规则.json]',
      about: ['红黄绿灯预警：列出红灯、黄灯项目及原因（开工滞后、投资进度低于序时进度、竣工滞后）。'],
      options: ['asOf', 'rules', 'sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats warn 台账.xlsx --rules 规则.json'],
    },
    merge: {
      usage: 'merge <文件|文件夹>… -o 合并.xlsx [--unit 亿元|万元] [--force] [--json]',
      about: [
        '合并各区县台账（每个文件各自识别表头、单位和列）为一个台账（“合并台账”表，带“来源”列）；',
        '跨文件的同一项目只计一次并列出不一致；有文件含“错误”时退出码为 1。',
      ],
      options: [
        ['-o, --output 文件', '合并后的台账文件'],
        ['--unit 亿元|万元', '合并台账的金额单位'],
        ['--force', '覆盖已存在的输出文件'],
        'lang',
        ['--json', '输出 JSON'],
      ],
      examples: ['npx ledger-stats merge 区县台账/ -o 全市台账.xlsx'],
    },
  },
};

const EN: HelpTexts = {
  title: 'ledger-stats — statistics for investment-project ledgers (no Excel needed)',
  usage: 'Usage:',
  options: 'Options:',
  examples: 'Examples:',
  exitCodes:
    'Exit codes: 0 done; 1 validate found errors; 2 bad arguments or an unreadable input (missing,\npassword-protected, unsupported format, no such sheet, no ledger).',
  more: "A command's usage, options and examples: ledger-stats help <command> or ledger-stats <command> --help",
  option: {
    sheet: ['--sheet NAME', 'the ledger sheet (default: the first sheet with a ledger header)'],
    mapping: [
      '--mapping <JSON|file>',
      'column overrides, field → column letter or header text,',
      `e.g. '{"totalInvestment":"F","soe":"合作单位"}'`,
      'fields: serial name soe sector stage category district totalInvestment',
      '        investedToDate startDate completionDate notes signDate',
      '        plannedStartDate actualStartDate plannedCompletionDate',
      '        annualPlanInvestment yearInvested',
    ],
    asOf: [
      '--as-of YYYY-MM-DD',
      'the data date, 截至, of every command (default: the date in the',
      "ledger's title, such as 截至2025年9月30日; rank and warn without",
      'one: the end of the last complete month)',
    ],
    rules: ['--rules FILE.json', '赛马 and warning rules: weights, groups, lights (rank, warn);', "else the workbook's 赛马规则 sheet, else the defaults"],
    soeAttribution: ['--soe-attribution full|split', 'a project with several SOEs: credit each in full (default) or split'],
    lang: ['--lang zh-CN|en-US', 'output language (default zh-CN)'],
    json: ['--json', 'JSON output (summarize, validate, diff, rank, warn)'],
    output: ['-o, --output FILE', 'refresh: the output file'],
    inPlace: ['--in-place', 'refresh: overwrite the input file'],
    force: ['--force', 'refresh: overwrite an existing output file'],
    dropState: ['--drop-state', 'refresh: write no ledger state (settings, period baseline, issue marks); before sending a file out'],
    help: ['-h, --help', 'show this help'],
    version: ['-v, --version', 'show the version'],
  },
  generalOptions: ['sheet', 'mapping', 'asOf', 'rules', 'soeAttribution', 'lang', 'json', 'output', 'inPlace', 'force', 'dropState', 'help', 'version'],
  generalExamples: [
    'npx ledger-stats summarize assets/sample-ledger.xlsx',
    'npx ledger-stats validate ledger.xlsx --json',
    'npx ledger-stats refresh ledger.xlsx -o ledger-summary.xlsx',
  ],
  commands: {
    summarize: {
      usage: 'summarize <file.xlsx|file.csv> [--sheet NAME] [--json]',
      about: [
        'Print the key figures (projects, SOEs, total investment, started, invested to date) and',
        'the breakdown tables; with --json, only the summary JSON (docs/summary.schema.json).',
      ],
      options: ['sheet', 'mapping', 'asOf', 'rules', 'soeAttribution', 'lang', 'json'],
      examples: ['npx ledger-stats summarize assets/sample-ledger.xlsx', 'npx ledger-stats summarize ledger.xlsx --sheet Projects --json'],
    },
    validate: {
      usage: 'validate <file> [--json]',
      about: ['List the data issues by severity; exit 1 when any is an error, else 0.'],
      options: ['sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats validate ledger.xlsx', 'npx ledger-stats validate ledger.xlsx --json'],
    },
    refresh: {
      usage: 'refresh <file.xlsx> [-o OUT.xlsx [--force] | --in-place]',
      about: [
        "Write the add-in's summary and validation sheets and native charts into a new file, by",
        'default <name>.summary.xlsx; the input is not modified. Charts, pivots, macros and add-in',
        'settings of the input are kept as they are.',
      ],
      options: ['output', 'force', 'inPlace', 'dropState', 'sheet', 'mapping', 'asOf', 'soeAttribution', 'lang'],
      examples: ['npx ledger-stats refresh ledger.xlsx', 'npx ledger-stats refresh ledger.xlsx -o ledger-summary.xlsx --force'],
    },
    brief: {
      usage: 'brief <file> [--style exact|rounded] [--lang] [--json]',
      about: [
        'Draft the briefing paragraph (the whole, each category, started and completed);',
        'rounded writes "close to 5000" / "about 3940.5" the way bulletins do.',
      ],
      options: [
        ['--style exact|rounded', 'exact figures (default) or the round figures of bulletins'],
        ['--unit yi|wan', "amount unit: 亿元 (yi) or 万元 (wan) (default: the workbook's setting)"],
        ['--decimals 0–6', "decimals of amounts (default: the workbook's setting)"],
        'sheet',
        'mapping',
        'asOf',
        'lang',
        ['--json', 'the paragraph with its data date, language and style, as JSON'],
      ],
      examples: ['npx ledger-stats brief ledger.xlsx --style rounded', 'npx ledger-stats brief ledger.xlsx --lang en-US'],
    },
    diff: {
      usage: 'diff <old.xlsx> <new.xlsx> [--json]',
      about: ['Compare two periods: new and removed projects, stage changes, investment changes and', 'the change of every key figure.'],
      options: ['sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats diff ledger-aug.xlsx ledger-sep.xlsx'],
    },
    rank: {
      usage: 'rank <file> [--json] [--as-of YYYY-MM-DD] [--rules RULES.json]',
      about: [
        'The 赛马 ranking of the districts per group (weighted score of signed, started, invested',
        'this year and completion rate); city-level/cross-district projects are not ranked.',
        'The change in rank is against the period baseline stored in the workbook (recorded by a refresh).',
      ],
      options: ['asOf', 'rules', 'sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats rank ledger.xlsx --as-of 2025-09-30'],
    },
    warn: {
      usage: 'warn <file> [--json] [--as-of YYYY-MM-DD] [--rules RULES.json]',
      about: [
        '红黄绿灯 warnings: the red and yellow projects with their reasons (late start, investment',
        'behind the time-elapsed target, late completion).',
      ],
      options: ['asOf', 'rules', 'sheet', 'mapping', 'lang', 'json'],
      examples: ['npx ledger-stats warn ledger.xlsx --rules rules.json'],
    },
    merge: {
      usage: 'merge <file|folder>… -o CITY.xlsx [--unit yi|wan] [--force] [--json]',
      about: [
        "Merge the districts' ledgers (each read with its own header, unit and columns) into one",
        'ledger (sheet 合并台账, with a 来源 column); a project in several files is counted once and',
        'its differences listed; exit 1 when any file has an error.',
      ],
      options: [
        ['-o, --output FILE', 'the merged ledger'],
        ['--unit yi|wan', 'the amount unit of the merged ledger'],
        ['--force', 'overwrite an existing output file'],
        'lang',
        ['--json', 'JSON output'],
      ],
      examples: ['npx ledger-stats merge districts/ -o city.xlsx'],
    },
  },
};

const TEXTS: Readonly<Record<Lang, HelpTexts>> = { 'zh-CN': ZH, 'en-US': EN };

/** True when `name` is a command with its own help. */
export function isHelpCommand(name: string | undefined): name is HelpCommand {
  return (HELP_COMMANDS as readonly (string | undefined)[]).includes(name);
}

/**
 * The help the command line asks for, or `null` when it asks for none: `help` or `--help`/`-h` alone is the general
 * help (`command: null`); `help <command>` and `<command> --help` are that command's.
 * @example helpRequest(['refresh', '--help']) // → { command: 'refresh' }
 */
export function helpRequest(argv: readonly string[]): { readonly command: HelpCommand | null } | null {
  const [first, second] = argv;
  if (first === 'help') return { command: isHelpCommand(second) ? second : null };
  if (!argv.some((arg) => arg === '--help' || arg === '-h')) return null;
  return { command: isHelpCommand(first) ? first : null };
}

/**
 * The help text: without `command`, every command's usage, the options, the exit codes and examples; with one, that
 * command's usage, what it does, its options and examples.
 */
export function helpText(lang: Lang, command: HelpCommand | null = null): string {
  const t = TEXTS[lang];
  const usage = (c: CommandHelp): string[] => [`  ledger-stats ${c.usage}`, ...c.about.map((line) => `      ${line}`)];
  const options = (list: readonly (OptionId | OptionText)[]): string[] => list.flatMap((o) => optionLines(typeof o === 'string' ? t.option[o] : o));
  const examples = (list: readonly string[]): string[] => list.map((line) => `  ${line}`);
  if (command !== null) {
    const c = t.commands[command];
    return [t.usage, ...usage(c), '', t.options, ...options([...c.options, 'help']), '', t.examples, ...examples(c.examples)].join('\n');
  }
  return [
    t.title,
    '',
    t.usage,
    ...HELP_COMMANDS.flatMap((name) => usage(t.commands[name])),
    '',
    t.options,
    ...options(t.generalOptions),
    '',
    t.exitCodes,
    '',
    t.examples,
    ...examples(t.generalExamples),
    '',
    t.more,
  ].join('\n');
}

/** An option's lines: the flag padded to `FLAG_WIDTH` display columns, then the description, continued below it. */
function optionLines([flag, first = '', ...rest]: OptionText): string[] {
  const indent = ' '.repeat(FLAG_WIDTH + 2);
  return [`  ${padDisplay(flag, FLAG_WIDTH)}${first}`.trimEnd(), ...rest.map((line) => `${indent}${line}`)];
}
