import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { spawnSync } from 'child_process';
import { HEAP_GROWING_PERCENT, hasLargeInput, LARGE_INPUT_BYTES } from '../../src/cli/boundHeapGrowth';

describe('hasLargeInput', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-heap-'));
    writeFileSync(join(dir, 'small.xlsx'), 'x');
    writeFileSync(join(dir, 'large.xlsx'), '');
    truncateSync(join(dir, 'large.xlsx'), LARGE_INPUT_BYTES); // sparse: no disk used
    writeFileSync(join(dir, 'almost.xlsx'), '');
    truncateSync(join(dir, 'almost.xlsx'), LARGE_INPUT_BYTES - 1);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is true when an argument names a file of LARGE_INPUT_BYTES or more, wherever it stands', () => {
    expect(hasLargeInput(['refresh', join(dir, 'large.xlsx'), '--in-place'])).toBe(true);
    expect(hasLargeInput(['diff', join(dir, 'small.xlsx'), join(dir, 'large.xlsx')])).toBe(true);
  });

  it('is false for small files, options, folders and names of no file', () => {
    expect(hasLargeInput(['summarize', join(dir, 'almost.xlsx'), join(dir, 'small.xlsx')])).toBe(false);
    expect(hasLargeInput([`--out=${join(dir, 'large.xlsx')}`, dir, join(dir, 'missing.xlsx'), 'summarize'])).toBe(false);
  });
});

describe('the heap growth flag', () => {
  it('is one this Node.js’s V8 knows: setting it prints nothing (V8 writes "unrecognized flag" for one it does not)', () => {
    const run = spawnSync(process.execPath, ['-e', `require('v8').setFlagsFromString('--heap-growing-percent=${HEAP_GROWING_PERCENT}')`], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const unknown = spawnSync(process.execPath, ['-e', "require('v8').setFlagsFromString('--heap-growing-percentage-unknown=1')"], { encoding: 'utf8' });
    expect(unknown.stderr).toContain('unrecognized flag');
  });
});
