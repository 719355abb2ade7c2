import type { PickedFilePort } from '../../workflows/mergePickedFiles';
import { openXlsxBytes } from '../reader/openXlsxBytes';
import { xlsxReadPortOver } from '../xlsxReadPortOver';

/**
 * The read port over a workbook picked in the task pane: the project's .xlsx reader over the file's bytes (fflate, no
 * file system), as `mergePickedFiles` takes it. The one module of src/xlsx the pane may import, and only with a
 * dynamic `import()` (eslint.config.js), so the reader is a chunk of its own loaded when the user merges.
 * @throws PortError as `openXlsxBytes`.
 */
export async function openPickedFilePort(bytes: Uint8Array, name: string): Promise<PickedFilePort> {
  return xlsxReadPortOver(await openXlsxBytes(bytes, name));
}
