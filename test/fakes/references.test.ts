import { createFakeExcel } from './fakeExcel';

/** A workbook with a summary-like sheet and a user's report pointing into it. */
function workbook(apiVersion = '1.9') {
  return createFakeExcel({
    apiVersion,
    sheets: { 汇总: [['总投资', 42]], 报告: [['=汇总!B1', '=SUM(汇总!B1:B2)*2', '="汇总!B1"']] },
  });
}

describe('references into a deleted or renamed sheet', () => {
  it('turns formulas into #REF! when the sheet they point into is deleted', async () => {
    const fake = workbook();
    expect(fake.getSheetValues('报告')).toEqual([[42, 84, '汇总!B1']]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('汇总').delete();
      await context.sync();
    });
    expect(fake.getSheetValues('报告')).toEqual([['#REF!', '#REF!', '汇总!B1']]);
    expect(fake.snapshot().sheets[0]?.formulas).toEqual({ A1: '=#REF!B1', B1: '=SUM(#REF!B1:B2)*2', C1: '="汇总!B1"' });
  });

  it('does not resurrect a reference when a new sheet takes the deleted sheet\'s name', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('汇总').delete();
      context.workbook.worksheets.add('汇总').getRange('B1').values = [[7]];
      await context.sync();
    });
    expect(fake.getSheetValues('报告')[0]?.[0]).toBe('#REF!');
  });

  it('rewrites formulas and names when a sheet is renamed, quoting the new name where needed', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      context.workbook.names.add('总投资', context.workbook.worksheets.getItem('汇总').getRange('B1'));
      context.workbook.worksheets.getItem('汇总').name = '汇总 (2)';
      await context.sync();
    });
    expect(fake.snapshot().sheets[1]?.formulas.A1).toBe("='汇总 (2)'!B1");
    expect(fake.getSheetValues('报告')[0]?.[0]).toBe(42);
    expect(fake.definedNames).toEqual([{ name: '总投资', formula: "='汇总 (2)'!$B$1", scope: null, visible: true }]);
  });

  it('breaks chart series that point into a deleted sheet', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      const source = context.workbook.worksheets.getItem('汇总').getRange('A1:B1');
      context.workbook.worksheets.getItem('报告').charts.add('ColumnClustered', source, 'Columns');
      await context.sync();
      context.workbook.worksheets.getItem('汇总').delete();
      await context.sync();
    });
    const chart = fake.snapshot().sheets[0]?.charts[0];
    expect(chart?.sourceAddress).toBe('#REF!');
  });
});

describe('defined names', () => {
  it('adds, reads and evaluates a workbook-scoped name with CJK letters', async () => {
    const fake = workbook('1.4');
    await fake.simulateUserEdit('报告', 'D1', '=台账统计_总投资*10');
    expect(fake.getSheetValues('报告')[0]?.[3]).toBe('#NAME?');
    const items = await fake.run(async (context) => {
      context.workbook.names.add('台账统计_总投资', context.workbook.worksheets.getItem('汇总').getRange('B1'));
      await context.sync();
      const names = context.workbook.names.load('items/name,items/type,items/value');
      await context.sync();
      return names.items.map((n) => [n.name, n.type, n.value]);
    });
    expect(items).toEqual([['台账统计_总投资', 'Range', '汇总!$B$1']]);
    expect(fake.getSheetValues('报告')[0]?.[3]).toBe(420);
  });

  it('reports a name into a deleted sheet as a #REF! error', async () => {
    const fake = workbook('1.4');
    const item = await fake.run(async (context) => {
      context.workbook.names.add('_Owner', context.workbook.worksheets.getItem('汇总').getRange('A1'));
      context.workbook.worksheets.getItem('汇总').delete();
      const named = context.workbook.names.getItem('_Owner').load('type,value');
      await context.sync();
      return { type: named.type, value: named.value as unknown };
    });
    expect(item).toEqual({ type: 'Error', value: '#REF!' });
    expect(fake.definedNames[0]?.formula).toBe('=#REF!$A$1');
  });

  it.each(['A1', 'xfd1048576', 'R1C1', 'r', 'TRUE', '1st', 'two words', 'a-b', ''])('rejects the name %j', async (name) => {
    const fake = workbook('1.4');
    await expect(
      fake.run(async (context) => {
        context.workbook.names.add(name, '=1');
        await context.sync();
      }),
    ).rejects.toMatchObject({ name: 'RichApi.Error', code: 'InvalidArgument' });
  });

  it('rejects a second name that differs only in case', async () => {
    const fake = workbook('1.4');
    await expect(
      fake.run(async (context) => {
        context.workbook.names.add('Total', '=1');
        context.workbook.names.add('TOTAL', '=2');
        await context.sync();
      }),
    ).rejects.toMatchObject({ name: 'RichApi.Error', code: 'ItemAlreadyExists' });
  });

  it('needs ExcelApi 1.4 to add or delete a name, 1.1 to read them', async () => {
    const fake = workbook('1.3');
    const count = await fake.run(async (context) => {
      expect(() => context.workbook.names.add('x', '=1')).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
      const names = context.workbook.names.load('items/name');
      await context.sync();
      return names.items.length;
    });
    expect(count).toBe(0);
  });

  it('gives the range of a name, which follows the sheet through a rename', async () => {
    const fake = workbook('1.4');
    const address = await fake.run(async (context) => {
      context.workbook.names.add('x', context.workbook.worksheets.getItem('汇总').getRange('B1'));
      context.workbook.worksheets.getItem('汇总').name = 'Summary';
      const range = context.workbook.names.getItem('x').getRange().load('address');
      await context.sync();
      return range.address;
    });
    expect(address).toBe('Summary!B1');
  });
});

describe('FakeExcel.reopen', () => {
  it('gives every sheet a new id, keeps contents, names and settings, and invalidates old ids', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4', sheets: { 汇总: [[1]], Sheet2: [] }, settings: { k: 'v' } });
    const before = fake.snapshot().sheets.map((s) => s.id);
    await fake.run(async (context) => {
      context.workbook.names.add('n', context.workbook.worksheets.getItem('汇总').getRange('A1'));
      await context.sync();
    });
    fake.reopen();
    const after = fake.snapshot();
    expect(after.sheets.map((s) => s.name)).toEqual(['汇总', 'Sheet2']);
    expect(after.sheets.map((s) => s.id).some((id) => before.includes(id))).toBe(false);
    expect(after.settings).toEqual({ k: 'v' });
    expect(fake.definedNames.map((n) => n.name)).toEqual(['n']);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem(before[0] ?? '').getRange('A1').values = [[2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ name: 'RichApi.Error', code: 'ItemNotFound' });
  });
  it('gives tables new ids too, and drops event handlers', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7', sheets: { Sheet1: [['a'], [1]] } });
    const tableId = async (): Promise<string> =>
      fake.run(async (context) => {
        const tables = context.workbook.tables.load('items/id');
        await context.sync();
        return tables.items[0]?.id ?? '';
      });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').tables.add('A1:A2', true);
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async () => undefined);
      await context.sync();
    });
    const before = await tableId();
    expect(fake.handlerCount).toBe(1);
    fake.reopen();
    expect(await tableId()).not.toBe(before);
    expect(fake.handlerCount).toBe(0);
  });
});

describe('FakeExcel.simulateUserCopySheet', () => {
  it('copies the sheet as "<name> (2)" and clones workbook names that point at it as names scoped to the copy', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4', sheets: { 汇总: [[1]] } });
    await fake.run(async (context) => {
      context.workbook.names.add('Owner', context.workbook.worksheets.getItem('汇总').getRange('A1'));
      await context.sync();
    });
    expect(fake.simulateUserCopySheet('汇总')).toBe('汇总 (2)');
    expect(fake.getSheetValues('汇总 (2)')).toEqual([[1]]);
    expect(fake.definedNames).toEqual([
      { name: 'Owner', formula: '=汇总!$A$1', scope: null, visible: true },
      { name: 'Owner', formula: "='汇总 (2)'!$A$1", scope: '汇总 (2)', visible: true },
    ]);
    const workbookNames = await fake.run(async (context) => {
      const names = context.workbook.names.load('items/name,items/value');
      await context.sync();
      return names.items.map((n) => n.value as unknown);
    });
    expect(workbookNames).toEqual(['汇总!$A$1']);
  });
});

describe('Range.copyFrom', () => {
  it('copies contents, number formats, fonts and merged areas, but not column widths', async () => {
    const fake = createFakeExcel({ apiVersion: '1.9', sheets: { From: [], To: [['old', 'old', 'old']] } });
    await fake.run(async (context) => {
      const from = context.workbook.worksheets.getItem('From');
      from.getRange('A1:B1').values = [['title', '=1+1']];
      from.getRange('B1').numberFormat = [['0.0']];
      from.getRange('A1').format.font.bold = true;
      from.getRange('A2:B2').merge();
      from.getRange('A:A').format.columnWidth = 100;
      const to = context.workbook.worksheets.getItem('To');
      to.getRange('A1:C2').clear();
      to.getRange('A1:B2').copyFrom(from.getRange('A1:B2'));
      await context.sync();
    });
    const to = fake.snapshot().sheets[1];
    expect(fake.getSheetValues('To')).toEqual([['title', 2]]);
    expect(to?.formulas).toEqual({ B1: '=1+1' });
    expect(to?.numberFormats).toEqual({ B1: '0.0' });
    expect(to?.fonts.A1?.bold).toBe(true);
    expect(to?.mergedAreas).toEqual(['A2:B2']);
    expect(to?.columnWidths).toEqual({});
  });

  it('needs ExcelApi 1.9', async () => {
    const fake = createFakeExcel({ apiVersion: '1.8' });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      expect(() => sheet.getRange('A1').copyFrom(sheet.getRange('B1'))).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
      await context.sync();
    });
  });
});
