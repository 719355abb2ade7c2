import fc from 'fast-check';
import { NEAR_TOLERANCE, formatBriefAmount, roundHalfAway, trimmedDigits } from '../../../src/domain/brief/formatBriefAmount';

const yi = (value: number): number => value * 10_000;
const rounded = (valueYi: number, kind: 'planned' | 'actual', decimals = 1) =>
  formatBriefAmount(yi(valueYi), { style: 'rounded', unit: 'yi', decimals, kind });

describe('formatBriefAmount', () => {
  it.each([
    [4952.7, 1, '4952.7'],
    [112, 1, '112.0'],
    [11.9, 2, '11.90'],
    [3940.45, 1, '3940.5'],
    [0, 1, '0.0'],
  ])('writes %p 亿元 exactly at %p decimals as %p', (value, decimals, digits) => {
    expect(formatBriefAmount(yi(value), { style: 'exact', unit: 'yi', decimals, kind: 'planned' })).toEqual({ qualifier: null, digits });
  });

  it('writes 万元 when the display unit is wan', () => {
    expect(formatBriefAmount(49_527_000, { style: 'exact', unit: 'wan', decimals: 0, kind: 'planned' }).digits).toBe('49527000');
  });

  describe('rounded planned totals', () => {
    it.each([
      // the seed 000 figures
      [4952.7, 'near', '5000'],
      [3940.5, 'about', '3940.5'],
      [1012.2, 'about', '1012.2'],
      // round numbers (≤ 2 significant figures) stay as they are
      [5000, null, '5000'],
      [120, null, '120'],
      [0.35, null, '0.35'],
      [0, null, '0'],
      // within 1% below the two-significant-figure ceiling → 近
      [4950, 'near', '5000'],
      [99.5, 'near', '100'],
      [9950, 'near', '10000'],
      [0.995, 'near', '1'],
      [118.9, 'near', '120'],
      // just over 1% below → 约 at the decimals
      [4949.9, 'about', '4949.9'],
      [118.7, 'about', '118.7'],
      // above a round number is never 近
      [5001, 'about', '5001'],
      [3940.46, 'about', '3940.5'],
      [1012.0, 'about', '1012'],
    ] as const)('writes %p 亿元 as %p %p', (value, qualifier, digits) => {
      expect(rounded(value, 'planned')).toEqual({ qualifier, digits });
    });

    it('uses a 1% tolerance', () => {
      expect(NEAR_TOLERANCE).toBe(0.01);
    });
  });

  describe('rounded actual amounts', () => {
    it.each([
      [112, null, '112'],
      [11.9, null, '11.9'],
      [11.94, 'about', '11.9'],
      [11.96, 'about', '12'],
      [4952.7, null, '4952.7'],
      [0, null, '0'],
    ] as const)('writes %p 亿元 as %p %p (never 近)', (value, qualifier, digits) => {
      expect(rounded(value, 'actual')).toEqual({ qualifier, digits });
    });
  });
});

describe('roundHalfAway', () => {
  it.each([
    [3940.45, 1, 3940.5],
    [1.005, 2, 1.01],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [1e-7, 2, 0],
    [0.125, 2, 0.13],
  ])('rounds %p at %p decimals to %p', (value, decimals, expected) => {
    expect(roundHalfAway(value, decimals)).toBe(expected);
  });
});

describe('trimmedDigits', () => {
  it.each([
    [112, 1, '112'],
    [11.9, 2, '11.9'],
    [-0.01, 1, '0'],
    [1200, 0, '1200'],
  ])('writes %p at %p decimals without trailing zeros as %p', (value, decimals, expected) => {
    expect(trimmedDigits(value, decimals)).toBe(expected);
  });
});

describe('formatBriefAmount properties', () => {
  const planned = (yiValue: number) => formatBriefAmount(yiValue * 10_000, { style: 'rounded', unit: 'yi', decimals: 1, kind: 'planned' });

  it('writes 近N only for a value at most 1% below N, and N has at most two significant figures', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), (value) => {
        const { qualifier, digits } = planned(value);
        if (qualifier !== 'near') return true;
        const n = Number(digits);
        return n > value && (n - value) / n <= NEAR_TOLERANCE + 1e-12 && /^[1-9]\d?0*$|^0\.0*[1-9]\d?$|^[1-9]\.\d$/.test(digits);
      }),
    );
  });

  it('otherwise writes the value at the display decimals (约 unless it is a round number)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), (value) => {
        const { qualifier, digits } = planned(value);
        return qualifier === 'near' || Math.abs(Number(digits) - value) <= 0.05 + 1e-9 * value;
      }),
    );
  });
});
