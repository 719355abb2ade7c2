import fc from 'fast-check';
import { chunkPieces, chunkText, snapshotTextChunks, stateSheetCells, stateSheetRows, largestChunkBytes } from '../../src/workflows/stateSheet';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';

/** Text with surrogate pairs and lone surrogates, cut into pieces at arbitrary places. */
const piecesOfText = fc
  .tuple(fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('😀😀', '\ud83d', '\ude00', '中'.repeat(7))), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }))
  .map(([parts, cuts]) => {
    const text = parts.join('');
    const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    const pieces: string[] = [];
    let from = 0;
    for (const cut of at) {
      pieces.push(text.slice(from, cut));
      from = cut;
    }
    pieces.push(text.slice(from));
    return { text, pieces };
  });

describe('chunkPieces', () => {
  it('gives the chunks chunkText gives for the joined text, whatever the pieces and chunk size', () => {
    fc.assert(
      fc.property(piecesOfText, fc.integer({ min: 2, max: 17 }), ({ text, pieces }, size) => {
        expect([...chunkPieces(pieces, size)]).toEqual(chunkText(text, size));
      }),
      { numRuns: 300 },
    );
  });

  it('never holds the text whole: a long text given in pieces yields its chunks as they fill', () => {
    const pieces = (function* () {
      for (let i = 0; i < 100; i++) yield 'x'.repeat(1_000);
    })();
    const iterator = chunkPieces(pieces, 8_000);
    expect(iterator.next().value).toBe('x'.repeat(8_000));
    expect([...iterator]).toHaveLength(12);
  });
});

describe('stateSheetRows', () => {
  const doc = { settings: DEFAULT_SETTINGS, lastRefresh: '2025-10-01T08:00:00.000Z', marks: [{ sheet: '台账', severity: 'error' as const, ref: 'A5:B9' }] };

  it.each([null, '', 'x'.repeat(20_001), '中'.repeat(9_000)])('gives the cells stateSheetCells gives for the baseline %#', (snapshot) => {
    const rows = [...stateSheetRows(doc, snapshot === null ? null : snapshotTextChunks(snapshot), 'rev')];
    expect(rows).toEqual(stateSheetCells({ ...doc, snapshot }, 'rev'));
    if (snapshot !== null && snapshot !== '') {
      expect(rows[0]?.[4]).toBe(largestChunkBytes(chunkText(snapshot)));
      expect(rows.slice(3).map((row) => row[2]).join('')).toBe(snapshot);
    }
  });
});
