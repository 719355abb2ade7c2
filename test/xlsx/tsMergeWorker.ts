import { join } from 'path';
import { Worker } from 'worker_threads';

const WORKER_SOURCE = join(__dirname, '..', '..', 'src', 'xlsx', 'mergeFileWorker.ts');

/**
 * Start a worker of `createMergeWorkerPool` from the TypeScript source (the compiled script is not there under
 * ts-jest), through tsx's require hook. `before` is JavaScript run in the worker first (`exitOnPath`, `holdOnPath`);
 * `workerData` is the worker's.
 */
export function startTsMergeWorker(before = '', workerData?: unknown): () => Worker {
  const script = `${before}\nrequire(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(WORKER_SOURCE)});`;
  return () => new Worker(script, { eval: true, workerData });
}

/** JavaScript for `startTsMergeWorker`: the worker stops (exit code 7) when asked to read a path containing `marker`. */
export const exitOnPath = (marker: string): string =>
  `require('worker_threads').parentPort.on('message', (request) => { if (request.path.includes(${JSON.stringify(marker)})) process.exit(7); });`;

/** A gate between the test and its workers: `holdOnPath` waits for `open` (at most 20 s). */
export interface Gate {
  readonly buffer: SharedArrayBuffer;
  open(): void;
}

/** A closed gate, passed to the workers as `workerData`. */
export function createGate(): Gate {
  const buffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(buffer);
  return {
    buffer,
    open: () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
  };
}

/**
 * JavaScript for `startTsMergeWorker` with a gate's buffer as `workerData`: before reading a path containing `marker`
 * the worker waits until the test opens the gate, so that other files' reads end first whatever the machine's load.
 */
export const holdOnPath = (marker: string): string =>
  `require('worker_threads').parentPort.on('message', (request) => { if (request.path.includes(${JSON.stringify(marker)})) Atomics.wait(new Int32Array(require('worker_threads').workerData), 0, 0, 20000); });`;
