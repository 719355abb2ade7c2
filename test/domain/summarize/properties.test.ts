import fc from 'fast-check';
import { STAGES, type ProjectRow } from '../../../src/domain/ledger/types';
import { fsum } from '../../../src/domain/summarize/fsum';
import { sumWan, toYuan } from '../../../src/domain/summarize/sumWan';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import { SOE_ATTRIBUTIONS } from '../../../src/domain/summarize/types';
import type { SoeRef } from '../../../src/domain/ledger/types';
import { row, soeRef } from './rowBuilder';

/** SOEs as cells name them: one group under two short names (known and unknown), plus others. */
const SOE_VARIANTS: readonly SoeRef[] = [
  soeRef('中国华能'),
  { raw: '华能', canonical: soeRef('中国华能').canonical, shortName: '华能', isKnown: false },
  soeRef('三峡集团'),
  soeRef('中国交建'),
  soeRef('中国中铁'),
  soeRef('国投新能源'),
];

/** Amounts in 万元: whole yuan, float artefacts of 亿元 × 10⁴, and arbitrary doubles. */
const amountWan = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 10_000_000_000_000 }).map((yuan) => yuan / 10_000),
  fc.integer({ min: 0, max: 1_000_000 }).map((hundredths) => (hundredths / 100) * 10_000),
  fc.double({ min: -1e8, max: 1e9, noNaN: true, noDefaultInfinity: true }),
);

const projectRow = fc
  .record({
    sector: fc.constantFrom('能源', '交通', '工业', '仓储物流', 'B', 'b', ''),
    stage: fc.constantFrom(...STAGES),
    district: fc.constantFrom('金普新区', '庄河市', '高新区', null),
    category: fc.constantFrom('省重点项目', '市谋划项目', null),
    totalWan: amountWan,
    investedWan: amountWan,
    soes: fc.array(fc.constantFrom(...SOE_VARIANTS), { maxLength: 3 }),
  })
  .map(({ soes, ...spec }): ProjectRow => ({ ...row(spec), soes }));

const ledger = fc.array(projectRow, { maxLength: 60 });

/** A permutation of `rows` driven by fast-check (so failures shrink and replay). */
const ledgerAndShuffle = ledger.chain((rows) =>
  fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })),
);

describe('summarizeRows', () => {
  it('reconciles every breakdown with the grand total exactly', () => {
    fc.assert(
      fc.property(ledger, fc.constantFrom(...SOE_ATTRIBUTIONS), (rows, soeAttribution) => {
        const summary = summarizeRows(rows, { soeAttribution });
        for (const check of summary.reconciliation) {
          expect(check).toMatchObject({ ok: true, projectsDiff: 0, startedDiff: check.startedDiff === null ? null : 0, totalWanDiff: 0 });
        }
        expect(summary.totals.projects).toBe(rows.length);
      }),
    );
  });

  it('gives bit-identical results for any order of the rows', () => {
    fc.assert(
      fc.property(ledgerAndShuffle, fc.constantFrom(...SOE_ATTRIBUTIONS), ([rows, shuffled], soeAttribution) => {
        expect(summarizeRows(shuffled, { soeAttribution })).toEqual(summarizeRows(rows, { soeAttribution }));
      }),
    );
  });

  it('makes the SOE table exceed the grand total by exactly the note, and by nothing when split', () => {
    fc.assert(
      fc.property(ledger, (rows) => {
        const soeSum = (lines: readonly { totalWan: number }[]): number => toYuan(sumWan(lines.map((line) => line.totalWan)));
        const full = summarizeRows(rows);
        expect(soeSum(full.bySoe) - toYuan(full.totals.totalWan)).toBe(toYuan(full.jointProjects.totalWanExcess));
        expect(fsum(full.bySoe.map((line) => line.projects)) - full.totals.projects).toBe(full.jointProjects.projectsExcess);

        const split = summarizeRows(rows, { soeAttribution: 'split' });
        const withSoe = rows.filter((r) => r.soes.length > 0);
        expect(soeSum(split.bySoe)).toBe(toYuan(sumWan(withSoe.map((r) => r.totalWan))));
        expect(fsum(split.bySoe.map((line) => line.projects))).toBeCloseTo(withSoe.length, 9);
      }),
    );
  });
});
