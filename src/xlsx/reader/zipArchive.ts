import { createReadStream } from 'fs';
import { open, type FileHandle } from 'fs/promises';
import type { Readable } from 'stream';
import { constants as zlibConstants, createInflateRaw } from 'zlib';

/** One file inside a zip archive, from the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's local header. */
  readonly localHeaderOffset: number;
  /** Offset of the entry's central-directory record. */
  readonly centralOffset: number;
}

/** An open zip archive: its directory, and its entries read on demand from the file. */
export interface ZipArchive {
  /** Entries by name (names as stored, e.g. `xl/workbook.xml`). */
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /**
   * Stream an entry's text, decoded as UTF-8, in chunks as it inflates. Reading stops when
   * `onText` returns `false` (any other result goes on), or after `maxCompressedBytes` of compressed data when given (a
   * truncated deflate stream still inflates up to where it stops).
   * @throws ZipFormatError for an unknown compression method or a damaged entry.
   */
  streamText(entry: ZipEntry, onText: (text: string) => unknown, maxCompressedBytes?: number): Promise<void>;
  /** An entry's whole text. @throws ZipFormatError as `streamText`. */
  readText(entry: ZipEntry): Promise<string>;
  close(): Promise<void>;
}

/** The archive is not a zip, or an entry cannot be read. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end-of-central-directory record is 22 bytes, followed by a comment of at most 65,535. */
const MAX_EOCD_SEARCH = 22 + 0xffff;
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

/** Where the central directory is, from the end record (and its Zip64 form when a field is saturated). */
async function findCentralDirectory(file: FileHandle, size: number): Promise<{ count: number; offset: number; size: number }> {
  const tailStart = Math.max(0, size - MAX_EOCD_SEARCH);
  const tail = await readAt(file, tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a zip archive (no end of central directory)');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const saturated = count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  // Zip64 (APPNOTE 4.3.14-4.3.15): a locator right before the end record points at the Zip64 end record.
  const locatorAt = tailStart + eocd - 20;
  if (saturated && locatorAt >= 0) {
    const locator = await readAt(file, locatorAt, 20);
    if (locator.length === 20 && locator.readUInt32LE(0) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64At = Number(locator.readBigUInt64LE(8));
      const zip64 = await readAt(file, zip64At, 56);
      if (zip64.length < 56 || zip64.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new ZipFormatError('damaged Zip64 end of central directory');
      count = Number(zip64.readBigUInt64LE(32));
      cdSize = Number(zip64.readBigUInt64LE(40));
      cdOffset = Number(zip64.readBigUInt64LE(48));
    }
  }
  if (cdOffset + cdSize > size) throw new ZipFormatError('central directory beyond the end of the file');
  return { count, offset: cdOffset, size: cdSize };
}

function parseCentralDirectory(cd: Buffer, count: number, cdOffset: number): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count && at + 46 <= cd.length; n++) {
    if (cd.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipFormatError('damaged central directory');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    let compressedSize = cd.readUInt32LE(at + 20);
    let uncompressedSize = cd.readUInt32LE(at + 24);
    let localHeaderOffset = cd.readUInt32LE(at + 42);
    const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
    // Zip64 extended information (APPNOTE 4.5.3): 8-byte values in this order, each only when its 4-byte field is saturated.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = cd.readUInt16LE(extra);
      const length = cd.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = Number(cd.readBigUInt64LE(field));
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(cd.readBigUInt64LE(field));
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(field));
      }
      extra += 4 + length;
    }
    entries.set(name, { name, method: cd.readUInt16LE(at + 10), compressedSize, uncompressedSize, localHeaderOffset, centralOffset: cdOffset + at });
    at = extraEnd + commentLength;
  }
  return entries;
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
  const cd = await findCentralDirectory(file, size);
  return parseCentralDirectory(await readAt(file, cd.offset, cd.size), cd.count, cd.offset);
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
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`${entry.name}: unsupported compression method ${entry.method}`);
    const header = await readAt(file, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError(`${entry.name}: damaged local header`);
    const dataAt = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
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
    async readText(entry) {
      const parts: string[] = [];
      await streamText(entry, (text) => {
        parts.push(text);
      });
      return parts.join('');
    },
    close: () => file.close(),
  };
}
