import { refresh, type RefreshOptions, type RunReport } from './refresh';
import { resolveLang } from './resolveLang';
import { toRunError } from './runError';
import type { WorkbookPort } from './workbookPort';

/**
 * "Start a new period" (开始新一期): make the ledger as it is now the baseline that the next
 * refreshes compare with (see `PeriodChanges` for the baseline semantics). Clears the stored
 * baseline, then refreshes, which stores the current ledger as the new baseline and writes a
 * 变动 sheet saying there is nothing to compare with yet.
 * If the refresh fails, the previous baseline is written back, so a failed attempt never loses it.
 * Never throws: a failure is a failed run report.
 */
export async function startNewPeriod(port: WorkbookPort, options: RefreshOptions = {}): Promise<RunReport> {
  const startedAt = (options.now ?? (() => new Date()))();
  let previous: string | null;
  try {
    previous = (await port.readState()).snapshot;
    await port.writeState({ snapshot: null });
  } catch (error) {
    return failedReport(port, error, startedAt, options);
  }
  const report = await refresh(port, options);
  if (!report.ok && previous !== null) {
    try {
      await port.writeState({ snapshot: previous });
    } catch {
      // Benign: the refresh failure is the one to report, and without a baseline the next
      // successful refresh stores the ledger as the new baseline, which is what was asked for.
    }
  }
  return report;
}

function failedReport(port: WorkbookPort, error: unknown, at: Date, options: RefreshOptions): RunReport {
  return {
    ok: false,
    error: toRunError(error),
    lang: resolveLang(options.settings?.lang ?? null, options.displayLanguage),
    source: null,
    read: null,
    summary: null,
    json: null,
    brief: null,
    issues: [],
    sheets: {},
    changes: null,
    timings: {},
    notes: port.capabilityNotes(),
    refreshedAt: at.toISOString(),
  };
}
