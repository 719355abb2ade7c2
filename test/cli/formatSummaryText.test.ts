import { formatYi } from '../../src/cli/formatSummaryText';

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
