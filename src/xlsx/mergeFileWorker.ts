import { isMainThread, parentPort } from 'worker_threads';
import { readMergeFile } from './readMergeFile';
import type { MergeReadRequest, MergeWorkerMessage } from './mergeWorkerPool';
import { toWorkerFailure } from './streamLedgerSheetInWorker';

/**
 * The worker side of `createMergeWorkerPool`: read each requested file in turn with `readMergeFile` (the rows read in
 * this thread: the pool is the parallelism) and post its progress, then the read (or the failure, as data). Started
 * by `new Worker(…/mergeFileWorker.js)`; it reads until the pool terminates it.
 */
export async function runMergeFileRequest(request: MergeReadRequest, post: (message: MergeWorkerMessage) => void): Promise<void> {
  const { id } = request;
  try {
    const read = await readMergeFile(request.path, request.format, {
      onSourceRows: (rows) => post({ t: 'sourceRows', id, rows }),
      onProgress: (rows, total) => post({ t: 'progress', id, rows, total }),
    });
    post({ t: 'read', id, read });
  } catch (error) {
    post({ t: 'error', id, failure: toWorkerFailure(error) });
  }
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  port.on('message', (request: MergeReadRequest) => void runMergeFileRequest(request, (message) => port.postMessage(message)));
}
