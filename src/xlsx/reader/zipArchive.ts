import { createReadStream } from 'fs';
import { open, type FileHandle } from 'fs/promises';
import type { Readable } from 'stream';
import { constants as zlibConstants, createInflateRaw } from 'zlib';
import { assertKnownMethod, entryDataOffset, readZipEntries, wholeText, ZipFormatError, type ZipArchive, type ZipEntry } from './zipDirectory';

export type { ZipArchive, ZipEntry } from './zipDirectory';
export { ZipFormatError } from './zipDirectory';

/** Compressed bytes read from the file per step. */
const READ_CHUNK_BYTES = 256 * 1024;
/** Inflated bytes per chunk handed to the caller. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/** True for zlib's and the file stream's own failures (a damaged entry), as opposed to the caller's. */
function isStreamError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE');
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * List a zip archive's entries by reading only its central directory (a few KB, whatever the
 * archive's size), Zip64 included.
 * @throws ZipFormatError when the file is not a readable zip; the file system's errors (ENOENT…).
 */
export async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const file = await open(path, 'r');
  try {
    return await directoryOf(file);
  } finally {
    await file.close();
  }
}

async function directoryOf(file: FileHandle): Promise<Map<string, ZipEntry>> {
  const { size } = await file.stat();
  return readZipEntries((position, length) => readAt(file, position, length), size);
}

/**
 * Open a zip archive for reading entries one at a time, with memory bounded by one read chunk
 * (256 KB) plus what the caller keeps. The directory is read by hand: fflate (0.8.3) reads a
 * directory only from the whole archive in memory (`unzipSync`) or walks local headers front to
 * back (`Unzip`), and a workbook's shared strings may come after its sheets. Deflated entries are
 * inflated by node's zlib, on its thread pool (so inflating overlaps the caller's parsing): on the
 * 100,000-row benchmark sheet (38.7 MB of XML) fflate's `Inflate` took 850-2,700 ms in a fresh
 * process (JavaScript not yet optimised, as in every CLI run) against 270-430 ms for zlib.
 * @throws ZipFormatError when the file is not a readable zip; the file system's errors (ENOENT…).
 */
export async function openZipArchive(path: string): Promise<ZipArchive> {
  const file = await open(path, 'r');
  let entries: Map<string, ZipEntry>;
  try {
    entries = await directoryOf(file);
  } catch (error) {
    await file.close();
    throw error;
  }

  const streamText = async (entry: ZipEntry, onText: (text: string) => unknown, maxCompressedBytes?: number): Promise<void> => {
    assertKnownMethod(entry);
    const dataAt = entryDataOffset(entry, await readAt(file, entry.localHeaderOffset, 30));
    const length = maxCompressedBytes === undefined ? entry.compressedSize : Math.min(entry.compressedSize, maxCompressedBytes);
    const decoder = new TextDecoder('utf-8');
    if (length === 0) {
      onText('');
      return;
    }
    const raw = createReadStream(path, { start: dataAt, end: dataAt + length - 1, highWaterMark: READ_CHUNK_BYTES });
    // A probe of the first bytes ends mid-stream: flush what was inflated instead of failing.
    const inflater = entry.method === 8 ? createInflateRaw(maxCompressedBytes === undefined ? { chunkSize: INFLATE_CHUNK_BYTES } : { chunkSize: INFLATE_CHUNK_BYTES, finishFlush: zlibConstants.Z_SYNC_FLUSH }) : null;
    const source: Readable = inflater === null ? raw : raw.pipe(inflater);
    raw.on('error', (error) => source.destroy(error));
    let stopped = false;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '' && onText(text) === false) {
          stopped = true;
          break;
        }
      }
      if (!stopped) {
        const rest = decoder.decode();
        if (rest !== '') onText(rest);
      }
    } catch (error) {
      if (isStreamError(error)) throw new ZipFormatError(`${entry.name}: ${(error as Error).message}`);
      throw error;
    } finally {
      raw.destroy();
      inflater?.destroy();
    }
  };

  return {
    entries,
    streamText,
    readText: (entry) => wholeText(streamText, entry),
    close: () => file.close(),
  };
}
