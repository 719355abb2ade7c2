import { mergedLedgerGrid, mergeLedgers } from '../domain';
import type { MergedLedgerGrid, MergeResult, MergeUnit } from '../domain';
import type { LedgerSourcePort } from './readLedgerSource';
import { commonDataDate, readMergeSource, type MergeFileRead } from './readMergeSource';
import { WorkflowError } from './runError';

/** A workbook the user picked (an `<input type="file">`'s `File`): its name and, on demand, its bytes. */
export interface PickedFile {
  readonly name: string;
  bytes(): Promise<Uint8Array>;
}

/** A read-only port over one picked workbook, closed after its read. */
export interface PickedFilePort extends LedgerSourcePort {
  close(): Promise<void>;
}

/** Where the merge of picked files is, for a progress line per file. */
export interface PickedFileProgress {
  readonly file: string;
  /** 0-based position among the picked files. */
  readonly index: number;
  readonly count: number;
  /** `reading` before the file is read, `read` after, `failed` when it could not be read (`error` says why). */
  readonly state: 'reading' | 'read' | 'failed';
  /** Rows read, once `read`. */
  readonly rowsRead?: number;
  readonly error?: unknown;
}

/** Options of `mergePickedFiles`. */
export interface MergePickedFilesOptions {
  /** Unit of the merged ledger's amounts (亿元 by default, as `ledger-stats merge`). */
  readonly unit?: MergeUnit;
  readonly onProgress?: (progress: PickedFileProgress) => void;
  /** Let the UI breathe before each file (the pane passes a `setTimeout(0)` yield: a macrotask, so it repaints). */
  readonly yieldToUi?: () => Promise<void>;
}

/** The merged ledger of picked files, and what each file gave. */
export interface PickedFilesMerge {
  /** The files read, in the order picked. */
  readonly files: readonly MergeFileRead[];
  /** The files that could not be read (not a workbook, no ledger found), with the reason. */
  readonly failed: readonly { readonly file: string; readonly error: unknown }[];
  readonly result: MergeResult;
  /** The merged ledger as `ledger-stats merge` writes it to 合并台账 (its title states the files' common data date). */
  readonly sheet: MergedLedgerGrid;
}

/**
 * Merge the districts' workbooks the user picked in the task pane, as `ledger-stats merge` merges files on disk: each
 * one read by `readMergeSource` over the port `openPort` gives for its bytes (the pane's is the project's .xlsx reader
 * over fflate, loaded on demand), one file at a time with a yield to the UI before each (reading in slices keeps the
 * pane responsive), then `mergeLedgers` and `mergedLedgerGrid`. A file that cannot be read, or holds no ledger, is
 * reported in `failed` and left out; the others are merged.
 */
export async function mergePickedFiles(
  files: readonly PickedFile[],
  openPort: (bytes: Uint8Array, name: string) => Promise<PickedFilePort>,
  options: MergePickedFilesOptions = {},
): Promise<PickedFilesMerge> {
  const pause = options.yieldToUi ?? (async () => undefined);
  const report = options.onProgress ?? (() => undefined);
  const reads: MergeFileRead[] = [];
  const failed: { file: string; error: unknown }[] = [];
  for (const [index, picked] of files.entries()) {
    const at = { file: picked.name, index, count: files.length };
    report({ ...at, state: 'reading' });
    await pause();
    try {
      const port = await openPort(await picked.bytes(), picked.name);
      try {
        const read = await readMergeSource(port, picked.name);
        if (read.ledger.read.header === null) {
          throw new WorkflowError('ledger_not_found', { 'zh-CN': '文件中找不到台账表头。', 'en-US': 'No ledger header was found in the file.' });
        }
        reads.push(read);
        report({ ...at, state: 'read', rowsRead: read.rowsRead });
      } finally {
        await port.close();
      }
    } catch (error) {
      failed.push({ file: picked.name, error });
      report({ ...at, state: 'failed', error });
    }
  }
  const result = mergeLedgers(reads.map((r) => r.source));
  const dataDate = commonDataDate(reads);
  const grid = mergedLedgerGrid(result, {
    ...(options.unit === undefined ? {} : { unit: options.unit }),
    ...(dataDate === undefined ? {} : { dataDate }),
  });
  return { files: reads, failed, result, sheet: grid };
}
