/**
 * Benchmark: read and validate a 100,000-row, 12-column ledger grid (issue 4 goal: under 0.5 s on 2 cores).
 * The grid is generated deterministically (seeded PRNG) with realistic repeated SOE, stage, sector and district
 * texts, some text amounts and text dates, and a few problem rows. Reports the median of 5 runs after a warm-up.
 */
import { readLedger } from '../src/domain/ledger/readLedger';
import type { CellValue } from '../src/domain/ledger/types';
import { median, mulberry32, timed } from './benchTools';

const ROWS = 100_000;
const RUNS = 5;

const SOES = [
  '中国华能', '华能', '三峡集团', '中国电信、中国中铁', '中粮', '中交一航局', '中建八局', '国电电力', '中国中车',
  '中石油', '招商局集团', '国家电投', '中广核集团', '中国物流集团', '中铁三局', '中铁十九局', '中国华电集团有限公司',
  '中远海运集团', '国药集团', '中国建筑、中建八局', '大连城投', '中海油', '国家电网', '中国移动', '中国能建',
];
const STAGES = ['在建', '已开工', '谋划', '储备', '已签约', '前期工作', '已竣工', '建成投产', '全容量并网', '部分投产', '开工建设', '拟开工'];
const SECTORS = ['能源', '交通', '工业', '仓储物流', '服务', '数字经济', '石化', '房地产', '医疗康养', '文旅'];
const DISTRICTS = ['甘井子区', '金普新区', '金州区', '庄河市', '普兰店区', '瓦房店市', '长海县', '高新区', '中山区', '旅顺口区'];
const CATEGORIES = ['产业', '基础设施', '民生', '生态'];

/** The benchmark grid: title, unit line, header, then `rows` project rows. */
export function benchGrid(rows: number, seed = 20250901): CellValue[][] {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const grid: CellValue[][] = [
    ['大连市央地合作项目台账'],
    [null, null, null, null, null, null, null, null, null, null, null, '单位：亿元'],
    ['序号', '项目名称', '合作央企', '所属领域', '项目类别', '所属地区', '项目阶段', '总投资（亿元）', '累计完成投资（亿元）', '开工时间', '竣工时间', '备注'],
  ];
  for (let i = 1; i <= rows; i++) {
    const total = Math.round(rand() * 50000) / 100;
    const invested = Math.round(rand() * total * 50) / 100;
    const r = rand();
    // Mostly numbers; some text amounts (约…, …万元, full-width) and a few placeholders and ranges (errors).
    const totalCell: CellValue =
      r < 0.85 ? total : r < 0.9 ? `约${total}` : r < 0.96 ? `${(total * 10000).toFixed(1)}万元` : r < 0.98 ? `${total}`.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : r < 0.99 ? '待定' : '840–931';
    const startCell: CellValue = r < 0.5 ? 44000 + Math.floor(rand() * 2000) : r < 0.8 ? `202${Math.floor(rand() * 5)}.${1 + Math.floor(rand() * 12)}` : null;
    const stage = rand() < 0.995 ? pick(STAGES) : '竣公';
    const isStarted = /开工|在建|竣工|投产|并网/.test(stage) && !stage.startsWith('拟');
    grid.push([
      i,
      `项目${i}号${pick(SECTORS)}工程`,
      pick(SOES),
      pick(SECTORS),
      pick(CATEGORIES),
      pick(DISTRICTS),
      stage,
      totalCell,
      isStarted && rand() < 0.9 ? invested : null,
      startCell,
      /竣工|投产|并网/.test(stage) && rand() < 0.95 ? `202${5 + Math.floor(rand() * 4)}年${1 + Math.floor(rand() * 12)}月` : null,
      rand() < 0.1 ? '备注' : null,
    ]);
  }
  return grid;
}

/** Run the benchmark: `read_validate_100k_ms` (median of 5 after a warm-up) and `read_validate_rows_per_s`. */
export async function run(): Promise<Record<string, number>> {
  const grid = benchGrid(ROWS);
  readLedger(grid); // warm-up: JIT and memo caches, as in a task pane that has refreshed once
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms: readMs, result: read } = timed(() => readLedger(grid));
    times.push(readMs);
    if (read.counts.dataRows !== ROWS) throw new Error(`bench: read ${read.counts.dataRows} rows, expected ${ROWS}`);
  }
  const ms = median(times);
  return { read_validate_100k_ms: Math.round(ms * 10) / 10, read_validate_rows_per_s: Math.round((ROWS / ms) * 1000) };
}
