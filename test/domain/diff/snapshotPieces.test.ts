import fc from 'fast-check';
import { makeSnapshot } from '../../../src/domain/diff/makeSnapshot';
import { snapshotPieces } from '../../../src/domain/diff/snapshotPieces';
import { STAGES } from '../../../src/domain/ledger/types';
import { ledgerRead, projectRow } from './rows';

const SOES = ['中国华能集团有限公司', '招商局集团有限公司', '中国交通建设集团有限公司'] as const;

const read = fc
  .record({
    specs: fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom('风电', '机场 二期', 'Ｆ港区', '"引号"\\'), fc.string()),
        soes: fc.subarray([...SOES], { minLength: 1 }),
        stage: fc.constantFrom(...STAGES),
        totalWan: fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
        investedWan: fc.integer({ min: 0, max: 5_000_000 }),
        district: fc.option(fc.constantFrom('中山区', '西岗区', '金普新区'), { nil: null }),
      }),
      { maxLength: 2_500 },
    ),
    sheet: fc.constantFrom('台账', ''),
  })
  .map(({ specs, sheet }) => ledgerRead(specs.map((s, i) => ({ ...projectRow(3 + i, s.name, s.soes, s.stage, s.totalWan, s.investedWan), district: s.district })), sheet));

const options = fc.record(
  {
    takenAt: fc.constant('2025-10-01T08:00:00.000Z'),
    ranks: fc.array(fc.record({ district: fc.constantFrom('中山区', '西岗区'), group: fc.constantFrom('A', 'B'), rank: fc.integer({ min: 1, max: 9 }) }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

describe('snapshotPieces', () => {
  it('joins to exactly the text makeSnapshot gives, with or without districts, ranks and a time', () => {
    fc.assert(
      fc.property(read, options, (r, o) => [...snapshotPieces(r, o)].join('') === makeSnapshot(r, o)),
      { numRuns: 60 },
    );
  });

  it('gives a large ledger in many pieces, none of them the whole text', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ ...projectRow(4 + i, `项目${i}`, [SOES[i % 3] as string], 'construction', i * 1.5, i), district: i % 2 === 0 ? '中山区' : null }));
    const r = ledgerRead(rows);
    const pieces = [...snapshotPieces(r, { takenAt: '2025-10-01T08:00:00.000Z' })];
    const text = makeSnapshot(r, { takenAt: '2025-10-01T08:00:00.000Z' });
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(text.length / 3);
  });

  it('gives an empty ledger as makeSnapshot does', () => {
    expect([...snapshotPieces(ledgerRead([]))].join('')).toBe(makeSnapshot(ledgerRead([])));
  });
});
