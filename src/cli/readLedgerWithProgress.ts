import type { ColumnOverrides, Lang, SoeAttribution } from '../domain';
import type { LedgerSettings } from '../workflows/workbookPort';
import type { CliIo } from './cliIo';
import { readLedgerFile, type LedgerFile } from './readLedgerFile';
import { readProgress } from './readProgress';

/** What a command's read takes from its command line: the sheet, the mapping, the SOE attribution and the language of the progress bar. */
export interface ReadArgs {
  readonly lang: Lang;
  readonly sheet?: string;
  readonly mapping?: ColumnOverrides;
  readonly soeAttribution?: SoeAttribution;
}

/**
 * The settings a command line overrides, as `refresh` takes them: `--sheet` (the source),
 * `--mapping` and `--soe-attribution`. Everything else comes from the workbook's stored settings.
 */
export function settingsOverrides(args: Omit<ReadArgs, 'lang'>): Partial<LedgerSettings> {
  return {
    ...(args.sheet === undefined ? {} : { source: { kind: 'sheet' as const, name: args.sheet } }),
    ...(args.mapping === undefined ? {} : { mapping: args.mapping }),
    ...(args.soeAttribution === undefined ? {} : { soeAttribution: args.soeAttribution }),
  };
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
