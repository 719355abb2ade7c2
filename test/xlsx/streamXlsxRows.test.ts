import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CellValue } from '../../src/domain/ledger/types';
import { streamXlsxRows } from '../../src/xlsx/streamXlsxRows';
import { UNNAMED_FORMULA_ERROR } from '../../src/xlsx/toCellValue';
import { writeGridXlsx } from './xlsxFixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-stream-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function collect(path: string, onSheet?: (name: string) => boolean | 'stop'): Promise<Record<string, (CellValue[] | undefined)[]>> {
  const out: Record<string, (CellValue[] | undefined)[]> = {};
  await streamXlsxRows(path, {
    ...(onSheet === undefined ? {} : { onSheet: (s) => onSheet(s.name) }),
    onRow: (sheet, rowIndex, cells) => {
      (out[sheet.name] ??= [])[rowIndex] = cells;
      return undefined;
    },
  });
  return out;
}

describe('streamXlsxRows', () => {
  it('reads values the way the domain wants them', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [
      {
        name: 'S',
        grid: [
          [
            'text',
            12.5,
            new Date(Date.UTC(2024, 2, 15)),
            { formula: 'B1*2', result: 25 },
            { formula: 'B1-B1', result: 0 },
            { formula: 'NA()', result: { error: '#N/A' } },
            { richText: [{ text: '中国' }, { text: '电信' }] },
            { error: '#REF!' },
            true,
          ],
        ],
      },
    ]);
    const rows = await collect(path);
    expect(rows.S?.[0]).toEqual(['text', 12.5, 45366, 25, 0, UNNAMED_FORMULA_ERROR, '中国电信', '#REF!', true]);
  });

  it('keeps string cells that look like formulas as text', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [{ name: 'S', grid: [["=cmd|' /C calc'!A0", '+1', '@SUM(1)']] }]);
    expect((await collect(path)).S?.[0]).toEqual(["=cmd|' /C calc'!A0", '+1', '@SUM(1)']);
  });

  it('reports rows by their sheet row, leaving gaps for blank rows, and merged cells only at the top-left', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [{ name: 'S', grid: [['group', null], [], [null, 'b3']], merges: ['A1:B1'] }]);
    const rows = await collect(path);
    expect(rows.S?.[0]).toEqual(['group']);
    expect(rows.S?.[1]).toBeUndefined();
    expect(rows.S?.[2]).toEqual([null, 'b3']);
  });

  it('skips sheets the visitor declines and stops when asked', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [
      { name: 'A', grid: [['a']] },
      { name: 'B', grid: [['b']] },
      { name: 'C', grid: [['c']] },
    ]);
    expect(Object.keys(await collect(path, (name) => name !== 'A'))).toEqual(['B', 'C']);
    expect(Object.keys(await collect(path, (name) => (name === 'B' ? 'stop' : true)))).toEqual(['A']);
  });

  it('lets go of declined sheets, so that no later read of their deleted temporary file fails uncaught', async () => {
    // ExcelJS writes sheets before the shared strings, so the streaming reader parks each sheet in
    // a temporary file and deletes it when the next sheet is asked for. Before the fix about one
    // read in 25 ended in an uncaught ENOENT (the unread sheet's stream was still opening).
    const path = join(dir, 'a.xlsx');
    const grid = Array.from({ length: 200 }, (_, r) => [`文本${r}`, r, `项目${r % 7}`]);
    await writeGridXlsx(path, [
      { name: '说明', grid },
      { name: '汇总', grid },
      { name: '台账', grid },
    ]);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      uncaught.push(error);
    };
    process.on('uncaughtException', onUncaught);
    try {
      let rows = 0;
      for (let i = 0; i < 150; i += 1) {
        await streamXlsxRows(path, {
          onSheet: (sheet) => sheet.name === '台账',
          onRow: () => {
            rows += 1;
            return undefined;
          },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(rows).toBe(150 * 200);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  }, 60_000);

  it('passes a visitor failure through unchanged', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [{ name: 'A', grid: [['a']] }]);
    const failure = new Error('visitor bug');
    await expect(
      streamXlsxRows(path, {
        onRow: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
  });
});
