import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { mergeLedgers } from '../../src/domain/merge/mergeLedgers';
import { mergedLedgerGrid } from '../../src/domain/merge/mergedLedgerGrid';
import { mergePickedFiles, type PickedFile, type PickedFileProgress } from '../../src/workflows/mergePickedFiles';
import { commonDataDate, readMergeSource } from '../../src/workflows/readMergeSource';
import { openPickedFilePort } from '../../src/xlsx/browser/openPickedFilePort';
import { openXlsxReadPort } from '../../src/xlsx/xlsxReadPort';
import { MERGED_EXPECTED } from '../domain/merge/districtLedgers';
import { writeDistrictFiles } from './districtFiles';

let dir: string;
let paths: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-picked-'));
  paths = await writeDistrictFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file as the pane's file input gives it. */
const picked = (path: string, name = path.slice(path.lastIndexOf('/') + 1)): PickedFile => ({ name, bytes: () => Promise.resolve(new Uint8Array(readFileSync(path))) });
const sumWan = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('mergePickedFiles', () => {
  it('merges the three district files read from bytes to the hand-computed figures', async () => {
    const merged = await mergePickedFiles(paths.map((p) => picked(p)), openPickedFilePort);
    expect(merged.failed).toEqual([]);
    expect(merged.result.projects).toHaveLength(MERGED_EXPECTED.projects);
    expect(merged.result.duplicates).toHaveLength(MERGED_EXPECTED.duplicates);
    expect(sumWan(merged.result.projects.map((p) => p.row.totalWan))).toBeCloseTo(MERGED_EXPECTED.totalWan, 6);
    expect(sumWan(merged.result.projects.map((p) => p.row.investedWan))).toBeCloseTo(MERGED_EXPECTED.investedWan, 6);
    expect(merged.sheet.grid.length).toBe(merged.sheet.headerRowIndex + 1 + MERGED_EXPECTED.projects);
  });

  it('gives the merge the CLI gets from the same files on disk', async () => {
    const fromDisk = [];
    for (const path of paths) {
      const port = await openXlsxReadPort(path);
      try {
        fromDisk.push(await readMergeSource(port, path.slice(path.lastIndexOf('/') + 1)));
      } finally {
        await port.close();
      }
    }
    const merged = await mergePickedFiles(paths.map((p) => picked(p)), openPickedFilePort);
    expect(merged.result).toEqual(mergeLedgers(fromDisk.map((f) => f.source)));
    expect(merged.sheet).toEqual(mergedLedgerGrid(merged.result, {}));
  });

  it("states the data date in the merged sheet's title when the files agree on one (as ledger-stats merge)", async () => {
    const merged = await mergePickedFiles([picked(paths[0]!)], openPickedFilePort);
    expect(commonDataDate(merged.files)).toBe('2025-09-30');
    expect(merged.sheet).toEqual(mergedLedgerGrid(merged.result, { dataDate: '2025-09-30' }));
    expect(merged.sheet.headerRowIndex).toBe(1);
  });

  it('reports each file reading then read, yielding to the UI before each file', async () => {
    const events: string[] = [];
    await mergePickedFiles(
      paths.map((p) => picked(p)),
      openPickedFilePort,
      {
        onProgress: (p: PickedFileProgress) => events.push(`${p.index + 1}/${p.count} ${p.state}${p.rowsRead === undefined ? '' : ` ${p.rowsRead}`}`),
        yieldToUi: () => {
          events.push('yield');
          return new Promise((resolve) => setTimeout(resolve, 0));
        },
      },
    );
    expect(events.filter((e) => e === 'yield')).toHaveLength(3);
    expect(events.map((e) => e.replace(/ \d+$/, ''))).toEqual(['1/3 reading', 'yield', '1/3 read', '2/3 reading', 'yield', '2/3 read', '3/3 reading', 'yield', '3/3 read']);
    expect(events.filter((e) => e.includes(' read ')).every((e) => Number(e.split(' ').at(-1)) > 3)).toBe(true);
  });

  it('leaves out a file that is not a workbook, says so, and merges the rest', async () => {
    const bad = join(dir, '说明.xlsx');
    writeFileSync(bad, 'not a zip');
    const progress: PickedFileProgress[] = [];
    const merged = await mergePickedFiles([picked(paths[0] ?? ''), picked(bad)], openPickedFilePort, { onProgress: (p) => progress.push(p) });
    expect(merged.failed.map((f) => f.file)).toEqual(['说明.xlsx']);
    expect(progress.at(-1)).toMatchObject({ file: '说明.xlsx', state: 'failed' });
    expect(merged.files).toHaveLength(1);
    expect(merged.result.projects.length).toBeGreaterThan(0);
  });
});
