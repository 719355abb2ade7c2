/**
 * Issue marks on a 100,000-row ledger with 30% of its rows flagged (one to three cells each, a
 * third of them errors), through the Office.js adapter against the fake Excel (a current ExcelApi,
 * Excel on the web's 5,000,000-byte payload limit). Figures, each the larger of the first marking
 * and the next one (which replaces it):
 * - mark_rules_100k: conditional-format rules written (goal ≤ 10);
 * - mark_max_request_bytes_100k: the largest request of the marking in Office.js's real request
 *   format (the fake's `officeWireMeter`);
 * - mark_max_response_bytes_100k: the largest response, in the format Office.js reads back;
 * - mark_syncs_100k: round trips of the next marking.
 */
import { createOfficeWorkbookPort } from '../src/excel/officeWorkbookPort';
import type { CellMark } from '../src/workflows/workbookPort';
import { officeWireMeter } from '../test/fakes/excel/officeWire';
import { createFakeExcel, type FakeExcel } from '../test/fakes/fakeExcel';
import { mulberry32 } from './benchTools';

const ROWS = 100_000;
const FLAGGED_SHARE = 0.3;
const COLUMNS = 20;
/** Rows above the first project row (title, units, a two-row header). */
const HEAD_ROWS = 5;

/** Seeded marks: 30% of the rows flagged, one to three cells each, a third of the rows with errors. */
export function benchMarks(rows = ROWS, seed = 14): CellMark[] {
  const random = mulberry32(seed);
  const marks: CellMark[] = [];
  for (let i = 0; i < rows; i++) {
    if (random() >= FLAGGED_SHARE) continue;
    const severity = random() < 1 / 3 ? 'error' : 'warning';
    const cells = 1 + Math.floor(random() * 3);
    for (let k = 0; k < cells; k++) {
      const col = Math.floor(random() * COLUMNS);
      marks.push({ address: `${String.fromCharCode(65 + col)}${HEAD_ROWS + i + 1}`, severity });
    }
  }
  return marks;
}

function measure(fake: FakeExcel): { rules: number; maxRequest: number; maxResponse: number; syncs: number } {
  const rules = fake.syncLog.reduce((n, sync) => n + sync.operations.filter((op) => op === 'ConditionalFormatCollection.add').length, 0);
  return { rules, maxRequest: fake.maxRequestBytes, maxResponse: fake.maxResponseBytes, syncs: fake.syncCount };
}

export async function run(): Promise<Record<string, number>> {
  const header = Array.from({ length: COLUMNS }, (_, c) => `列${c + 1}`);
  const fake = createFakeExcel({ apiVersion: '1.16', maxPayloadBytes: 5_000_000, sheets: { 台账: [header] }, payloadMeter: officeWireMeter() });
  fake.install(globalThis);
  try {
    const marks = benchMarks();
    const port = createOfficeWorkbookPort();
    fake.resetSyncStats();
    await port.markCells('台账', marks);
    const first = measure(fake);
    fake.resetSyncStats();
    await port.markCells('台账', marks);
    const next = measure(fake);
    return {
      mark_rules_100k: Math.max(first.rules, next.rules),
      mark_max_request_bytes_100k: Math.max(first.maxRequest, next.maxRequest),
      mark_max_response_bytes_100k: Math.max(first.maxResponse, next.maxResponse),
      mark_syncs_100k: next.syncs,
    };
  } finally {
    fake.uninstall();
  }
}
