import type { LedgerRead, ReadOptions } from '../validate/types';
import { createLedgerReader } from './createLedgerReader';
import type { Grid } from './types';

/**
 * Read and validate one sheet: find the header (title and unit lines above it, one- or two-row headers), map the
 * columns, skip non-project rows (blank, headings, 小计/合计/总计/其中, 注：), parse every cell and apply the row
 * rules. Returns the counted project rows (amounts in 万元, unrounded) and every issue, sheet-level first, then by
 * sheet row and column. Never throws on bad data and never changes `grid`; a row that is not an array reads as blank.
 * @throws TypeError when `grid` is not an array (a caller bug, not bad data).
 * @example readLedger([['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）'], ['示例', '华能', '能源', '在建', 12.5]]).rows[0]?.totalWan // → 125000
 */
export function readLedger(grid: Grid, options?: ReadOptions): LedgerRead {
  if (!Array.isArray(grid)) throw new TypeError('readLedger: grid must be an array of rows');
  const reader = createLedgerReader(options);
  for (const row of grid) reader.push(row);
  return reader.finish();
}
