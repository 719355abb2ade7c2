import type ExcelJS from 'exceljs';
import { STATE_CHUNK_CHARS, STATE_MARKER } from '../../src/workflows/stateSheet';

/** A format-1 state sheet as the CLI wrote it before issue 15: A1 marker, B1 1, C1 chunk count, A2… the JSON. */
export function writeFormat1State(workbook: ExcelJS.Workbook, json: unknown, chunk = STATE_CHUNK_CHARS): ExcelJS.Worksheet {
  const text = JSON.stringify(json);
  const chunks = Array.from({ length: Math.ceil(text.length / chunk) }, (_, i) => text.slice(i * chunk, (i + 1) * chunk));
  const sheet = workbook.addWorksheet('_ledger_stats', { state: 'veryHidden' });
  sheet.getCell('A1').value = STATE_MARKER;
  sheet.getCell('B1').value = 1;
  sheet.getCell('C1').value = chunks.length;
  chunks.forEach((c, i) => (sheet.getCell(i + 2, 1).value = c));
  return sheet;
}
