import { baselineRevision } from '../../../src/workflows/baselineRevision';
import { chunkText, largestChunkBytes } from '../../../src/workflows/stateSheet';
import { storeSnapshotPieces } from '../../../src/xlsx/writer/storeSnapshotPieces';

describe('storeSnapshotPieces', () => {
  it.each([
    ['an empty text', ['']],
    ['ASCII in many pieces', Array.from({ length: 50 }, (_, i) => `{"p":${i},"x":"${'a'.repeat(700)}"}`)],
    ['CJK and a surrogate pair across pieces', ['["大连', '项目😀'.repeat(3_000), '\ud83d', '\ude00"]']],
  ])('keeps %s as the state sheet chunks, with the revision and E1 of the whole text', (_name, pieces) => {
    const text = pieces.join('');
    const stored = storeSnapshotPieces(pieces);
    const chunks = chunkText(text);
    expect(stored.count).toBe(chunks.length);
    expect(Array.from({ length: stored.count }, (_, i) => stored.chunkAt(i))).toEqual(chunks);
    expect(stored.largestBytes).toBe(largestChunkBytes(chunks));
    // The add-ins' revision of the whole text: the same baseline has the same D1 on every host.
    expect(stored.revision).toBe(baselineRevision(text));
    expect(stored.text()).toBe(text);
  });
});
