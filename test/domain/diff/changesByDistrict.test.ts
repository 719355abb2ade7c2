import { changesByDistrict } from '../../../src/domain/diff/changesByDistrict';
import { diffLedgers } from '../../../src/domain/diff/diffLedgers';
import { makeSnapshot, snapshotOf } from '../../../src/domain/diff/makeSnapshot';
import { parseSnapshot } from '../../../src/domain/diff/parseSnapshot';
import type { ProjectRow } from '../../../src/domain/ledger/types';
import { ledgerRead, projectRow } from './rows';

const CMG = '招商局集团有限公司';
const in_ = (district: string | null, row: ProjectRow): ProjectRow => ({ ...row, district });

// Baseline: 3 projects in 甘井子区, 2 in 金州区, 1 without a district.
const before = ledgerRead([
  in_('甘井子区', projectRow(3, '甲', [CMG], 'preparation', 100)),
  in_('甘井子区', projectRow(4, '乙', [CMG], 'construction', 200, 50)),
  in_('甘井子区', projectRow(5, '丙', [CMG], 'signed', 300)),
  in_('金州区', projectRow(6, '丁', [CMG], 'signed', 400)),
  in_('金州区', projectRow(7, '戊', [CMG], 'construction', 500, 100)),
  in_(null, projectRow(8, '己', [CMG], 'signed', 600)),
]);
// Now: 甲 changes stage (甘井子区); 乙 changes stage and amount (甘井子区); 丙 removed (甘井子区);
// 丁 moved to 庄河市 with a new total; 戊 unchanged; 己 removed (no district); 庚 added (金州区); 辛 added (no district).
const after = ledgerRead([
  in_('甘井子区', projectRow(3, '甲', [CMG], 'construction', 100)),
  in_('甘井子区', projectRow(4, '乙', [CMG], 'completed', 200, 80)),
  in_('庄河市', projectRow(6, '丁', [CMG], 'signed', 450)),
  in_('金州区', projectRow(7, '戊', [CMG], 'construction', 500, 100)),
  in_('金州区', projectRow(9, '庚', [CMG], 'planning', 700)),
  in_(null, projectRow(10, '辛', [CMG], 'planning', 800)),
]);

describe('changesByDistrict', () => {
  it('counts added, removed, stage and amount changes per district, removed ones under their baseline district', () => {
    const diff = diffLedgers(snapshotOf(before), snapshotOf(after));
    expect(changesByDistrict(diff)).toEqual([
      { district: '金州区', added: 1, removed: 0, stageChanges: 0, amountChanges: 0 },
      { district: '甘井子区', added: 0, removed: 1, stageChanges: 2, amountChanges: 1 },
      { district: '庄河市', added: 0, removed: 0, stageChanges: 0, amountChanges: 1 },
      { district: null, added: 1, removed: 1, stageChanges: 0, amountChanges: 0 },
    ]);
  });

  it('groups the same way after the baseline went through the stored text', () => {
    const diff = diffLedgers(parseSnapshot(makeSnapshot(before)) ?? snapshotOf(ledgerRead([])), snapshotOf(after));
    expect(changesByDistrict(diff).find((d) => d.district === '甘井子区')).toEqual({ district: '甘井子区', added: 0, removed: 1, stageChanges: 2, amountChanges: 1 });
  });

  it('lists nothing when nothing changed', () => {
    expect(changesByDistrict(diffLedgers(snapshotOf(before), snapshotOf(before)))).toEqual([]);
  });

  it('puts everything under null for a baseline stored before districts were recorded', () => {
    const old = JSON.parse(makeSnapshot(before)) as Record<string, unknown>;
    delete old['d'];
    const diff = diffLedgers(parseSnapshot(JSON.stringify(old)) ?? snapshotOf(ledgerRead([])), snapshotOf(before));
    expect(diff.hasChanges).toBe(false);
    const removedOnly = diffLedgers(parseSnapshot(JSON.stringify(old)) ?? snapshotOf(ledgerRead([])), snapshotOf(ledgerRead([])));
    expect(changesByDistrict(removedOnly)).toEqual([{ district: null, added: 0, removed: 6, stageChanges: 0, amountChanges: 0 }]);
  });
});

describe('snapshot districts', () => {
  it('stores "d" as the districts once each and an index per project (-1: none), and reads it back', () => {
    const text = makeSnapshot(before);
    expect((JSON.parse(text) as { d: unknown }).d).toEqual([
      ['甘井子区', '金州区'],
      [0, 0, 0, 1, 1, -1],
    ]);
    const projects = parseSnapshot(text)?.projects ?? [];
    expect(projects.map((p) => p.district)).toEqual(['甘井子区', '甘井子区', '甘井子区', '金州区', '金州区', undefined]);
    expect(projects).toEqual(snapshotOf(before).projects);
  });

  it('writes no "d" when no project names a district', () => {
    expect(JSON.parse(makeSnapshot(ledgerRead([projectRow(3, '甲', [CMG], 'signed', 1)])))).not.toHaveProperty('d');
  });

  it('ignores a malformed "d" (wrong length, index out of range or not whole, a name not text) but keeps the projects', () => {
    const stored = JSON.parse(makeSnapshot(before)) as Record<string, unknown>;
    for (const d of [[['甘井子区'], [0]], [['甘井子区'], [0, 0, 0, 1, 0, 0]], [['甘井子区'], [0, 0, 0, 0, 0, 0.5]], [[1], [0, 0, 0, 0, 0, 0]], 'x']) {
      const parsed = parseSnapshot(JSON.stringify({ ...stored, d }));
      expect(parsed?.projects).toHaveLength(6);
      expect(parsed?.projects.every((p) => p.district === undefined)).toBe(true);
    }
  });
});
