import { countIssuesBySeverity } from '../domain';
import type { RunReport } from './refresh';
import { isRunNote } from './runNotes';

/**
 * What a successful run's outcome reports, in every ribbon (Office's src/commands, WPS's src/wpsAddin): counted
 * projects, error and warning issues, capability notes (features the host lacks; notes on failed steps,
 * `isRunNote`, are spelled out instead).
 */
export function outcomeCounts(report: RunReport): { projects: number; errors: number; warnings: number; notes: number } {
  const { error: errors, warning: warnings } = countIssuesBySeverity(report.issues);
  return {
    projects: report.read?.rows.length ?? 0,
    errors,
    warnings,
    notes: report.notes.filter((note) => !isRunNote(note)).length,
  };
}
