import { BRIEF_STYLES, draftBrief, summarize } from '../domain';
import type { BriefStyle, Lang } from '../domain';
import { EXIT_CODES, inputError, toCliError } from './CliError';
import { cleanLine, type CliIo } from './cliIo';
import { cliBilingual } from './cliText';
import { parseLang, parseMapping, parseOptions } from './parseCliArgs';
import { resolveDataDate } from '../workflows/dataDate';
import { readLedgerWithProgress } from './readLedgerWithProgress';

/** Arguments of `ledger-stats brief`. */
export interface BriefArgs {
  readonly file: string;
  readonly lang: Lang;
  readonly style: BriefStyle;
  readonly sheet?: string;
  readonly mapping?: Readonly<Record<string, string>>;
  /** Overrides of the workbook's display unit and decimals. */
  readonly displayUnit?: 'yi' | 'wan';
  readonly decimals?: number;
  /** `--as-of YYYY-MM-DD`: the data date the paragraph opens with, instead of the ledger's own. */
  readonly asOf?: string;
  /** `--json`: print `{ brief, dataDate, lang, style }` instead of the bare paragraph. */
  readonly json?: boolean;
}

const bilingual = (zh: string, en: string): { 'zh-CN': string; 'en-US': string } => ({ 'zh-CN': zh, 'en-US': en });

/**
 * Parse `brief <file> [--lang zh-CN|en-US] [--style exact|rounded] [--unit yi|wan] [--decimals n]
 * [--sheet name] [--mapping json] [--as-of YYYY-MM-DD] [--json]` (the arguments after the command word).
 * @throws CliError (exit 2) for a bad or missing argument.
 */
export function parseBriefArgs(argv: readonly string[]): BriefArgs {
  const { values, positionals } = parseOptions(argv, {
    lang: { type: 'string' },
    style: { type: 'string' },
    unit: { type: 'string' },
    decimals: { type: 'string' },
    sheet: { type: 'string' },
    mapping: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
  });
  const [file, ...rest] = positionals;
  if (file === undefined) throw inputError(cliBilingual('missingFile'));
  if (rest.length > 0) throw inputError(cliBilingual('extraArguments', { args: rest.join(' ') }));
  const lang = parseLang(values.lang);
  const style = values.style ?? 'exact';
  if (!(BRIEF_STYLES as readonly string[]).includes(style)) {
    throw inputError(bilingual('参数错误：--style 只能是 exact 或 rounded。', 'Invalid arguments: --style must be exact or rounded.'));
  }
  const unit = values.unit;
  if (unit !== undefined && unit !== 'yi' && unit !== 'wan') {
    throw inputError(bilingual('参数错误：--unit 只能是 yi（亿元）或 wan（万元）。', 'Invalid arguments: --unit must be yi (亿元) or wan (万元).'));
  }
  const decimals = values.decimals === undefined ? undefined : Number(values.decimals);
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 6)) {
    throw inputError(bilingual('参数错误：--decimals 须为 0–6 的整数。', 'Invalid arguments: --decimals must be a whole number from 0 to 6.'));
  }
  return {
    file,
    lang,
    style: style as BriefStyle,
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    ...(values.mapping === undefined ? {} : { mapping: parseMapping(values.mapping) }),
    ...(unit === undefined ? {} : { displayUnit: unit }),
    ...(decimals === undefined ? {} : { decimals }),
    ...(values['as-of'] === undefined ? {} : { asOf: values['as-of'] }),
    ...(values.json === true ? { json: true } : {}),
  };
}

/**
 * `ledger-stats brief <file>`: read the ledger the way `refresh` does (`readLedgerFile`: stored
 * settings, source choice, reader), summarise it and print the briefing paragraph (`draftBrief`)
 * as one line, in the workbook's display unit and decimals unless overridden; with `--json`, as a JSON object
 * with its data date (`YYYY-MM-DD` or `null`), language and style.
 * @returns exit code 0.
 * @throws CliError (exit 2) for bad arguments, an unreadable file or no ledger.
 */
export async function briefCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseBriefArgs(argv);
  let file;
  try {
    file = await readLedgerWithProgress(args.file, args, io);
  } catch (error) {
    throw toCliError(error, { path: args.file, ...(args.sheet === undefined ? {} : { sheet: args.sheet }) });
  }
  if (file.read.header === null) throw inputError(cliBilingual('ledgerNotFound', { path: args.file }));
  const { settings } = file;
  const summary = summarize(file.read, { soeAttribution: settings.soeAttribution });
  const dataDate = resolveDataDate(settings, file.read).date;
  const brief = draftBrief(summary, {
    lang: args.lang,
    style: args.style,
    displayUnit: args.displayUnit ?? settings.displayUnit,
    decimals: args.decimals ?? settings.decimals,
    rows: file.read.rows,
    dataDate,
  });
  if (args.json === true) {
    io.stdout.write(`${JSON.stringify({ brief, dataDate, lang: args.lang, style: args.style }, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  io.stdout.write(`${cleanLine(brief)}\n`);
  return EXIT_CODES.ok;
}
