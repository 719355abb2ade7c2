/**
 * Protected sheets: writes to their cells, formats, conditional formats and charts fail with
 * AccessDenied at sync, as in Excel; the sheet itself can still be renamed and deleted.
 */
import { createFakeExcel, type FakeExcel, type FakeRequestContext } from './fakeExcel';

type Write = (context: FakeRequestContext) => void;

async function codeOf(fake: FakeExcel, write: Write): Promise<string | null> {
  try {
    await fake.run(async (context) => {
      write(context);
      await context.sync();
    });
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
}

const sheet = (context: FakeRequestContext, name = '台账') => context.workbook.worksheets.getItem(name);

function workbook(): FakeExcel {
  return createFakeExcel({ apiVersion: '1.16', sheets: { 台账: [['项目', '金额'], ['甲', 1]], 汇总: [] } });
}

describe('protectSheet', () => {
  it.each<[string, Write]>([
    ['values', (c) => void (sheet(c).getRange('A1').values = [['x']])],
    ['formulas', (c) => void (sheet(c).getRange('C1').formulas = [['=1+1']])],
    ['numberFormat', (c) => void (sheet(c).getRange('B2').numberFormat = [['0.0']])],
    ['clear', (c) => sheet(c).getRange('A1:B2').clear()],
    ['merge', (c) => sheet(c).getRange('A1:B1').merge()],
    ['a fill', (c) => void (sheet(c).getRange('A1').format.fill.color = '#FFC7CE')],
    ['a font', (c) => void (sheet(c).getRange('A1').format.font.bold = true)],
    ['a conditional format', (c) => void sheet(c).getRange('A1:A2').conditionalFormats.add('Custom')],
    ['a chart', (c) => void sheet(c).charts.add('ColumnClustered', sheet(c).getRange('A1:B2'), 'Auto')],
  ])('rejects %s on a protected sheet with AccessDenied and changes nothing', async (_what, write) => {
    const fake = workbook();
    fake.protectSheet('台账');
    const before = fake.snapshot();
    expect(await codeOf(fake, write)).toBe('AccessDenied');
    expect(fake.snapshot()).toEqual(before);
  });

  it('lets the same writes through on another sheet and after unprotectSheet', async () => {
    const fake = workbook();
    fake.protectSheet('台账');
    expect(await codeOf(fake, (c) => void (sheet(c, '汇总').getRange('A1').values = [['合计']]))).toBeNull();
    fake.unprotectSheet('台账');
    expect(await codeOf(fake, (c) => void (sheet(c).getRange('A1').values = [['x']]))).toBeNull();
    expect(fake.getSheetValues('台账')[0]).toEqual(['x', '金额']);
  });

  it('allows formats with allowFormatCells and charts with allowEditObjects, never values', async () => {
    const fake = workbook();
    fake.protectSheet('台账', { allowFormatCells: true, allowEditObjects: true });
    expect(await codeOf(fake, (c) => void (sheet(c).getRange('A1').format.fill.color = '#FFC7CE'))).toBeNull();
    expect(await codeOf(fake, (c) => void sheet(c).charts.add('ColumnClustered', sheet(c).getRange('A1:B2'), 'Auto'))).toBeNull();
    expect(await codeOf(fake, (c) => void (sheet(c).getRange('A1').values = [['x']]))).toBe('AccessDenied');
  });

  it('leaves reading, renaming and deleting the sheet to the add-in', async () => {
    const fake = workbook();
    fake.protectSheet('台账');
    let values: unknown = null;
    await fake.run(async (context) => {
      const range = sheet(context).getRange('A1:B2').load('values');
      await context.sync();
      values = range.values;
    });
    expect(values).toEqual([['项目', '金额'], ['甲', 1]]);
    expect(await codeOf(fake, (c) => void (sheet(c).name = '台账（旧）'))).toBeNull();
    expect(await codeOf(fake, (c) => sheet(c, '台账（旧）').delete())).toBeNull();
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['汇总']);
  });

  it('keeps the writes before the refused one in the same sync (a partial sync)', async () => {
    const fake = workbook();
    fake.protectSheet('台账');
    const code = await codeOf(fake, (c) => {
      sheet(c, '汇总').getRange('A1').values = [['合计']];
      sheet(c).getRange('A1').values = [['x']];
      sheet(c, '汇总').getRange('A2').values = [['never']];
    });
    expect(code).toBe('AccessDenied');
    expect(fake.getSheetValues('汇总')).toEqual([['合计']]);
  });
});

describe('Worksheet.protection', () => {
  it('reports a user-protected sheet as protected, with its options', async () => {
    const fake = workbook();
    fake.protectSheet('台账', { allowFormatCells: true });
    const seen = await fake.run(async (context) => {
      const protection = sheet(context).protection.load('protected, options');
      const other = sheet(context, '汇总').protection.load('protected');
      await context.sync();
      return [protection.protected, protection.options.allowFormatCells, protection.options.allowEditObjects, other.protected];
    });
    expect(seen).toEqual([true, true, false, false]);
  });

  it('protects and unprotects a sheet through the API, at sync', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      sheet(context).protection.protect();
      expect(fake.isSheetProtected('台账')).toBe(false);
      await context.sync();
    });
    expect(fake.isSheetProtected('台账')).toBe(true);
    expect(await codeOf(fake, (c) => void (sheet(c).getRange('A1').values = [['x']]))).toBe('AccessDenied');
    await fake.run(async (context) => sheet(context).protection.unprotect());
    expect(fake.isSheetProtected('台账')).toBe(false);
  });

  it('keeps the first options when protect() runs on a protected sheet', async () => {
    const fake = workbook();
    fake.protectSheet('台账', { allowFormatCells: true });
    expect(await codeOf(fake, (c) => sheet(c).protection.protect({ allowFormatCells: false }))).toBeNull();
    expect(await codeOf(fake, (c) => void (sheet(c).getRange('A1').format.fill.color = '#FFC7CE'))).toBeNull();
  });

  it('is gated to ExcelApi 1.2, a password to 1.7', () => {
    const old = createFakeExcel({ apiVersion: '1.1' });
    const v16 = createFakeExcel({ apiVersion: '1.6' });
    const gate = (fake: FakeExcel, f: (c: FakeRequestContext) => void): string | null => {
      try {
        f(fake.newContext());
        return null;
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(gate(old, (c) => void c.workbook.worksheets.getItem('Sheet1').protection)).toBe('ApiNotFound');
    expect(gate(v16, (c) => c.workbook.worksheets.getItem('Sheet1').protection.protect())).toBeNull();
    expect(gate(v16, (c) => c.workbook.worksheets.getItem('Sheet1').protection.protect({}, 'pw'))).toBe('ApiNotFound');
  });
});
