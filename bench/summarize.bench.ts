/**
 * summarize over 1,000,000 parsed rows, and the same aggregation in arquero 7.
 *
 * - `summarize_1m_ms`: median wall time of `summarizeRows` over 1,000,000 ProjectRows (all
 *   breakdowns, distinct SOEs per line, cross-tab, joint note, reconciliation). Goal < 200 ms.
 * - `summarize_vs_arquero`: arquero's median time for group-by + rollup (projects, started,
 *   completed, total, invested) by sector, stage, district, category, size band (derived from
 *   the total inside the timing) and SOE (`unroll` of the SOE list), divided by ours. Goal ≥ 3.
 *   Arquero gets its columns prebuilt and skips distinct-SOE counts, so the ratio is conservative.
 * Medians of 5 runs after warm-up, ours and arquero's alternating, each after a full collection
 * and a pause for the concurrent sweeper (`settleHeap`).
 *
 * Rows come from a seeded PRNG: 20 sectors, 5 stages, 80 SOEs (~10% joint projects with 2–3
 * partners), 13 districts, 3 categories (~5% blank), log-normal amounts (median ≈ 2.7 亿元).
 */
import { STAGES, STARTED_STAGES, type ProjectRow, type SoeRef, type Stage } from '../src/domain/ledger/types';
import { summarizeRows } from '../src/domain/summarize/summarizeRows';
import { median, mulberry32, settleHeap, timed } from './benchTools';

const ROWS = 1_000_000;
const RUNS = 5;

/** Deterministic ProjectRows for benchmarks. */
export function benchRows(count: number, seed = 20250929): ProjectRow[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sectors = Array.from({ length: 20 }, (_, i) => `领域${String(i + 1).padStart(2, '0')}`);
  const districts = Array.from({ length: 13 }, (_, i) => `地区${String(i + 1).padStart(2, '0')}`);
  const categories = ['省重点项目', '市谋划项目', '储备项目'];
  const soes: SoeRef[] = Array.from({ length: 80 }, (_, i) => ({
    raw: `央企${i + 1}`,
    canonical: `中国第${i + 1}集团有限公司`,
    shortName: `央企${i + 1}`,
    isKnown: true,
  }));
  const rows: ProjectRow[] = new Array<ProjectRow>(count);
  for (let r = 0; r < count; r += 1) {
    const partners = random() < 0.1 ? 2 + Math.floor(random() * 2) : 1;
    const rowSoes: SoeRef[] = [];
    while (rowSoes.length < partners) {
      const soe = pick(soes);
      if (!rowSoes.includes(soe)) rowSoes.push(soe);
    }
    // Box–Muller normal → log-normal total in 亿元, stored in 万元 with 2 decimals.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const totalWan = Math.round(Math.exp(1 + 1.2 * normal) * 1e6) / 100;
    const stage: Stage = pick(STAGES);
    const investedWan = STARTED_STAGES.includes(stage) ? Math.round(totalWan * random() * 100) / 100 : 0;
    const name = `项目${r + 1}`;
    rows[r] = {
      sheetRow: r + 2,
      name,
      nameKey: name,
      soes: rowSoes,
      sector: pick(sectors),
      stage,
      stageRaw: stage,
      category: random() < 0.05 ? null : pick(categories),
      district: pick(districts),
      totalWan,
      investedWan,
      startDate: null,
      completionDate: null,
      isApproximate: false,
    };
  }
  return rows;
}

/**
 * Run the benchmark; figures in milliseconds and as a ratio. Ours and arquero's runs alternate,
 * each after a settled heap, so that a change of machine load during the run hits both sides.
 */
export async function run(): Promise<Record<string, number>> {
  const aq = await import('arquero');
  const { op } = aq;
  const rows = benchRows(ROWS);
  const ours = (): void => {
    summarizeRows(rows);
  };

  const table = aq.table({
    sector: rows.map((row) => row.sector),
    stage: rows.map((row) => row.stage),
    district: rows.map((row) => row.district),
    category: rows.map((row) => row.category),
    soes: rows.map((row) => row.soes.map((soe) => soe.canonical)),
    totalWan: Float64Array.from(rows, (row) => row.totalWan),
    investedWan: Float64Array.from(rows, (row) => row.investedWan),
    started: Uint8Array.from(rows, (row) => (STARTED_STAGES.includes(row.stage) ? 1 : 0)),
    completed: Uint8Array.from(rows, (row) => (row.stage === 'completed' ? 1 : 0)),
  });
  const rollup = {
    projects: op.count(),
    started: 'd => op.sum(d.started)',
    completed: 'd => op.sum(d.completed)',
    total: 'd => op.sum(d.totalWan)',
    invested: 'd => op.sum(d.investedWan)',
  };
  const theirs = (): void => {
    const banded = table.derive({
      band: 'd => d.totalWan >= 1000000 ? "100+" : d.totalWan >= 100000 ? "10-100" : d.totalWan >= 10000 ? "1-10" : "0-1"',
    });
    for (const key of ['sector', 'stage', 'district', 'category', 'band']) banded.groupby(key).rollup(rollup);
    table.select('soes', 'totalWan', 'investedWan', 'started', 'completed').unroll('soes').groupby('soes').rollup(rollup);
  };

  ours();
  ours();
  theirs();
  const oursTimes: number[] = [];
  const theirTimes: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    await settleHeap();
    oursTimes.push(timed(ours).ms);
    await settleHeap();
    theirTimes.push(timed(theirs).ms);
  }
  const oursMs = median(oursTimes);
  return {
    summarize_1m_ms: oursMs,
    summarize_vs_arquero: median(theirTimes) / oursMs,
  };
}
