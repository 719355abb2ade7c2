import { isMainThread, parentPort, workerData } from 'worker_threads';
import type { CellValue } from '../domain';
import { streamLedgerSheet } from './streamLedgerSheet';
import { toWorkerFailure, WORKER_BATCH_ROWS, WORKER_MAX_IN_FLIGHT, type WorkerInput, type WorkerMessage } from './streamLedgerSheetInWorker';

/** Wait while the reader is more than `WORKER_MAX_IN_FLIGHT` batches behind. Blocking is fine: this thread only reads. */
function waitForReader(acked: Int32Array, sent: number): void {
  for (;;) {
    const done = Atomics.load(acked, 0);
    if (sent - done < WORKER_MAX_IN_FLIGHT) return;
    Atomics.wait(acked, 0, done, 1_000);
  }
}

/**
 * The worker side of `streamLedgerSheetInWorker`: stream the ledger sheet and post its rows in
 * batches, then `done` (or `error`). Started by `new Worker(…/ledgerSheetWorker.js)`.
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
    const sheets = await streamLedgerSheet(input.path, input.options, {
      onSource: (sheet) => post({ t: 'source', sheet }),
      onRow: (rowIndex, cells) => {
        indexes.push(rowIndex);
        rows.push(cells);
        if (rows.length >= WORKER_BATCH_ROWS) flush();
      },
    });
    flush();
    post({ t: 'done', sheets });
  } catch (error) {
    post({ t: 'error', failure: toWorkerFailure(error) });
  }
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  void runLedgerSheetWorker(workerData as WorkerInput, (message) => port.postMessage(message));
}
