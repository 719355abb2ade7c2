import { excelDate } from './excel/objects';
import { createFakeExcel, FakeOfficeError } from './fakeExcel';

describe('the fake\'s workbook.functions.date (Excel\'s DATE in the workbook\'s date system)', () => {
  it.each([
    // year, month, day, 1900-system serial, 1904-system serial
    [1904, 1, 1, 1462, 0],
    [2021, 1, 1, 44197, 42735],
    [2008, 14, 2, 39846, 38384], // month 14 rolls over: 2009-02-02
    [108, 1, 2, 39449, 37987], // a year below 1900 is 1900 + year: 2008-01-02
    [1900, 1, 1, 1, null],
    [1900, 2, 28, 59, null],
    [1900, 3, 1, 61, null], // 60 is the 1900-02-29 the 1900 system counts
    [1902, 8, 12, 955, null], // #NUM! in the 1904 system
  ])('DATE(%p, %p, %p) is %p in the 1900 system and %p in the 1904 system', (year, month, day, serial1900, serial1904) => {
    expect(excelDate(year, month, day, false)).toEqual({ value: serial1900, error: null });
    expect(excelDate(year, month, day, true)).toEqual(serial1904 === null ? { value: null, error: '#NUM!' } : { value: serial1904, error: null });
  });

  it.each([
    [false, 1462],
    [true, 0],
  ])('with date1904 %p gives the FunctionResult value %p once loaded and synced', async (date1904, value) => {
    const fake = createFakeExcel({ apiVersion: '1.2', date1904 });
    expect(fake.date1904).toBe(date1904);
    const context = fake.newContext();
    const result = context.workbook.functions.date(1904, 1, 1).load('value');
    await context.sync();
    expect(result.value).toBe(value);
  });

  it('needs ExcelApi 1.2 and a load before the value is read', () => {
    const old = createFakeExcel({ apiVersion: '1.1' }).newContext();
    expect(() => old.workbook.functions).toThrow(FakeOfficeError);
    const result = createFakeExcel({ apiVersion: '1.2' }).newContext().workbook.functions.date(1904, 1, 1);
    expect(() => result.value).toThrow(FakeOfficeError);
  });
});
