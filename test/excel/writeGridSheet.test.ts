import { gridOwnerName } from '../../src/excel/writeGridSheet';
import { fakeWorkbook, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

const header = ['项目名称', '总投资', '来源'];
const grid = (rows: number, label = 'p') => ({
  grid: [header, ...Array.from({ length: rows }, (_, i) => [`${label}${i}`, i + 1, `a.xlsx 台账 ${i + 2}`])],
  headerRowIndex: 0,
  columnWidths: [20, 10, 30],
});

describe('writeGridSheet', () => {
  it('writes the grid to a new sheet with text kept literal, marked by its hidden owner name', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    const sheet = grid(2);
    const written = await port.writeGridSheet('合并台账', { ...sheet, grid: [...sheet.grid, ['=1+1', 3, null]] });
    expect(written).toBe('合并台账');
    const snap = sheetSnapshot(fake, '合并台账');
    expect(snap.values[0]).toEqual(header);
    expect(snap.values[2]).toEqual(['p1', 2, 'a.xlsx 台账 3']);
    expect(snap.values[3]?.[0]).toBe('=1+1');
    expect(snap.quotePrefix).toHaveProperty('A4');
    expect((await port.listSheets()).find((s) => s.name === '合并台账')?.ownedRole).toBeNull();
    expect(fake.definedNames).toContainEqual({ name: gridOwnerName('合并台账'), formula: '=合并台账!$A$1', scope: null, visible: false });
  });

  it('replaces the sheet it wrote before, also after the user renamed it, and never a user sheet of that name', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 合并台账: [['用户的']], 台账: smallLedger(3) } });
    expect(await port.writeGridSheet('合并台账', grid(5))).toBe('合并台账 (2)');
    expect(sheetSnapshot(fake, '合并台账').values).toEqual([['用户的']]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('合并台账 (2)').name = '城市台账';
      await context.sync();
    });
    expect(await port.writeGridSheet('合并台账', grid(2, 'q'))).toBe('城市台账');
    const snap = sheetSnapshot(fake, '城市台账');
    expect(snap.values.length).toBe(3);
    expect(snap.values[1]?.[0]).toBe('q0');
    expect(fake.snapshot().sheets.map((s) => s.name).sort()).toEqual(['台账', '合并台账', '城市台账'].sort());
  });

  it('makes a new sheet when the sheet it wrote was deleted', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
    await port.writeGridSheet('合并台账', grid(2));
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('合并台账').delete();
      await context.sync();
    });
    expect(await port.writeGridSheet('合并台账', grid(3))).toBe('合并台账');
    expect(sheetSnapshot(fake, '合并台账').values.length).toBe(4);
    expect(fake.definedNames.filter((n) => n.name === gridOwnerName('合并台账')).map((n) => n.formula)).toEqual(['=合并台账!$A$1']);
  });

  it('below ExcelApi 1.4 (no names to add) writes a new sheet each time, never over an earlier one', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.3', sheets: { 台账: smallLedger(3) } });
    expect(await port.writeGridSheet('合并台账', grid(2))).toBe('合并台账');
    expect(await port.writeGridSheet('合并台账', grid(2, 'q'))).toBe('合并台账 (2)');
    expect(sheetSnapshot(fake, '合并台账').values[1]?.[0]).toBe('p0');
    expect(fake.definedNames).toEqual([]);
  });

  it('uses the same syncs for 50 and 5,000 rows, and more only for payload-sized chunks', async () => {
    const syncsFor = async (rows: number, text = ''): Promise<number> => {
      const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(3) } });
      const sheet = grid(rows);
      const before = fake.syncCount;
      await port.writeGridSheet('合并台账', { ...sheet, grid: sheet.grid.map((row, i) => (i === 0 ? row : [`${String(row[0])}${text}`, ...row.slice(1)])) });
      const syncs = fake.syncCount - before;
      expect(sheetSnapshot(fake, '合并台账').values.length).toBe(rows + 1);
      uninstallFakes();
      return syncs;
    };
    const small = await syncsFor(50);
    expect(await syncsFor(5_000)).toBe(small);
    // 20,000 rows of ~1,000 bytes of text: about 20 MB, several chunks below the payload target.
    const big = await syncsFor(20_000, '项'.repeat(330));
    expect(big).toBeGreaterThan(small + 4);
    expect(big).toBeLessThan(small + 10);
  });
});
