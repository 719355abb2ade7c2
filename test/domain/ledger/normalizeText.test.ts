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
    ['中\u200b国', '中国'],
    ['', ''],
  ])('normalises %j to %j', (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it('returns the same result from the cache', () => {
    expect(normalizeText('（一）')).toBe(normalizeText('（一）'));
  });
});
