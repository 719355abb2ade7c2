import { setFlagsFromString } from 'v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection before the next one, in percent, for
 * the CLI's process (issue 15: `refresh` of a full sheet of 1,048,576 rows under 600 MB). V8's default picks a factor
 * of up to 4 for a process that allocates fast, as a server would want: the read and the summaries' writing then left
 * garbage of several times the live data before a full collection. Measured on the bench's 1,048,573-row refresh,
 * one run after the other: peak RSS 847 MB and 44 s with the default, 533 MB and 47 s at 25 % (an earlier build: 558
 * MB at 25 %, 556 MB at 15 %, so lower buys little). The heap keeps no hard limit: a larger workbook still only costs
 * memory.
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * Set `HEAP_GROWING_PERCENT` for this process (every thread: V8's flags are per process). Called once by the CLI's
 * entry point before a command runs; never by code a host embeds (tests, the task panes).
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
