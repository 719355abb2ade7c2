import type { Lang } from '../domain';
import type { CliIo } from './cliIo';
import { cliText } from './cliText';
import { createProgressBar, PROGRESS_MIN_ROWS, SILENT_PROGRESS, type ProgressBar } from './progressBar';

/** The progress callbacks of a streamed read, and the clean-up. */
export interface ReadProgress {
  readonly onSourceRows: (rows: number | null) => void;
  readonly onProgress: (rowsRead: number, fraction: number | null) => void;
  readonly done: () => void;
}

/** 1234567 → "1,234,567" without Intl (whose first use costs ~100 ms of ICU loading). */
export function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A progress bar for reading a ledger, on stderr, shown only when the source has more than
 * 20,000 rows (known from the sheet's dimension, or once that many rows were read) and stderr
 * is a terminal.
 */
export function readProgress(io: CliIo, lang: Lang): ReadProgress {
  let bar: ProgressBar | null = null;
  let knownRows: number | null = null;
  const activate = (): void => {
    bar ??= createProgressBar(io.stderr, cliText(lang, 'reading'));
  };
  return {
    onSourceRows: (rows) => {
      knownRows = rows;
      if (rows !== null && rows > PROGRESS_MIN_ROWS) activate();
    },
    onProgress: (rowsRead, fraction) => {
      if (bar === null && (knownRows === null || knownRows > PROGRESS_MIN_ROWS) && rowsRead > PROGRESS_MIN_ROWS) activate();
      if (bar === null || bar === SILENT_PROGRESS) return;
      bar.update(fraction, cliText(lang, 'rowsRead', { rows: groupThousands(rowsRead) }));
    },
    done: () => (bar ?? SILENT_PROGRESS).done(),
  };
}
