import { HEADER_SEARCH_ROWS, readLedger } from '../domain';
import type { ColumnOverrides } from '../domain';
import { WorkflowError } from './runError';
import type { SheetInfo, SourceRef } from './workbookPort';

/**
 * Rows of `SheetInfo.preview` that every port reads for `chooseSource`: the reader's whole header
 * search window (`HEADER_SEARCH_ROWS`, 40), so a sheet whose header the reader would find (say on
 * row 33) is never passed over because its preview stopped short of the header.
 */
export const SOURCE_PREVIEW_ROWS = HEADER_SEARCH_ROWS;

/**
 * Pick the sheet (or table) that looks most like a ledger: its first rows hold a header with
 * the required columns. Owned summary sheets are never candidates. Tables win over plain
 * sheets, then the sheet with more rows, then tab order. Column overrides from the settings
 * apply, so a ledger whose total column has an unusual header is still found once mapped.
 * @throws WorkflowError `ledger_not_found` when no sheet looks like a ledger.
 */
export function chooseSource(sheets: readonly SheetInfo[], mapping: ColumnOverrides = {}): SourceRef {
  let best: { ref: SourceRef; score: number } | null = null;
  sheets.forEach((sheet, position) => {
    if (sheet.ownedRole !== null || sheet.preview.length === 0) return;
    const read = readLedger(sheet.preview, { sheetName: sheet.name, mapping });
    if (read.header === null || read.issues.some((i) => i.sheetRow === null && i.severity === 'error')) return;
    const table = sheet.tables[0];
    const ref: SourceRef = table === undefined ? { kind: 'sheet', name: sheet.name } : { kind: 'table', name: table };
    const score = (table === undefined ? 0 : 1e9) + sheet.rowCount * 1000 - position;
    if (best === null || score > best.score) best = { ref, score };
  });
  if (best === null) {
    throw new WorkflowError('ledger_not_found', {
      'zh-CN': '没有找到台账：没有工作表包含“项目名称、合作央企、所属领域、项目阶段、总投资”表头。',
      'en-US': 'No ledger found: no sheet has a header with project name, SOE, sector, stage and total investment.',
    });
  }
  return (best as { ref: SourceRef }).ref;
}
