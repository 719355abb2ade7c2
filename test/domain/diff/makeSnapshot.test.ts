import { makeSnapshot, snapshotOf } from '../../../src/domain/diff/makeSnapshot';
import { parseSnapshot } from '../../../src/domain/diff/parseSnapshot';
import { ledgerRead, projectRow } from './rows';

const read = ledgerRead([
  projectRow(3, '华能 庄河海上风电', ['中国华能集团有限公司'], 'construction', 500_000, 300_000.25),
  projectRow(4, '太平湾风电母港', ['招商局集团有限公司', '国家电力投资集团有限公司', '招商局集团有限公司'], 'preparation', 800_000),
]);

describe('makeSnapshot', () => {
  it('round-trips through parseSnapshot with every per-project figure', () => {
    const data = parseSnapshot(makeSnapshot(read, { takenAt: '2025-09-01T02:00:00.000Z' }));
    expect(data).toEqual(snapshotOf(read, { takenAt: '2025-09-01T02:00:00.000Z' }));
    expect(data?.takenAt).toBe('2025-09-01T02:00:00.000Z');
    expect(data?.sheet).toBe('台账');
    expect(data?.projects[0]).toEqual({
      key: '华能庄河海上风电\t中国华能集团有限公司',
      name: '华能 庄河海上风电',
      soes: ['中国华能集团有限公司'],
      sheetRow: 3,
      stage: 'construction',
      totalWan: 500_000,
      investedWan: 300_000.25,
    });
  });

  it('keys a project by normalised name and the sorted, deduplicated canonical SOE set', () => {
    const project = snapshotOf(read).projects[1];
    expect(project?.soes).toEqual(['国家电力投资集团有限公司', '招商局集团有限公司']);
    expect(project?.key).toBe('太平湾风电母港\t国家电力投资集团有限公司、招商局集团有限公司');
  });

  it('writes compact JSON: one array per project, the name key only when it differs from the name', () => {
    const parsed = JSON.parse(makeSnapshot(read)) as { v: number; at: unknown; p: unknown[][] };
    expect(parsed.v).toBe(1);
    expect(parsed.at).toBeNull();
    expect(parsed.p[0]?.[1]).toBe('华能庄河海上风电');
    expect(parsed.p[1]?.[1]).toBeNull();
  });

  it('records the districts’ ranks when given, as "r": [[district, group, rank], …], and reads them back', () => {
    const ranks = [
      { district: '中山区', group: '主城区', rank: 1 },
      { district: '庄河市', group: '北部地区', rank: 2 },
    ];
    const text = makeSnapshot(read, { ranks });
    expect((JSON.parse(text) as { r: unknown }).r).toEqual([
      ['中山区', '主城区', 1],
      ['庄河市', '北部地区', 2],
    ]);
    expect(parseSnapshot(text)?.ranks).toEqual(ranks);
    expect(parseSnapshot(text)?.projects).toEqual(snapshotOf(read).projects);
  });

  it('writes no ranks key without ranks', () => {
    expect(JSON.parse(makeSnapshot(read))).not.toHaveProperty('r');
    expect(parseSnapshot(makeSnapshot(read))).not.toHaveProperty('ranks');
  });

  it('records no takenAt when none is given', () => {
    expect(snapshotOf(ledgerRead([])).takenAt).toBeNull();
    expect(parseSnapshot(makeSnapshot(ledgerRead([])))?.projects).toEqual([]);
  });
});
