import { formatNumber } from '../../../src/domain/layout/formatNumber';
import { numberFormats } from '../../../src/domain/layout/numberFormats';

describe('formatNumber', () => {
  it.each([
    [1234567.891, 1, '1,234,567.9'],
    [263, 1, '263.0'],
    [-1234.5, 0, '-1,235'],
    [-0, 1, '0.0'],
    [-0.04, 1, '0.0'],
    [0.5, 2, '0.50'],
    [0, 0, '0'],
    [4952.66, 1, '4,952.7'],
    // The double 386.95 is 386.9499…; Excel shows 387.0, and so do we (15-digit decimal form).
    [386.95, 1, '387.0'],
    [0.05, 1, '0.1'],
    [-2.5, 0, '-3'],
    [1.005, 2, '1.01'],
    [1e21, 0, '1,000,000,000,000,000,000,000'],
    [2 ** 80, 0, '1,208,925,819,614,629,174,706,176'],
    [999.96, 1, '1,000.0'],
    [-0.96, 0, '-1'],
    [Number.NaN, 1, '—'],
  ])('writes %p with %p decimals as %p', (value, decimals, expected) => {
    expect(formatNumber(value, decimals)).toBe(expected);
  });
});

describe('numberFormats', () => {
  it.each([
    [1, '#,##0.0', '+#,##0.0;-#,##0.0;#,##0.0'],
    [2, '#,##0.00', '+#,##0.00;-#,##0.00;#,##0.00'],
    [0, '#,##0', '+#,##0;-#,##0;#,##0'],
    [9, '#,##0.000000', '+#,##0.000000;-#,##0.000000;#,##0.000000'],
    [Number.NaN, '#,##0.0', '+#,##0.0;-#,##0.0;#,##0.0'],
  ])('gives %p decimals the amount format %s', (decimals, amount, amountDelta) => {
    expect(numberFormats(decimals)).toMatchObject({ amount, amountDelta, count: '#,##0', share: '0.0%' });
  });
});
