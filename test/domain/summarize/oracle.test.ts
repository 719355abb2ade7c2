import fc from 'fast-check';
import { STAGES, STARTED_STAGES, type ProjectRow, type SoeRef, type Stage } from '../../../src/domain/ledger/types';
import { sizeBandOf } from '../../../src/domain/summarize/sizeBandOf';
import { toYuan } from '../../../src/domain/summarize/sumWan';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import type { Figures, SoeAttribution } from '../../../src/domain/summarize/types';
import { row, soeRef } from './rowBuilder';

/**
 * `summarizeRows` against a slow, obvious reference: one Map per breakdown, BigInt sums of whole
 * 元, a Set of SOE names per line. The engine's typed arrays, interning, blocks and chunking must
 * give the same figures for any ledger.
 */

interface RefLine {
  projects: number;
  /** Σ 1/n of split credits, kept as a sum of (count per n) so it stays exact. */
  splitCounts: Map<number, { projects: number; started: number; completed: number }>;
  started: number;
  completed: number;
  total: bigint;
  invested: bigint;
  soes: Set<string>;
}

const newLine = (): RefLine => ({ projects: 0, splitCounts: new Map(), started: 0, completed: 0, total: 0n, invested: 0n, soes: new Set() });

function lineOf(map: Map<string, RefLine>, key: string): RefLine {
  let line = map.get(key);
  if (line === undefined) map.set(key, (line = newLine()));
  return line;
}

function splitShare(yuan: bigint, n: number, index: number): bigint {
  const big = BigInt(n);
  // Floor division for negative amounts too, as the engine does.
  let base = yuan / big;
  if (base * big > yuan) base -= 1n;
  const remainder = yuan - base * big;
  return BigInt(index) < remainder ? base + 1n : base;
}

function reference(rows: readonly ProjectRow[], attribution: SoeAttribution) {
  const dims = ['total', 'stage', 'band', 'sector', 'district', 'category'] as const;
  const tables = Object.fromEntries(dims.map((dim) => [dim, new Map<string, RefLine>()])) as Record<(typeof dims)[number], Map<string, RefLine>>;
  const cross = new Map<string, RefLine>();
  const bySoe = new Map<string, RefLine>();
  for (const r of rows) {
    const total = BigInt(toYuan(r.totalWan));
    const invested = BigInt(toYuan(r.investedWan));
    const started = STARTED_STAGES.includes(r.stage) ? 1 : 0;
    const completed = r.stage === 'completed' ? 1 : 0;
    const partners = [...new Set(r.soes.map((soe) => soe.canonical))];
    const keys = {
      total: '',
      stage: r.stage,
      band: sizeBandOf(r.totalWan),
      sector: r.sector,
      district: String(r.district),
      category: String(r.category),
    };
    const lines = [...dims.map((dim) => lineOf(tables[dim], keys[dim])), lineOf(cross, `${r.sector}|${r.stage}`)];
    for (const line of lines) {
      line.projects += 1;
      line.started += started;
      line.completed += completed;
      line.total += total;
      line.invested += invested;
      for (const soe of partners) line.soes.add(soe);
    }
    partners.forEach((soe, index) => {
      const line = lineOf(bySoe, soe);
      line.soes.add(soe);
      if (attribution === 'full' || partners.length === 1) {
        line.projects += 1;
        line.started += started;
        line.completed += completed;
        line.total += total;
        line.invested += invested;
      } else {
        const n = partners.length;
        const counts = line.splitCounts.get(n) ?? { projects: 0, started: 0, completed: 0 };
        counts.projects += 1;
        counts.started += started;
        counts.completed += completed;
        line.splitCounts.set(n, counts);
        line.total += splitShare(total, n, index);
        line.invested += splitShare(invested, n, index);
      }
    });
  }
  return { tables, cross, bySoe };
}

function expectFigures(actual: Figures, expected: RefLine, label: string): void {
  let { projects, started, completed } = expected;
  for (const [n, counts] of expected.splitCounts) {
    projects += counts.projects / n;
    started += counts.started / n;
    completed += counts.completed / n;
  }
  expect({ label, projects: actual.projects, started: actual.started, completed: actual.completed }).toEqual({
    label,
    projects: expect.closeTo(projects, 9) as number,
    started: expect.closeTo(started, 9) as number,
    completed: expect.closeTo(completed, 9) as number,
  });
  expect({ label, total: BigInt(toYuan(actual.totalWan)), invested: BigInt(toYuan(actual.investedWan)), soes: actual.soes }).toEqual({
    label,
    total: expected.total,
    invested: expected.invested,
    soes: expected.soes.size,
  });
}

function expectTable(lines: readonly (Figures & { key: string | null })[] | null, expected: Map<string, RefLine>, label: string): void {
  expect(lines).not.toBeNull();
  expect(new Set((lines ?? []).map((line) => String(line.key)))).toEqual(new Set(expected.keys()));
  for (const line of lines ?? []) expectFigures(line, expected.get(String(line.key)) as RefLine, `${label} ${String(line.key)}`);
}

/** A pool of SOEs, some under two short names, so interning by canonical name is exercised. */
const SOES: readonly SoeRef[] = [
  ...['中国华能', '三峡集团', '中国交建', '中国中铁', '国投新能源', '中国电建', '国家电投'].map(soeRef),
  { raw: '华能', canonical: soeRef('中国华能').canonical, shortName: '华能', isKnown: false },
  ...Array.from({ length: 40 }, (_, i) => soeRef(`地方企业${i}`)),
];

const amountWan = fc.oneof(
  fc.integer({ min: -1_000_000, max: 2_000_000_000 }).map((yuan) => yuan / 10_000),
  fc.double({ min: -1e6, max: 5e7, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(10_000, 100_000, 1_000_000, 9_999.99995, 0),
);

const projectRow = fc
  .record({
    sector: fc.constantFrom('能源', '交通', '工业', '新基建', '文旅', '领域A', '领域a', ''),
    stage: fc.constantFrom(...STAGES),
    district: fc.constantFrom('金普新区', '庄河市', '高新区', '瓦房店市', null),
    category: fc.constantFrom('省重点项目', '市谋划项目', null),
    totalWan: amountWan,
    investedWan: amountWan,
    soes: fc.array(fc.constantFrom(...SOES), { maxLength: 4 }),
  })
  .map(({ soes, ...spec }): ProjectRow => ({ ...row(spec), soes }));

describe('summarizeRows against a reference implementation', () => {
  it.each(['full', 'split'] as const)('gives every line the reference figures (%s attribution)', (attribution) => {
    fc.assert(
      fc.property(fc.array(projectRow, { maxLength: 300 }), (rows) => {
        const summary = summarizeRows(rows, { soeAttribution: attribution, hasDistrict: true, hasCategory: true });
        const ref = reference(rows, attribution);
        if (rows.length > 0) expectFigures(summary.totals, ref.tables.total.get('') as RefLine, 'total');
        expectTable(
          summary.byStage.filter((line) => line.projects > 0),
          ref.tables.stage,
          'stage',
        );
        expectTable(
          summary.bySizeBand.filter((line) => line.projects > 0),
          ref.tables.band,
          'band',
        );
        expectTable(summary.bySector, ref.tables.sector, 'sector');
        expectTable(summary.byDistrict, ref.tables.district, 'district');
        expectTable(summary.byCategory, ref.tables.category, 'category');
        expectTable(summary.bySoe, ref.bySoe, 'soe');
        summary.crossTab.sectors.forEach((sector, i) => {
          STAGES.forEach((stage, j) => {
            const expected = ref.cross.get(`${sector}|${stage}`);
            expect([summary.crossTab.projects[i]?.[j], BigInt(toYuan(summary.crossTab.totalWan[i]?.[j] ?? NaN))]).toEqual([
              expected?.projects ?? 0,
              expected?.total ?? 0n,
            ]);
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('gives the reference figures over many blocks of rows', () => {
    // More rows than one block, with keys first seen late, so lines are allocated between blocks.
    const rows = Array.from({ length: 40_000 }, (_, i) =>
      row({
        sector: `领域${(i * 7) % (1 + Math.floor(i / 1000))}`,
        stage: STAGES[i % 5] as Stage,
        district: i % 11 === 0 ? null : `区${i % 13}`,
        category: i % 3 === 0 ? null : `类${i % 4}`,
        totalWan: ((i * 7919) % 100_003) / 7,
        investedWan: ((i * 104_729) % 10_007) / 3,
        soes: i % 10 === 0 ? [`企业${i % 97}`, `企业${(i + 1) % 97}`] : [`企业${(i * 31) % Math.min(97, 1 + Math.floor(i / 300))}`],
      }),
    );
    for (const attribution of ['full', 'split'] as const) {
      const summary = summarizeRows(rows, { soeAttribution: attribution });
      const ref = reference(rows, attribution);
      expectFigures(summary.totals, ref.tables.total.get('') as RefLine, 'total');
      expectTable(summary.bySector, ref.tables.sector, 'sector');
      expectTable(summary.byDistrict, ref.tables.district, 'district');
      expectTable(summary.byCategory, ref.tables.category, 'category');
      expectTable(summary.bySoe, ref.bySoe, 'soe');
    }
  });
});
