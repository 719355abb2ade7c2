import type { ColumnOverrides, Lang, SoeAttribution } from '../domain';
import { parseAsOfSetting } from '../workflows/dataDate';
import type { LedgerSettings } from '../workflows/workbookPort';
import { inputError } from './CliError';
import type { CliIo } from './cliIo';
import { cliBilingual } from './cliText';
import { readLedgerFile, type LedgerFile } from './readLedgerFile';
import { readProgress } from './readProgress';

/** What a command's read takes from its command line: the sheet, the mapping, the SOE attribution and the language of the progress bar. */
export interface ReadArgs {
  readonly lang: Lang;
  readonly sheet?: string;
  readonly mapping?: ColumnOverrides;
  readonly soeAttribution?: SoeAttribution;
  /** `--as-of YYYY-MM-DD`: the data date the report states (the `asOf` setting), unchecked until `asOfOverride`. */
  readonly asOf?: string | undefined;
}

/**
 * The settings a command line overrides, as `refresh` takes them: `--sheet` (the source),
 * `--mapping`, `--soe-attribution` and `--as-of`. Everything else comes from the workbook's stored settings.
 */
export function settingsOverrides(args: Omit<ReadArgs, 'lang'>): Partial<LedgerSettings> {
  return {
    ...(args.sheet === undefined ? {} : { source: { kind: 'sheet' as const, name: args.sheet } }),
    ...(args.mapping === undefined ? {} : { mapping: args.mapping }),
    ...(args.soeAttribution === undefined ? {} : { soeAttribution: args.soeAttribution }),
    ...asOfOverride(args),
  };
}

/**
 * `--as-of` as a settings override: the data date every command states (截至) instead of the ledger's own.
 * @throws CliError (exit 2, `badAsOf`) unless it is a calendar day written YYYY-MM-DD.
 */
export function asOfOverride(args: { readonly asOf?: string | undefined }): Partial<LedgerSettings> {
  if (args.asOf === undefined) return {};
  const asOf = parseAsOfSetting(args.asOf);
  if (asOf === null) throw inputError(cliBilingual('badAsOf', { value: args.asOf }));
  return { asOf };
}

/**
 * Read a ledger file for a command (`readLedgerFile` with the command line's overrides), with the
 * read's progress bar on stderr (`readProgress`), cleared when the read ends or fails.
 * `countRows` as in `readLedgerFile`.
 * @throws what `readLedgerFile` throws, unchanged.
 */
export async function readLedgerWithProgress(path: string, args: ReadArgs, io: CliIo, options: { readonly countRows?: boolean } = {}): Promise<LedgerFile> {
  const progress = readProgress(io, args.lang);
  try {
    return await readLedgerFile(path, {
      settings: settingsOverrides(args),
      onProgress: progress.onProgress,
      onSourceRows: progress.onSourceRows,
      ...options,
    });
  } finally {
    progress.done();
  }
}
