import type { CellValue } from '../../src/domain/ledger/types';
import type { LedgerSourcePort } from '../../src/workflows/readLedgerSource';
import { readMergeSource } from '../../src/workflows/readMergeSource';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';

/** A source port over rows in memory, streaming only the non-empty rows (as the .xlsx reader may). */
function portOver(rows: readonly (readonly CellValue[])[]): LedgerSourcePort {
  return {
    listSheets: async () => [],
    readState: async () => ({ settings: { ...DEFAULT_SETTINGS, source: { kind: 'sheet', name: '台账' } }, snapshot: null, lastRefresh: null }),
    async streamRows(_source, visitor) {
      visitor.onSource('台账', rows.length);
      rows.forEach((cells, rowIndex) => cells.length > 0 && visitor.onRow(rowIndex, cells));
    },
  };
}

describe('readMergeSource', () => {
  it('reads the title above the header and the project codes of every row, far below the first rows', async () => {
    const rows: CellValue[][] = [
      ['甘井子区央地合作项目台账'],
      ['单位：亿元'],
      [],
      ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资', '统一项目代码'],
    ];
    for (let i = 1; i <= 80; i++) rows.push([i, `项目${i}`, '中国华能', '能源', '在建', i, i % 10 === 0 ? null : `CODE-${i}`]);
    const { source, ledger, rowsRead } = await readMergeSource(portOver(rows), '甘井子区.xlsx');
    expect(source.file).toBe('甘井子区.xlsx');
    expect(source.title).toBe('甘井子区央地合作项目台账 单位：亿元');
    expect(rowsRead).toBe(83);
    expect(ledger.read.rows).toHaveLength(80);
    expect(source.codes?.size).toBe(72);
    expect(source.codes?.get(5)).toBe('CODE-1');
    // Row 80 (sheet row 84) has a blank code.
    expect(source.codes?.get(84)).toBeUndefined();
    expect(source.codes?.get(83)).toBe('CODE-79');
  });

  it('takes no codes from a column the reader mapped, nor from a ledger without a code column', async () => {
    const rows: CellValue[][] = [
      ['编号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资'],
      ['A-1', '风电场', '中国华能', '能源', '在建', 3],
    ];
    const { source } = await readMergeSource(portOver(rows), 'x.xlsx');
    expect(source.codes).toBeUndefined();
    expect(source.title).toBe('');
  });
});
