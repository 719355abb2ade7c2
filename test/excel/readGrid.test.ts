import type { CellValue } from '../../src/domain/ledger/types';
import { PortError } from '../../src/workflows/workbookPort';
import { fakeWorkbook, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

function bigLedger(rows: number): CellValue[][] {
  const header: CellValue[] = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '备注'];
  return [header, ...Array.from({ length: rows }, (_, i): CellValue[] => [i + 1, `大连某某产业园区综合开发建设项目${i}`, '中国华能集团有限公司', '能源', '在建', 10 + (i % 50), '力争年底前开工建设'])];
}

describe('readGrid', () => {
  it('returns the cells from A1 with empty cells as null', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: [['a', '', 1], [null, 'b', true]] } });
    expect(await port.readGrid({ kind: 'sheet', name: '台账' })).toEqual({
      sheet: '台账',
      grid: [
        ['a', null, 1],
        [null, 'b', true],
      ],
      dateSystem: 1900,
    });
  });

  it('pads rows and columns before the used range so that sheetRow = rowIndex + 1', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: [[], [], [null, null, '项目名称', '金额'], [null, null, 'A', 5]] } });
    const { grid } = await port.readGrid({ kind: 'sheet', name: '台账' });
    expect(grid).toEqual([
      [null, null, null, null],
      [null, null, null, null],
      [null, null, '项目名称', '金额'],
      [null, null, 'A', 5],
    ]);
  });

  it('returns an empty grid for an empty sheet', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: [] } });
    expect((await port.readGrid({ kind: 'sheet', name: '台账' })).grid).toEqual([]);
  });

  it('reads a table at its real rows and columns, header included, without the cells around it', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: [['标题'], [], [null, '项目', '金额', '旁注'], [null, 'A', 1, 'x'], [null, 'B', 2, 'y']] } });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('台账').tables.add('B3:C5', true).name = '项目表';
    });
    const result = await port.readGrid({ kind: 'table', name: '项目表' });
    expect(result.sheet).toBe('台账');
    expect(result.grid).toEqual([
      [null, null, null],
      [null, null, null],
      [null, '项目', '金额'],
      [null, 'A', 1],
      [null, 'B', 2],
    ]);
  });

  it.each([
    [{ kind: 'sheet', name: '没有' }],
    [{ kind: 'table', name: '没有' }],
  ] as const)('throws source_not_found for a missing %p', async (source) => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const error = await port.readGrid(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('source_not_found');
  });

  it('reads a large sheet in chunks that each stay under the payload limit', async () => {
    const ledger = bigLedger(20_000);
    const { fake, port } = fakeWorkbook({ maxPayloadBytes: 1_000_000, sheets: { 台账: ledger } });
    fake.resetSyncStats();
    const progress: number[] = [];
    const { grid } = await port.readGrid({ kind: 'sheet', name: '台账' }, (read, total) => progress.push(read / total));
    expect(grid).toEqual(ledger);
    const rejected = fake.syncLog.filter((s) => s.error !== undefined);
    expect(rejected.length).toBeLessThanOrEqual(2); // the smaller limit is found once, not per chunk
    expect(fake.syncLog.filter((s) => s.error === undefined).every((s) => s.responseBytes < 1_000_000)).toBe(true);
    expect(fake.syncCount - rejected.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('halves a chunk that the host rejects as too large and still returns every row', async () => {
    // Rows grow 10× after the first ones, so the chunk sized on the first rows is too large.
    const ledger: CellValue[][] = Array.from({ length: 3_000 }, (_, i) => [i < 1_000 ? 'x' : '长'.repeat(400)]);
    const { fake, port } = fakeWorkbook({ maxPayloadBytes: 1_000_000, sheets: { 台账: ledger } });
    const { grid } = await port.readGrid({ kind: 'sheet', name: '台账' });
    expect(grid).toEqual(ledger);
    expect(fake.syncLog.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
  });

  it('reads on ExcelApi 1.1 with one extra round trip for the extent', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.1', sheets: { 台账: smallLedger(5) } });
    fake.resetSyncStats();
    expect((await port.readGrid({ kind: 'sheet', name: '台账' })).grid).toEqual(smallLedger(5));
    expect(fake.syncCount).toBe(2);
  });

  describe('the date system (Range.values gives the serials the workbook stores)', () => {
    // 2021-01-01 is 44197 in the 1900 date system and 42735 in the 1904 one.
    const dated = { 台账: [['项目名称', '竣工时间'], ['甲', 42735]] };

    it.each([
      [true, 1904],
      [false, 1900],
    ] as const)('asks DATE(1904,1,1) in the first round trip: date1904 %p gives %p, the serials as stored', async (date1904, system) => {
      const { fake, port } = fakeWorkbook({ apiVersion: '1.2', date1904, sheets: dated });
      fake.resetSyncStats();
      const result = await port.readGrid({ kind: 'sheet', name: '台账' });
      expect(result.dateSystem).toBe(system);
      expect(result.grid[1]).toEqual(['甲', 42735]);
      expect(fake.syncCount).toBe(1);
      expect(port.capabilityNotes().map((n) => n.code)).not.toContain('date_system_unknown');
    });

    it('tells the date system of a table source too', async () => {
      const { fake, port } = fakeWorkbook({ date1904: true, sheets: dated });
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('台账').tables.add('A1:B2', true).name = '项目表';
      });
      expect((await port.readGrid({ kind: 'table', name: '项目表' })).dateSystem).toBe(1904);
    });

    it('below ExcelApi 1.2 cannot ask: no date system, no extra round trip, and a note says dates are read as 1900 dates', async () => {
      const { fake, port } = fakeWorkbook({ apiVersion: '1.1', date1904: true, sheets: dated });
      fake.resetSyncStats();
      const result = await port.readGrid({ kind: 'sheet', name: '台账' });
      expect(result.dateSystem).toBeUndefined();
      expect(result.grid[1]).toEqual(['甲', 42735]);
      expect(fake.syncCount).toBe(2);
      const note = port.capabilityNotes().find((n) => n.code === 'date_system_unknown');
      expect(note?.message['zh-CN']).toContain('1904');
      expect(note?.message['en-US']).toContain('1900-system dates');
    });
  });

  it('reads a small sheet in one round trip where ExcelApi 1.2 is supported', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.2', sheets: { 台账: smallLedger(5) } });
    fake.resetSyncStats();
    await port.readGrid({ kind: 'sheet', name: '台账' });
    expect(fake.syncCount).toBe(1);
  });
});
