import fc from 'fast-check';
import { readLedger } from '../../src/domain/ledger/readLedger';
import type { LedgerIssue } from '../../src/domain/validate/types';
import { forEachMarkCell, issueMarks } from '../../src/workflows/issueMarks';
import { columnIndexOf } from '../../src/domain/ledger/columnLetter';
import { MarkRanges, marksToRef } from '../../src/xlsx/writer/marksToRef';
import type { CellMark } from '../../src/workflows/workbookPort';
import { largeLedger } from '../fixtures/largeLedger';

/** The rule, stated once over a table of addresses: one mark per cell, in first-flagged order, an error winning. */
function expectedMarks(issues: readonly LedgerIssue[]): CellMark[] {
  const marks = new Map<string, CellMark>();
  for (const issue of issues) {
    if (issue.severity === 'info' || issue.sheetRow === null || issue.column === null) continue;
    const address = `${issue.column.letter}${issue.sheetRow}`;
    if (marks.get(address)?.severity === 'error') continue;
    marks.set(address, { address, severity: issue.severity });
  }
  return [...marks.values()];
}

const COLUMNS = [0, 1, 2, 27].map((index) => ({ index, letter: index === 27 ? 'AB' : String.fromCharCode(65 + index), header: `h${index}` }));

const issue: fc.Arbitrary<LedgerIssue> = fc
  .tuple(fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<LedgerIssue['severity']>, fc.option(fc.integer({ min: 1, max: 6 })), fc.option(fc.constantFrom(...COLUMNS)))
  .map(([severity, sheetRow, column]) => ({ code: 'date_invalid', severity, sheetRow, column, raw: null, message: { 'zh-CN': '', 'en-US': '' } }));

const byRowThenColumn = (a: LedgerIssue, b: LedgerIssue): number => (a.sheetRow ?? 0) - (b.sheetRow ?? 0) || (a.column?.index ?? -1) - (b.column?.index ?? -1);

describe('issueMarks', () => {
  it('gives the rule’s marks for issues in a read’s order (by row, then column) and in any order', () => {
    fc.assert(
      fc.property(fc.array(issue, { maxLength: 40 }), (issues) => {
        const sorted = issues.slice().sort(byRowThenColumn);
        expect(issueMarks(sorted)).toEqual(expectedMarks(sorted));
        expect(issueMarks(issues)).toEqual(expectedMarks(issues));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same marks for a compact read as for a plain one, built when read', () => {
    const grid = largeLedger(2000);
    const plain = issueMarks(readLedger(grid).issues);
    const compact = issueMarks(readLedger(grid, { compact: true }).issues);
    expect(plain.length).toBeGreaterThan(100);
    expect(compact).toEqual(plain);
    expect(compact[0]).not.toBe(compact[0]);
    expect(plain).toEqual(expectedMarks(readLedger(grid).issues));
  });

  it('lets the file port read a compact read’s marks by column and row: the same ranges as from their addresses', () => {
    const grid = largeLedger(2000);
    const marks = issueMarks(readLedger(grid, { compact: true }).issues);
    const ranges = { error: new MarkRanges(), warning: new MarkRanges() };
    const seen: string[] = [];
    expect(
      forEachMarkCell(marks, (letter, row, severity) => {
        seen.push(`${letter}${row} ${severity}`);
        ranges[severity].add(columnIndexOf(letter) ?? -1, row - 1);
      }),
    ).toBe(true);
    expect(seen).toEqual(marks.map((m) => `${m.address} ${m.severity}`));
    for (const severity of ['error', 'warning'] as const) {
      expect(ranges[severity].ref()).toBe(marksToRef(marks.filter((m) => m.severity === severity).map((m) => m.address)));
    }
    expect(ranges.warning.ref()).not.toBe('');
    expect(forEachMarkCell(issueMarks(readLedger(grid).issues), () => undefined)).toBe(false);
  });
});
