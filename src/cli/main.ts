import type { Lang } from '../domain';
import { CliError, EXIT_CODES, toCliError, type FailureContext } from './CliError';
import { cleanLine, processIo, type CliIo } from './cliIo';
import { cliText } from './cliText';
import { helpRequest, helpText } from './helpText';
import { parseCliArgs, type CliArgs } from './parseCliArgs';
import { PortError } from '../workflows/workbookPort';
import { langFromEnv } from './langFromEnv';
import { boundHeapGrowth } from './boundHeapGrowth';

export { boundHeapGrowth };

/** Commands with their own argument parsing (`argv` after the command word), loaded on demand. */
const EXTRA_COMMANDS: Readonly<Record<string, () => Promise<(argv: readonly string[], io: CliIo) => Promise<number>>>> = {
  diff: async () => (await import('./diffCommand')).diffCommand,
  brief: async () => (await import('./briefCommand')).briefCommand,
  rank: async () => (await import('./rankCommand')).rankCommand,
  warn: async () => (await import('./warnCommand')).warnCommand,
  merge: async () => (await import('./mergeCommand')).mergeCommand,
};

/**
 * The language asked for on the command line, found before parsing so that argument errors use it too;
 * `fallback` (the environment's, `langFromEnv`) when there is no --lang.
 */
export function langOfArgv(argv: readonly string[], fallback: Lang = 'zh-CN'): Lang {
  for (const [i, arg] of argv.entries()) {
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'en-US') return 'en-US';
    if (value === 'zh-CN') return 'zh-CN';
  }
  return fallback;
}

const hasLangOption = (argv: readonly string[]): boolean => argv.some((arg) => arg === '--lang' || arg.startsWith('--lang='));

/** The file and sheet a failure is about; for a missing sheet, the sheets there are. */
async function failureContext(args: CliArgs | null, error: unknown): Promise<FailureContext> {
  if (args === null || args.kind !== 'run') return { path: '' };
  const context = { path: args.file, ...(args.sheet === undefined ? {} : { sheet: args.sheet }) };
  if (!(error instanceof PortError) || error.code !== 'source_not_found') return context;
  const { readXlsxIndex } = await import('../xlsx/readXlsxIndex');
  const sheets = await readXlsxIndex(args.file).then(
    (index) => index.sheets.filter((s) => s.state !== 'veryHidden').map((s) => s.name),
    () => [],
  );
  return { ...context, sheets };
}

function version(): string {
  try {
    // The package root is two levels up from both src/cli and build/cli.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Run the CLI: parse `argv` (without `node` and the script), run the command, and return the
 * exit code. Never throws: every failure is one line on stderr (no stack trace unless
 * `LEDGER_STATS_DEBUG=1`) and exit code 2 (input) or 3 (internal). With
 * `LEDGER_STATS_REPORT_RSS=1` the peak resident memory and the CPU time are printed to stderr
 * at the end (`max_rss_mb=… cpu_ms=…`), for the benchmark.
 * @example await main(['summarize', 'assets/sample-ledger.xlsx', '--json'])
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // Without --lang the CLI follows LANG / LC_ALL (langFromEnv).
  const envLang = langFromEnv(io.env);
  const lang = langOfArgv(argv, envLang);
  let code: number;
  let args: CliArgs | null = null;
  try {
    // `help <command>` and `<command> --help` (every command, its own parsing or not) print that command's help.
    const help = helpRequest(argv);
    if (help !== null) {
      io.stdout.write(`${helpText(lang, help.command)}\n`);
      return finish(EXIT_CODES.ok, io);
    }
    const extra = EXTRA_COMMANDS[argv[0] ?? ''];
    if (extra !== undefined) {
      const rest = argv.slice(1);
      code = await (await extra())(hasLangOption(rest) || envLang === 'zh-CN' ? rest : [...rest, '--lang', envLang], io);
      return finish(code, io);
    }
    args = parseCliArgs(argv, envLang);
    switch (args.kind) {
      case 'help':
        io.stdout.write(`${helpText(lang)}\n`);
        code = EXIT_CODES.ok;
        break;
      case 'version':
        io.stdout.write(`${version()}\n`);
        code = EXIT_CODES.ok;
        break;
      case 'run':
        // Commands load on demand: --help and argument errors never load ExcelJS, summarize never the layouts.
        if (args.command === 'summarize') code = await (await import('./summarizeCommand')).summarizeCommand(args, io);
        else if (args.command === 'validate') code = await (await import('./validateCommand')).validateCommand(args, io);
        else code = await (await import('./refreshCommand')).refreshCommand(args, io);
        break;
    }
  } catch (error) {
    const failure = error instanceof CliError ? error : toCliError(error, await failureContext(args, error));
    io.stderr.write(`ledger-stats: ${cleanLine(failure.bilingual[lang])}\n`);
    if (failure.exitCode === EXIT_CODES.input && failure.bilingual['en-US'].startsWith('Invalid arguments')) {
      io.stderr.write(`${cliText(lang, 'usageHint')}\n`);
    }
    if (io.env.LEDGER_STATS_DEBUG === '1') io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    code = failure.exitCode;
  }
  return finish(code, io);
}

function finish(code: number, io: CliIo): number {
  if (io.env.LEDGER_STATS_REPORT_RSS === '1') {
    const usage = process.resourceUsage();
    io.stderr.write(`max_rss_mb=${(usage.maxRSS / 1024).toFixed(1)} cpu_ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
  }
  return code;
}

if (require.main === module) {
  boundHeapGrowth(process.argv.slice(2));
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
