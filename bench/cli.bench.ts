/**
 * CLI benchmark: `ledger-stats summarize --json` on a generated 100,000-row .xlsx, against
 * ExcelJS's streaming reader alone and the project's own reader alone (src/xlsx/reader) on the
 * same file, all in fresh node processes (so all pay node's start-up). Goals: the CLI within 1.5×
 * of ExcelJS's bare streaming read and under 600 MB; the own reader at least as fast as ExcelJS's
 * (read_xlsx_100k_vs_exceljs ≥ 1.0), aiming at twice as fast (2.0).
 *
 * Figures: cli_summarize_100k_ms, cli_summarize_100k_rss_mb, exceljs_stream_read_100k_ms,
 * exceljs_stream_read_100k_rss_mb, own_stream_read_100k_ms, own_stream_read_100k_rss_mb,
 * read_xlsx_100k_vs_exceljs (ExcelJS's time / the own reader's), cli_vs_exceljs_ratio,
 * cli_vs_exceljs_cpu_ratio (medians of RUNS runs; peak memory is the largest of the runs).
 */
import { spawn, spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import { existsSync, readdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { median, mulberry32 } from './benchTools';

const ROOT = join(__dirname, '..');
const ROWS = 100_000;
const RUNS = 3;
/** Bump when the generated layout changes, so a stale cached file is not reused. */
export const FILE = join(tmpdir(), `ledger-stats-bench-${ROWS}-v1.xlsx`);

const SOES = ['中国华能', '三峡集团', '国家电投', '中广核', '中国中铁', '中国电信', '中粮集团', '中国中车', '中国石油', '中国交建', '招商局集团', '中国船舶', '中国移动', '中国联通', '华润集团', '中国电建', '中国能建', '中国石化', '国家能源集团', '中国物流集团'];
const SECTORS = ['能源', '工业', '交通', '仓储物流', '新型基础设施', '现代服务业', '生态环保'];
const STAGES = ['谋划', '签约', '前期', '在建', '已竣工', '已并网', '开工建设'];
const DISTRICTS = ['中山区', '西岗区', '沙河口区', '甘井子区', '旅顺口区', '金普新区', '普兰店区', '瓦房店市', '庄河市', '长海县', '高新区', '长兴岛经济区', '太平湾合作创新区'];

/** Write the 100,000-row ledger (or `rows` rows) with ExcelJS's streaming writer (shared strings, as Excel writes). */
export async function generate(path: string, rows = ROWS): Promise<void> {
  const next = mulberry32(42); // every run benchmarks the same file
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet('台账');
  sheet.addRow(['大连市央地合作项目台账（基准测试）']).commit();
  sheet.addRow([null, null, null, null, null, null, null, null, null, null, null, '单位：万元']).commit();
  sheet.addRow(['序号', '项目名称', '合作央企', '所属领域', '项目类别', '所属地区', '项目阶段', '总投资', '累计完成投资', '开工时间', '竣工时间', '备注']).commit();
  for (let i = 1; i <= rows; i++) {
    const total = Math.round(next() * 500_000) / 10;
    const soe = next() < 0.1 ? `${pick(SOES)}、${pick(SOES)}` : pick(SOES);
    const row = sheet.addRow([
      i,
      `大连${pick(DISTRICTS)}${pick(SECTORS)}项目${i}`,
      soe,
      pick(SECTORS),
      next() < 0.5 ? '省重点' : '市谋划',
      pick(DISTRICTS),
      pick(STAGES),
      next() < 0.01 ? '约' + total : total,
      Math.round(total * next() * 10) / 10,
      new Date(Date.UTC(2018 + Math.floor(next() * 7), Math.floor(next() * 12), 1)),
      null,
      next() < 0.05 ? '备注' : null,
    ]);
    row.getCell(10).numFmt = 'yyyy-mm';
    row.commit();
  }
  sheet.commit();
  await writer.commit();
}

/** Compile the CLI when build/ is missing or older than the sources it is built from. */
export function ensureBuild(): void {
  const main = join(ROOT, 'build', 'cli', 'main.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(...['cli', 'xlsx', 'workflows', 'domain'].map((d) => newest(join(ROOT, 'src', d))));
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(main)) throw new Error('the CLI did not build (npx tsc -p tsconfig.cli.json)');
}

/** Run node with arguments; returns the wall time and the `max_rss_mb=` the process printed on stderr. */
export function timeNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; rssMb: number; cpuMs: number; code: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const match = /max_rss_mb=([\d.]+) cpu_ms=(\d+)/.exec(stderr);
      if (match === null) reject(new Error(`no max_rss_mb from ${args.join(' ')} (exit ${code}): ${stderr.slice(0, 500)}`));
      else resolve({ ms, rssMb: Number(match[1]), cpuMs: Number(match[2]), code: code ?? -1 });
    });
  });
}

/** ExcelJS's streaming reader alone: every row of every sheet, touching each row's values. */
const EXCELJS_ALONE = `
const ExcelJS = require('exceljs');
(async () => {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1], { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore' });
  let rows = 0;
  for await (const sheet of reader) for await (const row of sheet) { if (row.values.length > 0) rows++; }
  const usage = process.resourceUsage();
  process.stderr.write('rows=' + rows + ' max_rss_mb=' + (usage.maxRSS / 1024).toFixed(1) + ' cpu_ms=' + Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) + '\\n');
})();
`;

/** The project's own reader alone (compiled, from build/), every row of every sheet, touching each row's cells as above. */
const OWN_ALONE = `
const { openXlsxReader } = require(process.argv[2]);
(async () => {
  const reader = await openXlsxReader(process.argv[1]);
  let rows = 0;
  for (const sheet of reader.sheets) await reader.streamRows(sheet, (rowIndex, cells) => { if (cells.length > 0) rows++; return undefined; });
  await reader.close();
  const usage = process.resourceUsage();
  process.stderr.write('rows=' + rows + ' max_rss_mb=' + (usage.maxRSS / 1024).toFixed(1) + ' cpu_ms=' + Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) + '\\n');
})();
`;

export async function run(): Promise<Record<string, number>> {
  if (!existsSync(FILE)) await generate(FILE);
  ensureBuild();
  const ownReader = join(ROOT, 'build', 'xlsx', 'reader', 'openXlsxReader.js');
  const cli: { ms: number; rssMb: number; cpuMs: number }[] = [];
  const alone: { ms: number; rssMb: number; cpuMs: number }[] = [];
  const own: { ms: number; rssMb: number; cpuMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = await timeNode([join(ROOT, 'bin', 'ledger-stats.js'), 'summarize', FILE, '--json'], { LEDGER_STATS_REPORT_RSS: '1' });
    if (c.code !== 0) throw new Error(`ledger-stats summarize exited ${c.code}`);
    cli.push(c);
    alone.push(await timeNode(['-e', EXCELJS_ALONE, FILE], {}));
    own.push(await timeNode(['-e', OWN_ALONE, FILE, ownReader], {}));
  }
  const cliMs = median(cli.map((r) => r.ms));
  const aloneMs = median(alone.map((r) => r.ms));
  const ownMs = median(own.map((r) => r.ms));
  return {
    cli_summarize_100k_ms: Math.round(cliMs),
    cli_summarize_100k_rss_mb: Math.round(Math.max(...cli.map((r) => r.rssMb))),
    exceljs_stream_read_100k_ms: Math.round(aloneMs),
    exceljs_stream_read_100k_rss_mb: Math.round(Math.max(...alone.map((r) => r.rssMb))),
    own_stream_read_100k_ms: Math.round(ownMs),
    own_stream_read_100k_rss_mb: Math.round(Math.max(...own.map((r) => r.rssMb))),
    read_xlsx_100k_vs_exceljs: aloneMs / ownMs,
    cli_vs_exceljs_ratio: cliMs / aloneMs,
    // CPU time is steadier than wall time on a shared machine.
    cli_vs_exceljs_cpu_ratio: median(cli.map((r) => r.cpuMs)) / median(alone.map((r) => r.cpuMs)),
  };
}
