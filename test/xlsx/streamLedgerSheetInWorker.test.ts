import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { WorkflowError } from '../../src/workflows/runError';
import { PortError } from '../../src/workflows/workbookPort';
import { runLedgerSheetWorker } from '../../src/xlsx/ledgerSheetWorker';
import { fromWorkerFailure, readsInWorker, toWorkerFailure, WORKER_BATCH_ROWS, WORKER_MIN_PART_BYTES, WORKER_MIN_ROWS, type WorkerMessage } from '../../src/xlsx/streamLedgerSheetInWorker';
import { FORMULA_NOT_CALCULATED, type CellValue } from '../../src/domain';
import { openXlsxReader, readSheetGrid } from '../../src/xlsx/reader/openXlsxReader';
import { resolveSharedStringRefs, SHARED_STRING_REF } from '../../src/xlsx/reader/SheetRowParser';
import { writeAwkwardWorkbooks } from '../cli/awkwardWorkbooks';
import { writeGridXlsx } from './xlsxFixtures';

async function sharedStringsOf(path: string): Promise<readonly string[]> {
  const reader = await openXlsxReader(path);
  try {
    return await reader.sharedStrings();
  } finally {
    await reader.close();
  }
}

const HEADER = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）'];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-worker-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runLedgerSheetWorker', () => {
  it('posts the rows in batches, then done, waiting for the reader to keep up', async () => {
    const path = join(dir, 'a.xlsx');
    const grid = [HEADER, ...Array.from({ length: WORKER_BATCH_ROWS + 10 }, (_, i) => [`项目${i}`, '中国华能', '能源', '在建', i])];
    await writeGridXlsx(path, [{ name: '说明', grid: [['x']] }, { name: '台账', grid }]);
    const acks = new SharedArrayBuffer(4);
    const messages: WorkerMessage[] = [];
    await runLedgerSheetWorker({ path, tabIndex: 1, area: null, acks }, (message) => {
      messages.push(message);
      if (message.t === 'rows') Atomics.add(new Int32Array(acks), 0, 1);
    });
    expect(messages.map((m) => m.t)).toEqual(['rows', 'rows', 'done']);
    const rows = messages.flatMap((m) => (m.t === 'rows' ? m.rows : []));
    expect(rows).toHaveLength(grid.length);
    // Shared strings cross as references, resolved by the receiver from its own reader's table.
    const first = rows.at(-1)?.[0];
    expect(typeof first === 'string' && first.startsWith(SHARED_STRING_REF) && /^\d+$/.test(first.slice(SHARED_STRING_REF.length))).toBe(true);
    const strings = await sharedStringsOf(path);
    for (const row of rows) resolveSharedStringRefs(row, strings);
    expect(rows.at(-1)).toEqual(grid.at(-1));
  });

  it('cuts a table area', async () => {
    const path = join(dir, 't.xlsx');
    await writeGridXlsx(path, [{ name: '台账', grid: [['title'], [1, ...HEADER, 'right'], [2, '甲', '中国华能', '能源', '在建', 5, 'right'], [3]] }]);
    const messages: WorkerMessage[] = [];
    await runLedgerSheetWorker({ path, tabIndex: 0, area: { top: 1, left: 1, bottom: 2, right: 5 }, acks: new SharedArrayBuffer(4) }, (m) => messages.push(m));
    const strings = await sharedStringsOf(path);
    for (const m of messages) if (m.t === 'rows') for (const row of m.rows) resolveSharedStringRefs(row, strings);
    expect(messages[0]).toEqual({ t: 'rows', indexes: [1, 2], rows: [[null, ...HEADER], [null, '甲', '中国华能', '能源', '在建', 5]] });
  });

  it('posts a failure as data', async () => {
    const messages: WorkerMessage[] = [];
    await runLedgerSheetWorker({ path: join(dir, 'missing.xlsx'), tabIndex: 0, area: null, acks: new SharedArrayBuffer(4) }, (m) => messages.push(m));
    expect(messages).toEqual([{ t: 'error', failure: expect.objectContaining({ kind: 'port', code: 'file_unreadable' }) }]);
  });
});

describe('shared strings by reference', () => {
  it('gives every awkward workbook’s rows as the reader with the strings gives them', async () => {
    const books = await writeAwkwardWorkbooks(dir);
    let references = 0;
    for (const book of books) {
      const path = join(dir, book.name);
      const reader = await openXlsxReader(path);
      try {
        const strings = await reader.sharedStrings();
        for (const sheet of reader.sheets) {
          const expected = await readSheetGrid(reader, sheet);
          const messages: WorkerMessage[] = [];
          const acks = new SharedArrayBuffer(4);
          await runLedgerSheetWorker({ path, tabIndex: sheet.tabIndex, area: null, acks }, (m) => {
            messages.push(m);
            if (m.t === 'rows') Atomics.add(new Int32Array(acks), 0, 1);
          });
          const got: CellValue[][] = [];
          for (const m of messages) {
            if (m.t !== 'rows') continue;
            m.rows.forEach((row, i) => {
              references += row.filter((cell) => typeof cell === 'string' && cell.startsWith(SHARED_STRING_REF)).length;
              resolveSharedStringRefs(row, strings);
              got[m.indexes[i] ?? 0] = row;
            });
          }
          for (let i = 0; i < expected.length; i++) got[i] ??= [];
          expect({ book: book.name, sheet: sheet.name, rows: got }).toEqual({ book: book.name, sheet: sheet.name, rows: expected });
        }
      } finally {
        await reader.close();
      }
    }
    expect(references).toBeGreaterThan(20);
  });

  it('resolves a reference past the table to an empty cell and leaves other texts alone', () => {
    const cells: CellValue[] = [`${SHARED_STRING_REF}1`, `${SHARED_STRING_REF}9`, 'plain', FORMULA_NOT_CALCULATED, 3];
    resolveSharedStringRefs(cells, ['a', 'b']);
    expect(cells).toEqual(['b', null, 'plain', FORMULA_NOT_CALCULATED, 3]);
    const tail: CellValue[] = ['x', `${SHARED_STRING_REF}0`, `${SHARED_STRING_REF}7`];
    resolveSharedStringRefs(tail, ['']);
    expect(tail).toEqual(['x']);
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

describe('readsInWorker', () => {
  it('goes by the row count where the dimension or the area says it', () => {
    expect(readsInWorker(WORKER_MIN_ROWS - 1, 500_000_000)).toBe(false);
    expect(readsInWorker(WORKER_MIN_ROWS, 1)).toBe(true);
  });

  it('goes by the size of the sheet XML without a dimension', () => {
    // The merge bench's 10,000-row district ledger (ExcelJS's streaming writer, no <dimension>): 2,427,432 bytes.
    expect(readsInWorker(null, 2_427_432)).toBe(false);
    // The 100,000-row bench ledger: 38,743,899 bytes.
    expect(readsInWorker(null, 38_743_899)).toBe(true);
    expect(readsInWorker(null, WORKER_MIN_PART_BYTES - 1)).toBe(false);
    expect(readsInWorker(null, WORKER_MIN_PART_BYTES)).toBe(true);
    // Size unknown: the worker, as before.
    expect(readsInWorker(null, null)).toBe(true);
  });

  it('keeps every sheet of WORKER_MIN_ROWS rows or more in a worker at 160 bytes a row or more', () => {
    expect(readsInWorker(null, WORKER_MIN_ROWS * 160)).toBe(true);
  });
});
