import { basename } from 'path';
import type { ReadLedgerSourceOptions } from '../workflows/readLedgerSource';
import { readMergeSource, type MergeFileRead } from '../workflows/readMergeSource';
import { openXlsxReadPort, type XlsxReadPortOptions } from './xlsxReadPort';

/** Options of `readMergeFile`: the read's progress callbacks, and how an .xlsx sheet's rows are streamed. */
export interface ReadMergeFileOptions extends Pick<ReadLedgerSourceOptions, 'onProgress' | 'onSourceRows'> {
  /** As `openXlsxReadPort`'s (e.g. `streamSourceInWorker`); rows are read in this thread without it. */
  readonly streamSource?: XlsxReadPortOptions['streamSource'];
}

/**
 * Read one workbook on disk for `ledger-stats merge`: `readMergeSource` over the .xlsx read port, or the .xls one
 * (loaded only for an .xls: its library takes a quarter of a second to load), named by the file's base name; the port
 * is closed after the read. The same read in the CLI's thread and in a worker of `createMergeWorkerPool`.
 * @throws what `openXlsxReadPort`, `openXlsReadPort` and `readMergeSource` throw.
 */
export async function readMergeFile(path: string, format: 'xlsx' | 'xls', options: ReadMergeFileOptions = {}): Promise<MergeFileRead> {
  const { streamSource, ...progress } = options;
  const port =
    format === 'xls'
      ? await (await import('./xlsReadPort')).openXlsReadPort(path)
      : await openXlsxReadPort(path, streamSource === undefined ? {} : { streamSource });
  try {
    return await readMergeSource(port, basename(path), progress);
  } finally {
    await port.close();
  }
}
