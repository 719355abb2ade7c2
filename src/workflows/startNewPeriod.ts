import { exclusively, failedRunReport, refreshHeld, type RefreshOptions, type RunReport } from './refresh';
import type { WorkbookPort } from './workbookPort';

/**
 * "Start a new period" (开始新一期): make the ledger as it is now the baseline that the next
 * refreshes compare with (see `PeriodChanges` for the baseline semantics). Clears the stored
 * baseline, then refreshes, which stores the current ledger as the new baseline and writes a
 * 变动 sheet saying there is nothing to compare with yet.
 * If the refresh fails, the previous baseline is written back, so a failed attempt never loses it.
 * Runs under the port's lease, like `refresh`, so no other refresh slips in between the steps.
 * Never throws: a failure is a failed run report.
 */
export function startNewPeriod(port: WorkbookPort, options: RefreshOptions = {}): Promise<RunReport> {
  return exclusively(port, options, () => startNewPeriodHeld(port, options));
}

async function startNewPeriodHeld(port: WorkbookPort, options: RefreshOptions): Promise<RunReport> {
  const startedAt = (options.now ?? (() => new Date()))();
  let previous: string | null;
  try {
    previous = (await port.readState()).snapshot;
    await port.writeState({ snapshot: null });
  } catch (error) {
    return failedRunReport(port, error, startedAt, options);
  }
  const report = await refreshHeld(port, options);
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
