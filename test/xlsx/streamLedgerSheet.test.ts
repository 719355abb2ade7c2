import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CellValue } from '../../src/domain/ledger/types';
import { WorkflowError } from '../../src/workflows/runError';
import { PortError } from '../../src/workflows/workbookPort';
import { runLedgerSheetWorker } from '../../src/xlsx/ledgerSheetWorker';
import { streamLedgerSheet } from '../../src/xlsx/streamLedgerSheet';
import { fromWorkerFailure, toWorkerFailure, WORKER_BATCH_ROWS, type WorkerMessage } from '../../src/xlsx/streamLedgerSheetInWorker';
import { writeGridXlsx } from './xlsxFixtures';

const HEADER = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）'];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-sheet-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(path: string, sheet?: string): Promise<{ source: string; rows: Map<number, CellValue[]> }> {
  let source = '';
  const rows = new Map<number, CellValue[]>();
  await streamLedgerSheet(path, sheet === undefined ? {} : { sheet }, { onSource: (s) => (source = s.name), onRow: (i, cells) => rows.set(i, cells) });
  return { source, rows };
}

describe('streamLedgerSheet', () => {
  it('chooses the first sheet with a ledger header and replays its first rows', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [
      { name: '说明', grid: [['填表说明'], ['金额单位：万元']] },
      { name: '台账', grid: [['标题'], HEADER, ['数谷', '中国电信', '数字经济', '在建', 100]] },
      { name: '台账2', grid: [HEADER] },
    ]);
    const { source, rows } = await rowsOf(path);
    expect(source).toBe('台账');
    expect([...rows.keys()]).toEqual([0, 1, 2]);
    expect(rows.get(2)).toEqual(['数谷', '中国电信', '数字经济', '在建', 100]);
  });

  it('reads the sheet it is told to, whatever its case', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [{ name: 'Ledger', grid: [HEADER] }, { name: 'Other', grid: [['x']] }]);
    expect((await rowsOf(path, 'other')).source).toBe('Other');
  });

  it('throws source_not_found for a missing sheet and ledger_not_found without a ledger', async () => {
    const path = join(dir, 'a.xlsx');
    await writeGridXlsx(path, [{ name: 'S', grid: [['x']] }]);
    await expect(rowsOf(path, 'T')).rejects.toMatchObject({ name: 'PortError', code: 'source_not_found' });
    await expect(rowsOf(path)).rejects.toMatchObject({ name: 'WorkflowError', code: 'ledger_not_found' });
  });
});

describe('runLedgerSheetWorker', () => {
  it('posts the source, the rows in batches, then done, waiting for the reader to keep up', async () => {
    const path = join(dir, 'a.xlsx');
    const grid = [HEADER, ...Array.from({ length: WORKER_BATCH_ROWS + 10 }, (_, i) => [`项目${i}`, '中国华能', '能源', '在建', i])];
    await writeGridXlsx(path, [{ name: '台账', grid }]);
    const acks = new SharedArrayBuffer(4);
    const messages: WorkerMessage[] = [];
    await runLedgerSheetWorker({ path, options: {}, acks }, (message) => {
      messages.push(message);
      if (message.t === 'rows') Atomics.add(new Int32Array(acks), 0, 1);
    });
    expect(messages.map((m) => m.t)).toEqual(['source', 'rows', 'rows', 'done']);
    const rows = messages.flatMap((m) => (m.t === 'rows' ? m.rows : []));
    expect(rows).toHaveLength(grid.length);
    expect(rows.at(-1)).toEqual(grid.at(-1));
  });

  it('posts a failure as data', async () => {
    const messages: WorkerMessage[] = [];
    await runLedgerSheetWorker({ path: join(dir, 'missing.xlsx'), options: {}, acks: new SharedArrayBuffer(4) }, (m) => messages.push(m));
    expect(messages).toEqual([{ t: 'error', failure: expect.objectContaining({ kind: 'port', code: 'file_unreadable' }) }]);
  });
});

describe('toWorkerFailure / fromWorkerFailure', () => {
  it('keep what the CLI classifies errors on', () => {
    const port = fromWorkerFailure(toWorkerFailure(new PortError('file_unreadable', 'x', { cause: Object.assign(new Error('e'), { code: 'ENOENT' }) })));
    expect(port).toBeInstanceOf(PortError);
    expect(port).toMatchObject({ code: 'file_unreadable', cause: { code: 'ENOENT' } });
    const workflow = fromWorkerFailure(toWorkerFailure(new WorkflowError('ledger_not_found', { 'zh-CN': '无', 'en-US': 'none' })));
    expect(workflow).toBeInstanceOf(WorkflowError);
    expect(fromWorkerFailure(toWorkerFailure('plain')).message).toBe('plain');
  });
});
