/**
 * Refresh of a 50,000-row ledger through the Office.js adapter against the fake Excel (Excel on the
 * web's 5,000,000-byte payload limit, a current ExcelApi). Figures:
 * - refresh_syncs_50k: round trips of one refresh (goal ≤ 12);
 * - refresh_max_payload_bytes_50k: largest request or response (goal < 4,000,000);
 * - refresh_50k_ms: CPU time of the refresh (adapter, workflow, domain and the fake), from process.cpuUsage().
 * The refresh measured is the second one on the workbook (owned sheets and marks exist, so it
 * replaces them: the steady state of a monthly ledger).
 */
import { createOfficeWorkbookPort } from '../src/excel/officeWorkbookPort';
import type { CellValue } from '../src/domain/ledger/types';
import { refresh } from '../src/workflows/refresh';
import { createFakeExcel } from '../test/fakes/fakeExcel';
import { realisticLedgerGrid } from '../test/fixtures/realisticLedger';
import { cpuMsSince } from './benchTools';

const ROWS = 50_000;

/** The realistic ledger's header and title rows, then its project rows repeated to `rows` rows with unique names. */
export function largeLedger(rows: number): CellValue[][] {
  const grid = realisticLedgerGrid();
  const head = grid.slice(0, 6); // title, unit lines, two-row header, first section heading
  const projects = grid.filter((row) => typeof row[0] === 'number');
  const body = Array.from({ length: rows }, (_, i): CellValue[] => {
    const row = [...(projects[i % projects.length] ?? [])];
    row[0] = i + 1;
    row[1] = `${String(row[1])}（${Math.floor(i / projects.length) + 1}期）`;
    return row;
  });
  return [...head, ...body];
}

export async function run(): Promise<Record<string, number>> {
  const fake = createFakeExcel({ apiVersion: '1.16', maxPayloadBytes: 5_000_000, sheets: { 台账: largeLedger(ROWS) } });
  fake.install(globalThis);
  try {
    const now = (): Date => new Date(2025, 8, 30, 14, 5);
    const first = await refresh(createOfficeWorkbookPort(), { now });
    if (!first.ok) throw new Error(`first refresh failed: ${first.error?.detail ?? ''}`);
    fake.resetSyncStats();
    const cpu = process.cpuUsage();
    const report = await refresh(createOfficeWorkbookPort(), { now });
    const cpuMs = cpuMsSince(cpu);
    if (!report.ok) throw new Error(`refresh failed: ${report.error?.detail ?? ''}`);
    return {
      refresh_syncs_50k: fake.syncCount,
      refresh_max_payload_bytes_50k: Math.max(fake.maxRequestBytes, fake.maxResponseBytes),
      refresh_50k_ms: cpuMs,
    };
  } finally {
    fake.uninstall();
  }
}
