/**
 * A zip archive's central directory, parsed from bytes: no file system and no zlib, so the same code lists the entries
 * of a file on disk (`openZipArchive`) and of bytes in memory (`openZipBytes`, in a browser too).
 */

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

/** An open zip archive: its directory, and its entries read on demand. */
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

/** Reads `length` bytes at `position` (fewer at the end of the archive). */
export type ReadBytesAt = (position: number, length: number) => Promise<Uint8Array>;

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end-of-central-directory record is 22 bytes, followed by a comment of at most 65,535. */
const MAX_EOCD_SEARCH = 22 + 0xffff;

const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const utf8 = new TextDecoder('utf-8');

/** Where the central directory is, from the end record (and its Zip64 form when a field is saturated). */
async function findCentralDirectory(readAt: ReadBytesAt, size: number): Promise<{ count: number; offset: number; size: number }> {
  const tailStart = Math.max(0, size - MAX_EOCD_SEARCH);
  const tail = viewOf(await readAt(tailStart, size - tailStart));
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a zip archive (no end of central directory)');
  let count = tail.getUint16(eocd + 10, true);
  let cdSize = tail.getUint32(eocd + 12, true);
  let cdOffset = tail.getUint32(eocd + 16, true);
  const saturated = count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  // Zip64 (APPNOTE 4.3.14-4.3.15): a locator right before the end record points at the Zip64 end record.
  const locatorAt = tailStart + eocd - 20;
  if (saturated && locatorAt >= 0) {
    const locator = viewOf(await readAt(locatorAt, 20));
    if (locator.byteLength === 20 && locator.getUint32(0, true) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64 = viewOf(await readAt(Number(locator.getBigUint64(8, true)), 56));
      if (zip64.byteLength < 56 || zip64.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE) throw new ZipFormatError('damaged Zip64 end of central directory');
      count = Number(zip64.getBigUint64(32, true));
      cdSize = Number(zip64.getBigUint64(40, true));
      cdOffset = Number(zip64.getBigUint64(48, true));
    }
  }
  if (cdOffset + cdSize > size) throw new ZipFormatError('central directory beyond the end of the file');
  return { count, offset: cdOffset, size: cdSize };
}

function parseCentralDirectory(bytes: Uint8Array, count: number, cdOffset: number): Map<string, ZipEntry> {
  const cd = viewOf(bytes);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count && at + 46 <= cd.byteLength; n++) {
    if (cd.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ZipFormatError('damaged central directory');
    const nameLength = cd.getUint16(at + 28, true);
    const extraLength = cd.getUint16(at + 30, true);
    const commentLength = cd.getUint16(at + 32, true);
    let compressedSize = cd.getUint32(at + 20, true);
    let uncompressedSize = cd.getUint32(at + 24, true);
    let localHeaderOffset = cd.getUint32(at + 42, true);
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Zip64 extended information (APPNOTE 4.5.3): 8-byte values in this order, each only when its 4-byte field is saturated.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = cd.getUint16(extra, true);
      const length = cd.getUint16(extra + 2, true);
      if (id === 0x0001) {
        let field = extra + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = Number(cd.getBigUint64(field, true));
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(cd.getBigUint64(field, true));
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.getBigUint64(field, true));
      }
      extra += 4 + length;
    }
    entries.set(name, { name, method: cd.getUint16(at + 10, true), compressedSize, uncompressedSize, localHeaderOffset, centralOffset: cdOffset + at });
    at = extraEnd + commentLength;
  }
  return entries;
}

/**
 * List a zip archive's entries by reading only its central directory (a few KB, whatever the archive's size), Zip64
 * included, through `readAt`.
 * @throws ZipFormatError when the bytes are not a readable zip; whatever `readAt` throws.
 */
export async function readZipEntries(readAt: ReadBytesAt, size: number): Promise<Map<string, ZipEntry>> {
  const cd = await findCentralDirectory(readAt, size);
  return parseCentralDirectory(await readAt(cd.offset, cd.size), cd.count, cd.offset);
}

/**
 * Where an entry's data starts, from its local header (30 bytes read at `entry.localHeaderOffset`).
 * @throws ZipFormatError when the header is damaged.
 */
export function entryDataOffset(entry: ZipEntry, localHeader: Uint8Array): number {
  const header = viewOf(localHeader);
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_SIGNATURE) throw new ZipFormatError(`${entry.name}: damaged local header`);
  return entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
}

/** @throws ZipFormatError unless the entry is stored (0) or deflated (8). */
export function assertKnownMethod(entry: ZipEntry): void {
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`${entry.name}: unsupported compression method ${entry.method}`);
}

/** An entry's whole text, from an archive's `streamText` (what `ZipArchive.readText` gives). */
export async function wholeText(streamText: ZipArchive['streamText'], entry: ZipEntry): Promise<string> {
  const parts: string[] = [];
  await streamText(entry, (text) => {
    parts.push(text);
  });
  return parts.join('');
}
