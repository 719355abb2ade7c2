import * as XLSX from '@e965/xlsx';
import { readFile } from 'fs/promises';
import type { CellValue, Grid } from '../domain';
import { SOURCE_PREVIEW_ROWS } from '../workflows/chooseSource';
import type { LedgerSourcePort, SourceRowVisitor } from '../workflows/readLedgerSource';
import { DEFAULT_SETTINGS, PortError, type SheetInfo, type SourceRef, type StoredState } from '../workflows/workbookPort';

/** A `LedgerSourcePort` over an old binary workbook, and its `close`. */
export interface XlsReadPort extends LedgerSourcePort {
  close(): Promise<void>;
}

/**
 * Open a legacy Excel 97–2003 workbook (.xls, BIFF8) for reading with SheetJS (`@e965/xlsx`), as a
 * `LedgerSourcePort` that gives the same cell values as the .xlsx reader: numbers (a date as its serial number,
 * as Excel stores it), text, booleans, a formula as its cached result, an error as its text, an empty cell as `null`; row 0 is sheet row 1
 * and column 0 is column A whatever the sheet's used range. The file is read whole (old .xls files are at most
 * 65,536 rows). Such a file holds no settings of ours: the read uses the defaults under the caller's overrides.
 * Tables (ListObjects) do not exist in BIFF8.
 * @throws PortError `file_unreadable` when SheetJS cannot read it; `source_not_found` from `streamRows`.
 */
export async function openXlsReadPort(path: string): Promise<XlsReadPort> {
  let workbook: XLSX.WorkBook;
  try {
    // cellDates false: a date cell stays its serial number, as the .xlsx reader gives it.
    workbook = XLSX.read(await readFile(path), { type: 'buffer', cellDates: false, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (error) {
    throw new PortError('file_unreadable', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const grids = new Map<string, Grid>();
  const gridOf = (name: string): Grid | null => {
    const sheet = workbook.Sheets[name];
    if (sheet === undefined) return null;
    let grid = grids.get(name);
    if (grid === undefined) {
      grid = sheetGrid(sheet);
      grids.set(name, grid);
    }
    return grid;
  };
  return {
    async listSheets(): Promise<readonly SheetInfo[]> {
      return workbook.SheetNames.map((name) => {
        const grid = gridOf(name) ?? [];
        return {
          name,
          ownedRole: null,
          rowCount: grid.length,
          columnCount: grid.reduce((max, row) => Math.max(max, row.length), 0),
          tables: [],
          preview: grid.slice(0, SOURCE_PREVIEW_ROWS),
        };
      });
    },
    async readState(): Promise<StoredState> {
      return { settings: DEFAULT_SETTINGS, snapshot: null, lastRefresh: null };
    },
    async streamRows(source: SourceRef, visitor: SourceRowVisitor): Promise<void> {
      const name = source.kind === 'sheet' ? workbook.SheetNames.find((n) => n.toLowerCase() === source.name.toLowerCase()) : undefined;
      const grid = name === undefined ? null : gridOf(name);
      if (name === undefined || grid === null) throw new PortError('source_not_found', `${source.kind} "${source.name}" not found`);
      visitor.onSource(name, grid.length);
      grid.forEach((cells, rowIndex) => visitor.onRow(rowIndex, cells));
    },
    close: async () => {
      grids.clear();
    },
  };
}

/** A sheet's cells from A1 to its last non-empty row, as the reader takes them. */
function sheetGrid(sheet: XLSX.WorkSheet): Grid {
  const ref = sheet['!ref'];
  if (ref === undefined) return [];
  const used = XLSX.utils.decode_range(ref);
  const rows: CellValue[][] = [];
  for (let r = 0; r <= used.e.r; r++) {
    const row: CellValue[] = [];
    for (let c = 0; c <= used.e.c; c++) row.push(cellValue(sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    rows.push(row);
  }
  // A used range may run past the last cell (an .xls DIMENSIONS record, or empty formatted rows): the .xlsx reader
  // sees no row there, so neither does this one.
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

function cellValue(cell: XLSX.CellObject | undefined): CellValue {
  if (cell === undefined) return null;
  switch (cell.t) {
    case 'n':
    case 'd':
      return typeof cell.v === 'number' ? cell.v : null;
    case 's':
      return typeof cell.v === 'string' ? cell.v : null;
    case 'b':
      return typeof cell.v === 'boolean' ? cell.v : null;
    case 'e':
      // An error cell as its text (#DIV/0!), as toCellValue gives an .xlsx error cell.
      return typeof cell.w === 'string' ? cell.w : null;
    default:
      return null;
  }
}
