/** A stream the progress bar draws on. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** A progress bar on one terminal line. */
export interface ProgressBar {
  /** Redraw with `fraction` in [0, 1] (or `null` when unknown) and a status text. */
  update(fraction: number | null, status: string): void;
  /** Clear the line. */
  done(): void;
}

/** Rows above which a progress bar is shown. */
export const PROGRESS_MIN_ROWS = 20_000;
const BAR_WIDTH = 30;
/** Redraw at most every 100 ms: drawing per row would cost more than reading. */
const REDRAW_MS = 100;

/** The progress bar that draws nothing. */
export const SILENT_PROGRESS: ProgressBar = { update: () => undefined, done: () => undefined };

/**
 * A hand-written progress bar (`[██████░░░░] 42%  status`) redrawn in place with `\r`. Only on a
 * terminal: when `stream` is not a TTY the bar is silent, so redirected stderr stays clean.
 * @param now the clock (injected for tests).
 */
export function createProgressBar(stream: ProgressStream, label: string, now: () => number = Date.now): ProgressBar {
  if (stream.isTTY !== true) return SILENT_PROGRESS;
  let last = -Infinity;
  let drawn = false;
  return {
    update(fraction, status) {
      const t = now();
      if (t - last < REDRAW_MS && fraction !== 1) return;
      last = t;
      let bar: string;
      if (fraction === null) {
        bar = '';
      } else {
        const f = Math.min(1, Math.max(0, fraction));
        const filled = Math.round(f * BAR_WIDTH);
        bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  `;
      }
      const text = `${label} ${bar}${status}`;
      const max = (stream.columns ?? 80) - 1;
      stream.write(`\r\x1b[2K${text.length > max ? text.slice(0, max) : text}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
