import type { MergedLedgerOutcome, PaneHost } from '../../src/taskpane/paneHost';
import type { PickedFile, PickedFileProgress } from '../../src/workflows/mergePickedFiles';

/** The host's 合并区县台账 (`PaneHost.mergeLedgerFiles`). */
export type Merge = NonNullable<PaneHost['mergeLedgerFiles']>;

/** A merge the test drives: it records the files and the progress callback, and settles when told. */
export function drivenMerge() {
  const calls: { files: readonly PickedFile[]; onProgress: (p: PickedFileProgress) => void }[] = [];
  let settle: { resolve: (o: MergedLedgerOutcome) => void; reject: (e: unknown) => void } | null = null;
  const merge: Merge = (files, onProgress) => {
    calls.push({ files, onProgress });
    return new Promise<MergedLedgerOutcome>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { merge, calls, resolve: (o: MergedLedgerOutcome) => settle?.resolve(o), reject: (e: unknown) => settle?.reject(e) };
}
