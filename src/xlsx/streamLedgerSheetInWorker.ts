import { existsSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Bilingual, CellValue } from '../domain';
import type { SourceRowVisitor } from '../workflows/readLedgerSource';
import { WorkflowError } from '../workflows/runError';
import { PortError, type PortErrorCode } from '../workflows/workbookPort';
import type { XlsxReader } from './reader/openXlsxReader';
import { resolveSharedStringRefs } from './reader/SheetRowParser';
import { streamResolvedSource, type CellArea, type ResolvedSource } from './xlsxReadPort';

/** Below this many rows (by the sheet's dimension) a worker costs more to start than it saves. */
export const WORKER_MIN_ROWS = 50_000;
/**
 * For a sheet whose XML does not state its dimension (ExcelJS's streaming writer omits it): below this many bytes of
 * sheet XML, uncompressed, it is read in this thread. 160 bytes a row at `WORKER_MIN_ROWS` rows; the bench's generated
 * ledgers take 387 (100,000 rows, 38.7 MB) and 243 (10,000 rows, 2.4 MB) bytes a row, so no sheet of 50,000 rows or
 * more stays in this thread, and a district's ledger of a few thousand rows no longer pays for a worker's start.
 */
export const WORKER_MIN_PART_BYTES = 8_000_000;

/**
 * Whether a sheet is worth a worker: by its row count where its dimension (or the source's area) says, else by the
 * size of its XML.
 * @example readsInWorker(null, 2_427_432) // false: a 10,000-row district ledger without a dimension
 */
export function readsInWorker(rows: number | null, partBytes: number | null): boolean {
  if (rows !== null) return rows >= WORKER_MIN_ROWS;
  return partBytes === null || partBytes >= WORKER_MIN_PART_BYTES;
}
/** Rows per message from the worker. */
export const WORKER_BATCH_ROWS = 2_000;
/** Batches the worker may be ahead of the reader: bounds the rows held in messages. */
export const WORKER_MAX_IN_FLIGHT = 8;

/** A failure, as it crosses the thread boundary. */
export type WorkerFailure =
  | { readonly kind: 'port'; readonly code: PortErrorCode; readonly message: string; readonly errno?: string }
  | { readonly kind: 'workflow'; readonly code: string; readonly bilingual: Bilingual }
  | { readonly kind: 'other'; readonly message: string; readonly stack?: string };

/** Messages from the worker, in order. */
export type WorkerMessage =
  | { readonly t: 'rows'; readonly indexes: readonly number[]; readonly rows: CellValue[][] }
  | { readonly t: 'done' }
  | { readonly t: 'error'; readonly failure: WorkerFailure };

/** What the worker gets: the file, the sheet (by tab index) and area, and the shared counter of batches read. */
export interface WorkerInput {
  readonly path: string;
  readonly tabIndex: number;
  readonly area: CellArea | null;
  /** Int32Array over it: [0] = batches the reader has consumed. */
  readonly acks: SharedArrayBuffer;
}

/** Flatten an error for `postMessage`, keeping what `toCliError` classifies on. */
export function toWorkerFailure(error: unknown): WorkerFailure {
  if (error instanceof PortError) {
    const errno = (error.cause as NodeJS.ErrnoException | undefined)?.code;
    return typeof errno === 'string' ? { kind: 'port', code: error.code, message: error.message, errno } : { kind: 'port', code: error.code, message: error.message };
  }
  if (error instanceof WorkflowError) return { kind: 'workflow', code: error.code, bilingual: error.bilingual };
  if (error instanceof Error) return error.stack === undefined ? { kind: 'other', message: error.message } : { kind: 'other', message: error.message, stack: error.stack };
  return { kind: 'other', message: String(error) };
}

/** Rebuild the error on the reader's side. */
export function fromWorkerFailure(failure: WorkerFailure): Error {
  switch (failure.kind) {
    case 'port':
      return new PortError(
        failure.code,
        failure.message,
        failure.errno === undefined ? undefined : { cause: Object.assign(new Error(failure.errno), { code: failure.errno }) },
      );
    case 'workflow':
      return new WorkflowError(failure.code, failure.bilingual);
    case 'other':
      return Object.assign(new Error(failure.message), failure.stack === undefined ? {} : { stack: failure.stack });
  }
}

/** The compiled worker script; absent when running from TypeScript sources (tests, tsx). */
const WORKER_SCRIPT = join(__dirname, 'ledgerSheetWorker.js');

/**
 * Stream a resolved source (see `openXlsxReadPort`'s `streamSource`) with the unzipping and XML
 * parsing on a worker thread, so that they overlap with the caller's work on the rows (the
 * domain's reader). Rows cross in batches of 2,000, at most 8 batches ahead of the caller (bounded
 * memory). Reads in this thread instead for a sheet under 50,000 rows by its dimension, or without a dimension
 * under 8 MB of XML (`readsInWorker`: starting a worker costs about as much as it saves), when the compiled worker
 * script is absent (running
 * from sources), or when `LEDGER_STATS_NO_WORKER=1`.
 * @throws the reader's errors, and any error the visitor throws.
 */
export async function streamSourceInWorker(reader: XlsxReader, source: ResolvedSource, visitor: SourceRowVisitor): Promise<void> {
  if (process.env.LEDGER_STATS_NO_WORKER === '1' || !existsSync(WORKER_SCRIPT)) return streamResolvedSource(reader, source, visitor);
  const rows = source.area === null ? await reader.dimensionRows(source.sheet) : source.area.bottom + 1 - source.area.top;
  if (!readsInWorker(rows, reader.partBytes(source.sheet))) return streamResolvedSource(reader, source, visitor);
  // The worker gives shared strings as references (`sharedStringRefs`), resolved here from this reader's table: a full
  // sheet's million strings are then held once, and each row holds the table's strings rather than copies of them.
  const strings = await reader.sharedStrings();
  return streamInWorker({ path: reader.path, tabIndex: source.sheet.tabIndex, area: source.area }, strings, visitor);
}

function streamInWorker(input: Omit<WorkerInput, 'acks'>, strings: readonly string[], visitor: SourceRowVisitor): Promise<void> {
  const acks = new SharedArrayBuffer(4);
  const acked = new Int32Array(acks);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: { ...input, acks } satisfies WorkerInput });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      try {
        switch (message.t) {
          case 'rows':
            message.rows.forEach((cells, i) => {
              resolveSharedStringRefs(cells, strings);
              visitor.onRow(message.indexes[i] ?? 0, cells);
            });
            Atomics.add(acked, 0, 1);
            Atomics.notify(acked, 0);
            break;
          case 'done':
            // The worker ends by itself; it must not keep the process alive meanwhile.
            worker.unref();
            settle(() => resolve());
            break;
          case 'error':
            settle(() => reject(fromWorkerFailure(message.failure)));
            break;
        }
      } catch (error) {
        settle(() => reject(error));
        void worker.terminate();
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the reading thread stopped (exit code ${code})`))));
  });
}
