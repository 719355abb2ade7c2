/**
 * Helpers shared by the benchmarks: a seeded PRNG, the median, wall-time and CPU-time measurement,
 * and a full garbage collection. Not a `.bench.ts` file, so `bench/run.ts` does not run it.
 */
import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/** mulberry32: a small, fast, seeded PRNG, so every run benchmarks the same data. Returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The median of the values (the upper middle one for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** One call of `run`: its wall time in milliseconds, and what it returned. */
export function timed<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

/** CPU time (user + system) of this process since `start` (from `process.cpuUsage()`), in milliseconds. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * A full garbage collection on demand, so that the garbage one side leaves is not collected
 * during the other side's timing (`--expose-gc` switched on at run time).
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * A full collection, then a pause for V8's concurrent sweeper threads to finish freeing what it
 * found. Timing right after `collectGarbage` alone measures the sweeping too: on this 2-core
 * machine, summarising 1,000,000 rows right after a collection of the other side's garbage took
 * 30-60 ms longer than after a pause.
 */
export async function settleHeap(pauseMs = 300): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
