/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/no-context-sync-in-loop -- these tests break the Office.js rules on purpose to pin how the fake reacts */
import { createFakeExcel, FakeOfficeError, type FakeExcel, type FakeRequestContext } from './fakeExcel';

async function rejection(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeOfficeError) return e;
    throw e;
  }
  throw new Error('expected the promise to reject');
}

function thrown(f: () => unknown): FakeOfficeError {
  try {
    f();
  } catch (e) {
    if (e instanceof FakeOfficeError) return e;
    throw e;
  }
  throw new Error('expected the call to throw');
}

function sheet1(context: FakeRequestContext) {
  return context.workbook.worksheets.getItem('Sheet1');
}

function previousVersion(v: string): string {
  const minor = Number(v.split('.')[1]);
  return `1.${minor - 1}`;
}

describe('proxy objects (load / sync)', () => {
  it('throws PropertyNotLoaded when a scalar is read before load and sync', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [[1]] } });
    await fake.run(async (context) => {
      const range = sheet1(context).getRange('A1');
      const err = thrown(() => range.values);
      expect(err.code).toBe('PropertyNotLoaded');
      expect(err.message).toBe(
        "The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
      );
      expect(err.debugInfo).toEqual(expect.objectContaining({ code: 'PropertyNotLoaded', errorLocation: 'Range.values' }));
    });
  });

  it('throws PropertyNotLoaded when load() was queued but context.sync() has not completed', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [[1]] } });
    await fake.run(async (context) => {
      const range = sheet1(context).getRange('A1').load('values');
      expect(thrown(() => range.values).code).toBe('PropertyNotLoaded');
      await context.sync();
      expect(range.values).toEqual([[1]]);
    });
  });

  it('accepts the string, array, select-object, nested-object and parameterless load forms', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [['a', 2]] } });
    await fake.run(async (context) => {
      const ws = sheet1(context);
      const a = ws.getRange('A1:B1').load('values, address');
      const b = ws.getRange('A1:B1').load(['rowCount']);
      const c = ws.getRange('A1:B1').load({ select: 'columnCount' });
      const d = ws.getRange('A1:B1').load({ format: { font: { bold: true } }, text: true });
      const e = ws.getRange('A1:B1').load();
      const f = ws.getRange('A1').load('format/fill/color');
      await context.sync();
      expect([a.values, a.address]).toEqual([[['a', 2]], 'Sheet1!A1:B1']);
      expect(b.rowCount).toBe(1);
      expect(thrown(() => b.values).code).toBe('PropertyNotLoaded');
      expect(c.columnCount).toBe(2);
      expect([d.format.font.bold, d.text]).toEqual([false, [['a', '2']]]);
      expect([e.address, e.values, e.numberFormat, e.rowIndex]).toEqual(['Sheet1!A1:B1', [['a', 2]], [['General', 'General']], 0]);
      expect(f.format.fill.color).toBe('#FFFFFF');
    });
  });

  it('returns a property the client has set without load', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      const range = sheet1(context).getRange('A1');
      range.values = [['x']];
      range.format.font.bold = true;
      expect(range.values).toEqual([['x']]);
      expect(range.format.font.bold).toBe(true);
    });
  });

  it('throws PropertyNotLoaded when collection items are read before load', async () => {
    const fake = createFakeExcel({ sheets: { A: [], B: [] } });
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(thrown(() => sheets.items).code).toBe('PropertyNotLoaded');
      sheets.load('items/name');
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['A', 'B']);
      expect(thrown(() => sheets.items[0]?.visibility).code).toBe('PropertyNotLoaded');
    });
  });

  it('throws ValueNotLoaded when a ClientResult is read before sync', async () => {
    const fake = createFakeExcel({ apiVersion: '1.5' });
    await fake.run(async (context) => {
      const part = context.workbook.customXmlParts.add('<r xmlns="urn:x">1</r>');
      const xml = part.getXml();
      expect(thrown(() => xml.value).code).toBe('ValueNotLoaded');
      await context.sync();
      expect(xml.value).toBe('<r xmlns="urn:x">1</r>');
    });
  });

  it('sets isNullObject at sync without load and loads nulls for a null object', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4' });
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      const present = context.workbook.worksheets.getItemOrNullObject('sheet1');
      expect(thrown(() => missing.isNullObject).code).toBe('PropertyNotLoaded');
      missing.load('name');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(missing.name).toBeNull();
      expect(present.isNullObject).toBe(false);
    });
  });

  it('rejects with ItemNotFound when a null object is written to', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4' });
    const err = await rejection(
      fake.run(async (context) => {
        const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
        await context.sync();
        missing.getRange('A1').values = [[1]];
        await context.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });
});

describe('queued writes', () => {
  it('applies writes only at sync, in queue order', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      const a1 = sheet1(context).getRange('A1');
      a1.values = [[1]];
      a1.values = [[2]];
      expect(fake.getSheetValues('Sheet1')).toEqual([]);
      await context.sync();
      expect(fake.getSheetValues('Sheet1')).toEqual([[2]]);
    });
  });

  it('resolves a load queued after a write with the written value', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      const before = sheet1(context).getRange('A1').load('values');
      sheet1(context).getRange('A1').values = [['new']];
      const after = sheet1(context).getRange('A1').load('values');
      await context.sync();
      expect([before.values, after.values]).toEqual([[['']], [['new']]]);
    });
  });

  it('counts only syncs that carry operations, including the final sync of Excel.run', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      await context.sync();
      sheet1(context).getRange('A1').values = [[1]];
      await context.sync();
      sheet1(context).getRange('A2').values = [[2]];
    });
    expect(fake.syncCount).toBe(2);
    expect(fake.getSheetValues('Sheet1')).toEqual([[1], [2]]);
    expect(fake.syncLog.map((s) => s.operations)).toEqual([['Range.values'], ['Range.values']]);
  });

  it('drops the pending operations of a batch that throws', async () => {
    const fake = createFakeExcel();
    await expect(
      fake.run(async (context) => {
        sheet1(context).getRange('A1').values = [[1]];
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(fake.syncCount).toBe(0);
    expect(fake.getSheetValues('Sheet1')).toEqual([]);
  });

  it('throws InvalidObjectPath when an object of a finished Excel.run is used', async () => {
    const fake = createFakeExcel();
    const range = await fake.run(async (context) => sheet1(context).getRange('A1'));
    expect(thrown(() => (range.values = [[1]])).code).toBe('InvalidObjectPath');
  });

  it('rejects with RunMustReturnPromise when the batch does not return a promise', async () => {
    const fake = createFakeExcel();
    const notAPromise = (() => 1) as unknown as (context: FakeRequestContext) => Promise<number>;
    expect((await rejection(fake.run(notAPromise))).code).toBe('RunMustReturnPromise');
  });

  it('throws InvalidRequestContext when an object is passed to another context', async () => {
    const fake = createFakeExcel();
    const other = fake.newContext();
    await fake.run(async (context) => {
      const foreign = other.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      expect(thrown(() => sheet1(context).charts.add('ColumnClustered', foreign)).code).toBe('InvalidRequestContext');
    });
  });
});

describe('payload limits', () => {
  it('records UTF-8 request and response bytes of each sync', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      sheet1(context).getRange('A1').values = [['aaaa']];
      await context.sync();
      sheet1(context).getRange('A1').values = [['汇总汇总']];
      await context.sync();
      sheet1(context).getRange('A1').load('values');
      await context.sync();
    });
    const [ascii, cjk, read] = fake.syncLog;
    expect((cjk?.requestBytes ?? 0) - (ascii?.requestBytes ?? 0)).toBe(8);
    expect(read?.responseBytes).toBe(new TextEncoder().encode(JSON.stringify([{ values: [['汇总汇总']] }])).length);
    expect(fake.maxRequestBytes).toBe(cjk?.requestBytes);
  });

  it('rejects with RequestPayloadSizeLimitExceeded and applies nothing when the request is too large', async () => {
    const fake = createFakeExcel({ maxPayloadBytes: 1000 });
    const before = fake.snapshot();
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('Z1').values = [['small']];
        sheet1(context).getRange('A1:A100').values = Array.from({ length: 100 }, (_, i) => [`row ${i}`]);
        await context.sync();
      }),
    );
    expect(err.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.snapshot()).toEqual(before);
    expect(fake.syncLog[0]?.requestBytes).toBeGreaterThan(1000);
  });

  it('rejects with ResponsePayloadSizeLimitExceeded and applies nothing when the loaded data is too large', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`value number ${i}`]);
    const fake = createFakeExcel({ maxPayloadBytes: 2000, sheets: { Sheet1: rows } });
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('B1').values = [['written']];
        sheet1(context).getRange('A1:A200').load('values');
        await context.sync();
      }),
    );
    expect(err.code).toBe('ResponsePayloadSizeLimitExceeded');
    expect(fake.getSheetValues('Sheet1')[0]).toEqual(['value number 0']);
  });

  it('rejects a read of a whole-sheet range without building it', async () => {
    const fake = createFakeExcel();
    const err = await rejection(fake.run(async (context) => sheet1(context).getRange().load('values')));
    expect(err.code).toBe('ResponsePayloadSizeLimitExceeded');
  });
});

describe('sheet names', () => {
  it.each([
    ['', 'blank'],
    ['   ', 'blank'],
    ['a'.repeat(32), 'longer than 31'],
    ['a:b', 'colon'],
    ['a\\b', 'backslash'],
    ['a/b', 'slash'],
    ['a?b', 'question mark'],
    ['a*b', 'asterisk'],
    ['a[b', 'bracket'],
    ['a]b', 'bracket'],
    ["'ab", 'leading apostrophe'],
    ["ab'", 'trailing apostrophe'],
    ['history', 'reserved'],
    ['HISTORY', 'reserved'],
  ])('rejects %p at sync with InvalidArgument (%s)', async (name) => {
    const fake = createFakeExcel();
    const err = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.add(name);
        await context.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('rejects a name that differs from an existing one only in case with ItemAlreadyExists', async () => {
    const fake = createFakeExcel({ sheets: { 汇总: [], Data: [] } });
    const err = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('汇总').name = 'DATA';
      }),
    );
    expect(err.code).toBe('ItemAlreadyExists');
  });

  it('accepts a 31-character name with spaces and Chinese characters and quotes it in addresses', async () => {
    const fake = createFakeExcel();
    const name = `央地合作 ${'项'.repeat(26)}`;
    const address = await fake.run(async (context) => {
      const ws = context.workbook.worksheets.add(name);
      const r = ws.getRange('A1').load('address');
      await context.sync();
      return r.address;
    });
    expect(name).toHaveLength(31);
    expect(address).toBe(`'${name}'!A1`);
  });
});

describe('array shapes', () => {
  it('rejects a values array that does not match the range with InvalidArgument', async () => {
    const fake = createFakeExcel();
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('A1:B2').values = [[1, 2]];
      }),
    );
    expect(err.code).toBe('InvalidArgument');
    expect(err.debugInfo.errorLocation).toBe('Range.values');
  });

  it('rejects a numberFormat array of the wrong width with InvalidArgument', async () => {
    const fake = createFakeExcel();
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('A1:B1').numberFormat = [['0.00']];
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  it('applies a single value to every cell of the range and leaves null entries unchanged', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [[1, 2]] } });
    await fake.run(async (context) => {
      sheet1(context).getRange('A2:B3').values = 'x' as unknown as unknown[][];
      sheet1(context).getRange('A1:B1').values = [[null, 'changed']];
    });
    expect(fake.getSheetValues('Sheet1')).toEqual([
      [1, 'changed'],
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });
});

describe('typed input conversion', () => {
  async function write(fake: FakeExcel, input: unknown[][], numberFormatFirst?: string) {
    return fake.run(async (context) => {
      const r = sheet1(context).getRange('A1').getResizedRange(input.length - 1, (input[0]?.length ?? 1) - 1);
      if (numberFormatFirst !== undefined) r.numberFormat = numberFormatFirst as unknown as unknown[][];
      r.values = input;
      const back = sheet1(context).getRange('A1').getResizedRange(input.length - 1, (input[0]?.length ?? 1) - 1);
      back.load('values, formulas, valueTypes');
      await context.sync();
      return { values: back.values, formulas: back.formulas, types: back.valueTypes };
    });
  }

  it('stores strings starting with = as formulas and evaluates SUM and HYPERLINK', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2', sheets: { Sheet1: [[2], [3]] } });
    const out = await fake.run(async (context) => {
      sheet1(context).getRange('B1:C1').values = [['=SUM(A1:A2)', '=HYPERLINK("https://example.com","打开")']];
      const r = sheet1(context).getRange('B1:C1').load('values, formulas');
      await context.sync();
      return [r.values, r.formulas];
    });
    expect(out).toEqual([[[5, '打开']], [['=SUM(A1:A2)', '=HYPERLINK("https://example.com","打开")']]]);
  });

  it('treats a leading + or - followed by text as a formula but keeps signed numbers as numbers', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2' });
    const out = await write(fake, [['-abc', '+项目', '-5', '+3.5', '-']]);
    expect(out.formulas).toEqual([['=-abc', '=+项目', -5, 3.5, '-']]);
    expect(out.values).toEqual([['#NAME?', '#NAME?', -5, 3.5, '-']]);
    expect(out.types).toEqual([['Error', 'Error', 'Double', 'Double', 'String']]);
  });

  it('stores a quote-prefixed string as text without the apostrophe and records quotePrefix', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2' });
    const out = await write(fake, [["'=not a formula", "'00123", "'-x"]]);
    expect(out.values).toEqual([['=not a formula', '00123', '-x']]);
    expect(out.formulas).toEqual([['=not a formula', '00123', '-x']]);
    expect(fake.snapshot().sheets[0]?.quotePrefix).toEqual({ A1: true, B1: true, C1: true });
  });

  it('converts numeric-looking strings the way Excel does when typed', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2' });
    const out = await write(fake, [['123', '00123', '1,234.5', '12%', '2024-03-05', 'TRUE', '110101199003071234', '1e3']]);
    expect(out.values).toEqual([[123, 123, 1234.5, 0.12, 45356, true, 110101199003071000, 1000]]);
    expect(fake.snapshot().sheets[0]?.numberFormats).toEqual({ C1: '#,##0.00', D1: '0%', E1: 'yyyy/m/d', H1: '0.00E+00' });
  });

  it('keeps numeric-looking strings as text when the cells were formatted as "@" in an earlier operation', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2' });
    const out = await write(fake, [['00123', '2024-03-05', '=1+1']], '@');
    expect(out.values).toEqual([['00123', '2024-03-05', 2]]);
    expect(out.types).toEqual([['String', 'String', 'Double']]);
  });

  it('converts numeric-looking strings when "@" is applied only after the values', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2' });
    const values = await fake.run(async (context) => {
      const r = sheet1(context).getRange('A1');
      r.values = [['00123']];
      r.numberFormat = [['@']];
      r.load('values');
      await context.sync();
      return r.values;
    });
    expect(values).toEqual([[123]]);
  });

  it('returns "" for empty cells and leaves numbers and booleans as they are', async () => {
    const fake = createFakeExcel();
    const values = await fake.run(async (context) => {
      sheet1(context).getRange('A1:C1').values = [[1.5, false, '']];
      const r = sheet1(context).getRange('A1:D1').load('values');
      await context.sync();
      return r.values;
    });
    expect(values).toEqual([[1.5, false, '', '']]);
  });
});

describe('missing and last sheets', () => {
  it('rejects getItem of a missing sheet with ItemNotFound at sync, not synchronously', async () => {
    const fake = createFakeExcel();
    const err = await rejection(
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('不存在');
        ws.load('name');
        await context.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
    expect(err.debugInfo.errorLocation).toBe('Worksheet.load');
  });

  it('rejects deleting the last visible sheet with InvalidOperation', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2', sheets: { A: [], B: [] } });
    const err = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('B').visibility = 'Hidden';
        await context.sync();
        context.workbook.worksheets.getItem('A').delete();
        await context.sync();
      }),
    );
    expect(err.code).toBe('InvalidOperation');
    expect(fake.snapshot().sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['A', 'Visible'],
      ['B', 'Hidden'],
    ]);
  });

  it('deletes a sheet and activates the next visible one', async () => {
    const fake = createFakeExcel({ sheets: { A: [], B: [], C: [] } });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('A').delete();
    });
    expect(fake.snapshot().activeSheet).toBe('B');
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['B', 'C']);
  });
});

describe('requirement-set gates', () => {
  type Member = [string, string, (context: FakeRequestContext) => unknown];
  const ws = (context: FakeRequestContext) => context.workbook.worksheets.getItem('Sheet1');
  const series = (context: FakeRequestContext) => ws(context).charts.getItemAt(0).series.getItemAt(0);
  const members: Member[] = [
    ['Worksheet.visibility (set)', '1.2', (context) => (ws(context).visibility = 'Hidden')],
    ['Worksheet.getUsedRange(valuesOnly)', '1.2', (context) => ws(context).getUsedRange(true)],
    ['Range.merge', '1.2', (context) => ws(context).getRange('A1:B1').merge()],
    ['Range.unmerge', '1.2', (context) => ws(context).getRange('A1:B1').unmerge()],
    ['Range.getResizedRange', '1.2', (context) => ws(context).getRange('A1').getResizedRange(1, 1)],
    ['RangeFormat.columnWidth', '1.2', (context) => (ws(context).getRange('A1').format.columnWidth = 20)],
    ['RangeFormat.rowHeight', '1.2', (context) => (ws(context).getRange('A1').format.rowHeight = 20)],
    ['RangeFormat.autofitColumns', '1.2', (context) => ws(context).getRange('A1').format.autofitColumns()],
    ['Chart.worksheet', '1.2', (context) => ws(context).charts.getItemAt(0).worksheet],
    ['Table.worksheet', '1.2', (context) => context.workbook.tables.getItem('T').worksheet],
    ['WorksheetCollection.getItemOrNullObject', '1.4', (context) => context.workbook.worksheets.getItemOrNullObject('x')],
    ['Worksheet.getUsedRangeOrNullObject', '1.4', (context) => ws(context).getUsedRangeOrNullObject()],
    ['Workbook.settings', '1.4', (context) => context.workbook.settings],
    ['Workbook.customXmlParts', '1.5', (context) => context.workbook.customXmlParts],
    ['Range.conditionalFormats', '1.6', (context) => ws(context).getRange('A1').conditionalFormats],
    ['Application.suspendApiCalculationUntilNextSync', '1.6', (context) => context.workbook.application.suspendApiCalculationUntilNextSync()],
    ['Worksheet.getRangeByIndexes', '1.7', (context) => ws(context).getRangeByIndexes(0, 0, 1, 1)],
    ['Worksheet.freezePanes', '1.7', (context) => ws(context).freezePanes],
    ['Worksheet.onChanged', '1.7', (context) => ws(context).onChanged],
    ['Range.hyperlink (set)', '1.7', (context) => (ws(context).getRange('A1').hyperlink = { address: 'https://example.com' })],
    ['ChartSeries.setValues', '1.7', (context) => series(context).setValues(ws(context).getRange('A1:A3'))],
    ['ChartSeries.setXAxisValues', '1.7', (context) => series(context).setXAxisValues(ws(context).getRange('A1:A3'))],
    ['Runtime.enableEvents (set)', '1.8', (context) => (context.runtime.enableEvents = false)],
    ['Application.suspendScreenUpdatingUntilNextSync', '1.9', (context) => context.workbook.application.suspendScreenUpdatingUntilNextSync()],
    ['WorksheetCollection.onChanged', '1.9', (context) => context.workbook.worksheets.onChanged],
    ['Worksheet.customProperties', '1.12', (context) => ws(context).customProperties],
  ];

  it.each(members)('throws ApiNotFound synchronously for %s below ExcelApi %s', (_name, version, use) => {
    const below = createFakeExcel({ apiVersion: previousVersion(version) });
    const err = thrown(() => use(below.newContext()));
    expect(err.code).toBe('ApiNotFound');
    expect(err.message).toContain(`ExcelApi ${version}`);
  });

  it.each(members)('allows %s at ExcelApi %s and isSetSupported agrees', (_name, version, use) => {
    const at = createFakeExcel({ apiVersion: version });
    const below = createFakeExcel({ apiVersion: previousVersion(version) });
    expect(() => use(at.newContext())).not.toThrow();
    type G = { Office?: { context: { requirements: { isSetSupported(n: string, v: string): boolean } } } };
    const gAt: G = {};
    const gBelow: G = {};
    at.install(gAt);
    below.install(gBelow);
    expect(gAt.Office?.context.requirements.isSetSupported('ExcelApi', version)).toBe(true);
    expect(gBelow.Office?.context.requirements.isSetSupported('ExcelApi', version)).toBe(false);
  });
});

describe('charts and conditional formats in the workbook state', () => {
  const data = [
    ['区域', '投资额', '项目数'],
    ['华东', 120, 3],
    ['华北', 80, 2],
    ['西南', 45, 1],
  ];

  it('records a chart with its source, series, titles, labels, legend and position', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: data } });
    await fake.run(async (context) => {
      const chart = sheet1(context).charts.add('ColumnClustered', sheet1(context).getRange('A1:C4'), 'Columns');
      chart.title.text = '各区域投资';
      chart.axes.valueAxis.title.text = '万元';
      chart.dataLabels.showValue = true;
      chart.legend.position = 'Right';
      chart.setPosition('E2', 'L18');
    });
    const [chart] = fake.snapshot().sheets[0]?.charts ?? [];
    expect(chart).toEqual({
      name: 'Chart 1',
      type: 'ColumnClustered',
      sourceAddress: 'Sheet1!A1:C4',
      seriesBy: 'Columns',
      title: { text: '各区域投资', visible: true },
      valueAxisTitle: { text: '万元', visible: true },
      categoryAxisTitle: { text: '', visible: false },
      dataLabels: { showValue: true, showPercentage: false, showCategoryName: false, showSeriesName: false, showLegendKey: false },
      legend: { visible: true, position: 'Right' },
      top: 15,
      left: 192,
      width: 384,
      height: 255,
      position: { startCell: 'E2', endCell: 'L18' },
      series: [
        { name: '投资额', values: 'Sheet1!B2:B4', xValues: 'Sheet1!A2:A4' },
        { name: '项目数', values: 'Sheet1!C2:C4', xValues: 'Sheet1!A2:A4' },
      ],
    });
  });

  it('loads chart collections, series and reads back chart properties', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7', sheets: { Sheet1: data } });
    const out = await fake.run(async (context) => {
      const chart = sheet1(context).charts.add('Pie', sheet1(context).getRange('A1:B4'), 'Columns');
      chart.series.getItemAt(0).setValues(sheet1(context).getRange('C2:C4'));
      const charts = sheet1(context).charts.load('items/name, count');
      const s = chart.series.load('items/name');
      await context.sync();
      return { names: charts.items.map((c) => c.name), count: charts.count, series: s.items.map((x) => x.name) };
    });
    expect(out).toEqual({ names: ['Chart 1'], count: 1, series: ['投资额'] });
    expect(fake.snapshot().sheets[0]?.charts[0]?.series[0]?.values).toBe('Sheet1!C2:C4');
  });

  it('rejects an axis title on a pie chart with InvalidOperation', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: data } });
    const err = await rejection(
      fake.run(async (context) => {
        const chart = sheet1(context).charts.add('Pie', sheet1(context).getRange('A1:B4'), 'Columns');
        chart.axes.valueAxis.title.text = 'x';
      }),
    );
    expect(err.code).toBe('InvalidOperation');
    // the chart was added by the statement before the failing one, and a failed sync keeps it
    expect(fake.snapshot().sheets[0]?.charts.map((c) => [c.type, c.valueAxisTitle.text])).toEqual([['Pie', '']]);
  });

  it('removes a deleted chart and rejects getItem of an unknown chart name', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: data } });
    await fake.run(async (context) => {
      sheet1(context).charts.add('Line', sheet1(context).getRange('A1:B4'), 'Columns').name = '趋势';
      await context.sync();
      sheet1(context).charts.getItem('趋势').delete();
    });
    expect(fake.snapshot().sheets[0]?.charts).toEqual([]);
    const err = await rejection(fake.run(async (context) => sheet1(context).charts.getItem('趋势').load('name')));
    expect(err.code).toBe('ItemNotFound');
  });

  it('records conditional formats with their rule, format and priority and clears them', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6', sheets: { Sheet1: data } });
    await fake.run(async (context) => {
      const range = sheet1(context).getRange('B2:B4');
      const cf = range.conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=B2>100';
      cf.custom.format.fill.color = '#FFC7CE';
      cf.custom.format.font.color = 'red';
      const cv = range.conditionalFormats.add('CellValue');
      cv.cellValue.rule = { formula1: '50', operator: 'LessThan' };
      cv.cellValue.format.font.bold = true;
    });
    expect(fake.snapshot().sheets[0]?.conditionalFormats).toEqual([
      { type: 'CellValue', address: 'B2:B4', priority: 0, stopIfTrue: false, rule: { formula1: '50', operator: 'LessThan' }, format: { bold: true } },
      { type: 'Custom', address: 'B2:B4', priority: 1, stopIfTrue: false, rule: { formula: '=B2>100' }, format: { fill: '#FFC7CE', fontColor: '#FF0000' } },
    ]);
    await fake.run(async (context) => sheet1(context).getRange('B3').conditionalFormats.clearAll());
    expect(fake.snapshot().sheets[0]?.conditionalFormats).toEqual([]);
  });

  it('rejects setting the custom rule of a non-custom conditional format with InvalidOperation', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6' });
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('A1').conditionalFormats.add('DataBar').custom.rule.formula = '=TRUE';
      }),
    );
    expect(err.code).toBe('InvalidOperation');
  });
});

describe('failAtSync', () => {
  it('rejects the nth sync from now with the given code and applies none of its operations', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      sheet1(context).getRange('A1').values = [['before']];
    });
    fake.failAtSync(2, 'InvalidOperationInCellEditMode');
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('A2').values = [['first']];
        await context.sync();
        sheet1(context).getRange('A3').values = [['second']];
        context.workbook.worksheets.add('New');
        await context.sync();
      }),
    );
    expect(err.code).toBe('InvalidOperationInCellEditMode');
    expect(fake.getSheetValues('Sheet1')).toEqual([['before'], ['first']]);
    expect(fake.snapshot().sheets).toHaveLength(1);
    expect(fake.syncLog.map((s) => s.error)).toEqual([undefined, undefined, 'InvalidOperationInCellEditMode']);
  });

  it('uses GeneralException by default and fails only once', async () => {
    const fake = createFakeExcel();
    fake.failAtSync(1);
    const write = () =>
      fake.run(async (context) => {
        sheet1(context).getRange('A1').values = [[1]];
      });
    expect((await rejection(write())).code).toBe('GeneralException');
    await write();
    expect(fake.getSheetValues('Sheet1')).toEqual([[1]]);
  });
});

describe('partial syncs', () => {
  it('keeps the operations before the failing one and applies none after it', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4', sheets: { Sheet1: [['keep']] } });
    const err = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.add('Added');
        sheet1(context).getRange('A1').values = [['changed']];
        sheet1(context).name = 'bad:name';
        sheet1(context).getRange('A1').format.fill.color = '#FF0000';
        context.workbook.settings.add('k', 1);
      }),
    );
    expect(err.code).toBe('InvalidArgument');
    expect(err.debugInfo.errorLocation).toBe('Worksheet.name');
    const after = fake.snapshot();
    expect(after.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Added']);
    expect(after.sheets[0]?.values).toEqual([['changed']]);
    expect(after.sheets[0]?.fills).toEqual({});
    expect(after.settings).toEqual({});
    expect(fake.syncLog.at(-1)?.appliedOperations).toBe(2);
  });

  it('applies nothing of a request refused for its size', async () => {
    const fake = createFakeExcel({ maxPayloadBytes: 500, sheets: { Sheet1: [['keep']] } });
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('A1').values = [['changed']];
        sheet1(context).getRange('A2:A100').values = Array.from({ length: 99 }, () => ['long enough']);
      }),
    );
    expect(err.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.getSheetValues('Sheet1')).toEqual([['keep']]);
  });
});

describe('OfficeExtension.Error', () => {
  it('makes rejected errors instanceof OfficeExtension.Error with code and debugInfo', async () => {
    const fake = createFakeExcel();
    const g: Record<string, unknown> = {};
    fake.install(g);
    const ext = g.OfficeExtension as { Error: new (...args: never[]) => unknown };
    const err = await rejection(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('missing').load('name');
      }),
    );
    expect(err).toBeInstanceOf(ext.Error);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('RichApi.Error');
    expect(err.debugInfo).toEqual({
      code: 'ItemNotFound',
      message: err.message,
      errorLocation: 'Worksheet.load',
      statement: expect.stringContaining('getItem(\\"missing\\")'),
    });
  });
});

describe('used range', () => {
  it('returns A1 for an empty sheet and null object from getUsedRangeOrNullObject', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4' });
    const out = await fake.run(async (context) => {
      const used = sheet1(context).getUsedRange().load('address');
      const orNull = sheet1(context).getUsedRangeOrNullObject();
      await context.sync();
      return [used.address, orNull.isNullObject];
    });
    expect(out).toEqual(['Sheet1!A1', true]);
  });

  it('includes formatted cells unless valuesOnly is true', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2', sheets: { Sheet1: [['a', 'b']] } });
    const out = await fake.run(async (context) => {
      sheet1(context).getRange('D5').format.fill.color = 'yellow';
      const all = sheet1(context).getUsedRange().load('address');
      const values = sheet1(context).getUsedRange(true).load('address');
      await context.sync();
      return [all.address, values.address];
    });
    expect(out).toEqual(['Sheet1!A1:D5', 'Sheet1!A1:B1']);
  });
});

describe('addresses and range navigation', () => {
  it('accepts addresses with a quoted sheet prefix and whole columns', async () => {
    const fake = createFakeExcel({ sheets: { '汇 总': [[1, 2, 3]] } });
    const out = await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('汇 总');
      const a = ws.getRange("'汇 总'!A1:B1").load('values, address');
      const b = ws.getRange('A:C').load('address, rowCount');
      const c = ws.getRange('B2').getOffsetRange(1, 1).getCell(0, 0).load('address');
      await context.sync();
      return [a.values, a.address, b.address, b.rowCount, c.address];
    });
    expect(out).toEqual([[[1, 2]], "'汇 总'!A1:B1", "'汇 总'!A:C", 1048576, "'汇 总'!C3"]);
  });

  it('rejects an address that names another sheet with InvalidArgument', async () => {
    const fake = createFakeExcel({ sheets: { A: [], B: [] } });
    const err = await rejection(fake.run(async (context) => context.workbook.worksheets.getItem('A').getRange('B!A1').load('values')));
    expect(err.code).toBe('InvalidArgument');
  });

  it('selects a range and reports it through getSelectedRange and selectedAddress', async () => {
    const fake = createFakeExcel({ sheets: { A: [], B: [] } });
    const address = await fake.run(async (context) => {
      context.workbook.worksheets.getItem('B').getRange('C3:D4').select();
      await context.sync();
      const sel = context.workbook.getSelectedRange().load('address');
      await context.sync();
      return sel.address;
    });
    expect(address).toBe('B!C3:D4');
    expect(fake.selectedAddress).toBe('B!C3:D4');
    expect(fake.snapshot().activeSheet).toBe('B');
  });
});

describe('formats', () => {
  it('normalises colours, reports mixed formats as null and rejects unknown colours', async () => {
    const fake = createFakeExcel();
    const out = await fake.run(async (context) => {
      sheet1(context).getRange('A1').format.fill.color = 'yellow';
      sheet1(context).getRange('A1:A2').format.font.bold = true;
      const one = sheet1(context).getRange('A1').load('format/fill/color');
      const mixed = sheet1(context).getRange('A1:A2').load('format/fill/color, format/font/bold');
      await context.sync();
      return [one.format.fill.color, mixed.format.fill.color, mixed.format.font.bold];
    });
    expect(out).toEqual(['#FFFF00', null, true]);
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('A1').format.fill.color = 'not-a-colour';
      }),
    );
    expect(err.code).toBe('InvalidArgument');
    expect(fake.snapshot().sheets[0]?.fills).toEqual({ A1: '#FFFF00' });
    expect(fake.snapshot().sheets[0]?.fonts).toEqual({ A1: { bold: true }, A2: { bold: true } });
  });

  it('records column widths, merges and clears formats', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2', sheets: { Sheet1: [['title', 'lost']] } });
    await fake.run(async (context) => {
      sheet1(context).getRange('A:B').format.columnWidth = 80;
      sheet1(context).getRange('A1:C1').merge();
      sheet1(context).getRange('A1').numberFormat = [['0.00']];
    });
    let snap = fake.snapshot().sheets[0];
    expect([snap?.columnWidths, snap?.mergedAreas, snap?.values, snap?.numberFormats]).toEqual([
      { A: 80, B: 80 },
      ['A1:C1'],
      [['title']],
      { A1: '0.00' },
    ]);
    await fake.run(async (context) => sheet1(context).getRange('A1:C1').clear('Formats'));
    snap = fake.snapshot().sheets[0];
    expect([snap?.mergedAreas, snap?.numberFormats, snap?.values]).toEqual([[], {}, [['title']]]);
  });

  it('sizes autofit columns from the text of the whole column', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2', sheets: { Sheet1: [['a'], ['a much longer text']] } });
    await fake.run(async (context) => sheet1(context).getRange('A1').format.autofitColumns());
    expect(fake.snapshot().sheets[0]?.columnWidths.A).toBeGreaterThan(90);
  });
});

describe('range text, hyperlinks and clearing', () => {
  it('formats Range.text with the cell number format', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [[1234.5, 0.256, 45356, 7, true]] } });
    const text = await fake.run(async (context) => {
      const r = sheet1(context).getRange('A1:E1');
      r.numberFormat = [['#,##0.00', '0.0%', 'yyyy-mm-dd', '"第"0"期"', 'General']];
      r.load('text');
      await context.sync();
      return r.text;
    });
    expect(text).toEqual([['1,234.50', '25.6%', '2024-03-05', '第7期', 'TRUE']]);
  });

  it('sets a hyperlink with its display text and reads it back', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7' });
    const link = await fake.run(async (context) => {
      const r = sheet1(context).getRange('B2');
      r.hyperlink = { address: 'https://example.com/项目', textToDisplay: '查看' };
      const back = sheet1(context).getRange('B2').load('hyperlink, values');
      await context.sync();
      return [back.hyperlink, back.values];
    });
    expect(link).toEqual([{ address: 'https://example.com/项目', textToDisplay: '查看' }, [['查看']]]);
    expect(fake.snapshot().sheets[0]?.hyperlinks).toEqual({ B2: { address: 'https://example.com/项目', textToDisplay: '查看' } });
  });

  it('clears contents but keeps formats with clear("Contents")', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [['a', 'b']] } });
    await fake.run(async (context) => {
      sheet1(context).getRange('A1:B1').format.fill.color = '#00FF00';
      sheet1(context).getRange('A1:B1').clear('Contents');
    });
    const snap = fake.snapshot().sheets[0];
    expect([snap?.values, snap?.fills]).toEqual([[], { A1: '#00FF00', B1: '#00FF00' }]);
  });

  it('rejects an unknown clear mode with InvalidArgument', async () => {
    const fake = createFakeExcel();
    const err = await rejection(fake.run(async (context) => sheet1(context).getRange('A1').clear('Everything')));
    expect(err.code).toBe('InvalidArgument');
  });
});

describe('worksheets', () => {
  it('adds sheets with default names at the end and reorders them by position', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      context.workbook.worksheets.add();
      context.workbook.worksheets.add('汇总').position = 0;
    });
    expect(fake.snapshot().sheets.map((s) => [s.name, s.position])).toEqual([
      ['汇总', 0],
      ['Sheet1', 1],
      ['Sheet2', 2],
    ]);
  });

  it('renames a sheet and keeps using the same proxy afterwards', async () => {
    const fake = createFakeExcel();
    await fake.run(async (context) => {
      const ws = sheet1(context);
      ws.name = '台账';
      ws.getRange('A1').values = [['x']];
    });
    expect(fake.getSheetValues('台账')).toEqual([['x']]);
  });

  it('rejects activating a hidden sheet with InvalidOperation', async () => {
    const fake = createFakeExcel({ apiVersion: '1.2', sheets: { A: [], B: [] } });
    const err = await rejection(
      fake.run(async (context) => {
        const b = context.workbook.worksheets.getItem('B');
        b.visibility = 'Hidden';
        b.activate();
      }),
    );
    expect(err.code).toBe('InvalidOperation');
  });

  it('freezes panes and records them in the snapshot', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7' });
    await fake.run(async (context) => sheet1(context).freezePanes.freezeRows(2));
    expect(fake.snapshot().sheets[0]?.frozenPanes).toEqual({ rows: 2, columns: 0 });
    await fake.run(async (context) => sheet1(context).freezePanes.freezeAt('B3'));
    expect(fake.snapshot().sheets[0]?.frozenPanes).toEqual({ rows: 3, columns: 2 });
  });

  it('stores worksheet custom properties and rejects keys over 255 characters', async () => {
    const fake = createFakeExcel({ apiVersion: '1.12' });
    const value = await fake.run(async (context) => {
      sheet1(context).customProperties.add('ledger.role', 'summary');
      const p = sheet1(context).customProperties.getItemOrNullObject('ledger.role').load('value');
      await context.sync();
      return p.value;
    });
    expect(value).toBe('summary');
    expect(fake.snapshot().sheets[0]?.customProperties).toEqual({ 'ledger.role': 'summary' });
    const err = await rejection(fake.run(async (context) => sheet1(context).customProperties.add('k'.repeat(256), 'v')));
    expect(err.code).toBe('InvalidArgument');
  });
});

describe('tables', () => {
  it('adds a table, makes headers unique text and exposes its parts', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [['名称', 2024, '名称', ''], ['a', 1, 2, 3]] } });
    const out = await fake.run(async (context) => {
      const table = sheet1(context).tables.add('A1:D2', true);
      const body = table.getDataBodyRange().load('address');
      const header = table.getHeaderRowRange().load('values');
      table.load('name');
      await context.sync();
      return [table.name, body.address, header.values];
    });
    expect(out).toEqual(['Table1', 'Sheet1!A2:D2', [['名称', '2024', '名称2', 'Column4']]]);
    expect(fake.snapshot().sheets[0]?.tables).toEqual([
      { name: 'Table1', id: '1', address: 'A1:D2', headers: ['名称', '2024', '名称2', 'Column4'] },
    ]);
  });

  it('finds a table by name without regard to case in the workbook collection', async () => {
    const fake = createFakeExcel({ sheets: { Data: [['名称', '金额'], ['a', 1]] } });
    const out = await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').tables.add('A1:B2', true).name = 'Ledger';
      await context.sync();
      const t = context.workbook.tables.getItem('LEDGER').getRange().load('address');
      const all = context.workbook.tables.load('items/name, count');
      await context.sync();
      return [t.address, all.count, all.items.map((x) => x.name)];
    });
    expect(out).toEqual(['Data!A1:B2', 1, ['Ledger']]);
  });

  it('inserts a generated header row when hasHeaders is false', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [['a', 1]] } });
    await fake.run(async (context) => sheet1(context).tables.add('A1:B1', false));
    expect(fake.getSheetValues('Sheet1')).toEqual([
      ['Column1', 'Column2'],
      ['a', 1],
    ]);
  });

  it('rejects an overlapping table with InvalidOperation and a duplicate table name with ItemAlreadyExists', async () => {
    const fake = createFakeExcel({ sheets: { Sheet1: [['a', 'b'], [1, 2]] } });
    await fake.run(async (context) => sheet1(context).tables.add('A1:B2', true));
    expect((await rejection(fake.run(async (context) => sheet1(context).tables.add('B1:C2', true)))).code).toBe('InvalidOperation');
    const err = await rejection(
      fake.run(async (context) => {
        context.workbook.tables.add('Sheet1!E1:F2', true).name = 'table1';
      }),
    );
    expect(err.code).toBe('ItemAlreadyExists');
  });
});

describe('settings and custom XML parts', () => {
  it('keeps workbook.settings in the file', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4' });
    const value = await fake.run(async (context) => {
      context.workbook.settings.add('layout', { version: 2, sheets: ['汇总'] });
      const s = context.workbook.settings.getItem('layout').load('value');
      await context.sync();
      return s.value;
    });
    expect(value).toEqual({ version: 2, sheets: ['汇总'] });
    expect(fake.snapshot().settings).toEqual({ layout: { version: 2, sheets: ['汇总'] } });
  });

  it('persists Office.context.document.settings only on saveAsync', async () => {
    const fake = createFakeExcel({ settings: { saved: 1 } });
    const g: Record<string, unknown> = {};
    fake.install(g);
    const settings = (g.Office as { context: { document: { settings: Office.Settings } } }).context.document.settings;
    expect(settings.get('saved')).toBe(1);
    settings.set('draft', 'x');
    expect(fake.snapshot().settings).toEqual({ saved: 1 });
    const status = await new Promise<string>((resolve) => settings.saveAsync((r) => resolve(String(r.status))));
    expect(status).toBe('succeeded');
    expect(fake.snapshot().settings).toEqual({ saved: 1, draft: 'x' });
  });

  it('adds, finds by namespace, reads and deletes custom XML parts', async () => {
    const fake = createFakeExcel({ apiVersion: '1.5' });
    const xml = await fake.run(async (context) => {
      context.workbook.customXmlParts.add('<state xmlns="urn:ledger-stats"><v>1</v></state>');
      await context.sync();
      const part = context.workbook.customXmlParts.getByNamespace('urn:ledger-stats').getOnlyItemOrNullObject();
      await context.sync();
      const result = part.getXml();
      await context.sync();
      return result.value;
    });
    expect(xml).toBe('<state xmlns="urn:ledger-stats"><v>1</v></state>');
    expect(fake.snapshot().customXmlParts).toEqual([expect.objectContaining({ namespaceUri: 'urn:ledger-stats', xml })]);
    await fake.run(async (context) => context.workbook.customXmlParts.getByNamespace('urn:ledger-stats').getOnlyItem().delete());
    expect(fake.snapshot().customXmlParts).toEqual([]);
  });

  it('rejects malformed XML with InvalidArgument', async () => {
    const fake = createFakeExcel({ apiVersion: '1.5' });
    const err = await rejection(fake.run(async (context) => context.workbook.customXmlParts.add('<a><b></a>')));
    expect(err.code).toBe('InvalidArgument');
  });
});

describe('events', () => {
  it('fires worksheet onChanged handlers for a simulated user edit', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7', sheets: { Sheet1: [['old']] } });
    const seen: Array<Record<string, unknown>> = [];
    await fake.run(async (context) => {
      sheet1(context).onChanged.add(async (args) => {
        seen.push(args as Record<string, unknown>);
      });
    });
    await fake.simulateUserEdit('Sheet1', 'A1', '42');
    expect(fake.getSheetValues('Sheet1')).toEqual([[42]]);
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'WorksheetChanged',
        changeType: 'RangeEdited',
        address: 'A1',
        triggerSource: 'Unknown',
        details: { valueBefore: 'old', valueTypeBefore: 'String', valueAfter: 42, valueTypeAfter: 'Double' },
      }),
    ]);
  });

  it("fires onChanged for the add-in's own writes unless enableEvents is false", async () => {
    const fake = createFakeExcel({ apiVersion: '1.9' });
    const seen: string[] = [];
    await fake.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (args) => {
        seen.push(`${String((args as { triggerSource: string }).triggerSource)}:${String((args as { address: string }).address)}`);
      });
      await context.sync();
      sheet1(context).getRange('A1:B2').values = [
        [1, 2],
        [3, 4],
      ];
      await context.sync();
      context.runtime.enableEvents = false;
      sheet1(context).getRange('C1').values = [[5]];
      context.runtime.enableEvents = true;
    });
    await fake.flushEvents();
    expect(seen).toEqual(['ThisLocalAddin:A1:B2']);
  });

  it('removes a handler through its EventHandlerResult within a live context', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7' });
    let calls = 0;
    await fake.run(async (context) => {
      const result = sheet1(context).onChanged.add(async () => {
        calls++;
      });
      await context.sync();
      await fake.simulateUserEdit('Sheet1', 'A1', 'x');
      result.remove();
      await context.sync();
      await fake.simulateUserEdit('Sheet1', 'A1', 'y');
    });
    expect(calls).toBe(1);
    expect(fake.handlerCount).toBe(0);
  });
});

describe('Office globals', () => {
  let fake: FakeExcel;
  beforeEach(() => {
    fake = createFakeExcel({ apiVersion: '1.8', sheets: { 台账: [['项目'], ['A']] } });
    fake.install(globalThis);
  });
  afterEach(() => fake.uninstall());

  it('runs batches through the global Excel.run with the office-js typings', async () => {
    const values = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('台账').getRange('A1:A2');
      range.load('values');
      await context.sync();
      return range.values;
    });
    expect(values).toEqual([['项目'], ['A']]);
    expect(Excel.ChartType.columnClustered).toBe('ColumnClustered');
    expect(Excel.ChartType.xyscatter).toBe('XYScatter');
  });

  it('answers Office.onReady, displayLanguage and isSetSupported', async () => {
    await expect(Office.onReady()).resolves.toEqual({ host: 'Excel', platform: 'PC' });
    expect(Office.context.displayLanguage).toBe('zh-CN');
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.8')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(false);
  });

  it('records Office.actions.associate functions and the completed() calls of their events', async () => {
    Office.actions.associate('refreshSummary', (event: Office.AddinCommands.Event) => {
      void Excel.run(async (context) => {
        context.workbook.worksheets.getItem('台账').getRange('B1').values = [['done']];
        await context.sync();
        event.completed();
      });
    });
    const event = await fake.invokeAction('refreshSummary');
    await event.whenCompleted;
    expect(event.completedCalls).toBe(1);
    expect(fake.getSheetValues('台账')).toEqual([
      ['项目', 'done'],
      ['A', ''],
    ]);
  });

  it('restores the previous globals on uninstall', () => {
    const g: Record<string, unknown> = { Excel: 'mine' };
    const other = createFakeExcel();
    other.install(g);
    expect(g.Excel).not.toBe('mine');
    other.uninstall();
    expect(g).toEqual({ Excel: 'mine' });
  });
});

describe('performance', () => {
  it('writes a 50,000 x 12 grid in 5,000-row chunks and reads it back quickly', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => Array.from({ length: 12 }, (_, j) => (j % 2 === 0 ? `项目${i}` : i * j)));
    const fake = createFakeExcel({ apiVersion: '1.7' });
    const started = Date.now();
    const back: unknown[][] = [];
    await fake.run(async (context) => {
      const ws = sheet1(context);
      for (let r = 0; r < rows.length; r += 5_000) {
        ws.getRangeByIndexes(r, 0, 5_000, 12).values = rows.slice(r, r + 5_000);
        await context.sync();
      }
      for (let r = 0; r < rows.length; r += 10_000) {
        const chunk = ws.getRangeByIndexes(r, 0, 10_000, 12).load('values');
        await context.sync();
        back.push(...chunk.values);
      }
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(back).toHaveLength(50_000);
    expect(back[49_999]).toEqual(rows[49_999]);
    expect(fake.maxRequestBytes).toBeLessThan(5_000_000);
    expect(fake.syncCount).toBe(15);
  });
});

describe('ConditionalFormatCollection.getItem', () => {
  it('finds a conditional format by id and deletes it, leaving the others', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6' });
    const ids = await fake.run(async (context) => {
      const a = sheet1(context).getRange('A1:A3').conditionalFormats.add('Custom');
      a.custom.rule.formula = '=TRUE';
      const b = sheet1(context).getRange('C5').conditionalFormats.add('Custom');
      b.custom.rule.formula = '=TRUE';
      a.load('id');
      b.load('id');
      await context.sync();
      return [a.id, b.id];
    });
    await fake.run(async (context) => sheet1(context).getRange().conditionalFormats.getItem(ids[0] ?? '').delete());
    expect(fake.snapshot().sheets[0]?.conditionalFormats.map((f) => f.address)).toEqual(['C5']);
  });

  it('rejects the sync with ItemNotFound for an unknown id at the delete', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6' });
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).getRange('A1').values = [['x']];
        sheet1(context).getRange().conditionalFormats.getItem('{CF999999}').delete();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
    // the write before the failing delete stays (a failed sync keeps what ran before)
    expect(fake.getSheetValues('Sheet1')).toEqual([['x']]);
  });

  it('is gated to ExcelApi 1.6 through Range.conditionalFormats', async () => {
    const fake = createFakeExcel({ apiVersion: '1.5' });
    const err = await rejection(fake.run(async (context) => sheet1(context).getRange().conditionalFormats.getItem('x').delete()));
    expect(err.code).toBe('ApiNotFound');
  });
});

describe('ChartSeriesCollection.add and ChartAxis.reversePlotOrder', () => {
  const table = [
    ['能源', 3, 9, 120.5],
    ['交通', 2, 8, 80.25],
  ];

  it('adds a series that takes its values and categories from any ranges', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7', sheets: { Sheet1: table } });
    await fake.run(async (context) => {
      const chart = sheet1(context).charts.add('ColumnClustered', sheet1(context).getRange('B1:B2'), 'Columns');
      chart.series.getItemAt(0).setXAxisValues(sheet1(context).getRange('A1:A2'));
      const added = chart.series.add('总投资');
      added.setValues(sheet1(context).getRange('D1:D2'));
      added.setXAxisValues(sheet1(context).getRange('A1:A2'));
    });
    expect(fake.snapshot().sheets[0]?.charts[0]?.series).toEqual([
      { name: 'Series1', values: 'Sheet1!B1:B2', xValues: 'Sheet1!A1:A2' },
      { name: '总投资', values: 'Sheet1!D1:D2', xValues: 'Sheet1!A1:A2' },
    ]);
  });

  it('reverses the plot order of the category axis, and rejects it on a pie', async () => {
    const fake = createFakeExcel({ apiVersion: '1.7', sheets: { Sheet1: table } });
    const reversed = await fake.run(async (context) => {
      const chart = sheet1(context).charts.add('BarClustered', sheet1(context).getRange('A1:B2'), 'Columns');
      chart.axes.categoryAxis.reversePlotOrder = true;
      const axis = chart.axes.categoryAxis.load('reversePlotOrder');
      const value = chart.axes.valueAxis.load('reversePlotOrder');
      await context.sync();
      return [axis.reversePlotOrder, value.reversePlotOrder];
    });
    expect(reversed).toEqual([true, false]);
    const err = await rejection(
      fake.run(async (context) => {
        sheet1(context).charts.add('Pie', sheet1(context).getRange('A1:B2'), 'Columns').axes.categoryAxis.reversePlotOrder = true;
      }),
    );
    expect(err.code).toBe('InvalidOperation');
  });

  it('gates both to ExcelApi 1.7', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6', sheets: { Sheet1: table } });
    const added = await rejection(
      fake.run(async (context) => {
        sheet1(context).charts.add('ColumnClustered', sheet1(context).getRange('B1:B2'), 'Columns').series.add('x');
      }),
    );
    expect(added.code).toBe('ApiNotFound');
    const reversed = await rejection(
      fake.run(async (context) => {
        sheet1(context).charts.add('BarClustered', sheet1(context).getRange('A1:B2'), 'Columns').axes.categoryAxis.reversePlotOrder = true;
      }),
    );
    expect(reversed.code).toBe('ApiNotFound');
  });
});
