/**
 * CLI refresh benchmark: `ledger-stats refresh` on the same generated 100,000-row .xlsx as the
 * summarize benchmark (cli.bench.ts), in a fresh node process, its peak memory reported by the
 * process itself. Goals: at most 2× `cli_summarize_100k_ms`, under 600 MB. With `BENCH_FULL=1`
 * also a full sheet of 1,048,576 rows (generated once, cached in the temp folder), under 600 MB.
 *
 * Figures: refresh_100k_ms (median of RUNS), refresh_100k_rss_mb (largest of the runs),
 * refresh_100k_vs_summarize (refresh_100k_ms / the median of as many `summarize --json` runs on the same file,
 * each run right after a refresh, so that both see the same load on a shared machine; goal ≤ 2),
 * refresh_1m_ms and refresh_1m_rss_mb (BENCH_FULL=1 only, one run).
 */
import { existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { median } from './benchTools';
import { ensureBuild, FILE, generate, timeNode } from './cli.bench';

const ROOT = join(__dirname, '..');
const RUNS = 3;
/** Excel's last row: a header block of 3 rows plus this many ledger rows fills the sheet. */
const FULL_ROWS = 1_048_576 - 3;
const FULL_FILE = join(tmpdir(), `ledger-stats-bench-${FULL_ROWS}-v1.xlsx`);

async function refreshOnce(input: string): Promise<{ ms: number; rssMb: number }> {
  const output = join(tmpdir(), `ledger-stats-bench-refresh-${process.pid}.xlsx`);
  try {
    const run = await timeNode([join(ROOT, 'bin', 'ledger-stats.js'), 'refresh', input, '-o', output], { LEDGER_STATS_REPORT_RSS: '1' });
    if (run.code !== 0) throw new Error(`ledger-stats refresh exited ${run.code}`);
    return run;
  } finally {
    rmSync(output, { force: true });
  }
}

export async function run(): Promise<Record<string, number>> {
  if (!existsSync(FILE)) await generate(FILE);
  ensureBuild();
  const runs: { ms: number; rssMb: number }[] = [];
  const summarizeMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await refreshOnce(FILE));
    const summarized = await timeNode([join(ROOT, 'bin', 'ledger-stats.js'), 'summarize', FILE, '--json'], { LEDGER_STATS_REPORT_RSS: '1' });
    if (summarized.code !== 0) throw new Error(`ledger-stats summarize exited ${summarized.code}`);
    summarizeMs.push(summarized.ms);
  }
  const refreshMs = median(runs.map((r) => r.ms));
  const figures: Record<string, number> = {
    refresh_100k_ms: Math.round(refreshMs),
    refresh_100k_rss_mb: Math.round(Math.max(...runs.map((r) => r.rssMb))),
    refresh_100k_vs_summarize: refreshMs / median(summarizeMs),
  };
  if (process.env.BENCH_FULL === '1') {
    if (!existsSync(FULL_FILE)) await generate(FULL_FILE, FULL_ROWS);
    const full = await refreshOnce(FULL_FILE);
    figures.refresh_1m_ms = Math.round(full.ms);
    figures.refresh_1m_rss_mb = Math.round(full.rssMb);
  }
  return figures;
}
