import { wrappedLineCount } from '../../../src/domain/layout/wrappedLineCount';

describe('wrappedLineCount', () => {
  it.each([
    ['an empty text', '', 10, 1],
    ['a text that fits', 'abc def', 10, 1],
    ['words wrapped at spaces, the space at the break dropped', 'abcde fghij', 8, 2],
    ['a word longer than a line cut where it runs over', 'x'.repeat(25), 10, 3],
    ['CJK, 2.1 characters wide, 4 to a 9-character line', '总投资亿元总投资亿', 9, 3],
    ['CJK broken between any two characters', '总投资'.repeat(10), 20, 4],
    ['a number kept whole beside CJK', '总投资3695.1亿元', 10, 3],
    ['line breaks', 'a\nb\n\nc', 10, 4],
  ])('counts %s', (_what, text, width, lines) => {
    expect(wrappedLineCount(text, width)).toBe(lines);
  });

  it('counts a CJK character wider than two of a column width\'s characters', () => {
    // 20 CJK characters are 42 wide: 40 fit two lines of 20 only at exactly 2.
    expect(wrappedLineCount('中'.repeat(20), 20)).toBe(3);
    expect(wrappedLineCount('中'.repeat(20), 21)).toBe(2);
  });
});
