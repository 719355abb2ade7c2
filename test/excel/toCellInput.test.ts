import { formulaString, hyperlinkFormula, literalText, needsQuotePrefix, toCellInput } from '../../src/excel/toCellInput';

describe('needsQuotePrefix', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', true],
    ['+86 411', true],
    ['-', true],
    ['@SUM(A1)', true],
    ["'already", true],
    ['0012', true],
    ['2024-03', true],
    ['50%', true],
    ['$5', true],
    ['TRUE', true],
    [' false ', true],
    ['#N/A', true],
    ['.5', true],
    ['(1)', true],
    ['项目名称', false],
    ['中国华能', false],
    ['Truey', false],
    ['a=b', false],
  ])('%p → %p', (text, expected) => {
    expect(needsQuotePrefix(text)).toBe(expected);
  });
});

describe('literalText', () => {
  it('prefixes an apostrophe only where Excel would not keep the text', () => {
    expect(literalText('=x')).toBe("'=x");
    expect(literalText('汇总')).toBe('汇总');
  });
});

describe('formulaString', () => {
  it('doubles quotes and cuts to 255 characters', () => {
    expect(formulaString('say "hi"')).toBe('"say ""hi"""');
    expect(formulaString('x'.repeat(300))).toBe(`"${'x'.repeat(255)}"`);
  });
});

describe('hyperlinkFormula', () => {
  it('quotes the sheet name and doubles apostrophes and quotes', () => {
    expect(hyperlinkFormula("Bob's \"台账\"", 'F12', 'F12')).toBe(`=HYPERLINK("#'Bob''s ""台账""'!F12","F12")`);
  });
});

describe('toCellInput', () => {
  it.each([
    [null, ''],
    [12.5, 12.5],
    [Number.NaN, ''],
    [true, true],
    ['=1+1', "'=1+1"],
    ['项目', '项目'],
    [{ formula: 'SUM(A1:A2)' }, '=SUM(A1:A2)'],
    [{ formula: '=SUM(A1:A2)', result: 3 }, '=SUM(A1:A2)'],
    [{ link: { sheet: '台账', address: 'B7' }, text: '第7行' }, `=HYPERLINK("#'台账'!B7","第7行")`],
  ] as const)('writes %p as %p', (cell, expected) => {
    expect(toCellInput(cell)).toEqual(expected);
  });
});
