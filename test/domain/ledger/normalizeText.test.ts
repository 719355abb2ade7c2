import fc from 'fast-check';
import { normalizeText } from '../../../src/domain/ledger/normalizeText';

describe('normalizeText', () => {
  it.each<[string, string]>([
    [' 中国 华能\n集团 ', '中国华能集团'],
    ['中 国 华 能', '中国华能'],
    ['英 力 特', '英力特'],
    ['Project  A', 'Project A'],
    ['ＣＲＲＣ', 'CRRC'],
    ['１２．５', '12.5'],
    ['中国通用技术（集团）控股', '中国通用技术(集团)控股'],
    ['总投资\n(亿元)', '总投资 (亿元)'],
    ['\u3000能源\u3000', '能源'],
    ['2〇24年', '2024年'],
    ['2〇〇4', '2004'],
    ['〇号线', '〇号线'],
    ['2〇〇〇4', '20004'],
    ['〇5', '05'],
    ['5〇', '50'],
    ['2〇号', '20号'],
    ['A〇B', 'A〇B'],
    ['中\u200b国', '中国'],
    ['', ''],
  ])('normalises %j to %j', (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it('turns every 〇 in a run touching a digit into 0, and no other 〇', () => {
    const text = fc.array(fc.constantFrom('〇', '1', '7', '号', 'A'), { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, (input) => {
        // Reference: a run of 〇 becomes 0s when a digit touches either end of the run.
        const expected = input.replace(/〇+/g, (run, offset: number) => {
          const touchesDigit = /[0-9]/.test(input[offset - 1] ?? '') || /[0-9]/.test(input[offset + run.length] ?? '');
          return touchesDigit ? '0'.repeat(run.length) : run;
        });
        expect(normalizeText(input)).toBe(expected);
      }),
    );
  });

  it('returns the same result from the cache', () => {
    expect(normalizeText('（一）')).toBe(normalizeText('（一）'));
  });
});
