/**
 * 赛马 ranking and 红黄绿灯 lights over 100,000 rows (issue 17).
 *
 * - `race_and_lights_100k_ms`: median wall time of `computeRace` + `computeLights` over 100,000 ProjectRows with
 *   every optional column (签约时间, 计划/实际开工时间, 计划竣工时间, 年度计划投资, 本年完成投资), the 13 Dalian
 *   districts and ~3% 市本级 rows, default rules, as of 2025-09-30. Goal < 100 ms.
 * Median of 7 runs after a warm-up, each after a full collection (`settleHeap`).
 */
import type { ProjectRow, RowProgress } from '../src/domain/ledger/types';
import { computeLights } from '../src/domain/race/computeLights';
import { computeRace } from '../src/domain/race/computeRace';
import { DEFAULT_RACE_RULES } from '../src/domain/race/raceRules';
import { REGIONS } from '../src/domain/reference/regionData';
import { median, mulberry32, settleHeap, timed } from './benchTools';
import { benchRows } from './summarize.bench';

const ROWS = 100_000;
const RUNS = 7;
const AS_OF = '2025-09-30';
const COLUMN = { index: 0, letter: 'A', header: '' };
const COLUMNS = {
  signDate: COLUMN,
  plannedStartDate: COLUMN,
  actualStartDate: COLUMN,
  plannedCompletionDate: COLUMN,
  annualPlanInvestment: COLUMN,
  yearInvested: COLUMN,
};

/** Rows of `benchRows` with Dalian districts and seeded progress columns. */
function raceRows(count: number): ProjectRow[] {
  const random = mulberry32(17);
  const districts = REGIONS.map((r) => r.name);
  const month = (): string => `${2024 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
  return benchRows(count).map((row) => {
    const plan = random() < 0.2 ? 0 : Math.round(random() * 1e6) / 100;
    const progress: RowProgress = {
      signDate: random() < 0.8 ? month() : null,
      plannedStartDate: random() < 0.9 ? month() : null,
      actualStartDate: row.stage === 'construction' || row.stage === 'completed' ? month() : null,
      plannedCompletionDate: random() < 0.7 ? month() : null,
      annualPlanWan: plan,
      yearInvestedWan: random() < 0.1 ? null : Math.round(plan * random() * 120) / 100,
    };
    // 13 regions plus 市本级 at about 1/14 ≈ 7%; keep it near 3% by re-picking once.
    let district = districts[Math.floor(random() * districts.length)] ?? null;
    if (district === '市本级/跨区域' && random() < 0.6) district = districts[Math.floor(random() * 13)] ?? null;
    // Rows as the reader makes them (validateRow adds `progress` to its literal): a spread copy reads far slower.
    const out: { -readonly [K in keyof ProjectRow]: ProjectRow[K] } = Object.assign({}, row);
    out.district = district;
    out.progress = progress;
    return out;
  });
}

/** Run the benchmark; the figures by name. */
export async function run(): Promise<Record<string, number>> {
  const rows = raceRows(ROWS);
  const once = (): number => {
    const race = computeRace({ rows, columns: COLUMNS }, AS_OF, DEFAULT_RACE_RULES);
    const lights = computeLights({ rows, columns: COLUMNS }, AS_OF, DEFAULT_RACE_RULES);
    return race.groups.length + lights.counts.red;
  };
  once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await settleHeap();
    times.push(timed(once).ms);
  }
  return { race_and_lights_100k_ms: median(times) };
}
