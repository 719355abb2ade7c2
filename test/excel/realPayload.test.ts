/**
 * Every request and response of a refresh of a 100,000-row ledger, sized as Office.js's real
 * request and response bodies (test/fakes/excel/officeWire.ts), stays under 4,000,000 bytes: a
 * margin under the 5 MB Excel on the web accepts (OFFICE-PLATFORM.md §2). Marks are left out here:
 * realPayload.marked.test.ts checks a refresh that marks about a third of the rows.
 */
import { meteredRefresh, oversizedSyncs } from '../fakes/meteredRefresh';
import { largeLedger } from '../fixtures/largeLedger';

const LIMIT = 4_000_000;
const ROWS = 100_000;

describe('refresh payload in the real Office.js format', () => {
  let ledger: ReturnType<typeof largeLedger>;
  beforeAll(() => {
    ledger = largeLedger(ROWS);
  });

  it('keeps every request and response of a 100,000-row refresh without marks under 4,000,000 bytes', async () => {
    const m = await meteredRefresh({ ledger, runs: 1, refresh: { markIssues: false } });
    try {
      expect(m.runs.map((r) => [r.report.ok, r.report.error])).toEqual([[true, null]]);
      expect(oversizedSyncs(m, LIMIT)).toEqual([]);
      // the meter ran: the snapshot and the reads fill their payload-sized chunks
      expect(m.maxRequestBytes).toBeGreaterThan(1_000_000);
      expect(m.maxResponseBytes).toBeGreaterThan(1_000_000);
    } finally {
      m.uninstall();
    }
  }, 120_000);
});
