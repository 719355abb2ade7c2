import type { ProgressStream } from './progressBar';

/** Where the CLI writes, and its environment (injected for tests). */
export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock (default: the system's), for the default data date of `rank`, `warn` and `summarize --json`. */
  readonly now?: () => Date;
}

/** The real process streams. A closed stdout (`ledger-stats … | head`) ends the process quietly. */
export function processIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/**
 * Remove what could drive the terminal: ledger text may hold escape sequences or other control
 * characters. Tabs become spaces and line breaks become " ⏎ " so that one item stays on one line.
 */
export function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\r\n|\r|\n/g, ' ⏎ ').replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** Lines per write of `writeLines`. */
const LINES_PER_WRITE = 2_000;

/**
 * Write lines of text to a stream, cleaned, each ending with a newline (none: one newline), a few thousand lines
 * per write: `validate` of a full sheet prints 759,412 lines, taken from a generator and never held together.
 */
export function writeLines(stream: ProgressStream, lines: Iterable<string>): void {
  let batch: string[] = [];
  let written = false;
  for (const line of lines) {
    batch.push(cleanLine(line));
    if (batch.length >= LINES_PER_WRITE) {
      stream.write(`${batch.join('\n')}\n`);
      batch = [];
      written = true;
    }
  }
  if (batch.length > 0 || !written) stream.write(`${batch.join('\n')}\n`);
}
