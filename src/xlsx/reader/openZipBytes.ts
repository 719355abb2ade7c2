import { Inflate } from 'fflate';
import { assertKnownMethod, entryDataOffset, readZipEntries, wholeText, ZipFormatError, type ZipArchive } from './zipDirectory';

/** Compressed bytes handed to the inflater per step: the caller sees text after each and can stop there. */
const PUSH_BYTES = 256 * 1024;

/**
 * Open a zip archive held in memory (a file the user picked in the task pane, read with `File.arrayBuffer()`), for
 * reading entries one at a time as `openZipArchive` reads a file on disk: the same directory code, and deflated entries
 * inflated by fflate's `Inflate` (plain JavaScript, so it runs in a browser) in steps of 256 KB of compressed data, so
 * a caller that stops early (a sheet's `<dimension>`, a preview) inflates no more than it needs. Nothing is copied: the
 * archive keeps a view of `bytes`, which the caller must not change while it is open.
 * @throws ZipFormatError when the bytes are not a readable zip.
 */
export async function openZipBytes(bytes: Uint8Array): Promise<ZipArchive> {
  const readAt = (position: number, length: number): Promise<Uint8Array> => Promise.resolve(bytes.subarray(position, position + length));
  const entries = await readZipEntries(readAt, bytes.byteLength);

  const streamText: ZipArchive['streamText'] = async (entry, onText, maxCompressedBytes) => {
    assertKnownMethod(entry);
    const dataAt = entryDataOffset(entry, await readAt(entry.localHeaderOffset, 30));
    const length = maxCompressedBytes === undefined ? entry.compressedSize : Math.min(entry.compressedSize, maxCompressedBytes);
    if (dataAt + length > bytes.byteLength) throw new ZipFormatError(`${entry.name}: data beyond the end of the archive`);
    const decoder = new TextDecoder('utf-8');
    let stopped = false;
    /** What `onText` threw from inside the inflater's callback: passed through unchanged, not taken for a damaged entry. */
    let callerFailure: { readonly error: unknown } | null = null;
    const hand = (chunk: Uint8Array): void => {
      const text = decoder.decode(chunk, { stream: true });
      if (stopped || text === '') return;
      try {
        if (onText(text) === false) stopped = true;
      } catch (error) {
        callerFailure = { error };
        stopped = true;
      }
    };
    if (length === 0) {
      onText('');
      return;
    }
    const inflater = entry.method === 8 ? new Inflate((chunk) => hand(chunk)) : null;
    for (let at = 0; at < length && !stopped; at += PUSH_BYTES) {
      const end = Math.min(length, at + PUSH_BYTES);
      const chunk = bytes.subarray(dataAt + at, dataAt + end);
      if (inflater === null) {
        hand(chunk);
        continue;
      }
      try {
        // `final` only with the whole entry: a probe of the first bytes ends mid-stream and keeps what was inflated.
        inflater.push(chunk, end === entry.compressedSize);
      } catch (error) {
        if (callerFailure === null) throw new ZipFormatError(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (callerFailure !== null) throw (callerFailure as { readonly error: unknown }).error;
    if (!stopped) {
      const rest = decoder.decode();
      if (rest !== '') onText(rest);
    }
  };

  return {
    entries,
    streamText,
    readText: (entry) => wholeText(streamText, entry),
    close: () => Promise.resolve(),
  };
}
