import type { LedgerIssue } from '../domain';
import type { CellMark } from './workbookPort';

/**
 * The cells to mark in the ledger: one mark per flagged cell, the worst severity winning.
 * Info issues (skipped rows) and sheet-level issues are not marked.
 */
export function issueMarks(issues: readonly LedgerIssue[]): CellMark[] {
  const marks = new Map<string, CellMark>();
  for (const issue of issues) {
    if (issue.severity === 'info' || issue.sheetRow === null || issue.column === null) continue;
    const address = `${issue.column.letter}${issue.sheetRow}`;
    const previous = marks.get(address);
    if (previous?.severity === 'error') continue;
    marks.set(address, { address, severity: issue.severity });
  }
  return [...marks.values()];
}
