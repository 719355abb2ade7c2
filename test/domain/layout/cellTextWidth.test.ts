import { cellTextWidth } from '../../../src/domain/layout/cellTextWidth';

describe('cellTextWidth', () => {
  it.each<[Parameters<typeof cellTextWidth>[0], string | null, number]>([
    ['累计完成投资（亿元）', null, 20],
    ['SOE', null, 3],
    [3695.1234, '#,##0.0', 7], // 3,695.1
    [49_526_000, '#,##0.00', 13], // 49,526,000.00
    [0.0825, '0.0%', 4], // 8.3%
    [12, '+#,##0;-#,##0;0', 3], // +12
    [-1.5, '+#,##0.0;-#,##0.0;0.0', 4], // -1.5
    [0.125, null, 5], // 0.125
    [null, '#,##0', 0],
    [{ link: { sheet: '台账', address: 'A9' }, text: 'A9' }, null, 2],
    [{ formula: '=1+1', result: 2 }, '#,##0.0', 3],
  ])('measures %j in %s as %d', (value, format, width) => {
    expect(cellTextWidth(value, format)).toBe(width);
  });
});
