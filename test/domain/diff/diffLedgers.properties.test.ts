import fc from 'fast-check';
import { diffLedgers } from '../../../src/domain/diff/diffLedgers';
import { serializeSnapshot, snapshotOf } from '../../../src/domain/diff/makeSnapshot';
import { parseSnapshot } from '../../../src/domain/diff/parseSnapshot';
import { STAGES } from '../../../src/domain/ledger/types';
import { ledgerRead, projectRow } from './rows';

const SOES = ['中国华能集团有限公司', '招商局集团有限公司', '中国交通建设集团有限公司'] as const;

/** A ledger of up to 12 projects drawn from a small pool of names, so that versions overlap. */
const ledger = fc
  .array(
    fc.record({
      name: fc.constantFrom('风电', '机场', '大桥', '港区', '物流园', '氢能'),
      soes: fc.subarray([...SOES], { minLength: 1 }),
      stage: fc.constantFrom(...STAGES),
      totalWan: fc.integer({ min: 0, max: 5_000_000 }),
      investedWan: fc.integer({ min: 0, max: 5_000_000 }),
    }),
    { maxLength: 12 },
  )
  .map((specs) => snapshotOf(ledgerRead(specs.map((s, i) => projectRow(3 + i, s.name, s.soes, s.stage, s.totalWan, s.investedWan)))));

describe('diffLedgers properties', () => {
  it('finds nothing changed between a ledger and itself', () => {
    fc.assert(fc.property(ledger, (a) => !diffLedgers(a, a).hasChanges));
  });

  it('accounts for every project: matched + added = current, matched + removed = previous', () => {
    fc.assert(
      fc.property(ledger, ledger, (a, b) => {
        const d = diffLedgers(a, b);
        const matched = d.unchanged + new Set([...d.stageChanges, ...d.amountChanges].map((c) => c.current)).size;
        return matched + d.added.length === b.projects.length && matched + d.removed.length === a.projects.length;
      }),
    );
  });

  it('gives deltas that are the difference of the key figures, and opposite deltas when reversed', () => {
    fc.assert(
      fc.property(ledger, ledger, (a, b) => {
        const d = diffLedgers(a, b);
        const r = diffLedgers(b, a);
        return (
          d.deltas.projects === b.projects.length - a.projects.length &&
          d.deltas.totalWan === d.current.totalWan - d.previous.totalWan &&
          d.deltas.started === -r.deltas.started &&
          d.deltas.investedWan === -r.deltas.investedWan &&
          d.added.length === r.removed.length
        );
      }),
    );
  });

  it('survives the snapshot text round trip', () => {
    fc.assert(fc.property(ledger, (a) => expect(parseSnapshot(serializeSnapshot(a))).toEqual(a)));
  });
});
