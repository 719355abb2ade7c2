import { cellText, HEADER_SEARCH_ROWS, isBlankCell, isProjectCodeHeader } from '../domain';
import type { CellValue, HeaderInfo, MergeSource } from '../domain';
import { readLedgerSource, type LedgerSourcePort, type LedgerSourceRead, type ReadLedgerSourceOptions } from './readLedgerSource';

/** One file read for the merge: the merge's input, with the read it came from. */
export interface MergeFileRead {
  /** What `mergeLedgers` takes: file name, read, title, project codes. */
  readonly source: MergeSource;
  /** The workflow's read: settings, source, sheet and the reader's result. */
  readonly ledger: LedgerSourceRead;
  /** Rows the port handed over (rows without cells may be left out by the port). */
  readonly rowsRead: number;
}

/** The sheet the merged ledger is written to, by `ledger-stats merge` and by the pane's 合并区县台账. */
export const MERGED_SHEET = '合并台账';

/** The data date all files agree on, for the merged ledger's title; `undefined` when they differ or none has one. */
export function commonDataDate(files: readonly MergeFileRead[]): string | undefined {
  const dates = new Set(files.map((f) => f.ledger.read.dataDate?.date ?? ''));
  const [only] = [...dates];
  return dates.size === 1 && only !== '' ? only : undefined;
}

/**
 * Read one district's ledger for the merge exactly as every command reads a ledger (`readLedgerSource`: its stored
 * settings, its source, the domain's reader with its own header detection, unit and mapping), and take from the same
 * single pass what the merge needs besides the rows: the title (the text above the header, searched for a district
 * name) and the explicit project codes of a 项目代码 column (`isProjectCodeHeader`), which the reader does not map.
 * Only the cells of columns whose header-area text names a code are kept beyond the first `HEADER_SEARCH_ROWS`
 * rows, so memory stays bounded by the projects.
 * @throws what `readLedgerSource` throws.
 */
export async function readMergeSource(port: LedgerSourcePort, file: string, options: ReadLedgerSourceOptions = {}): Promise<MergeFileRead> {
  // The header is within the first HEADER_SEARCH_ROWS rows, so the code column's header is too.
  const head: (readonly CellValue[])[] = [];
  let codeColumns: readonly number[] | null = null;
  const later = new Map<number, Map<number, CellValue>>();
  let rowsRead = 0;
  const capturing: LedgerSourcePort = {
    listSheets: () => port.listSheets(),
    readState: () => port.readState(),
    streamRows: (source, visitor) =>
      port.streamRows(source, {
        onSource: (sheet, rowsTotal) => visitor.onSource(sheet, rowsTotal),
        onRow(rowIndex, cells) {
          rowsRead++;
          if (rowIndex < HEADER_SEARCH_ROWS) head[rowIndex] = cells.slice();
          else {
            codeColumns ??= codeColumnsOf(head);
            for (const col of codeColumns) {
              const value = cells[col];
              if (isBlankCell(value)) continue;
              let byRow = later.get(col);
              if (byRow === undefined) later.set(col, (byRow = new Map()));
              byRow.set(rowIndex, value);
            }
          }
          visitor.onRow(rowIndex, cells);
        },
      }),
  };
  const ledger = await readLedgerSource(capturing, options);
  const { header } = ledger.read;
  const title = header === null ? '' : titleOf(head.slice(0, header.headerRowIndex));
  const codes = header === null ? new Map<number, string>() : codesOf(header, head, later);
  return {
    source: { file, read: ledger.read, title, ...(codes.size === 0 ? {} : { codes }) },
    ledger,
    rowsRead,
  };
}

/** Columns with a code header anywhere in the first rows (the header row is not known until the read ends). */
function codeColumnsOf(rows: readonly (readonly CellValue[] | undefined)[]): number[] {
  const columns = new Set<number>();
  for (const cells of rows) cells?.forEach((cell, col) => isProjectCodeHeader(cell) && columns.add(col));
  return [...columns];
}

/** The text of the rows above the header, cell by cell. */
function titleOf(rows: readonly (readonly CellValue[] | undefined)[]): string {
  const parts: string[] = [];
  for (const cells of rows) for (const cell of cells ?? []) if (!isBlankCell(cell)) parts.push(cellText(cell).trim());
  return parts.join(' ');
}

/** The project codes by sheet row, from the code column of the header the reader found (not a mapped column). */
function codesOf(header: HeaderInfo, head: readonly (readonly CellValue[] | undefined)[], later: ReadonlyMap<number, ReadonlyMap<number, CellValue>>): Map<number, string> {
  const mapped = new Set(Object.values(header.columns).map((c) => c.index));
  const headerRows = head.slice(header.headerRowIndex, header.headerRowIndex + header.headerRows);
  const column = codeColumnsOf(headerRows).find((col) => !mapped.has(col));
  const codes = new Map<number, string>();
  if (column === undefined) return codes;
  const add = (rowIndex: number, value: CellValue): void => {
    const text = cellText(value).trim();
    if (text !== '') codes.set(rowIndex + 1, text);
  };
  for (let rowIndex = header.dataStartRowIndex; rowIndex < head.length; rowIndex++) add(rowIndex, head[rowIndex]?.[column]);
  for (const [rowIndex, value] of later.get(column) ?? []) if (rowIndex >= header.dataStartRowIndex) add(rowIndex, value);
  return codes;
}
