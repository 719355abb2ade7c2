import fc from 'fast-check';
import { LineTotals } from '../../../src/domain/summarize/LineTotals';

/** Mark pairs on a LineTotals, growing lines as needed; the distinct SOEs per line and the marks. */
function marked(pairs: readonly (readonly [number, number])[], maxMatrixBits?: number) {
  const totals = maxMatrixBits === undefined ? new LineTotals(4) : new LineTotals(4, maxMatrixBits);
  for (const [line, soe] of pairs) {
    if (line >= totals.lineCount) totals.allocate(line + 1 - totals.lineCount);
    totals.markSoe(line, soe);
  }
  const lines = Math.max(0, ...pairs.map(([line]) => line + 1));
  const soes = Math.max(0, ...pairs.map(([, soe]) => soe + 1));
  return {
    counts: Array.from({ length: lines }, (_, line) => totals.soeCount(line)),
    marks: Array.from({ length: lines }, (_, line) => Array.from({ length: soes }, (__, soe) => totals.hasSoe(line, soe))),
  };
}

describe('LineTotals distinct SOEs', () => {
  const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 70 })), { maxLength: 200 });

  it('counts each SOE once per line, in the bit matrix', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const { counts } = marked(list);
        const expected = new Map<number, Set<number>>();
        for (const [line, soe] of list) expected.set(line, (expected.get(line) ?? new Set()).add(soe));
        counts.forEach((count, line) => expect(count).toBe(expected.get(line)?.size ?? 0));
      }),
    );
  });

  it('gives the same marks and counts when the matrix is too small and pairs go outside it', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        expect(marked(list, 64)).toEqual(marked(list));
      }),
    );
  });
});

describe('LineTotals.unionSoes', () => {
  const soeLists = fc.tuple(fc.uniqueArray(fc.integer({ min: 0, max: 95 }), { maxLength: 40 }), fc.uniqueArray(fc.integer({ min: 0, max: 95 }), { maxLength: 40 }));

  it.each([
    ['inside the bit matrix', undefined],
    ['with pairs outside the matrix', 64],
  ])('marks and counts the union on the target line, %s', (_name, maxMatrixBits) => {
    fc.assert(
      fc.property(soeLists, ([fromSoes, toSoes]) => {
        const totals = maxMatrixBits === undefined ? new LineTotals(4) : new LineTotals(4, maxMatrixBits);
        totals.allocate(2);
        for (const soe of fromSoes) totals.markSoe(0, soe);
        for (const soe of toSoes) totals.markSoe(1, soe);
        totals.unionSoes(0, 1, 96);
        const union = new Set([...fromSoes, ...toSoes]);
        expect(totals.soeCount(1)).toBe(union.size);
        expect(Array.from({ length: 96 }, (_, soe) => totals.hasSoe(1, soe))).toEqual(Array.from({ length: 96 }, (_, soe) => union.has(soe)));
        expect(totals.soeCount(0)).toBe(fromSoes.length);
      }),
    );
  });
});
