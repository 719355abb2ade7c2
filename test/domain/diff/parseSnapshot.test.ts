import { parseSnapshot } from '../../../src/domain/diff/parseSnapshot';

const good = (p: unknown[]): string => JSON.stringify({ v: 1, at: null, sheet: null, p });
const project = ['项目A', null, ['中国华能集团有限公司'], 3, 'construction', 100, 50];

describe('parseSnapshot', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
    ['blank text', '   '],
    ['malformed JSON', '{"v":1,'],
    ['a JSON array', '[]'],
    ['a JSON number', '42'],
    ['another version', JSON.stringify({ v: 2, p: [] })],
    ['no project list', JSON.stringify({ v: 1 })],
    ['a project with an unknown stage', good([['项目A', null, [], 3, '开工', 100, 50]])],
    ['a project with a text amount', good([['项目A', null, [], 3, 'construction', '100', 50]])],
    ['a project with a non-finite amount', '{"v":1,"p":[["项目A",null,[],3,"construction",1e999,0]]}'],
    ['a project with row 0', good([['项目A', null, [], 0, 'construction', 100, 50]])],
    ['a project with a fractional row', good([['项目A', null, [], 2.5, 'construction', 100, 50]])],
    ['a project with SOEs that are not text', good([['项目A', null, [1], 3, 'construction', 100, 50]])],
    ['a project with too few fields', good([['项目A', null, [], 3, 'construction', 100]])],
    ['a project that is an object', good([{ name: '项目A' }])],
    ['a good project next to a bad one', good([project, null])],
    ['a non-text takenAt', JSON.stringify({ v: 1, at: 5, p: [] })],
  ])('returns null for %s', (_label, text) => {
    expect(parseSnapshot(text)).toBeNull();
  });

  it.each([
    ['not a list', { a: 1 }],
    ['an entry with a fractional rank', [['中山区', '主城区', 1.5]]],
    ['an entry with rank 0', [['中山区', '主城区', 0]]],
    ['an entry without a group', [['中山区', 1]]],
    ['a good entry next to a text rank', [['中山区', '主城区', 1], ['西岗区', '主城区', '2']]],
  ])('reads the projects but no ranks when the ranks are %s', (_label, r) => {
    const data = parseSnapshot(JSON.stringify({ v: 1, at: null, sheet: null, p: [project], r }));
    expect(data?.projects).toHaveLength(1);
    expect(data).not.toHaveProperty('ranks');
  });

  it('reads the ranks of a snapshot that has them', () => {
    const data = parseSnapshot(JSON.stringify({ v: 1, at: null, sheet: null, p: [project], r: [['中山区', '主城区', 2]] }));
    expect(data?.ranks).toEqual([{ district: '中山区', group: '主城区', rank: 2 }]);
  });

  it('reads a well-formed snapshot, rebuilding the key from the name when no name key is stored', () => {
    expect(parseSnapshot(good([project]))).toEqual({
      version: 1,
      takenAt: null,
      sheet: null,
      projects: [
        { key: '项目A\t中国华能集团有限公司', name: '项目A', soes: ['中国华能集团有限公司'], sheetRow: 3, stage: 'construction', totalWan: 100, investedWan: 50 },
      ],
    });
  });

  it('accepts a snapshot without the optional at and sheet fields', () => {
    expect(parseSnapshot(JSON.stringify({ v: 1, p: [] }))).toEqual({ version: 1, takenAt: null, sheet: null, projects: [] });
  });
});
