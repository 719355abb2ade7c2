import { mergePickedFiles, type PickedFile, type PickedFileProgress, type PickedFilesMerge } from '../workflows/mergePickedFiles';
import { MERGED_SHEET } from '../workflows/readMergeSource';
import { openPickedFilePort } from '../xlsx/browser/openPickedFilePort';

/**
 * The part of 合并区县台账 the pane loads on demand (`createPaneHost` imports this module with a dynamic `import()`,
 * so webpack puts it, the .xlsx reader and fflate in a chunk of their own): merge the picked workbooks in the browser,
 * one file at a time with a yield to the UI before each (`mergePickedFiles` over `openPickedFilePort`).
 */
export async function mergeFilesInBrowser(
  files: readonly PickedFile[],
  onProgress: (progress: PickedFileProgress) => void,
  yieldToUi: (() => Promise<void>) | undefined,
): Promise<{ readonly merge: PickedFilesMerge; readonly sheetName: string }> {
  const merge = await mergePickedFiles(files, openPickedFilePort, { onProgress, ...(yieldToUi === undefined ? {} : { yieldToUi }) });
  return { merge, sheetName: MERGED_SHEET };
}
