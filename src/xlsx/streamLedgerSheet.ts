import { HEADER_SEARCH_ROWS, readLedger } from '../domain';
import type { CellValue, ColumnOverrides } from '../domain';
import { WorkflowError } from '../workflows/runError';
import { PortError } from '../workflows/workbookPort';
import { readXlsxIndex } from './readXlsxIndex';
import { streamXlsxRows, type StreamedSheet } from './streamXlsxRows';

/** Which sheet to stream. */
export interface LedgerSheetOptions {
  /** This sheet (case-insensitive); else the first sheet whose first 40 rows hold a ledger header. */
  readonly sheet?: string;
  /** Column overrides, used when looking for the header. */
  readonly mapping?: ColumnOverrides;
}

/** Receives the chosen sheet and its rows. */
export interface LedgerSheetVisitor {
  /** The chosen sheet, before its first row. */
  onSource(sheet: StreamedSheet): void;
  /**
   * The chosen sheet's rows in order, from sheet row 1; `rowIndex` is 0-based. Rows absent from
   * the file (blank rows) are not reported: the receiver fills the gaps.
   */
  onRow(rowIndex: number, cells: CellValue[]): void;
}

/** True when preview rows hold a usable ledger header: the rule of `chooseSource`, plus the mapping. */
export function looksLikeLedger(preview: readonly (readonly CellValue[])[], sheetName: string, mapping: ColumnOverrides | undefined): boolean {
  const read = readLedger(preview, mapping === undefined ? { sheetName } : { sheetName, mapping });
  return read.header !== null && !read.issues.some((i) => i.sheetRow === null && i.severity === 'error');
}

/** The failure when no sheet has a ledger header (the message of `chooseSource`). */
export function ledgerNotFoundError(): WorkflowError {
  return new WorkflowError('ledger_not_found', {
    'zh-CN': '没有找到台账：没有工作表包含“项目名称、合作央企、所属领域、项目阶段、总投资”表头。',
    'en-US': 'No ledger found: no sheet has a header with project name, SOE, sector, stage and total investment.',
  });
}

/**
 * Stream the ledger sheet of an .xlsx file with bounded memory. Without `options.sheet`, each
 * sheet's first 40 rows (the header search window of the reader) are buffered and checked;
 * the first sheet (in file order, normally tab order) that holds a ledger header is chosen and
 * the rest of the file is not read. Very hidden sheets (add-in state) are never candidates.
 * @returns the workbook's user sheets, in tab order.
 * @throws PortError `source_not_found` for a sheet that does not exist, or an unreadable file;
 *   WorkflowError `ledger_not_found` when no sheet has a ledger header.
 */
export async function streamLedgerSheet(path: string, options: LedgerSheetOptions, visitor: LedgerSheetVisitor): Promise<readonly string[]> {
  const index = await readXlsxIndex(path);
  const names = index.sheets.filter((s) => s.state !== 'veryHidden').map((s) => s.name);
  const wanted = options.sheet?.toLowerCase();
  if (wanted !== undefined && !index.sheets.some((s) => s.name.toLowerCase() === wanted && s.state !== 'veryHidden')) {
    throw new PortError('source_not_found', `sheet "${options.sheet}" not found`);
  }

  let chosen = false;
  let done = false;
  let preview: CellValue[][] = [];
  let previewSheet: StreamedSheet | null = null;

  const choose = (sheet: StreamedSheet): void => {
    chosen = true;
    visitor.onSource(sheet);
  };
  /** Decide on the previewed sheet: adopt it (replaying the preview) or drop it. */
  const decide = (): boolean => {
    const sheet = previewSheet;
    const rows = preview;
    previewSheet = null;
    preview = [];
    if (sheet === null) return false;
    const grid: CellValue[][] = [];
    for (let i = 0; i < rows.length; i++) grid.push(rows[i] ?? []);
    if (!looksLikeLedger(grid, sheet.name, options.mapping)) return false;
    choose(sheet);
    rows.forEach((cells, i) => visitor.onRow(i, cells));
    return true;
  };
  const endSheet = (): void => {
    if (chosen || (previewSheet !== null && decide())) done = true;
  };

  await streamXlsxRows(path, {
    onSheet: (sheet) => {
      endSheet();
      if (done) return 'stop';
      if (wanted !== undefined) {
        if (sheet.name.toLowerCase() !== wanted) return false;
        choose(sheet);
        return true;
      }
      if (sheet.state === 'veryHidden') return false;
      previewSheet = sheet;
      return true;
    },
    onRow: (_sheet, rowIndex, cells) => {
      if (chosen) {
        visitor.onRow(rowIndex, cells);
        return undefined;
      }
      if (rowIndex < HEADER_SEARCH_ROWS) {
        preview[rowIndex] = cells;
        return undefined;
      }
      if (!decide()) return 'skip-sheet';
      visitor.onRow(rowIndex, cells);
      return undefined;
    },
  });
  endSheet();
  if (!chosen) {
    if (options.sheet !== undefined) throw new PortError('source_not_found', `sheet "${options.sheet}" not found`);
    throw ledgerNotFoundError();
  }
  return names;
}
