import type { LedgerRead } from '../validate/types';
import { snapshotEntry, snapshotProject, type SnapshotOptions } from './makeSnapshot';
import { SNAPSHOT_VERSION } from './types';

/** Projects serialised per piece: a piece of about 100 KB of text, never the whole snapshot. */
const PROJECTS_PER_PIECE = 1_000;

/**
 * The snapshot text `makeSnapshot(read, options)` returns, as pieces whose concatenation is that text, exactly:
 * for a full sheet of 1,048,576 rows the text is 83 million characters (166 MB as a two-byte string), which a host
 * that stores it in chunks (the state sheet's 8,000-character cells) need never hold whole. Each piece is built
 * when asked for, from the read's rows.
 */
export function* snapshotPieces(read: LedgerRead, options: SnapshotOptions = {}): Generator<string> {
  const head = JSON.stringify({ v: SNAPSHOT_VERSION, at: options.takenAt ?? null, sheet: read.sheet === '' ? null : read.sheet });
  // `{"v":1,"at":…,"sheet":…` then `,"p":[…]`: JSON.stringify writes the keys in this order and no spaces.
  yield `${head.slice(0, -1)},"p":[`;
  const { rows } = read;
  let piece = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === undefined) continue;
    piece += `${i === 0 ? '' : ','}${JSON.stringify(snapshotEntry(snapshotProject(row)))}`;
    if ((i + 1) % PROJECTS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]`;
  if (options.ranks !== undefined) yield `,"r":${JSON.stringify(options.ranks.map((rank) => [rank.district, rank.group, rank.rank]))}`;
  if (rows.some((row) => row.district !== null)) yield* districtPieces(read);
  yield '}';
}

/** `,"d":[[names…],[index…]]` (see `makeSnapshot`), the indexes in pieces. */
function* districtPieces(read: LedgerRead): Generator<string> {
  const names: string[] = [];
  const indexOf = new Map<string, number>();
  for (const row of read.rows) {
    if (row.district !== null && !indexOf.has(row.district)) indexOf.set(row.district, names.push(row.district) - 1);
  }
  yield `,"d":[${JSON.stringify(names)},[`;
  const { rows } = read;
  let piece = '';
  for (let i = 0; i < rows.length; i++) {
    const district = rows[i]?.district ?? null;
    piece += `${i === 0 ? '' : ','}${district === null ? -1 : (indexOf.get(district) ?? -1)}`;
    if ((i + 1) % (PROJECTS_PER_PIECE * 10) === 0) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]]`;
}
