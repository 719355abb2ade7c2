import { columnIndexOf, columnLetter } from '../../../src/domain/ledger/columnLetter';

describe('columnLetter', () => {
  it.each<[number, string]>([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('shows column %d as %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
    expect(columnIndexOf(letter)).toBe(index);
  });

  it.each([-1, 1.5, Number.NaN])('throws a RangeError for %d', (index) => {
    expect(() => columnLetter(index)).toThrow(RangeError);
  });
});

describe('columnIndexOf', () => {
  it.each(['', 'A1', '总投资', 'ABCD'])('returns null for %j', (text) => {
    expect(columnIndexOf(text)).toBeNull();
  });

  it('accepts lower case', () => {
    expect(columnIndexOf('f')).toBe(5);
  });
});
