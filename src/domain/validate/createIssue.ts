import type { CellValue, ColumnRef } from '../ledger/types';
import { ISSUE_SEVERITY, issueMessage } from './issueMessages';
import type { IssueCode, IssueParams } from './issueMessages';
import type { IssueColumn, LedgerIssue } from './types';

/** Where an issue points. */
export interface IssueAt {
  /** 1-based sheet row, `null` for a sheet-level issue. */
  readonly sheetRow: number | null;
  readonly column: ColumnRef | null;
  readonly raw: CellValue;
}

/** Build a `LedgerIssue` for `code`: severity from `ISSUE_SEVERITY`, message and suggestion from the message table. */
export function createIssue<C extends IssueCode>(code: C, params: IssueParams[C], at: IssueAt): LedgerIssue {
  const { message, suggestion } = issueMessage(code, params);
  return {
    code,
    severity: ISSUE_SEVERITY[code],
    sheetRow: at.sheetRow,
    column: at.column === null ? null : issueColumn(at.column),
    raw: at.raw === undefined ? null : at.raw,
    message,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/** One shared, frozen `IssueColumn` per column of a read (many issues point at the same column). */
const columnCache = new WeakMap<ColumnRef, IssueColumn>();

function issueColumn(col: ColumnRef): IssueColumn {
  let out = columnCache.get(col);
  if (out === undefined) {
    out = Object.freeze({ letter: col.letter, header: col.header, index: col.index });
    columnCache.set(col, out);
  }
  return out;
}
