import { MAX_EXACT_YUAN, sumWan, toYuan, yuanToWan } from '../../../src/domain/summarize/sumWan';

describe('sumWan', () => {
  it.each([
    ['nothing', [], 0],
    ['decimal amounts that binary sums get wrong', [0.1, 0.2], 0.3],
    ['a float artefact of unit conversion', [0.57 * 10_000, 0.0001], 5_700.0001],
    ['signed amounts', [-1.5, 2.25, -0.75], 0],
    ['amounts below one yuan, which round away', [0.00004, 0.00004], 0],
  ])('sums %s exactly', (_name, amounts, expected) => {
    expect(sumWan(amounts)).toBe(expected);
  });

  it('gives the same bits in any order', () => {
    const amounts = [1e9 + 0.0001, 0.1, -3.3333, 7e10, 0.0007, 12_345.6789];
    expect(sumWan([...amounts].reverse())).toBe(sumWan(amounts));
    expect(sumWan([amounts[3] as number, ...amounts.slice(0, 3), ...amounts.slice(4)])).toBe(sumWan(amounts));
  });

  it('stays exact past 2^53 yuan, where float64 addition loses units', () => {
    const big = 2 ** 55 / 10_000;
    expect(sumWan([big, 0.0001, -big])).toBe(0.0001);
    expect(big + 0.0001 - big).not.toBe(0.0001);
  });

  it.each([[Number.NaN], [Infinity], [1e305]])('throws a RangeError for %p', (amount) => {
    expect(() => sumWan([1, amount])).toThrow(RangeError);
  });
});

describe('toYuan', () => {
  it('rounds an amount in 万元 to the nearest whole yuan', () => {
    expect(toYuan(0.57 * 10_000)).toBe(57_000_000);
    expect(toYuan(1.23456)).toBe(12_346);
  });

  it('round-trips whole yuan below MAX_EXACT_YUAN through yuanToWan', () => {
    for (const yuan of [1, 3, 12_345_678_901, MAX_EXACT_YUAN - 1, -(MAX_EXACT_YUAN - 7)]) {
      expect(toYuan(yuanToWan(yuan))).toBe(yuan);
    }
  });
});
