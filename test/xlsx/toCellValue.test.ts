import { dateToSerial, toCellValue, UNNAMED_FORMULA_ERROR } from '../../src/xlsx/toCellValue';

describe('toCellValue', () => {
  it.each([
    ['a string', 'abc', 'abc'],
    ['a formula-looking string', "=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"],
    ['a number', 12.5, 12.5],
    ['zero', 0, 0],
    ['a boolean', false, false],
    ['null', null, null],
    ['undefined', undefined, null],
    ['NaN (a streamed formula error)', Number.NaN, UNNAMED_FORMULA_ERROR],
    ['Infinity', Number.POSITIVE_INFINITY, null],
    ['rich text', { richText: [{ text: '中国' }, { text: '电信' }] }, '中国电信'],
    ['rich text with a run without text', { richText: [{ text: 'a' }, {}] }, 'a'],
    ['a formula with a number result', { formula: 'SUM(A1:A3)', result: 7 }, 7],
    ['a formula with a zero result', { formula: 'A1-A1', result: 0 }, 0],
    ['a formula with an error result', { formula: 'NA()', result: { error: '#N/A' } }, '#N/A'],
    ['a formula without a cached result', { formula: 'A1' }, null],
    ['a shared formula', { sharedFormula: 'B2', result: 'x' }, 'x'],
    ['an error', { error: '#DIV/0!' }, '#DIV/0!'],
    ['a hyperlink', { text: '链接', hyperlink: 'https://example.com' }, '链接'],
    ['a hyperlink with rich text', { text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: '#A1' }, 'ab'],
    ['a date', new Date(Date.UTC(2024, 2, 15)), 45366],
    ['an invalid date', new Date(Number.NaN), null],
    ['an unknown object', { foo: 1 }, null],
    ['an array', [1, 2], null],
    ['a function', () => 1, null],
  ])('reads %s', (_name, input, expected) => {
    expect(toCellValue(input)).toEqual(expected);
  });
});

describe('dateToSerial', () => {
  it('gives the Excel serial of a UTC date, with the time as a fraction', () => {
    expect(dateToSerial(new Date(Date.UTC(1900, 0, 1)))).toBe(2);
    expect(dateToSerial(new Date(Date.UTC(2024, 2, 15, 12)))).toBe(45366.5);
  });
});
