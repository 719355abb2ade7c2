import { deflateRawSync, inflateRawSync } from 'zlib';
import { createBaselineRevision } from '../../workflows/baselineRevision';
import { chunkPieces, chunkWireBytes, type SnapshotChunks } from '../../workflows/stateSheet';

/** A baseline kept by the file port until it saves: its state-sheet chunks, compressed, and its revision. */
export interface StoredSnapshot extends SnapshotChunks {
  /** D1: the baseline's revision (`baselineRevision`, the add-ins' too), as for a baseline given whole. */
  readonly revision: string;
  /** The whole text (for `readState` after a write; builds it). */
  text(): string;
}

/**
 * Deflate level of the kept chunks: the fastest. A full sheet's baseline (83 million characters, 166 MB as a string)
 * is kept in 42 MB (measured, 1,048,573 generated rows).
 */
const LEVEL = 1;

/**
 * Cut a baseline given in pieces into the state sheet's chunks (`chunkPieces`) and keep each one deflated, with E1
 * (the largest chunk's wire size) and D1 (its revision) worked out on the way: the text is never held whole, and
 * each chunk is inflated again only when the state sheet is written.
 */
export function storeSnapshotPieces(pieces: Iterable<string>): StoredSnapshot {
  const hash = createBaselineRevision();
  const stored: Buffer[] = [];
  let largest = 0;
  for (const chunk of chunkPieces(pieces)) {
    hash.update(chunk);
    largest = Math.max(largest, chunkWireBytes(chunk));
    // Copied out: zlib's result is a view of its whole 16 KB output buffer, several times the few KB it holds (a full
    // sheet's 10,500 chunks held 168 MB of buffers that way, 42 MB copied out).
    stored.push(Buffer.from(deflateRawSync(Buffer.from(chunk, 'utf8'), { level: LEVEL })));
  }
  const chunkAt = (index: number): string => {
    const bytes = stored[index];
    return bytes === undefined ? '' : inflateRawSync(bytes).toString('utf8');
  };
  return {
    count: stored.length,
    largestBytes: stored.length === 0 ? null : largest,
    revision: hash.digest(),
    chunkAt,
    text: () => stored.map((_, i) => chunkAt(i)).join(''),
  };
}
