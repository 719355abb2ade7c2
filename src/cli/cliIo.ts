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

/** Write lines of text to a stream, cleaned, each ending with a newline. */
export function writeLines(stream: ProgressStream, lines: readonly string[]): void {
  stream.write(lines.map(cleanLine).join('\n') + '\n');
}
