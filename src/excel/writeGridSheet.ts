import { gridOwnerName } from '../workflows/gridOwnerName';
import type { GridSheet } from '../workflows/workbookPort';
import { cellAddress, rangeAddress } from './a1';
import type { Capabilities } from './capabilities';
import { ESTIMATE_MARGIN, MAX_CELLS_PER_CHUNK, PAYLOAD_TARGET_BYTES, jsonBytes } from './payload';
import { columnWidthPoints } from './planOps';
import { sheetOfNameValue } from './ownership';
import { sheetNameKey, uniqueSheetName } from './sheetNames';
import { toCellInput } from './toCellInput';
import { queueNames } from './worksheets';

export { gridOwnerName } from '../workflows/gridOwnerName';

/**
 * Write `sheet`'s grid to the sheet `name`, replacing the one this function wrote there before: that sheet is the one
 * its grid owner name (`gridOwnerName`, ExcelApi 1.4 to add) points at, wherever the user renamed it; its cells and
 * formats are cleared (`Range.clear`, ExcelApi 1.1) and the grid written from A1. A user's sheet of that name is
 * never touched: the grid goes to a new sheet `name (2)`. Below ExcelApi 1.4 no name can be added, so each call
 * writes a new sheet. Strings are written literally (`toCellInput`), so a project named "=x" stays text. Round trips:
 * one to find the sheets, then one per chunk of rows below the payload target (`payload.ts`), the first also
 * creating or clearing the sheet; column widths need ExcelApi 1.2 and are skipped without it.
 * @returns the name of the sheet written.
 */
export async function writeGridSheet(context: Excel.RequestContext, caps: Capabilities, name: string, sheet: GridSheet): Promise<string> {
  const worksheets = context.workbook.worksheets.load('items/name');
  const owner = gridOwnerName(name);
  const names = queueNames(context, caps, [owner]);
  await context.sync();
  const existing = names.read().find((n) => n.name.toLowerCase() === owner.toLowerCase());
  const ownedName = existing === undefined ? null : sheetOfNameValue(existing);
  const owned = ownedName === null ? undefined : worksheets.items.find((s) => sheetNameKey(s.name) === sheetNameKey(ownedName));
  let target: Excel.Worksheet;
  let written: string;
  if (owned !== undefined) {
    target = owned;
    written = owned.name;
    target.getRange().clear();
  } else {
    written = uniqueSheetName(name, new Set(worksheets.items.map((s) => sheetNameKey(s.name))));
    target = context.workbook.worksheets.add(written);
    if (caps.definedNames) {
      // A name left from a deleted sheet (#REF!) is replaced (NamedItem.delete and NamedItemCollection.add: ExcelApi 1.4).
      if (existing !== undefined) context.workbook.names.getItem(existing.name).delete();
      const named = context.workbook.names.add(owner, target.getRange('A1'));
      named.visible = false;
    }
  }
  const cols = Math.max(1, ...sheet.grid.map((row) => row.length));
  if (sheet.headerRowIndex !== undefined && sheet.headerRowIndex < sheet.grid.length) {
    target.getRange(rangeAddress({ row: sheet.headerRowIndex, col: 0, rows: 1, cols })).format.font.bold = true;
  }
  if (caps.columnWidth) {
    sheet.columnWidths.forEach((chars, col) => {
      const letter = cellAddress(0, col).replace(/[0-9]+$/, '');
      target.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(chars);
    });
  }
  const budget = PAYLOAD_TARGET_BYTES / ESTIMATE_MARGIN;
  const maxRows = Math.max(1, Math.floor(MAX_CELLS_PER_CHUNK / cols));
  let chunk: (string | number | boolean)[][] = [];
  let chunkStart = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (chunk.length > 0) target.getRange(rangeAddress({ row: chunkStart, col: 0, rows: chunk.length, cols })).values = chunk;
    await context.sync();
    chunkStart += chunk.length;
    chunk = [];
    bytes = 0;
  };
  for (const row of sheet.grid) {
    const values = Array.from({ length: cols }, (_, c) => toCellInput(row[c] ?? null));
    const rowBytes = jsonBytes(values);
    if (chunk.length > 0 && (bytes + rowBytes > budget || chunk.length >= maxRows)) await flush();
    chunk.push(values);
    bytes += rowBytes;
  }
  await flush();
  return written;
}
