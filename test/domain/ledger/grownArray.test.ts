import { grownArray } from '../../../src/domain/ledger/grownArray';

describe('grownArray', () => {
  it('copies every kind of column into a longer array of the same kind, the rest zero', () => {
    for (const array of [Int16Array.of(-2, 3), Int32Array.of(-70_000, 5), Uint8Array.of(1, 255), Uint32Array.of(4_000_000_000, 1), Float64Array.of(-0, 1.5)]) {
      const grown = grownArray(array, 4);
      expect(grown.constructor).toBe(array.constructor);
      expect(Array.from(grown)).toEqual([...Array.from(array), 0, 0]);
      expect(grown.buffer).not.toBe(array.buffer);
    }
  });
});
