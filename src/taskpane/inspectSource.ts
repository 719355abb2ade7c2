import { columnLetter, readLedger } from '../domain';
import type { CellValue, Grid } from '../domain';
import { chooseSource } from '../workflows/chooseSource';
import { toRunError } from '../workflows/runError';
import { PortError, type LedgerSettings, type SheetInfo, type SourceRef } from '../workflows/workbookPort';
import type { HeaderColumn, SourceInspection } from './paneHost';

const text = (cell: CellValue): string => (cell === null || cell === undefined ? '' : String(cell).trim());

/** The non-blank header cells of `preview`, both rows joined with "/" for a two-row header. */
function headerColumns(preview: Grid, headerRowIndex: number, headerRows: number): HeaderColumn[] {
  const rows = preview.slice(headerRowIndex, headerRowIndex + headerRows);
  const width = Math.max(0, ...rows.map((r) => r.length));
  const columns: HeaderColumn[] = [];
  for (let col = 0; col < width; col++) {
    const parts = rows.map((r) => text(r[col])).filter((t) => t !== '');
    const unique = parts.filter((t, i) => parts.indexOf(t) === i);
    if (unique.length > 0) columns.push({ letter: columnLetter(col), header: unique.join('/') });
  }
  return columns;
}

/** Where a source lives: the user sheet that is, or holds, `ref`. */
function sheetOf(sheets: readonly SheetInfo[], ref: SourceRef): SheetInfo | undefined {
  return sheets.find((s) => (ref.kind === 'sheet' ? s.name === ref.name : s.tables.includes(ref.name)));
}

/**
 * The sheet that comes closest to a ledger when none qualifies: one with a header row but a
 * required column missing (the largest such sheet), so the pane can say what is missing.
 */
function closestSheet(sheets: readonly SheetInfo[], settings: LedgerSettings): SheetInfo | undefined {
  let best: SheetInfo | undefined;
  for (const sheet of sheets) {
    if (sheet.preview.length === 0) continue;
    const read = readLedger(sheet.preview, { sheetName: sheet.name, mapping: settings.mapping });
    if (read.header !== null && (best === undefined || sheet.rowCount > best.rowCount)) best = sheet;
  }
  return best;
}

/**
 * What the source panel shows: the candidate sources, the detected one, and the header and
 * column mapping of the effective source (the stored one, else the detected one), read from the
 * sheets' previews (no extra host call). When no sheet qualifies as a ledger, the closest sheet
 * is shown with its sheet-level issues, so that "没有找到'总投资'列" says what is missing.
 * Never throws: "no ledger found" and "source not found" are returned as `error`.
 */
export function inspectSource(sheets: readonly SheetInfo[], settings: LedgerSettings): SourceInspection {
  const userSheets = sheets.filter((s) => s.ownedRole === null);
  const options: SourceRef[] = userSheets.flatMap((s) => [
    { kind: 'sheet' as const, name: s.name },
    ...s.tables.map((t) => ({ kind: 'table' as const, name: t })),
  ]);
  let detected: SourceRef | null = null;
  let detectError: SourceInspection['error'] = null;
  try {
    detected = chooseSource(sheets, settings.mapping);
  } catch (e) {
    detectError = toRunError(e);
  }
  const stored = settings.source;
  let info: SheetInfo | undefined;
  let error: SourceInspection['error'] = null;
  if (stored !== null) {
    info = sheetOf(userSheets, stored);
    if (info === undefined) error = toRunError(new PortError('source_not_found', `source not found: ${stored.name}`));
  } else if (detected !== null) {
    info = sheetOf(userSheets, detected);
  } else {
    info = closestSheet(userSheets, settings);
    error = detectError;
  }
  const base = { options, stored, detected, overrides: settings.mapping, error };
  if (info === undefined) return { ...base, sheet: null, columns: [], mapping: {}, sheetIssues: [] };
  const read = readLedger(info.preview, { sheetName: info.name, mapping: settings.mapping });
  return {
    ...base,
    sheet: info.name,
    columns: read.header === null ? [] : headerColumns(info.preview, read.header.headerRowIndex, read.header.headerRows),
    mapping: read.header?.columns ?? {},
    sheetIssues: read.issues.filter((i) => i.sheetRow === null),
  };
}
