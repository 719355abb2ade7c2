import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Grid } from '../../src/domain/ledger/types';
import { PortError } from '../../src/workflows/workbookPort';
import { createMergeWorkerPool, MergeWorkerLostError, mergeWorkerCount, type MergeWorkerMessage } from '../../src/xlsx/mergeWorkerPool';
import { readMergeFile } from '../../src/xlsx/readMergeFile';
import { GANJINGZI, JINPU } from '../domain/merge/districtLedgers';
import { createGate, exitOnPath, holdOnPath, startTsMergeWorker } from './tsMergeWorker';
import { writeGridXlsx } from './xlsxFixtures';

const HEADER = ['项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '总投资（万元）'];
const rowsOf = (n: number): Grid => [HEADER, ...Array.from({ length: n }, (_, i) => [`项目${i}`, '中国华能', '能源', '在建', '中山区', 100 + i])];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-merge-pool-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = async (file: string, grid: Grid): Promise<string> => {
  const path = join(dir, file);
  await writeGridXlsx(path, [{ name: '台账', grid }]);
  return path;
};

describe('createMergeWorkerPool', () => {
  it('reads a file on a worker as readMergeFile reads it here, and relays its progress', async () => {
    const path = await write('a.xlsx', rowsOf(2_500));
    const pool = createMergeWorkerPool(2, startTsMergeWorker());
    const events: string[] = [];
    try {
      const read = await pool.read(path, 'xlsx', {
        onSourceRows: (rows) => events.push(`source ${rows}`),
        onProgress: (rows) => events.push(`progress ${rows}`),
      });
      expect(read).toStrictEqual(await readMergeFile(path, 'xlsx'));
      expect(read.ledger.read.rows).toHaveLength(2_500);
    } finally {
      await pool.close();
    }
    expect(events).toEqual(['source 2501', 'progress 1000', 'progress 2000']);
  });

  it('keeps each read with its file when they end out of order, on at most `size` workers', async () => {
    const big = await write('big.xlsx', rowsOf(3_000));
    const small = [await write(GANJINGZI.file, GANJINGZI.grid), await write(JINPU.file, JINPU.grid)];
    // The big file's worker waits until both small files were read.
    const gate = createGate();
    const ended: string[] = [];
    let workers = 0;
    let smallRead = 0;
    const start = startTsMergeWorker(holdOnPath('big.xlsx'), gate.buffer);
    const pool = createMergeWorkerPool(2, () => {
      workers++;
      return start().on('message', (message: MergeWorkerMessage) => message.t === 'read' && message.read.source.file !== 'big.xlsx' && ++smallRead === 2 && gate.open());
    });
    try {
      const reads = await Promise.all(
        [big, ...small].map((path) =>
          pool.read(path, 'xlsx').then((read) => {
            ended.push(read.source.file);
            return read;
          }),
        ),
      );
      expect(reads.map((r) => r.source.file)).toEqual(['big.xlsx', GANJINGZI.file, JINPU.file]);
      expect(reads.map((r) => r.ledger.read.rows.length)).toEqual([3_000, 4, 3]);
    } finally {
      await pool.close();
    }
    expect(ended).toEqual([GANJINGZI.file, JINPU.file, 'big.xlsx']);
    expect(workers).toBe(2);
  });

  it('rebuilds a failed read as the error the read threw', async () => {
    const path = join(dir, 'broken.xlsx');
    writeFileSync(path, 'PK\u0003\u0004 not really a zip');
    const pool = createMergeWorkerPool(1, startTsMergeWorker());
    try {
      const failure = await pool.read(path, 'xlsx').catch((error: unknown) => error);
      const here = await readMergeFile(path, 'xlsx').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PortError);
      expect(failure).toMatchObject({ code: (here as PortError).code, message: (here as PortError).message });
    } finally {
      await pool.close();
    }
  });

  it('fails only the file whose worker stopped, and reads the next file on a new worker', async () => {
    const crash = await write('crash.xlsx', rowsOf(3));
    const fine = await write('fine.xlsx', rowsOf(4));
    let workers = 0;
    const start = startTsMergeWorker(exitOnPath('crash'));
    const pool = createMergeWorkerPool(1, () => {
      workers++;
      return start();
    });
    try {
      const [lost, read] = await Promise.allSettled([pool.read(crash, 'xlsx'), pool.read(fine, 'xlsx')]);
      expect(lost).toMatchObject({ status: 'rejected', reason: expect.any(MergeWorkerLostError) });
      expect(lost.status === 'rejected' && (lost.reason as Error).message).toBe('the reading thread stopped: exit code 7');
      expect(read).toMatchObject({ status: 'fulfilled', value: { rowsRead: 5 } });
    } finally {
      await pool.close();
    }
    expect(workers).toBe(2);
  });

  it('rejects the reads still waiting when closed', async () => {
    const path = await write('waiting.xlsx', rowsOf(3));
    const pool = createMergeWorkerPool(1, startTsMergeWorker());
    const first = pool.read(path, 'xlsx').catch((error: unknown) => error);
    const second = pool.read(path, 'xlsx').catch((error: unknown) => error);
    await pool.close();
    expect(await second).toEqual(new Error('the merge worker pool is closed'));
    expect(await first).toEqual(new Error('the merge worker pool is closed'));
    await expect(pool.read(path, 'xlsx')).rejects.toThrow('the merge worker pool is closed');
  });
});

describe('mergeWorkerCount', () => {
  it('reads one file, or any number from sources, in this thread', () => {
    expect(mergeWorkerCount(1)).toBe(0);
    // Under ts-jest the compiled worker script is absent.
    expect(mergeWorkerCount(13)).toBe(0);
  });
});
