import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CliError } from '../../src/cli/CliError';
import type { CliIo } from '../../src/cli/cliIo';
import { readMergeFiles } from '../../src/cli/mergeCommand';
import { mergedLedgerGrid, mergeLedgers } from '../../src/domain';
import type { Grid } from '../../src/domain/ledger/types';
import { CITY_UNITS, GANJINGZI, JINPU } from '../domain/merge/districtLedgers';
import type { MergeWorkerMessage } from '../../src/xlsx/mergeWorkerPool';
import { createGate, exitOnPath, holdOnPath, startTsMergeWorker } from '../xlsx/tsMergeWorker';
import { writeDistrictFiles } from '../workflows/districtFiles';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';

const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };

let dir: string;
let paths: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-merge-workers-'));
  // 甘井子区 grown to 3,000 rows, read first.
  const extra: Grid = Array.from({ length: 3_000 }, (_, i) => [i + 5, `甘井子项目${i}`, '中国华能', '能源', '在建', '甘井子区', 1_000 + i, null]);
  const grown: Grid = [...GANJINGZI.grid.slice(0, -1), ...extra, ...GANJINGZI.grid.slice(-1)];
  paths = await writeDistrictFiles(dir);
  await writeGridXlsx(paths[0] as string, [{ name: '台账', grid: grown }]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readMergeFiles', () => {
  it('gives on workers and this thread the reads, merge and merged ledger of one file after the other', async () => {
    const sequential = await readMergeFiles(paths, io, 'zh-CN', { workers: 0 });
    // Two workers and this thread read the three files at once: the first (big) file's worker waits until the second
    // file's read has ended on the other worker; the third is read in this thread.
    const gate = createGate();
    const ended: string[] = [];
    const start = startTsMergeWorker(holdOnPath(GANJINGZI.file), gate.buffer);
    const handed: string[] = [];
    const pooled = await readMergeFiles(paths, io, 'zh-CN', {
      workers: 2,
      onFile: (file) => handed.push(file.source.file),
      startWorker: () =>
        start().on('message', (message: MergeWorkerMessage) => {
          if (message.t !== 'read') return;
          ended.push(message.read.source.file);
          gate.open();
        }),
    });
    expect(ended).toEqual([JINPU.file, GANJINGZI.file]);
    // Each read is handed on in the files' order (the merge takes it then), whatever order the reads ended in.
    expect(handed).toEqual([GANJINGZI.file, JINPU.file, CITY_UNITS.file]);
    expect(pooled.map((f) => f.source.file)).toEqual([GANJINGZI.file, JINPU.file, CITY_UNITS.file]);
    expect(pooled[0]?.ledger.read.rows).toHaveLength(3_004);
    expect(pooled).toStrictEqual(sequential);
    const merged = mergeLedgers(pooled.map((f) => f.source));
    expect(merged).toStrictEqual(mergeLedgers(sequential.map((f) => f.source)));
    expect(mergedLedgerGrid(merged, { unit: 'yi' })).toStrictEqual(mergedLedgerGrid(mergeLedgers(sequential.map((f) => f.source)), { unit: 'yi' }));
    expect(merged.duplicates).toHaveLength(2);
  });

  it('reads a file again in this thread when its worker stops', async () => {
    const sequential = await readMergeFiles(paths, io, 'zh-CN', { workers: 0 });
    const pooled = await readMergeFiles(paths, io, 'zh-CN', { workers: 2, startWorker: startTsMergeWorker(exitOnPath('金普')) });
    expect(pooled).toStrictEqual(sequential);
  });

  it('throws the first failing file’s error in the files’ order, as one read after the other does', async () => {
    const slow = join(dir, 'slow-notes.xlsx');
    const quick = join(dir, 'quick-notes.xlsx');
    for (const path of [slow, quick]) await writeGridXlsx(path, [{ name: '说明', grid: [['本文件没有台账']] }]);
    const inputs = [slow, quick];
    const sequential = await readMergeFiles(inputs, io, 'zh-CN', { workers: 0 }).catch((error: unknown) => error);
    // The first file's worker waits until a read has ended (the second file's, failed) on the other worker.
    const gate = createGate();
    const start = startTsMergeWorker(holdOnPath('slow-'), gate.buffer);
    const pooled = await readMergeFiles(inputs, io, 'zh-CN', {
      workers: 2,
      startWorker: () => start().on('message', (message: MergeWorkerMessage) => (message.t === 'error' || message.t === 'read') && gate.open()),
    }).catch((error: unknown) => error);
    expect(sequential).toBeInstanceOf(CliError);
    expect(pooled).toBeInstanceOf(CliError);
    expect((pooled as CliError).bilingual).toEqual((sequential as CliError).bilingual);
    expect((pooled as CliError).bilingual['en-US']).toContain('slow-notes.xlsx');
    expect((pooled as CliError).exitCode).toBe(2);
  });
});
