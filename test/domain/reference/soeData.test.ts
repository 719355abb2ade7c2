import { REGIONS } from '../../../src/domain/reference/regionData';
import { SOE_ALIASES, SOE_GROUPS } from '../../../src/domain/reference/soeData';
import { parseCsv } from '../../../scripts/generateReference';

describe('SOE_GROUPS', () => {
  it('holds the 100 groups of the SASAC list of 2025-07-29 in list order', () => {
    const current = SOE_GROUPS.filter((g) => g.status === 'current');
    expect(current).toHaveLength(100);
    expect(current.map((g) => g.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('gives every merged group a listed successor', () => {
    const names = new Set(SOE_GROUPS.map((g) => g.fullName));
    for (const g of SOE_GROUPS.filter((x) => x.status === 'merged')) expect(names.has(g.successorFullName ?? '')).toBe(true);
  });

  it('uses the first short name as the display name', () => {
    for (const g of SOE_GROUPS) expect(g.shortName).toBe(g.shortNames[0] ?? g.fullName);
    expect(SOE_GROUPS.find((g) => g.seq === 17)?.shortName).toBe('中国华能');
  });

  it('splits the dual name of 中国旅游集团', () => {
    expect(SOE_GROUPS.find((g) => g.seq === 53)).toMatchObject({ fullName: '中国旅游集团有限公司', altFullName: '香港中旅（集团）有限公司' });
  });
});

describe('SOE_ALIASES', () => {
  it('names only listed parents', () => {
    const names = new Set(SOE_GROUPS.map((g) => g.fullName));
    for (const a of SOE_ALIASES) if (a.parentFullName !== null) expect(names.has(a.parentFullName)).toBe(true);
  });

  it('keeps the flagged rows with their notes', () => {
    expect(SOE_ALIASES.find((a) => a.alias === '中储')).toMatchObject({ relation: 'ambiguous', note: expect.stringContaining('中储粮') });
  });
});

describe('REGIONS', () => {
  it('holds the 13 regions and the 市本级 pseudo-region', () => {
    expect(REGIONS.filter((r) => r.isRegion)).toHaveLength(13);
    expect(REGIONS.find((r) => !r.isRegion)?.name).toBe('市本级/跨区域');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('throws on an unterminated quote', () => {
    expect(() => parseCsv('a,"b')).toThrow('quoted');
  });
});
