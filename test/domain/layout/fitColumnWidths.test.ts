import { fitColumnWidths } from '../../../src/domain/layout/fitColumnWidths';
import type { PlanBlock } from '../../../src/domain/layout/types';

describe('fitColumnWidths', () => {
  const blocks: PlanBlock[] = [
    { row: 0, col: 0, values: [['一行很长的标题文字，单独一格']] },
    { row: 1, col: 0, values: [['累计完成投资', 3695.1, 'abc'], ['x', -12.25, null]], numberFormat: [null, '#,##0.0', null] },
  ];

  it('fits each column to its widest table text plus padding, CJK counted as two, one-cell blocks left out', () => {
    // A: 累计完成投资 12 + 2; B: 3,695.1 (7) + 2; C: abc 3 + 2 → the minimum 6.
    expect(fitColumnWidths(blocks, [], [6, 6, 6], 40)).toEqual([14, 9, 6]);
  });

  it('caps each column at its own maximum, the last one for columns past the list', () => {
    expect(fitColumnWidths(blocks, [], [6, 6, 6], [10, 8])).toEqual([10, 8, 6]);
  });

  it('leaves merged cells out', () => {
    // Row 2 (A2:B2) merged: A is x (1 + 2) → 6, B is -12.3 (5 + 2).
    expect(fitColumnWidths(blocks, [{ row: 1, col: 0, rows: 1, cols: 2 }], [6, 6, 6], 40)).toEqual([6, 7, 6]);
  });
});
