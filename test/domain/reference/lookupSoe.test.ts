import { lookupSoe, soeGroupByFullName } from '../../../src/domain/reference/lookupSoe';

const shortNameOf = (name: string): string | null => {
  const r = lookupSoe(name);
  return r.kind === 'known' ? r.group.shortName : null;
};

describe('lookupSoe', () => {
  it.each<[string, string]>([
    ['中国华能集团有限公司', '中国华能'],
    ['中国华能集团', '中国华能'],
    ['华能', '中国华能'],
    ['中国中车集团', '中国中车'],
    ['中国中车', '中国中车'],
    ['中国通用技术（集团）控股有限责任公司', '通用技术集团'],
    ['中国通用技术(集团)控股有限责任公司', '通用技术集团'],
    ['香港中旅（集团）有限公司', '中国旅游集团'],
    ['中铁三局', '中国中铁'],
    ['中铁十局', '中国中铁'],
    ['中铁十一局', '中国铁建'],
    ['中铁十九局集团有限公司', '中国铁建'],
    ['中铁二十局', '中国铁建'],
    ['中国电子', '中国电子'],
    ['中国电子科技集团公司第十四研究所', '中国电科'],
    ['中储粮', '中储粮'],
    ['中储粮大连直属库', '中储粮'],
    ['中国黄金', '中国黄金'],
    ['中交一航局', '中国交建'],
    ['中建八局', '中国建筑'],
    ['国电电力', '国家能源集团'],
    ['国电投', '国家电投'],
    ['中国华录', '中国电科'],
    ['中钢', '中国宝武'],
    ['神华', '国家能源集团'],
    ['中粮油脂（大连）有限公司', '中粮'],
    ['大连港', '招商局'],
    ['航天科技', '航天科技'],
    ['CNOOC', '中国海油'],
    [' 中 国 华 能 ', '中国华能'],
  ])('maps %j to %s', (name, shortName) => {
    expect(shortNameOf(name)).toBe(shortName);
  });

  it.each(['中金', '大连城投', '通用电气', 'October', ''])('does not map %j', (name) => {
    expect(lookupSoe(name).kind).toBe('unknown');
  });

  it('flags an ambiguous short name instead of mapping it, with both readings as candidates', () => {
    const r = lookupSoe('中储');
    expect(r.kind).toBe('flagged');
    if (r.kind === 'flagged') {
      expect(r.alias.relation).toBe('ambiguous');
      expect(r.candidates.map((g) => g.shortName)).toEqual(['中国物流', '中储粮']);
    }
  });

  it.each<[string, string]>([
    ['中外贸', 'unresolved'],
    ['国创氢能', 'uncertain'],
  ])('flags %j as %s without guessing a group', (name, relation) => {
    expect(lookupSoe(name)).toEqual({ kind: 'flagged', alias: expect.objectContaining({ relation }), candidates: [] });
  });

  it('suggests groups for an unknown name', () => {
    const r = lookupSoe('中金');
    expect(r.kind === 'unknown' ? r.suggestions.map((g) => g.shortName) : []).toEqual(['中国黄金']);
  });

  it('finds a group by its full name', () => {
    expect(soeGroupByFullName('中国华能集团有限公司')?.shortName).toBe('中国华能');
    expect(soeGroupByFullName('不存在')).toBeNull();
  });
});
