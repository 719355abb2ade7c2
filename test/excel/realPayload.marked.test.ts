/**
 * A refresh of a 100,000-row ledger that marks its issues (about a third of the rows carry a warning
 * or an error): every request and response, sized as Office.js's real bodies, stays under
 * 4,000,000 bytes on the first refresh and on the next one (which replaces the marks).
 */
import { meteredRefresh, oversizedSyncs } from '../fakes/meteredRefresh';
import { largeLedger } from '../fixtures/largeLedger';

describe('marked refresh payload in the real Office.js format', () => {
  it('keeps every request and response under 4,000,000 bytes when marking about 30% of 100,000 rows, first and second refresh', async () => {
    const m = await meteredRefresh({ ledger: largeLedger(100_000), runs: 2 });
    try {
      expect(m.runs.map((r) => [r.report.ok, r.report.error, r.report.notes.map((n) => n.code)])).toEqual([
        [true, null, []],
        [true, null, []],
      ]);
      const counts = m.runs[0]?.report.read?.counts;
      const flagged = counts ? (counts.warningRows + counts.errorRows) / counts.dataRows : 0;
      expect(flagged).toBeGreaterThan(0.25);
      expect(m.runs.map((r) => r.syncs.some((s) => s.operations.some((o) => o.startsWith('ConditionalFormat'))))).toEqual([true, true]);
      expect(oversizedSyncs(m, 4_000_000)).toEqual([]);
    } finally {
      m.uninstall();
    }
  }, 180_000);
});
