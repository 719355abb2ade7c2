import { fsum } from '../../../src/domain/summarize/fsum';

describe('fsum', () => {
  it.each([
    ['nothing', [], 0],
    ['terms that cancel', [1e100, 1, -1e100], 1],
    ['tenths', [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 1],
    ['the Python math.fsum example', [0.1, 0.2, -0.3], 2.7755575615628914e-17],
    ['a half-way case rounded to even', [1, 2 ** -53, 2 ** -106], 1 + 2 ** -52],
  ])('returns the correctly rounded sum of %s', (_name, values, expected) => {
    expect(fsum(values)).toBe(expected);
  });

  it('does not depend on the order of the terms', () => {
    const values = [1e16, 1, -1e16, 3.3, 1e-8, -2.2, 7e15];
    expect(fsum([...values].reverse())).toBe(fsum(values));
  });

  it.each([
    [[1, Number.NaN], Number.NaN],
    [[1, Infinity], Infinity],
    [[-Infinity, 2], -Infinity],
  ])('passes non-finite terms through as the plain sum (%p)', (values, expected) => {
    expect(fsum(values)).toBe(expected);
  });
});
