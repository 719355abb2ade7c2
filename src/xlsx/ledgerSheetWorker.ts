import { isMainThread, parentPort, workerData } from 'worker_threads';
import type { CellValue } from '../domain';
import { PortError } from '../workflows/workbookPort';
import { openXlsxReader } from './reader/openXlsxReader';
import { toWorkerFailure, WORKER_BATCH_ROWS, WORKER_MAX_IN_FLIGHT, type WorkerInput, type WorkerMessage } from './streamLedgerSheetInWorker';
import { streamResolvedSource } from './xlsxReadPort';

/** Wait while the reader is more than `WORKER_MAX_IN_FLIGHT` batches behind. Blocking is fine: this thread only reads. */
function waitForReader(acked: Int32Array, sent: number): void {
  for (;;) {
    const done = Atomics.load(acked, 0);
    if (sent - done < WORKER_MAX_IN_FLIGHT) return;
    Atomics.wait(acked, 0, done, 1_000);
  }
}

/**
 * The worker side of `streamSourceInWorker`: open the file with the project's reader, stream the
 * source's rows and post them in batches, then `done` (or `error`). Started by
 * `new Worker(…/ledgerSheetWorker.js)`.
 */
export async function runLedgerSheetWorker(input: WorkerInput, post: (message: WorkerMessage) => void): Promise<void> {
  const acked = new Int32Array(input.acks);
  let sent = 0;
  let indexes: number[] = [];
  let rows: CellValue[][] = [];
  const flush = (): void => {
    if (rows.length === 0) return;
    waitForReader(acked, sent);
    post({ t: 'rows', indexes, rows });
    sent++;
    indexes = [];
    rows = [];
  };
  try {
    // Shared strings cross as references: the receiver holds the strings (streamSourceInWorker).
    const reader = await openXlsxReader(input.path, { sharedStringRefs: true });
    try {
      const sheet = reader.sheets[input.tabIndex];
      if (sheet === undefined) throw new PortError('source_not_found', `sheet ${input.tabIndex + 1} not found`);
      await streamResolvedSource(reader, { sheet, area: input.area }, {
        onRow: (rowIndex, cells) => {
          indexes.push(rowIndex);
          rows.push(cells as CellValue[]);
          if (rows.length >= WORKER_BATCH_ROWS) flush();
        },
      });
    } finally {
      await reader.close();
    }
    flush();
    post({ t: 'done' });
  } catch (error) {
    post({ t: 'error', failure: toWorkerFailure(error) });
  }
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  void runLedgerSheetWorker(workerData as WorkerInput, (message) => port.postMessage(message));
}
