import { sizeBandOf } from '../../../src/domain/summarize/sizeBandOf';

describe('sizeBandOf', () => {
  it.each([
    [2_000_000, '100+'],
    [1_000_000, '100+'],
    [999_999.9999, '10-100'],
    [100_000, '10-100'],
    [99_999.9999, '1-10'],
    [10_000, '1-10'],
    [9_999.9999, '0-1'],
    [0, '0-1'],
    [-50_000, '0-1'],
    [Number.NaN, '0-1'],
  ])('puts %p 万元 in band %s', (totalWan, band) => {
    expect(sizeBandOf(totalWan)).toBe(band);
  });

  it('bands the whole-yuan amount, so a conversion artefact below 10 亿元 counts as 10 亿元', () => {
    expect(sizeBandOf(99_999.99999999999)).toBe('10-100');
  });
});
