import { randomBytes } from 'crypto';
import { createReadStream } from 'fs';
import { open, rename, unlink, type FileHandle } from 'fs/promises';
import { basename, dirname, join } from 'path';
import { once } from 'events';
import type { TransformOptions } from 'stream';
import { crc32, createDeflateRaw, createInflateRaw, type ZlibOptions } from 'zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { PortError } from '../../workflows/workbookPort';
import type { PackageEntry, XlsxPackage } from './XlsxPackage';

/**
 * New content of a part: text, text in chunks, a rewrite of the original part's bytes, or text
 * made only after every other part was written (`late`: written last, wherever the part was).
 */
export type PartContent =
  | string
  | Iterable<string>
  | { readonly rewrite: (original: AsyncIterable<Buffer>) => AsyncIterable<Buffer | string> }
  | { readonly late: () => string };

/** What changes between the input package and the output. Every other part is copied unchanged. */
export interface PackageEdits {
  /** Parts left out of the output. */
  readonly drop: ReadonlySet<string>;
  /** Parts whose content changes; they keep their place in the archive. */
  readonly replace: ReadonlyMap<string, PartContent>;
  /** New parts, written after the copied ones, in this order. */
  readonly add: readonly { readonly name: string; readonly content: PartContent }[];
}

/** Bytes read from the input per copied chunk. */
const COPY_CHUNK = 1 << 20;
const LOCAL_HEADER_BYTES = 30;
/** Bytes that may wait for zlib, and deflated bytes that may wait for the file, before this thread waits for them. */
const WRITE_AHEAD_BYTES = 1024 * 1024;
/** Output pieces of the inflated original parts. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * Deflate level of rewritten and new parts. Level 3 rather than zlib's default 6: on the 100,000-row bench output
 * (the rewritten ledger sheet, the validation sheet and the state sheet, 107 MB of XML) it took a third to a half of
 * level 6's CPU time, for parts 12-15% larger.
 */
const DEFLATE_LEVEL = 3;
/** zlib's options with the stream's own (Node's zlib streams take both; its types list only zlib's). */
const DEFLATE_OPTIONS: ZlibOptions & TransformOptions = { level: DEFLATE_LEVEL, writableHighWaterMark: WRITE_AHEAD_BYTES };

/** Where an entry's compressed data starts (after its local header). */
async function dataOffset(input: FileHandle, entry: PackageEntry): Promise<number> {
  const header = Buffer.alloc(LOCAL_HEADER_BYTES);
  await input.read(header, 0, LOCAL_HEADER_BYTES, entry.localHeaderOffset);
  if (header.readUInt32LE(0) !== 0x04034b50) throw new Error(`${entry.name}: bad local header`);
  return entry.localHeaderOffset + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** The original part's uncompressed bytes, streamed. */
async function* originalBytes(path: string, input: FileHandle, entry: PackageEntry): AsyncIterable<Buffer> {
  if (entry.compressedSize === 0) return;
  const start = await dataOffset(input, entry);
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: COPY_CHUNK });
  if (entry.method === 0) {
    for await (const chunk of raw) yield chunk as Buffer;
    return;
  }
  if (entry.method !== 8) throw new Error(`${entry.name}: compression method ${entry.method} is not supported`);
  // Inflated in pieces of INFLATE_CHUNK_BYTES, not zlib's 16 KB: each piece costs a turn through the writer's loop (a
  // 100,000-row ledger sheet is 39 MB of XML).
  const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
  raw.on('error', (error) => inflate.destroy(error));
  for await (const chunk of raw.pipe(inflate)) yield chunk as Buffer;
}

/**
 * Write a package: every part of `pkg` that the edits neither drop nor replace is copied with
 * its compressed bytes untouched (same content, same CRC, never inflated); replaced parts are
 * written at their place and new parts at the end, deflated by zlib. Memory stays bounded by one chunk
 * per part whatever the size of the input.
 *
 * The output is written to a temporary file beside `outputPath`, flushed to disk (fsync) and
 * renamed over `outputPath`, so a reader sees the old file or the complete new one, never a
 * half-written file, and `outputPath` may be the input itself.
 * @throws PortError `write_failed` (the temporary file is removed; `outputPath` is untouched).
 */
export async function writePackage(pkg: XlsxPackage, edits: PackageEdits, outputPath: string): Promise<void> {
  const temp = join(dirname(outputPath), `.${basename(outputPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let output: FileHandle | null = null;
  const input = await open(pkg.path, 'r');
  try {
    output = await open(temp, 'w');
    const out = output;
    const queue: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error !== null) failure = error;
      else queue.push(chunk);
    });
    const queuedBytes = (): number => queue.reduce((n, chunk) => n + chunk.length, 0);
    const flush = async (): Promise<void> => {
      if (failure !== null) throw failure;
      while (queue.length > 0) {
        const chunks = queue.splice(0);
        await out.write(chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks));
      }
    };

    // Deflated by zlib (native, off the main thread) rather than fflate's JavaScript deflate: on a
    // 100,000-row ledger the rewritten sheet and the validation sheet took 13 s with fflate.
    const writeContent = async (name: string, content: PartContent, entry: PackageEntry | undefined): Promise<void> => {
      const file: ZipInputFile = { filename: name, size: 0, crc: 0, compression: 8 };
      zip.add(file);
      // Up to WRITE_AHEAD_BYTES of XML wait for zlib (compressing on libuv's threads) before this thread waits in turn:
      // with the stream's default 16 KB it waited on nearly every piece instead of rendering the next one.
      const deflate = createDeflateRaw(DEFLATE_OPTIONS);
      deflate.on('data', (chunk: Buffer) => file.ondata?.(null, chunk as Uint8Array<ArrayBuffer>, false));
      const pieces: AsyncIterable<Buffer | string> | Iterable<string> =
        typeof content === 'string'
          ? [content]
          : 'late' in content
            ? [content.late()]
            : 'rewrite' in content
              ? content.rewrite(entry === undefined ? emptyBytes() : originalBytes(pkg.path, input, entry))
              : content;
      let crc = 0;
      let size = 0;
      for await (const piece of pieces) {
        if (piece.length === 0) continue;
        const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        // zlib's native CRC-32 (Node 20.15 and later; engines asks for 20.19): the JavaScript loop it replaces took
        // a quarter of a second per 100 MB of parts written.
        crc = crc32(bytes, crc);
        size += bytes.length;
        if (!deflate.write(bytes)) await once(deflate, 'drain');
        if (queuedBytes() >= WRITE_AHEAD_BYTES) await flush();
      }
      const ended = once(deflate, 'end');
      deflate.end();
      await ended;
      file.crc = crc;
      file.size = size;
      file.ondata?.(null, new Uint8Array(0), true);
      await flush();
    };

    const late: { name: string; content: PartContent; entry: PackageEntry | undefined }[] = [];
    for (const entry of pkg.entries) {
      if (edits.drop.has(entry.name)) continue;
      const replacement = edits.replace.get(entry.name);
      if (replacement !== undefined && typeof replacement === 'object' && 'late' in replacement) late.push({ name: entry.name, content: replacement, entry });
      else if (replacement !== undefined) await writeContent(entry.name, replacement, entry);
      else await copyRaw(zip, input, entry, flush);
    }
    for (const { name, content } of edits.add) {
      if (typeof content === 'object' && 'late' in content) late.push({ name, content, entry: undefined });
      else await writeContent(name, content, undefined);
    }
    for (const { name, content, entry } of late) await writeContent(name, content, entry);
    zip.end();
    await flush();
    await out.sync();
    await out.close();
    output = null;
    await rename(temp, outputPath);
  } catch (error) {
    await output?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (error instanceof PortError) throw error;
    const code = (error as NodeJS.ErrnoException | null)?.code;
    throw new PortError('write_failed', code ?? (error instanceof Error ? error.message : String(error)), { cause: error });
  } finally {
    await input.close();
  }
}

async function* emptyBytes(): AsyncIterable<Buffer> {
  // A new part has no original bytes.
}

/** Copy an entry's compressed data as it is, with its CRC and sizes, into the new archive. */
async function copyRaw(zip: Zip, input: FileHandle, entry: PackageEntry, flush: () => Promise<void>): Promise<void> {
  const file: ZipInputFile = { filename: entry.name, size: entry.uncompressedSize, crc: entry.crc, compression: entry.method };
  zip.add(file);
  const push = (chunk: Uint8Array, final: boolean): void => file.ondata?.(null, chunk as Uint8Array<ArrayBuffer>, final);
  const start = await dataOffset(input, entry);
  let done = 0;
  if (entry.compressedSize === 0) push(new Uint8Array(0), true);
  while (done < entry.compressedSize) {
    const length = Math.min(COPY_CHUNK, entry.compressedSize - done);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await input.read(buffer, 0, length, start + done);
    if (bytesRead === 0) throw new Error(`${entry.name}: truncated`);
    done += bytesRead;
    push(buffer.subarray(0, bytesRead), done >= entry.compressedSize);
    await flush();
  }
  await flush();
}
