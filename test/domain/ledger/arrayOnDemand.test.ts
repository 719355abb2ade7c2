import fc from 'fast-check';
import { arrayOnDemand } from '../../../src/domain/ledger/arrayOnDemand';

describe('arrayOnDemand', () => {
  it('answers every property key as a real array of the same items does', () => {
    const key = fc.oneof(
      fc.nat({ max: 12 }).map(String),
      fc.constantFrom('00', '01', '1e1', '-1', '1.0', ' 1', '1 ', '', 'length', 'map', '9007199254740993', '4294967295', '١'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.nat({ max: 10 }), key, (count, k) => {
        const real = Array.from({ length: count }, (_, i) => `item ${i}`);
        const lazy = arrayOnDemand(count, (i) => `item ${i}`);
        expect(k in lazy).toBe(k in real);
        const got: unknown = (lazy as unknown as Record<string, unknown>)[k];
        const want: unknown = (real as unknown as Record<string, unknown>)[k];
        if (typeof want === 'function') expect(got).toBe(want);
        else expect(got).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });
});
