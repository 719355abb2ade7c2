import { ExactSums } from '../../../src/domain/summarize/ExactSums';

describe('ExactSums', () => {
  it('keeps separate accumulators and grows on demand', () => {
    const sums = new ExactSums(1);
    sums.add(0, 5);
    sums.add(40, 7);
    sums.add(40, -2);
    expect([sums.value(0), sums.value(40), sums.value(39), sums.value(1000)]).toEqual([5, 5, 0, 0]);
    expect(sums.capacity).toBeGreaterThan(40);
  });

  it('carries into the high part without losing a unit', () => {
    const sums = new ExactSums(1);
    const term = 2 ** 50 - 1;
    for (let i = 0; i < 64; i += 1) sums.add(0, term);
    sums.add(0, 1);
    expect(sums.value(0)).toBe(Number(64n * BigInt(term) + 1n));
    for (let i = 0; i < 64; i += 1) sums.add(0, -term);
    expect(sums.value(0)).toBe(1);
  });

  it('adds terms beyond 2^50 exactly', () => {
    const sums = new ExactSums(1);
    sums.add(0, 2 ** 70);
    sums.add(0, 3);
    sums.add(0, -(2 ** 70));
    expect(sums.value(0)).toBe(3);
  });
});
