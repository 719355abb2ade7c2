import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { MergeFileRead } from '../workflows/readMergeSource';
import { fromWorkerFailure, type WorkerFailure } from './streamLedgerSheetInWorker';

/** One file for a worker of the pool to read (`readMergeFile`). */
export interface MergeReadRequest {
  /** The pool's number for the request; every message about it carries it. */
  readonly id: number;
  readonly path: string;
  readonly format: 'xlsx' | 'xls';
}

/** Messages from a worker of the pool, in order for each request: its source's rows, progress, then the read or the failure. */
export type MergeWorkerMessage =
  | { readonly t: 'sourceRows'; readonly id: number; readonly rows: number | null }
  | { readonly t: 'progress'; readonly id: number; readonly rows: number; readonly total: number | null }
  | { readonly t: 'read'; readonly id: number; readonly read: MergeFileRead }
  | { readonly t: 'error'; readonly id: number; readonly failure: WorkerFailure };

/** Progress of one file's read, as `readLedgerSource` reports it, relayed from the worker. */
export interface MergeReadHooks {
  readonly onSourceRows?: (rowsTotal: number | null) => void;
  readonly onProgress?: (rowsRead: number, rowsTotal: number | null) => void;
}

/** Workers that read whole files for `ledger-stats merge`, each file on the next free worker. */
export interface MergeWorkerPool {
  /**
   * Read one file on a worker, as `readMergeFile` reads it in this thread (the read crosses the thread boundary by
   * structured clone: plain data, Maps included).
   * @throws the read's error rebuilt on this side (`fromWorkerFailure`: PortError and WorkflowError keep their codes);
   *   MergeWorkerLostError when the worker stops or throws while reading this file (the other files' reads go on, on
   *   a new worker); an Error when the pool is closed first.
   */
  read(path: string, format: 'xlsx' | 'xls', hooks?: MergeReadHooks): Promise<MergeFileRead>;
  /** Stop every worker; reads not yet done are rejected. */
  close(): Promise<void>;
}

/** A worker stopped, or threw outside a read, while reading a file: the file's read did not fail, its thread did. */
export class MergeWorkerLostError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`the reading thread stopped: ${detail}`, options);
    this.name = 'MergeWorkerLostError';
  }
}

/** The compiled worker script; absent when running from TypeScript sources (tests, tsx). */
export const MERGE_WORKER_SCRIPT = join(__dirname, 'mergeFileWorker.js');

/**
 * How many workers `ledger-stats merge` reads `files` files with, besides its own thread: one reader per available
 * core (`os.availableParallelism`), at least 2 and at most one per file, the CLI's thread being one of them; 0 (every
 * file in the CLI's thread) for a single file, when the compiled worker script is absent (running from sources) or
 * when `LEDGER_STATS_NO_WORKER=1`.
 */
export function mergeWorkerCount(files: number): number {
  if (files < 2 || process.env.LEDGER_STATS_NO_WORKER === '1' || !existsSync(MERGE_WORKER_SCRIPT)) return 0;
  return Math.min(files, Math.max(2, availableParallelism())) - 1;
}

interface Job {
  readonly request: MergeReadRequest;
  readonly hooks: MergeReadHooks;
  readonly resolve: (read: MergeFileRead) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
}

/**
 * A pool of at most `size` workers, started when there is a file for them and kept for the next file (a worker's
 * start, loading the reader's modules, costs about as much CPU as reading a 10,000-row file). A worker that stops
 * or fails fails only the file it was reading; the next file starts a new worker.
 * @param startWorker starts one worker running `mergeFileWorker` (default: the compiled script; tests pass their own).
 */
export function createMergeWorkerPool(size: number, startWorker: () => Worker = () => new Worker(MERGE_WORKER_SCRIPT)): MergeWorkerPool {
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const finish = (slot: Slot): Job | null => {
    const { job } = slot;
    slot.job = null;
    return job;
  };

  const lose = (slot: Slot, error: Error): void => {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    finish(slot)?.reject(error);
    pump();
  };

  const start = (): Slot => {
    const slot: Slot = { worker: startWorker(), job: null };
    slot.worker.on('message', (message: MergeWorkerMessage) => {
      const job = slot.job;
      if (job === null || message.id !== job.request.id) return;
      try {
        switch (message.t) {
          case 'sourceRows':
            job.hooks.onSourceRows?.(message.rows);
            break;
          case 'progress':
            job.hooks.onProgress?.(message.rows, message.total);
            break;
          case 'read':
            finish(slot);
            job.resolve(message.read);
            pump();
            break;
          case 'error':
            finish(slot);
            job.reject(fromWorkerFailure(message.failure));
            pump();
            break;
        }
      } catch (error) {
        // A progress hook that throws fails its file, as it would in this thread; the worker is not reused mid-read.
        lose(slot, error instanceof Error ? error : new Error(String(error)));
        void slot.worker.terminate();
      }
    });
    slot.worker.on('error', (error) => lose(slot, new MergeWorkerLostError(error.message, { cause: error })));
    slot.worker.on('exit', (code) => lose(slot, new MergeWorkerLostError(`exit code ${code}`)));
    return slot;
  };

  function pump(): void {
    while (!closed && queue.length > 0) {
      let slot = slots.find((s) => s.job === null);
      if (slot === undefined) {
        if (slots.length >= size) return;
        try {
          slot = start();
        } catch (error) {
          (queue.shift() as Job).reject(error);
          continue;
        }
        slots.push(slot);
      }
      const job = queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage(job.request);
    }
  }

  return {
    read(path, format, hooks = {}) {
      return new Promise<MergeFileRead>((resolve, reject) => {
        if (closed) throw new Error('the merge worker pool is closed');
        queue.push({ request: { id: nextId++, path, format }, hooks, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const stopped = new Error('the merge worker pool is closed');
      for (const job of queue.splice(0)) job.reject(stopped);
      const all = slots.splice(0);
      for (const slot of all) finish(slot)?.reject(stopped);
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}
