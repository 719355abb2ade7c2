import { readdirSync } from 'fs';
import { join } from 'path';
import { readLedger } from '../../../src/domain/ledger/readLedger';
import { LEDGER_FIXTURES } from '../../fixtures/ledger';
import type { LedgerFixture } from '../../fixtures/ledger/types';

const DIR = join(__dirname, '..', '..', 'fixtures', 'ledger');
const HELPERS = new Set(['types.ts', 'build.ts', 'index.ts']);
const fixtures: [string, LedgerFixture][] = LEDGER_FIXTURES.map(([name, fixture]) => [name, fixture]);

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('readLedger', () => {
  it('has a fixture for every pattern and rule, each listed in the index', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !HELPERS.has(f)).map((f) => f.replace(/\.ts$/, ''));
    expect(fixtures.map(([name]) => name).sort()).toEqual(files.sort());
    expect(fixtures.length).toBeGreaterThanOrEqual(35);
  });

  it.each(fixtures)('reads %s as expected', (_name, fixture) => {
    const read = readLedger(fixture.grid, fixture.options);
    expect(read.issues.map((i) => [i.code, i.sheetRow])).toEqual(fixture.expect.issues.map(([code, row]) => [code, row]));
    expect(read.rows).toHaveLength(fixture.expect.countedRows);
    if (fixture.expect.totalWan !== undefined) expect(sum(read.rows.map((r) => r.totalWan))).toBeCloseTo(fixture.expect.totalWan, 6);
    if (fixture.expect.investedWan !== undefined) expect(sum(read.rows.map((r) => r.investedWan))).toBeCloseTo(fixture.expect.investedWan, 6);
    if (fixture.expect.rows !== undefined) expect(read.rows).toMatchObject(fixture.expect.rows);
  });

  it.each(fixtures.filter(([name]) => name.startsWith('error.')))('reports an error for %s', (_name, fixture) => {
    const read = readLedger(fixture.grid, fixture.options);
    expect(read.issues.some((i) => i.severity === 'error')).toBe(true);
  });
});
