import { formatNumber } from '../../src/taskpane/formatNumber';

describe('formatNumber', () => {
  it.each([
    [0, 0, '0'],
    [23, 0, '23'],
    [1234567, 0, '1,234,567'],
    [4952.66, 1, '4,952.7'],
    [386.95, 1, '387.0'],
    [1468.22345, 1, '1,468.2'],
    [0.05, 1, '0.1'],
    [-2.5, 0, '-3'],
    [-0.04, 1, '0.0'],
    [1.005, 2, '1.01'],
    [12.5, 3, '12.500'],
    [1e21, 0, '1,000,000,000,000,000,000,000'],
    [Number.NaN, 1, '—'],
  ])('formats %p with %p decimals as %p', (value, decimals, expected) => {
    expect(formatNumber(value, decimals)).toBe(expected);
  });
});
