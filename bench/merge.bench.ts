/**
 * Merge benchmark (issue 18): `ledger-stats merge` of 13 district files of 100,000 rows in all (one per district,
 * each with its own layout: 万元 or 亿元, one or two header rows, a 小计 row; 5% of each file's projects also in the
 * file before it), against `ledger-stats summarize --json` of the 100,000-row file of `cli.bench.ts`, both in fresh
 * node processes. Goal: merge_13_files_100k_rows_ms < 2 × cli_summarize_100k_ms.
 *
 * Figures: merge_13_files_100k_rows_ms, merge_13_files_100k_rows_rss_mb, merge_vs_cli_summarize_ratio (medians of RUNS runs).
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { median, mulberry32 } from './benchTools';
import { ensureBuild, FILE, generate, timeNode } from './cli.bench';

const ROOT = join(__dirname, '..');
const FILES = 13;
const ROWS = 100_000;
const RUNS = 3;
/** Bump when the generated layout changes, so stale cached files are not reused. */
const DIR = join(tmpdir(), `ledger-stats-bench-merge-${FILES}x${ROWS}-v1`);

const DISTRICTS = ['中山区', '西岗区', '沙河口区', '甘井子区', '旅顺口区', '金普新区', '普兰店区', '瓦房店市', '庄河市', '长海县', '高新区', '长兴岛经济区', '太平湾合作创新区'];
const SOES = ['中国华能', '三峡集团', '国家电投', '中广核', '中国中铁', '中国电信', '中粮集团', '中国中车', '中国石油', '中国交建'];
const SECTORS = ['能源', '工业', '交通', '仓储物流', '新型基础设施', '现代服务业', '生态环保'];
const STAGES = ['谋划', '签约', '前期', '在建', '已竣工'];

/** One district's file: rows `first`…`first + rows - 1` of the city, the first 5% repeating the previous file's last projects. */
async function writeDistrict(path: string, index: number, rows: number, first: number): Promise<void> {
  const next = mulberry32(1000 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const district = DISTRICTS[index] as string;
  const inYi = index % 2 === 1;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = writer.addWorksheet('台账');
  sheet.addRow([`${district}央地合作项目台账`]).commit();
  if (index % 3 === 0) {
    sheet.addRow(['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '投资情况（万元）', null]).commit();
    sheet.addRow([null, null, null, null, null, null, '总投资', '累计完成投资']).commit();
  } else {
    sheet.addRow(['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', `总投资（${inYi ? '亿元' : '万元'}）`, `累计完成投资（${inYi ? '亿元' : '万元'}）`]).commit();
  }
  const scale = inYi && index % 3 !== 0 ? 1 / 10_000 : 1;
  const repeated = index === 0 ? 0 : Math.floor(rows * 0.05);
  for (let i = 0; i < rows; i++) {
    // A repeated project has the previous file's name, SOE and amount (the SOE and amount are drawn from its number).
    const n = i < repeated ? first - 1 - i : first + i;
    const total = ((n * 7919) % 500_000) / 10 + 1;
    sheet.addRow([i + 1, `大连${SECTORS[n % SECTORS.length]}项目${n}`, SOES[n % SOES.length], pick(SECTORS), pick(STAGES), district, total * scale, total * next() * scale]).commit();
  }
  sheet.addRow(['小计', null, null, null, null, null, null, null]).commit();
  sheet.commit();
  await writer.commit();
}

async function generateFiles(): Promise<string[]> {
  const paths = DISTRICTS.map((d, i) => join(DIR, `${String(i + 1).padStart(2, '0')}${d}台账.xlsx`));
  if (paths.every((p) => existsSync(p))) return paths;
  mkdirSync(DIR, { recursive: true });
  const per = Math.floor(ROWS / FILES);
  let first = 1;
  for (let i = 0; i < FILES; i++) {
    const rows = i === FILES - 1 ? ROWS - per * (FILES - 1) : per;
    await writeDistrict(paths[i] as string, i, rows, first);
    first += rows;
  }
  return paths;
}

export async function run(): Promise<Record<string, number>> {
  if (!existsSync(FILE)) await generate(FILE);
  const paths = await generateFiles();
  // LEDGER_STATS_BENCH_BIN: a CLI entry point built elsewhere (e.g. a wrapper over `tsc --outDir <folder>`), used for
  // both commands instead of building build/.
  const bin = process.env.LEDGER_STATS_BENCH_BIN ?? join(ROOT, 'bin', 'ledger-stats.js');
  if (process.env.LEDGER_STATS_BENCH_BIN === undefined) ensureBuild();
  const output = join(DIR, '..', `ledger-stats-bench-merge-city-${process.pid}.xlsx`);
  const merge: { ms: number; rssMb: number }[] = [];
  const summarize: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const m = await timeNode([bin, 'merge', ...paths, '-o', output, '--force', '--json'], { LEDGER_STATS_REPORT_RSS: '1' });
      if (m.code !== 0) throw new Error(`ledger-stats merge exited ${m.code}`);
      merge.push(m);
      const s = await timeNode([bin, 'summarize', FILE, '--json'], { LEDGER_STATS_REPORT_RSS: '1' });
      summarize.push(s.ms);
    }
  } finally {
    rmSync(output, { force: true });
  }
  const mergeMs = median(merge.map((r) => r.ms));
  return {
    merge_13_files_100k_rows_ms: Math.round(mergeMs),
    merge_13_files_100k_rows_rss_mb: Math.round(Math.max(...merge.map((r) => r.rssMb))),
    merge_vs_cli_summarize_ratio: mergeMs / median(summarize),
  };
}
