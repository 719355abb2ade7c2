import ExcelJS from 'exceljs';
import { randomBytes } from 'crypto';
import { rename, unlink } from 'fs/promises';
import { basename, dirname, join } from 'path';
import { PortError } from '../workflows/workbookPort';

/**
 * Write the workbook to `path` atomically: into a temporary file beside it, then renamed over
 * `path`, so readers see either the old file or the complete new one, never a half-written file.
 * @throws PortError `write_failed` (the temporary file is removed; `path` is untouched).
 */
export async function saveWorkbookAtomic(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException | null)?.code;
    throw new PortError('write_failed', code ?? (error instanceof Error ? error.message : String(error)), { cause: error });
  }
}
