/**
 * Test and bench helper: refreshes through the Office.js adapter against a fake Excel whose every
 * sync is sized as Office.js's real request and response (excel/officeWire.ts), and returns the
 * sync log of each refresh.
 */
import type { CellValue } from '../../src/domain/ledger/types';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { refresh, type RefreshOptions, type RunReport } from '../../src/workflows/refresh';
import { officeWireMeter } from './excel/officeWire';
import { createFakeExcel, type FakeExcel, type SyncLogEntry } from './fakeExcel';

/** One refresh: its report and the syncs it made, in order. */
export interface MeteredRun {
  readonly report: RunReport;
  readonly syncs: readonly SyncLogEntry[];
  /** CPU time of the refresh in milliseconds (process.cpuUsage: workflow, adapter, fake and meter). */
  readonly cpuMs: number;
}

/** What `meteredRefresh` returns; `fake` is still installed until `uninstall()`. */
export interface MeteredRefresh {
  readonly fake: FakeExcel;
  readonly runs: readonly MeteredRun[];
  /** Largest request and response of all runs, in UTF-8 bytes of Office.js's real format. */
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  uninstall(): void;
}

export interface MeteredRefreshOptions {
  /** The ledger sheet's grid (sheet 台账). */
  readonly ledger: CellValue[][];
  /** Refreshes in a row on the same workbook (default 2: the first one, then the steady state). */
  readonly runs?: number;
  /** ExcelApi version the fake claims (default '1.16'). */
  readonly apiVersion?: string;
  /** Options of every refresh (a fixed clock by default). */
  readonly refresh?: RefreshOptions;
}

/**
 * Installs a metered fake Excel on `globalThis` with the ledger, runs `refresh` `runs` times with a
 * new port each time (as the ribbon does) and records each run's syncs.
 * @example
 *   const m = await meteredRefresh({ ledger: grid });
 *   try { expect(m.maxRequestBytes).toBeLessThan(4_000_000); } finally { m.uninstall(); }
 */
export async function meteredRefresh(options: MeteredRefreshOptions): Promise<MeteredRefresh> {
  const fake = createFakeExcel({
    apiVersion: options.apiVersion ?? '1.16',
    maxPayloadBytes: 5_000_000,
    sheets: { 台账: options.ledger },
    payloadMeter: officeWireMeter(),
  });
  fake.install(globalThis);
  const runs: MeteredRun[] = [];
  try {
    const refreshOptions: RefreshOptions = { now: () => new Date(2025, 8, 30, 14, 5), ...options.refresh };
    for (let i = 0; i < (options.runs ?? 2); i++) {
      fake.resetSyncStats();
      const cpu = process.cpuUsage();
      const report = await refresh(createOfficeWorkbookPort(), refreshOptions);
      const used = process.cpuUsage(cpu);
      runs.push({ report, syncs: fake.syncLog.map((s) => ({ ...s })), cpuMs: (used.user + used.system) / 1000 });
    }
  } catch (error) {
    fake.uninstall();
    throw error;
  }
  const all = runs.flatMap((r) => r.syncs);
  return {
    fake,
    runs,
    maxRequestBytes: Math.max(0, ...all.map((s) => s.requestBytes)),
    maxResponseBytes: Math.max(0, ...all.map((s) => s.responseBytes)),
    uninstall: () => fake.uninstall(),
  };
}

/** Syncs of any run whose request or response reached `limit` bytes, as "run n, sync k: request/response bytes, first operations". */
export function oversizedSyncs(m: MeteredRefresh, limit: number): string[] {
  return m.runs.flatMap((run, r) =>
    run.syncs
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.requestBytes >= limit || s.responseBytes >= limit)
      .map(({ s, i }) => `run ${r + 1}, sync ${i + 1}: ${s.requestBytes}/${s.responseBytes} bytes, ${s.operations.slice(0, 3).join(' ')}`),
  );
}
