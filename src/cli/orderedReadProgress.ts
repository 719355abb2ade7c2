import type { ReadProgress } from './readProgress';

interface FileProgress {
  sourceRows?: number | null;
  last?: readonly [rowsRead: number, fraction: number | null];
  done: boolean;
}

/**
 * The read progress of files read at once (`ledger-stats merge`'s worker pool), shown one file at a time in the files'
 * order: file `index` reports through its own `ReadProgress` (`open(index)`) once every file before it is done; until
 * then its progress is kept and the latest of it replayed when its turn comes. A file done before its turn shows
 * nothing.
 */
export function orderedReadProgress(count: number, open: (index: number) => ReadProgress): (index: number) => ReadProgress {
  const files: FileProgress[] = Array.from({ length: count }, () => ({ done: false }));
  let head = 0;
  let live: ReadProgress | null = null;
  const advance = (): void => {
    while (head < count && files[head]?.done === true) head++;
    const file = files[head];
    if (file === undefined) return;
    live = open(head);
    if (file.sourceRows !== undefined) live.onSourceRows(file.sourceRows);
    if (file.last !== undefined) live.onProgress(...file.last);
  };
  return (index) => {
    const file = files[index] as FileProgress;
    const isLive = (): boolean => index === head;
    return {
      onSourceRows: (rows) => {
        file.sourceRows = rows;
        if (isLive()) (live ??= open(index)).onSourceRows(rows);
      },
      onProgress: (rowsRead, fraction) => {
        file.last = [rowsRead, fraction];
        if (isLive()) (live ??= open(index)).onProgress(rowsRead, fraction);
      },
      done: () => {
        if (file.done) return;
        file.done = true;
        if (!isLive()) return;
        live?.done();
        live = null;
        advance();
      },
    };
  };
}
