import { existsSync, readFileSync } from 'fs';
import { parseArgs, type ParseArgsConfig } from 'util';
import { FIELDS } from '../domain';
import type { ColumnOverrides, Field, Lang, SoeAttribution } from '../domain';
import { inputError } from './CliError';
import { cliBilingual } from './cliText';

/** The CLI's commands. */
export const COMMANDS = ['summarize', 'validate', 'refresh'] as const;
/** A command. */
export type Command = (typeof COMMANDS)[number];

/** Parsed command line. */
export type CliArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'run';
      readonly command: Command;
      readonly file: string;
      readonly sheet?: string;
      readonly json: boolean;
      readonly lang: Lang;
      /** `true` when --lang was given (else the workbook's stored language may apply on refresh). */
      readonly langGiven: boolean;
      readonly mapping?: ColumnOverrides;
      readonly soeAttribution?: SoeAttribution;
      readonly output?: string;
      readonly inPlace: boolean;
      /** `--force`: refresh may overwrite an existing output file. */
      readonly force: boolean;
      /** `--drop-state`: refresh writes no state (no settings, baseline or marks travel with the output). */
      readonly dropState: boolean;
      /** `--as-of YYYY-MM-DD` (summarize --json: the data date of `race` and `warnings`), unchecked here. */
      readonly asOf?: string;
    };

const OPTIONS = {
  sheet: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  mapping: { type: 'string' },
  'soe-attribution': { type: 'string' },
  output: { type: 'string', short: 'o' },
  'in-place': { type: 'boolean' },
  force: { type: 'boolean' },
  'drop-state': { type: 'boolean' },
  'as-of': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The option definitions of a command, as `util.parseArgs` takes them. */
type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a command line with `util.parseArgs`, strictly (an unknown option fails) and with positionals.
 * @throws CliError (exit 2, `badOption`) for an unknown option or an option without its value.
 */
export function parseOptions<O extends OptionsConfig>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw inputError(cliBilingual('badOption', { detail: error instanceof Error ? error.message : String(error) }));
  }
}

/**
 * The `--lang` value; `fallback` (zh-CN unless the environment asks for English) when it is absent.
 * @throws CliError (exit 2, `badLang`) for anything but zh-CN or en-US.
 */
export function parseLang(value: string | undefined, fallback: Lang = 'zh-CN'): Lang {
  const lang = value ?? fallback;
  if (lang !== 'zh-CN' && lang !== 'en-US') throw inputError(cliBilingual('badLang'));
  return lang;
}

/**
 * Parse `--mapping`: a JSON object of field → column letter or header text, given inline or
 * as the path of a .json file.
 * @example parseMapping('{"totalInvestment":"F","soe":"合作单位"}')
 */
export function parseMapping(text: string): ColumnOverrides {
  let source = text.trim();
  if (!source.startsWith('{') && existsSync(source)) source = readFileSync(source, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw inputError(cliBilingual('badMapping', { detail: error instanceof Error ? error.message : String(error) }));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw inputError(cliBilingual('badMapping', { detail: typeof value }));
  const mapping: Partial<Record<Field, string>> = {};
  for (const [key, column] of Object.entries(value)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw inputError(cliBilingual('badMappingField', { field: key, fields: FIELDS.join(', ') }));
    if (typeof column !== 'string' || column.trim() === '') throw inputError(cliBilingual('badMapping', { detail: `${key}: ${JSON.stringify(column)}` }));
    mapping[key as Field] = column.trim();
  }
  return mapping;
}

/**
 * Parse the command line (without `node` and the script). Options may come before or after
 * the file. `ledger-stats help [command]` is the help. `fallbackLang` is the language without --lang (the
 * environment's, `langFromEnv`).
 * @throws CliError (exit 2) for an unknown command or option, a missing file, or a bad value.
 */
export function parseCliArgs(argv: readonly string[], fallbackLang: Lang = 'zh-CN'): CliArgs {
  const { values, positionals } = parseOptions(argv, OPTIONS);
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  const [command, file, ...rest] = positionals;
  if (command === undefined || command === 'help') return { kind: 'help' };
  if (!(COMMANDS as readonly string[]).includes(command)) throw inputError(cliBilingual('unknownCommand', { command }));
  if (file === undefined) throw inputError(cliBilingual('missingFile'));
  if (rest.length > 0) throw inputError(cliBilingual('extraArguments', { args: rest.join(' ') }));

  const lang = parseLang(values.lang, fallbackLang);
  const attribution = values['soe-attribution'];
  if (attribution !== undefined && attribution !== 'full' && attribution !== 'split') throw inputError(cliBilingual('badAttribution'));
  if (command !== 'refresh') {
    if (values.output !== undefined) throw inputError(cliBilingual('optionNotFor', { option: '-o', command: 'refresh' }));
    if (values['in-place'] === true) throw inputError(cliBilingual('optionNotFor', { option: '--in-place', command: 'refresh' }));
    if (values.force === true) throw inputError(cliBilingual('optionNotFor', { option: '--force', command: 'refresh' }));
    if (values['drop-state'] === true) throw inputError(cliBilingual('optionNotFor', { option: '--drop-state', command: 'refresh' }));
  } else if (values.json === true) {
    throw inputError(cliBilingual('optionNotFor', { option: '--json', command: 'summarize / validate' }));
  }
  if (values.output !== undefined && values['in-place'] === true) throw inputError(cliBilingual('outputAndInPlace'));

  return {
    kind: 'run',
    command: command as Command,
    file,
    json: values.json === true,
    lang,
    langGiven: values.lang !== undefined,
    inPlace: values['in-place'] === true,
    force: values.force === true,
    dropState: values['drop-state'] === true,
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    ...(values.mapping === undefined ? {} : { mapping: parseMapping(values.mapping) }),
    ...(attribution === undefined ? {} : { soeAttribution: attribution }),
    ...(values.output === undefined ? {} : { output: values.output }),
    ...(values['as-of'] === undefined ? {} : { asOf: values['as-of'] }),
  };
}
