import { createFakeExcel, type FakeExcel } from './fakeExcel';
import { highlightedCells } from './excel/highlightedCells';
import type { FakeRequestContext } from './excel/objects';

const sheet1 = (context: FakeRequestContext) => context.workbook.worksheets.getItem('Sheet1');

async function threeRules(): Promise<FakeExcel> {
  const fake = createFakeExcel({ apiVersion: '1.6' });
  await fake.run(async (context) => {
    for (const [address, formula] of [
      ['A1', '=A1>1'],
      ['B2', '=B2>2'],
      ['C3', '=C3>3'],
    ] as const) {
      sheet1(context).getRange(address).conditionalFormats.add('Custom').custom.rule.formula = formula;
    }
  });
  return fake;
}

const formulas = (fake: FakeExcel) => fake.snapshot().sheets[0]?.conditionalFormats.map((f) => f.rule.formula);

describe('ConditionalFormat.id in the fake', () => {
  it('is the priority, and changes when a rule is added above', async () => {
    const fake = await threeRules();
    const ids = await fake.run(async (context) => {
      const formats = sheet1(context).getRange().conditionalFormats;
      formats.load('items/id,items/custom/rule/formula');
      await context.sync();
      const before = formats.items.map((f) => [f.id, f.custom.rule.formula]);
      sheet1(context).getRange('D4').conditionalFormats.add('Custom').custom.rule.formula = '=D4>4';
      formats.load('items/id,items/custom/rule/formula');
      await context.sync();
      return { before, after: formats.items.map((f) => [f.id, f.custom.rule.formula]) };
    });
    expect(ids.before).toEqual([
      ['0', '=C3>3'],
      ['1', '=B2>2'],
      ['2', '=A1>1'],
    ]);
    expect(ids.after[1]).toEqual(['1', '=C3>3']);
  });

  it('addresses loaded items by priority: deleting the first then the second removes the first and the third', async () => {
    const fake = await threeRules();
    await fake.run(async (context) => {
      const formats = sheet1(context).getRange().conditionalFormats;
      formats.load('items/id');
      await context.sync();
      formats.items[0]?.delete();
      formats.items[1]?.delete();
    });
    expect(formulas(fake)).toEqual(['=B2>2']);
  });

  it('deletes the intended rules when the items are deleted last first', async () => {
    const fake = await threeRules();
    await fake.run(async (context) => {
      const formats = sheet1(context).getRange().conditionalFormats;
      formats.load('items/id');
      await context.sync();
      formats.items[1]?.delete();
      formats.items[0]?.delete();
    });
    expect(formulas(fake)).toEqual(['=A1>1']);
  });

  it('gives a null customOrNullObject for a rule of another type', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6' });
    const seen = await fake.run(async (context) => {
      sheet1(context).getRange('A1').conditionalFormats.add('Custom').custom.rule.formula = '=TRUE';
      sheet1(context).getRange('A1').conditionalFormats.add('CellValue').cellValue.rule = { formula1: '1', operator: 'GreaterThan' };
      const formats = sheet1(context).getRange('A1').conditionalFormats;
      formats.load('items/type,items/customOrNullObject/rule/formula');
      await context.sync();
      return formats.items.map((f) => [f.type, f.customOrNullObject.isNullObject]);
    });
    expect(seen).toEqual([
      ['CellValue', true],
      ['Custom', false],
    ]);
  });
});

describe('conditional-format formulas and other sheets', () => {
  it('follow a rename and read #REF! once the sheet is deleted, like cell formulas', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6', sheets: { Sheet1: [[1]], flags: [['x']] } });
    await fake.run(async (context) => {
      sheet1(context).getRange('A1:B2').conditionalFormats.add('Custom').custom.rule.formula = '=MID(flags!$B1,COLUMN(),1)="e"';
      context.workbook.worksheets.getItem('flags').name = '标记';
    });
    expect(formulas(fake)).toEqual(['=MID(标记!$B1,COLUMN(),1)="e"']);
    await fake.run(async (context) => context.workbook.worksheets.getItem('标记').delete());
    expect(formulas(fake)).toEqual(['=MID(#REF!$B1,COLUMN(),1)="e"']);
  });
});

describe('highlightedCells', () => {
  it('evaluates the MID rule against the text of another sheet, row relative to the top-left cell', async () => {
    const fake = createFakeExcel({ apiVersion: '1.6', sheets: { Sheet1: [[1]], flags: [['x', ''], ['', '_e'], ['', 'w']] } });
    await fake.run(async (context) => {
      const range = sheet1(context).getRange('A1:C3');
      const red = range.conditionalFormats.add('Custom');
      red.custom.rule.formula = '=MID(flags!$B1,COLUMN(),1)="e"';
      red.custom.format.fill.color = '#FF0000';
      const own = range.conditionalFormats.add('Custom');
      own.custom.rule.formula = '=A1>5';
      own.custom.format.fill.color = '#00FF00';
    });
    expect(highlightedCells(fake.snapshot(), 'Sheet1')).toEqual({ fills: { B2: '#FF0000' }, unevaluated: ['=A1>5'] });
  });
});
