import { cleanSheetName, freeSheetName } from '../../../src/xlsx/writer/freeSheetName';

describe('cleanSheetName', () => {
  it.each([
    ['汇总', '汇总'],
    ['a/b:c*d?[e]\\f', 'a_b_c_d__e__f'],
    ["'quoted'", 'quoted'],
    ['x'.repeat(40), 'x'.repeat(31)],
    ['History', 'Sheet'],
  ])('makes %s a valid sheet name', (input, expected) => {
    expect(cleanSheetName(input)).toBe(expected);
  });
});

describe('freeSheetName', () => {
  it('takes the next free "名称 (n)" within 31 characters and reserves it', () => {
    const taken = new Set(['汇总', '汇总 (2)']);
    expect(freeSheetName('汇总', taken)).toBe('汇总 (3)');
    expect(taken.has('汇总 (3)')).toBe(true);
    expect(freeSheetName('x'.repeat(40), new Set(['x'.repeat(31)]))).toBe(`${'x'.repeat(27)} (2)`);
  });
});
