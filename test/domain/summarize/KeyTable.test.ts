import fc from 'fast-check';
import { KeyTable, PairTable } from '../../../src/domain/summarize/KeyTable';
import { LineTotals } from '../../../src/domain/summarize/LineTotals';

describe('KeyTable', () => {
  it('gives each key one id and its lines, whatever the key text', () => {
    const table = new KeyTable(new LineTotals(), 3);
    const keys = ['__proto__', 'constructor', 'toString', '0', '1', 'length', '', '能源', null, 'hasOwnProperty'];
    const ids = keys.map((key) => table.idOf(key));
    expect(keys.map((key) => table.idOf(key))).toEqual(ids);
    expect(new Set(ids).size).toBe(keys.length);
    expect(table.keys).toEqual(keys);
    expect(table.lines).toEqual(keys.map((_, i) => i * 3));
    expect(table.hasValue).toBe(true);
  });

  it('has no value when only blanks were seen', () => {
    const table = new KeyTable(new LineTotals());
    table.idOf(null);
    expect(table.hasValue).toBe(false);
  });
});

describe('PairTable', () => {
  const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { maxLength: 300 });

  /** The line of each pair, and the pairs in order of first appearance. */
  function linesOf(list: readonly (readonly [number, number])[], maxCells?: number) {
    const table = maxCells === undefined ? new PairTable(new LineTotals()) : new PairTable(new LineTotals(), maxCells);
    const lines = list.map(([a, b]) => table.lineOf(a, b));
    return { lines, first: table.first, second: table.second, tableLines: table.lines };
  }

  it('gives equal pairs one line and different pairs different lines', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const { lines } = linesOf(list);
        const lineByPair = new Map<string, number>();
        list.forEach(([a, b], i) => {
          const key = `${a},${b}`;
          const line = lineByPair.get(key) ?? (lines[i] as number);
          lineByPair.set(key, line);
          expect(lines[i]).toBe(line);
        });
        expect(new Set(lineByPair.values()).size).toBe(lineByPair.size);
      }),
    );
  });

  it('gives the same lines when the grid is too small and pairs go to the Map', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        expect(linesOf(list, 16)).toEqual(linesOf(list));
      }),
    );
  });
});
