import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeSampleLedger } from '../../scripts/makeSampleLedger';

describe('scripts/makeSampleLedger', () => {
  it('regenerates assets/sample-ledger.xlsx byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-sample-'));
    try {
      const path = join(dir, 'sample-ledger.xlsx');
      await writeSampleLedger(path);
      expect(readFileSync(path).equals(readFileSync(join(__dirname, '..', '..', 'assets', 'sample-ledger.xlsx')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
