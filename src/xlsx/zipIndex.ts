import { openZipArchive, readZipDirectory, ZipFormatError, type ZipEntry } from './reader/zipArchive';

export type { ZipEntry } from './reader/zipArchive';

/**
 * List a zip archive's entries by reading only its central directory (Zip64 included), in the
 * directory's order. Returns `null` when the file is not a readable zip. A thin form of
 * `readZipDirectory` (reader/zipArchive.ts) for callers that want a list.
 * @throws the file system's errors (ENOENT…).
 */
export async function readZipEntries(path: string): Promise<ZipEntry[] | null> {
  try {
    return [...(await readZipDirectory(path)).values()];
  } catch (error) {
    if (error instanceof ZipFormatError) return null;
    throw error;
  }
}

/**
 * Read an entry's text, or only its beginning when `maxCompressedBytes` is given (a truncated
 * deflate stream still inflates up to where it stops). Returns `null` for an unknown method or a
 * damaged entry.
 * @throws the file system's errors (ENOENT…).
 */
export async function readZipEntryText(path: string, entry: ZipEntry, maxCompressedBytes?: number): Promise<string | null> {
  const zip = await openZipArchive(path);
  try {
    const parts: string[] = [];
    await zip.streamText(entry, (text) => {
      parts.push(text);
    }, maxCompressedBytes);
    return parts.join('');
  } catch (error) {
    if (error instanceof ZipFormatError) return null;
    throw error;
  } finally {
    await zip.close();
  }
}
