import type { Lang } from '../domain';
import type { PickedFileProgress } from '../workflows/mergePickedFiles';
import { toRunError, type RunError } from '../workflows/runError';
import { failureLine, fill, LABELS } from './labels';
import type { MergedLedgerOutcome } from './paneHost';

/**
 * 合并区县台账's state and texts, shared by the Fluent pane (MergeLedgers.tsx) and the light pane
 * (src/legacyPane/renderLightPane.ts), so both say the same. Plain: no React, no DOM.
 */

/** One file's progress line: its latest state. */
export type MergeLine = Pick<PickedFileProgress, 'file' | 'state' | 'rowsRead' | 'error'>;

/** Where the merge stands. */
export type MergeState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'merging' }
  | { readonly kind: 'merged'; readonly outcome: MergedLedgerOutcome; readonly usedAsSource: boolean }
  | { readonly kind: 'failed'; readonly error: RunError };

/** A file's progress line: reading, rows read, or why it could not be read. */
export function mergeLineText(lang: Lang, line: MergeLine): string {
  if (line.state === 'read') return fill(lang, 'mergeRead', { file: line.file, rows: line.rowsRead ?? 0 });
  if (line.state === 'failed') return fill(lang, 'mergeFileFailed', { file: line.file, message: toRunError(line.error).message[lang] });
  return fill(lang, 'mergeReading', { file: line.file });
}

/** The result line: the merged figures and the sheet written, nothing read, or the failure with its code; empty while idle or merging. */
export function mergeResultText(lang: Lang, merge: MergeState): string {
  if (merge.kind === 'failed') return failureLine(lang, 'mergeFailed', merge.error);
  if (merge.kind !== 'merged') return '';
  const { outcome } = merge;
  if (outcome.sheet === null) return LABELS[lang].mergeNothingRead;
  const figures = fill(lang, 'mergeResult', { files: outcome.filesRead, projects: outcome.projects, duplicates: outcome.duplicates, warnings: outcome.warnings });
  return `${figures} ${fill(lang, 'mergeWritten', { sheet: outcome.sheet })}`;
}
