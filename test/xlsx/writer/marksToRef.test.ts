import fc from 'fast-check';
import { marksToRef } from '../../../src/xlsx/writer/marksToRef';

describe('marksToRef', () => {
  it('merges consecutive rows of a column into ranges', () => {
    expect(marksToRef(['F12', 'F13', 'F14', 'F20', 'B3', 'AA1', 'bogus'])).toBe('B3 F12:F14 F20 AA1');
  });

  it('counts a cell marked twice once', () => {
    expect(marksToRef(['C2', 'C2', 'C3'])).toBe('C2:C3');
  });

  it('covers exactly the marked cells, each once, from any iterable in any order with repeats', () => {
    const cell = fc.tuple(fc.constantFrom('A', 'C', 'AB'), fc.integer({ min: 1, max: 12 }));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 40 }), (cells) => {
        const ref = marksToRef(cells.map(([c, r]) => `${c}${r}`)[Symbol.iterator]());
        const covered: string[] = [];
        for (const part of ref === '' ? [] : ref.split(' ')) {
          const [from, to = from] = part.split(':') as [string, string?];
          const letter = /^[A-Z]+/.exec(from)?.[0] ?? '';
          for (let r = Number(from.slice(letter.length)); r <= Number(to.slice(letter.length)); r++) covered.push(`${letter}${r}`);
        }
        expect(covered.length).toBe(new Set(covered).size);
        expect(new Set(covered)).toEqual(new Set(cells.map(([c, r]) => `${c}${r}`)));
      }),
      { numRuns: 300 },
    );
  });
});
