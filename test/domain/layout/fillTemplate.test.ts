import { fillTemplate } from '../../../src/domain/layout/fillTemplate';

describe('fillTemplate', () => {
  it('fills placeholders and keeps one without a value as written', () => {
    expect(fillTemplate('{sheet} ({rows} rows) {missing}', { sheet: '台账', rows: 12 })).toBe('台账 (12 rows) {missing}');
  });

  it.each([
    [0, '0 errors'],
    [1, '1 error'],
    [2, '2 errors'],
    ['1', '1 error'],
    ['1.5', '1.5 errors'],
  ])('chooses the English singular only for exactly one (%p)', (errors, expected) => {
    expect(fillTemplate('{errors} {errors:error|errors}', { errors })).toBe(expected);
  });

  it('takes whole phrases as the singular and plural forms', () => {
    const template = '{count} {count:project has|projects have} several SOEs';
    expect([1, 3].map((count) => fillTemplate(template, { count }))).toEqual(['1 project has several SOEs', '3 projects have several SOEs']);
  });

  it('does not treat inherited object keys as values', () => {
    expect(fillTemplate('{constructor} {toString:a|b}', {})).toBe('{constructor} {toString:a|b}');
  });
});
