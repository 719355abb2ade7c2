import ExcelJS from 'exceljs';
import { EMPTY_STATE_DOC, isStateMarker, readStateSheet, STATE_SHEET_NAME, stateSheetCells, type StateSheetDoc } from '../workflows/stateSheet';

/**
 * The state sheet (`src/workflows/stateSheet.ts`) in a workbook held by ExcelJS: for tests and tools that build or
 * inspect a workbook with ExcelJS. The CLI itself reads it with its own reader and writes it with its package writer.
 */

/** The state sheet of a workbook (the first sheet with the marker in A1, whatever its name), or `undefined`. */
export function findStateSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((sheet) => isStateMarker(sheet.getCell(1, 1).value));
}

/** The state a workbook holds, format 1 or 2 (the empty state when it has none). */
export function readStateDoc(workbook: ExcelJS.Workbook): StateSheetDoc {
  const sheet = findStateSheet(workbook);
  if (sheet === undefined) return EMPTY_STATE_DOC;
  return readStateSheet((row, col) => plainValue(sheet.getCell(row + 1, col + 1).value)) ?? EMPTY_STATE_DOC;
}

/**
 * A cell's value with rich text joined into plain text: LibreOffice saves a string that mixes scripts (JSON with
 * Chinese names) as rich text, one run per font, which ExcelJS returns as `{ richText }`.
 */
function plainValue(value: ExcelJS.CellValue): unknown {
  if (value !== null && typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  return value;
}

/**
 * Write `doc` into the workbook as a format-2 state sheet (`stateSheetCells`), very hidden, in place of the former
 * one (whose name it keeps); a new one is named `_ledger_stats`, or `_ledger_stats_2`… when a user sheet has that name.
 */
export function writeStateDoc(workbook: ExcelJS.Workbook, doc: Omit<StateSheetDoc, 'legacyOwned'>, revision = '1'): void {
  const former = findStateSheet(workbook);
  let name = former?.name;
  if (former !== undefined) workbook.removeWorksheet(former.id);
  if (name === undefined) {
    const taken = new Set(workbook.worksheets.map((w) => w.name.toLowerCase()));
    name = STATE_SHEET_NAME;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${STATE_SHEET_NAME}_${n}`;
  }
  const sheet = workbook.addWorksheet(name, { state: 'veryHidden' });
  stateSheetCells(doc, revision).forEach((values, r) => {
    values.forEach((value, c) => {
      if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
}
