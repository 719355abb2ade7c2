import fc from 'fast-check';
import { baselineRevision, createBaselineRevision } from '../../src/workflows/baselineRevision';

describe('baselineRevision', () => {
  it('gives a text cut into any pieces the revision of the whole text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 8 }), (pieces) => {
        const hash = createBaselineRevision();
        for (const piece of pieces) hash.update(piece);
        expect(hash.digest()).toBe(baselineRevision(pieces.join('')));
      }),
    );
  });

  it('tells texts apart that differ in one character or in length', () => {
    const text = '{"v":1,"at":"2025-09-30","p":[["大连湾海底隧道",null]]}';
    expect(baselineRevision(text)).not.toBe(baselineRevision(text.replace('30', '31')));
    expect(baselineRevision(text)).not.toBe(baselineRevision(`${text} `));
    expect(baselineRevision('')).toBe('0-ztntfp-1efc4f');
  });
});
