import { readFileSync } from 'fs';
import { DEFAULT_RACE_RULES, lastCompleteMonthEnd, parseAsOf, parseRaceRules, parseSnapshot } from '../domain';
import type { AsOfDate, Lang, LedgerRead, RaceRules, SnapshotRank } from '../domain';
import { resolveDataDate } from '../workflows/dataDate';
import { inputError, toCliError } from './CliError';
import type { CliIo } from './cliIo';
import { cliBilingual } from './cliText';
import { parseLang, parseMapping, parseOptions } from './parseCliArgs';
import { readLedgerWithProgress } from './readLedgerWithProgress';
import { readRulesSheet } from './readRulesSheet';

/** Arguments of `ledger-stats rank` and `ledger-stats warn`. */
export interface RaceArgs {
  readonly file: string;
  readonly json: boolean;
  readonly lang: Lang;
  readonly sheet?: string;
  readonly mapping?: Readonly<Record<string, string>>;
  /** `--as-of YYYY-MM-DD`, checked. */
  readonly asOf?: AsOfDate;
  /** `--rules FILE.json`, read and checked. */
  readonly rules?: RaceRules;
}

const bilingual = (zh: string, en: string): { 'zh-CN': string; 'en-US': string } => ({ 'zh-CN': zh, 'en-US': en });

/**
 * Parse `rank|warn <file> [--json] [--as-of YYYY-MM-DD] [--rules FILE.json] [--lang …] [--sheet …] [--mapping …]`
 * (the arguments after the command word).
 * @throws CliError (exit 2) for a bad or missing argument, a bad date, or a rules file that cannot be read or checked.
 */
export function parseRaceArgs(argv: readonly string[]): RaceArgs {
  const { values, positionals } = parseOptions(argv, {
    json: { type: 'boolean' },
    'as-of': { type: 'string' },
    rules: { type: 'string' },
    lang: { type: 'string' },
    sheet: { type: 'string' },
    mapping: { type: 'string' },
  });
  const [file, ...rest] = positionals;
  if (file === undefined) throw inputError(cliBilingual('missingFile'));
  if (rest.length > 0) throw inputError(cliBilingual('extraArguments', { args: rest.join(' ') }));
  const asOf = values['as-of'];
  if (asOf !== undefined) checkAsOf(asOf);
  return {
    file,
    json: values.json === true,
    lang: parseLang(values.lang),
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    ...(values.mapping === undefined ? {} : { mapping: parseMapping(values.mapping) }),
    ...(asOf === undefined ? {} : { asOf: asOf.trim() }),
    ...(values.rules === undefined ? {} : { rules: readRulesFile(values.rules) }),
  };
}

/**
 * Check an `--as-of` value.
 * @throws CliError (exit 2) unless it is a calendar day written YYYY-MM-DD.
 */
export function checkAsOf(text: string): void {
  if (parseAsOf(text) === null) {
    throw inputError(cliBilingual('badAsOf', { value: text }));
  }
}

/**
 * The data date when neither `--as-of`, the workbook's `asOf` setting nor the ledger's own title gives one
 * (`resolveDataDate`): the end of the last complete month before today (the caller's clock, local time).
 * A given date is returned as it is.
 * @example resolveAsOf(undefined, () => new Date(2025, 9, 4)) // → '2025-09-30'
 */
export function resolveAsOf(asOf: AsOfDate | null | undefined, now: () => Date = () => new Date()): AsOfDate {
  if (asOf !== undefined && asOf !== null) return asOf;
  const today = now();
  return lastCompleteMonthEnd({ year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() });
}

/**
 * Read and check a rules file (JSON: `weights`, `groups`, `lights`; see `parseRaceRules`).
 * @throws CliError (exit 2) when the file cannot be read, is not JSON, or has bad rules.
 */
export function readRulesFile(path: string): RaceRules {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw inputError(bilingual(`无法读取规则文件“${path}”：${detail}`, `Cannot read the rules file "${path}": ${detail}`));
  }
  const parsed = parseRaceRules(value);
  if (!parsed.ok) throw inputError(bilingual(`规则文件“${path}”有误：${parsed.problems.join('；')}`, `The rules file "${path}" is invalid: ${parsed.problems.join('; ')}`));
  return parsed.rules;
}

/** What `rank` and `warn` work on. */
export interface RaceInputs {
  readonly read: LedgerRead;
  readonly asOf: AsOfDate;
  readonly rules: RaceRules;
  /** The 赛马 ranks of the period baseline stored in the workbook (`baselineRanks`), for the change in rank. */
  readonly baselineRanks: readonly SnapshotRank[] | null;
}

/**
 * The 赛马 ranks a stored period baseline recorded (`parseSnapshot`'s `ranks`), as the refresh compares with them
 * (`periodChanges`): `null` when there is no usable baseline or it recorded no ranks (an older snapshot, or a
 * ledger without the 赛马 columns when it was taken), so every change in rank is unknown.
 */
export function baselineRanks(snapshot: string | null): readonly SnapshotRank[] | null {
  return parseSnapshot(snapshot)?.ranks ?? null;
}

/**
 * Read the ledger the way the other read commands do (`readLedgerWithProgress`: stored settings, source choice,
 * reader) and settle the data date (`--as-of`, else the `asOf` setting or the ledger's own date, else the end of
 * the last complete month), the rules (`--rules`, else the workbook's 赛马规则 sheet, else the defaults) and the
 * ranks of the stored period baseline.
 * @throws CliError (exit 2) for an unreadable file or no ledger.
 */
export async function readRaceInputs(args: RaceArgs, io: CliIo): Promise<RaceInputs> {
  let file;
  try {
    file = await readLedgerWithProgress(args.file, args, io);
  } catch (error) {
    throw toCliError(error, { path: args.file, ...(args.sheet === undefined ? {} : { sheet: args.sheet }) });
  }
  if (file.read.header === null) throw inputError(cliBilingual('ledgerNotFound', { path: args.file }));
  const asOf = resolveAsOf(args.asOf ?? resolveDataDate(file.settings, file.read).date, io.now);
  return { read: file.read, asOf, rules: args.rules ?? (await readRulesSheet(args.file)) ?? DEFAULT_RACE_RULES, baselineRanks: baselineRanks(file.snapshot) };
}
