import { diffLedgers } from '../../../src/domain/diff/diffLedgers';
import { snapshotOf } from '../../../src/domain/diff/makeSnapshot';
import type { ProjectRow } from '../../../src/domain/ledger/types';
import { ledgerRead, projectRow } from './rows';

const HUANENG = '中国华能集团有限公司';
const CMG = '招商局集团有限公司';
const CCCC = '中国交通建设集团有限公司';
const SPIC = '国家电力投资集团有限公司';

const snapshot = (rows: readonly ProjectRow[]) => snapshotOf(ledgerRead(rows));

const lastMonth = [
  projectRow(3, '庄河海上风电', [HUANENG], 'construction', 500_000, 300_000),
  projectRow(4, '风电母港', [CMG], 'preparation', 800_000),
  projectRow(5, '长海大桥', [CCCC], 'construction', 1_200_000, 150_000),
  projectRow(6, '港区道路', [CCCC], 'signed', 60_000),
  projectRow(7, '燃料电池项目', [SPIC], 'completed', 100_000, 100_000),
];
const thisMonth = [
  projectRow(3, '庄河海上风电', [HUANENG], 'construction', 500_000, 300_000),
  projectRow(4, '金州湾机场', [CCCC, CMG], 'preparation', 2_630_000),
  projectRow(5, '风电母港', [CMG], 'construction', 800_000),
  projectRow(6, '长海大桥', [CCCC], 'construction', 1_200_000, 180_000),
  projectRow(7, '燃料电池产业化项目', [SPIC], 'completed', 100_000, 100_000),
];

describe('diffLedgers', () => {
  const diff = diffLedgers(snapshot(lastMonth), snapshot(thisMonth));

  it('lists projects only in the current version as added, in its sheet order', () => {
    expect(diff.added.map((p) => p.name)).toEqual(['金州湾机场', '燃料电池产业化项目']);
  });

  it('lists projects only in the previous version as removed', () => {
    expect(diff.removed.map((p) => p.name)).toEqual(['港区道路', '燃料电池项目']);
  });

  it('shows a renamed project once as removed and once as added, never merged', () => {
    const renamed = (name: string) => (p: { name: string }) => p.name === name;
    expect(diff.removed.filter(renamed('燃料电池项目'))).toHaveLength(1);
    expect(diff.added.filter(renamed('燃料电池产业化项目'))).toHaveLength(1);
    expect([...diff.stageChanges, ...diff.amountChanges].some((c) => c.current.name.startsWith('燃料电池'))).toBe(false);
  });

  it('lists a stage change per project with the rows of both versions', () => {
    expect(diff.stageChanges).toHaveLength(1);
    expect(diff.stageChanges[0]).toMatchObject({ from: 'preparation', to: 'construction', current: { name: '风电母港', sheetRow: 5 }, previous: { sheetRow: 4 } });
  });

  it('lists an amount change per project, before, after and delta in 万元', () => {
    expect(diff.amountChanges).toHaveLength(1);
    expect(diff.amountChanges[0]?.current.name).toBe('长海大桥');
    expect(diff.amountChanges[0]?.investedWan).toEqual({ before: 150_000, after: 180_000, delta: 30_000 });
    expect(diff.amountChanges[0]?.totalWan).toEqual({ before: 1_200_000, after: 1_200_000, delta: 0 });
  });

  it('totals the projects with an amount change', () => {
    expect(diff.amountChangeTotals.investedWan).toEqual({ before: 150_000, after: 180_000, delta: 30_000 });
    expect(diff.amountChangeTotals.totalWan).toEqual({ before: 1_200_000, after: 1_200_000, delta: 0 });
    expect(diff.amountChangeTotals.totalWan.delta).toBe(0);
    expect(diff.unchanged).toBe(1);
  });

  it('gives the delta of every key figure', () => {
    expect(diff.previous).toEqual({ projects: 5, soes: 4, started: 3, completed: 1, totalWan: 2_660_000, investedWan: 550_000 });
    expect(diff.current).toEqual({ projects: 5, soes: 4, started: 4, completed: 1, totalWan: 5_230_000, investedWan: 580_000 });
    expect(diff.deltas).toEqual({ projects: 0, soes: 0, started: 1, completed: 0, totalWan: 2_570_000, investedWan: 30_000 });
    expect(diff.hasChanges).toBe(true);
  });

  it('finds nothing changed between a version and itself', () => {
    const same = diffLedgers(snapshot(thisMonth), snapshot(thisMonth));
    expect(same).toMatchObject({ added: [], removed: [], stageChanges: [], amountChanges: [], unchanged: 5, hasChanges: false });
    expect(same.deltas).toEqual({ projects: 0, soes: 0, started: 0, completed: 0, totalWan: 0, investedWan: 0 });
  });

  it('matches by name and SOE set, so a changed SOE set is a removal plus an addition', () => {
    const moved = diffLedgers(
      snapshot([projectRow(3, '长海大桥', [CCCC], 'construction', 10)]),
      snapshot([projectRow(3, '长海大桥', [CCCC, CMG], 'construction', 10)]),
    );
    expect(moved.removed).toHaveLength(1);
    expect(moved.added).toHaveLength(1);
    expect(moved.deltas.soes).toBe(1);
  });

  it('matches on the rows\' normalised name key, not on the name as written', () => {
    const d = diffLedgers(snapshot([projectRow(3, 'LNG 二期', [CCCC], 'construction', 10)]), snapshot([projectRow(9, 'ＬＮＧ二期', [CCCC], 'construction', 10)]));
    expect(d).toMatchObject({ added: [], removed: [], unchanged: 1 });
  });

  it('breaks ties between projects with the same key by sheet row, then by sheet order', () => {
    const d = diffLedgers(
      snapshot([projectRow(3, '分布式光伏', [SPIC], 'construction', 10), projectRow(4, '分布式光伏', [SPIC], 'planning', 20)]),
      snapshot([projectRow(4, '分布式光伏', [SPIC], 'signed', 20), projectRow(8, '分布式光伏', [SPIC], 'construction', 10), projectRow(9, '分布式光伏', [SPIC], 'planning', 5)]),
    );
    expect(d.stageChanges.map((c) => [c.previous.sheetRow, c.current.sheetRow, c.from, c.to])).toEqual([[4, 4, 'planning', 'signed']]);
    expect(d.added.map((p) => p.sheetRow)).toEqual([9]);
    expect(d.removed).toEqual([]);
  });

  it('compares amounts in whole 元, so float noise is no change', () => {
    const d = diffLedgers(snapshot([projectRow(3, 'A', [CCCC], 'construction', 0.1 + 0.2)]), snapshot([projectRow(3, 'A', [CCCC], 'construction', 0.3)]));
    expect(d.amountChanges).toEqual([]);
    expect(Object.is(d.deltas.totalWan, 0)).toBe(true);
    const cent = diffLedgers(snapshot([projectRow(3, 'A', [CCCC], 'construction', 1)]), snapshot([projectRow(3, 'A', [CCCC], 'construction', 1.0001)]));
    expect(cent.amountChanges[0]?.totalWan.delta).toBe(0.0001);
  });

  it('compares an empty ledger with a full one', () => {
    const d = diffLedgers(snapshot([]), snapshot(thisMonth));
    expect(d.added).toHaveLength(5);
    expect(d.deltas.projects).toBe(5);
    expect(d.amountChangeTotals.totalWan).toEqual({ before: 0, after: 0, delta: 0 });
  });
});
