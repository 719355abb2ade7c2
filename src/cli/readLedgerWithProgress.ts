import type { ColumnOverrides, Lang } from '../domain';
import type { CliIo } from './cliIo';
import { readLedgerFile, type LedgerFile } from './readLedgerFile';
import { readProgress } from './readProgress';

/** What a command's read takes from its command line: the sheet, the mapping and the language of the progress bar. */
export interface ReadArgs {
  readonly lang: Lang;
  readonly sheet?: string;
  readonly mapping?: ColumnOverrides;
}

/**
 * Read a ledger file for a command (`readLedgerFile` with `--sheet` and `--mapping`), with the
 * read's progress bar on stderr (`readProgress`), cleared when the read ends or fails.
 * `countRows` as in `readLedgerFile`.
 * @throws what `readLedgerFile` throws, unchanged.
 */
export async function readLedgerWithProgress(path: string, args: ReadArgs, io: CliIo, options: { readonly countRows?: boolean } = {}): Promise<LedgerFile> {
  const progress = readProgress(io, args.lang);
  try {
    return await readLedgerFile(path, {
      ...(args.sheet === undefined ? {} : { sheet: args.sheet }),
      ...(args.mapping === undefined ? {} : { mapping: args.mapping }),
      onProgress: progress.onProgress,
      onSourceRows: progress.onSourceRows,
      ...options,
    });
  } finally {
    progress.done();
  }
}
