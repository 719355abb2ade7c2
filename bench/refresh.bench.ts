/**
 * Refresh through the Office.js adapter against the fake Excel (Excel on the web's 5,000,000-byte
 * payload limit, a current ExcelApi), every sync sized as Office.js's real request and response
 * (test/fakes/excel/officeWire.ts). Figures:
 * - refresh_syncs_50k: round trips of one refresh of 50,000 rows (goal ≤ 12);
 * - refresh_max_payload_bytes_50k: largest request or response of it, real format (goal < 4,000,000);
 * - refresh_50k_ms: CPU time of that refresh (adapter, workflow, domain, the fake and, new with
 *   the real-format meter, the replay onto Office.js's proxies), from process.cpuUsage();
 * - refresh_syncs_100k: round trips of one refresh of 100,000 rows (goal ≤ 20);
 * - refresh_real_max_request_bytes_100k, refresh_real_max_response_bytes_100k: largest request and
 *   largest response of the first and the second refresh of 100,000 rows (goal < 4,000,000 each).
 * Sync counts are of the second refresh on the workbook (owned sheets and marks exist, so it
 * replaces them: the steady state of a monthly ledger). The ledger repeats the realistic ledger's
 * projects, whose deliberate problems flag about a third of the rows (32% with a warning or an
 * error; `flaggedShare` checks it stays between 25% and 40%).
 */
import { meteredRefresh, type MeteredRefresh } from '../test/fakes/meteredRefresh';
import { largeLedger } from '../test/fixtures/largeLedger';

/** Share of data rows with a warning or an error (the rows refresh marks). */
function flaggedShare(m: MeteredRefresh): number {
  const report = m.runs[0]?.report;
  const counts = report?.read?.counts;
  if (!counts || counts.dataRows === 0) return 0;
  return (counts.warningRows + counts.errorRows) / counts.dataRows;
}

async function measure(rows: number): Promise<MeteredRefresh> {
  const m = await meteredRefresh({ ledger: largeLedger(rows), runs: 2 });
  // A failed refresh still reports its figures (a refused request is the largest one); say so.
  for (const [i, run] of m.runs.entries()) {
    if (!run.report.ok) process.stderr.write(`bench refresh: refresh ${i + 1} of ${rows} rows failed: ${run.report.error?.detail ?? ''}\n`);
  }
  const share = flaggedShare(m);
  if (share < 0.25 || share > 0.4) {
    m.uninstall();
    throw new Error(`the ${rows}-row ledger flags ${(share * 100).toFixed(1)}% of its rows, not about 30%`);
  }
  return m;
}

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const fifty = await measure(50_000);
  try {
    figures.refresh_syncs_50k = fifty.runs[1]?.syncs.length ?? 0;
    figures.refresh_max_payload_bytes_50k = Math.max(fifty.maxRequestBytes, fifty.maxResponseBytes);
    figures.refresh_50k_ms = fifty.runs[1]?.cpuMs ?? 0;
  } finally {
    fifty.uninstall();
  }
  const hundred = await measure(100_000);
  try {
    figures.refresh_syncs_100k = hundred.runs[1]?.syncs.length ?? 0;
    figures.refresh_real_max_request_bytes_100k = hundred.maxRequestBytes;
    figures.refresh_real_max_response_bytes_100k = hundred.maxResponseBytes;
  } finally {
    hundred.uninstall();
  }
  return figures;
}
