import { matchSoeCell, matchSoes } from '../../../src/domain/ledger/matchSoes';
import type { CellValue } from '../../../src/domain/ledger/types';

const shortNames = (value: CellValue): string[] => matchSoes(value).map((s) => s.shortName);

describe('matchSoes', () => {
  it.each<[string, string[]]>([
    ['中国电信、中国中铁', ['中国电信', '中国中铁']],
    ['华能，大唐,华电;国家电投；三峡集团/中广核', ['中国华能', '中国大唐', '中国华电', '国家电投', '三峡集团', '中广核']],
    ['中国建筑、中建八局', ['中国建筑']],
    ['中交集团与招商局集团', ['中国交建', '招商局']],
    ['中国石油和中国石化', ['中国石油', '中国石化']],
    ['华能 大唐', ['中国华能', '中国大唐']],
    ['华能\n大唐', ['中国华能', '中国大唐']],
    ['中国华能集团有限公司', ['中国华能']],
    ['华能大连电厂', ['中国华能']],
    ['中交一航局', ['中国交建']],
    ['中铁三局', ['中国中铁']],
    ['中铁十九局', ['中国铁建']],
    ['国电电力', ['国家能源集团']],
    ['中储（辽宁）物流', ['中国物流']],
  ])('reads %j as %j', (cell, names) => {
    expect(shortNames(cell)).toEqual(names);
  });

  it('keeps the raw name and the canonical full name', () => {
    expect(matchSoes('中交一航局')).toEqual([{ raw: '中交一航局', canonical: '中国交通建设集团有限公司', shortName: '中国交建', isKnown: true }]);
  });

  it('keeps an unknown name as written, marked unknown', () => {
    expect(matchSoes('大连城投')).toEqual([{ raw: '大连城投', canonical: '大连城投', shortName: '大连城投', isKnown: false }]);
  });

  it('does not split a name on 和 when the pieces are not known names', () => {
    expect(matchSoes('大连和平投资')).toEqual([{ raw: '大连和平投资', canonical: '大连和平投资', shortName: '大连和平投资', isKnown: false }]);
  });

  it.each<CellValue>([null, '', '无', '—', '、'])('returns no SOE for %j', (cell) => {
    expect(matchSoes(cell)).toEqual([]);
  });

  it('reports unknown, flagged and non-SASAC names as findings', () => {
    const { findings } = matchSoeCell('大连城投、中储、中国绿发、华能');
    expect(findings.map((f) => [f.raw, f.kind, f.relation])).toEqual([
      ['大连城投', 'unknown', null],
      ['中储', 'flagged', 'ambiguous'],
      ['中国绿发', 'not_sasac', null],
    ]);
    expect(findings[1]?.candidates.map((g) => g.shortName)).toEqual(['中国物流', '中储粮']);
  });

  it('returns a fresh array that callers may change', () => {
    const first = matchSoes('华能');
    first.pop();
    expect(matchSoes('华能')).toHaveLength(1);
  });
});
