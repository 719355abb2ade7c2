import { cleanSheetName, MAX_SHEET_NAME_LENGTH, uniqueSheetName } from '../../src/excel/sheetNames';

describe('cleanSheetName', () => {
  it.each([
    ['汇总', '汇总'],
    ['汇总[2025]', '汇总2025'],
    ['a/b\\c?d*e:f', 'abcdef'],
    ["'quoted'", 'quoted'],
    ['  spaced  ', 'spaced'],
    ['History', 'Summary'],
    ['history', 'Summary'],
    ['[]', 'Summary'],
    ['', 'Summary'],
  ])('makes %p into %p', (wanted, expected) => {
    expect(cleanSheetName(wanted, 'Summary')).toBe(expected);
  });

  it('cuts a long name to 31 characters without splitting a surrogate pair', () => {
    const name = cleanSheetName(`${'a'.repeat(30)}𠀀x`, 'S');
    expect(name).toBe('a'.repeat(30));
    expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME_LENGTH);
  });
});

describe('uniqueSheetName', () => {
  it('keeps a free name and records it as taken', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('汇总', taken)).toBe('汇总');
    expect(uniqueSheetName('汇总', taken)).toBe('汇总 (2)');
  });

  it('compares names without regard to case', () => {
    expect(uniqueSheetName('summary', new Set(['SUMMARY']))).toBe('summary (2)');
  });

  it('counts up past taken suffixes', () => {
    expect(uniqueSheetName('汇总', new Set(['汇总', '汇总 (2)', '汇总 (3)']))).toBe('汇总 (4)');
  });

  it('shortens the base so that the suffixed name stays within 31 characters', () => {
    const base = 'x'.repeat(31);
    const name = uniqueSheetName(base, new Set([base.toUpperCase()]));
    expect(name).toBe(`${'x'.repeat(27)} (2)`);
    expect(name).toHaveLength(31);
  });
});
