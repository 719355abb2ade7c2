import { formatAmount, formatCount, formatShare, formatYi } from '../../src/cli/formatSummaryText';

describe('formatYi', () => {
  it.each([
    [36_952_000, 1, '3695.2'],
    // 3,869,500 万元 is 386.95 亿元, a double just below .95: Excel shows 387.0, and so does the CLI.
    [3_869_500, 1, '387.0'],
    [12_345_678, 2, '1234.57'],
    [-400, 1, '0.0'],
    [0, 0, '0'],
  ])('writes %p 万元 with %p decimals as %p 亿元', (wan, decimals, expected) => {
    expect(formatYi(wan, decimals)).toBe(expected);
  });
});

describe('formatAmount', () => {
  it.each([
    [36_952_000, 1, 'zh-CN', '3695.2'],
    // English: billions of yuan, one decimal more: 3,695.2 亿元 = 369.52 bn.
    [36_952_000, 1, 'en-US', '369.52'],
    [12_345_678, 2, 'en-US', '123.457'],
  ] as const)('writes %p 万元 with %p decimals in %p as %p', (wan, decimals, lang, expected) => {
    expect(formatAmount(wan, decimals, lang)).toBe(expected);
  });
});

describe('formatShare and formatCount', () => {
  it.each([
    // 0.2855 is stored just below; × 100 gives 28.549999999999997. Excel's 0.0% shows 28.6%.
    [0.2855, '28.6%'],
    [0.285, '28.5%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [null, '—'],
  ])('writes the share %p as %p, as Excel shows it', (share, expected) => {
    expect(formatShare(share)).toBe(expected);
  });

  it.each([
    [12, '12'],
    // 1.005 is stored just below; toFixed(2) gives 1.00, Excel shows 1.01.
    [1.005, '1.01'],
    [2 / 3, '0.67'],
    [1234.5, '1234.50'],
  ])('writes the count %p as %p', (count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });
});
