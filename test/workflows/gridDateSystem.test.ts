import type { Grid } from '../../src/domain';
import { gridSourcePort, readLedgerSource } from '../../src/workflows/readLedgerSource';
import { DEFAULT_SETTINGS, type SourceGrid } from '../../src/workflows/workbookPort';

/** A workbook port's read half over one grid, as the add-in's port returns it. */
function portOf(read: SourceGrid): Parameters<typeof gridSourcePort>[0] {
  return {
    listSheets: () => Promise.resolve([]),
    readState: () => Promise.resolve({ settings: { ...DEFAULT_SETTINGS, source: { kind: 'sheet', name: read.sheet } }, snapshot: null, lastRefresh: null }),
    readGrid: () => Promise.resolve(read),
  };
}

// 2021-01-01 as a 1904 serial (44197 − 1462); the amount lies in the serial range on purpose.
const GRID: Grid = [
  ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）', '竣工时间'],
  ['甲项目', '华能', '能源', '在建', 30_000, 42_735],
];

describe('the grid path carries the date system of readGrid to the reader', () => {
  it('reads a 1904 grid\'s dates as the workbook shows them, and its amounts as they are', async () => {
    const { read } = await readLedgerSource(gridSourcePort(portOf({ sheet: '台账', grid: GRID, dateSystem: 1904 })));
    expect(read.rows.map((r) => [r.completionDate, r.totalWan])).toEqual([['2021-01-01', 30_000]]);
  });

  it('reads a grid without a date system as 1900 serials', async () => {
    const { read } = await readLedgerSource(gridSourcePort(portOf({ sheet: '台账', grid: GRID })));
    expect(read.rows[0]?.completionDate).toBe('2016-12-31');
  });
});
