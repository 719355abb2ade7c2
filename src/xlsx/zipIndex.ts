import { open, type FileHandle } from 'fs/promises';
import { constants as zlibConstants, inflateRawSync } from 'zlib';

/** One file inside a zip archive, from the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the entry's local header. */
  readonly localHeaderOffset: number;
  /** Offset of the entry's central-directory record (for patching). */
  readonly centralOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_EOCD_SEARCH = 22 + 0xffff;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * List a zip archive's entries by reading only its central directory (a few KB, whatever the
 * archive's size). Supports zip64. Returns `null` when the file is not a readable zip.
 */
export async function readZipEntries(path: string): Promise<ZipEntry[] | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailStart = Math.max(0, size - MAX_EOCD_SEARCH);
    const tail = await readAt(file, tailStart, size - tailStart);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if ((cdOffset === 0xffffffff || count === 0xffff) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64At = Number(tail.readBigUInt64LE(eocd - 20 + 8));
      const zip64 = await readAt(file, zip64At, 56);
      count = Number(zip64.readBigUInt64LE(32));
      cdSize = Number(zip64.readBigUInt64LE(40));
      cdOffset = Number(zip64.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size) return null;
    const cd = await readAt(file, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let n = 0; n < count && at + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      let compressedSize = cd.readUInt32LE(at + 20);
      let uncompressedSize = cd.readUInt32LE(at + 24);
      let localHeaderOffset = cd.readUInt32LE(at + 42);
      const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
      // zip64 extended information: the 8-byte values follow in this order, each only when its 4-byte field is saturated.
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
      entries.push({
        name,
        method: cd.readUInt16LE(at + 10),
        compressedSize,
        uncompressedSize,
        localHeaderOffset,
        centralOffset: cdOffset + at,
      });
      at = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await file.close();
  }
}

/**
 * Read an entry's text, or only its beginning when `maxCompressedBytes` is given (a truncated
 * deflate stream still inflates up to where it stops). Returns `null` for an unknown method.
 */
export async function readZipEntryText(path: string, entry: ZipEntry, maxCompressedBytes?: number): Promise<string | null> {
  const file = await open(path, 'r');
  try {
    const header = await readAt(file, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) return null;
    const dataAt = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const length = maxCompressedBytes === undefined ? entry.compressedSize : Math.min(entry.compressedSize, maxCompressedBytes);
    const data = await readAt(file, dataAt, length);
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method !== 8) return null;
    const inflated = inflateRawSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    return inflated.toString('utf8');
  } finally {
    await file.close();
  }
}
