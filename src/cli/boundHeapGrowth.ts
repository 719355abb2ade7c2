import { statSync } from 'fs';
import { setFlagsFromString } from 'v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection before the next one, in percent, for
 * the CLI's process when it reads a large file (issue 15: `refresh` of a full sheet of 1,048,576 rows under 600 MB).
 * V8's default picks a factor of up to 4 for a process that allocates fast, as a server would want: the read and the
 * summaries' writing then left garbage of several times the live data before a full collection. Measured on the
 * bench's 1,048,573-row refresh, one run after the other: peak RSS 847 MB and 44 s with the default, 533 MB and 47 s
 * at 25 %, 555 MB at 50 %, 782 MB at 100 % (an earlier build: 558 MB at 25 %, 556 MB at 15 %, so lower buys little).
 * The heap keeps no hard limit: a larger workbook still only costs memory.
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * The size from which an input counts as large: about 330,000 rows of the bench's ledger (7.2 MB for 100,000 rows,
 * 76 MB for 1,048,573). Below it the bound is not set: the extra full collections cost 10–20 % of a 100,000-row
 * `summarize` (2.4 → 2.7–3.0 s measured), where memory is not at stake (under 300 MB).
 */
export const LARGE_INPUT_BYTES = 24 * 1024 * 1024;

/** Whether an argument (not an option) names a file of `LARGE_INPUT_BYTES` or more. */
export function hasLargeInput(argv: readonly string[]): boolean {
  return argv.some((arg) => {
    if (arg.startsWith('-')) return false;
    try {
      const stats = statSync(arg);
      return stats.isFile() && stats.size >= LARGE_INPUT_BYTES;
    } catch {
      return false;
    }
  });
}

/**
 * Set `HEAP_GROWING_PERCENT` for this process (every thread: V8's flags are per process) when the command line names a
 * large file (`hasLargeInput`). Called once by the CLI's entry point before the command runs; never by code a host
 * embeds (tests, the task panes). @returns whether it was set.
 */
export function boundHeapGrowth(argv: readonly string[]): boolean {
  if (!hasLargeInput(argv)) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
