/**
 * The refresh workflow streams the source from a port that can (the CLI's .xlsx file port) and reads a grid
 * otherwise (the add-in's port): both paths give the same run report and write the same sheets (issue 15).
 */
import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { rowSource } from '../../src/cli/refreshCommand';
import type { CellValue } from '../../src/domain';
import { refresh, type RunReport } from '../../src/workflows/refresh';
import { openXlsxReader, type XlsxReader } from '../../src/xlsx/reader/openXlsxReader';
import { openXlsxFilePort, type XlsxFilePort } from '../../src/xlsx/writer/openXlsxFilePort';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';

const NOW = (): Date => new Date('2025-09-30T06:00:00Z');

let dir: string;
const readers: XlsxReader[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-refresh-streams-'));
});
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The ledger with blank rows among the projects (rows without cells, which a streaming reader leaves out). */
function ledgerWithGaps(): CellValue[][] {
  const grid = realisticLedgerGrid();
  return [...grid.slice(0, 8), [], [], ...grid.slice(8, 14), [], ...grid.slice(14)];
}

/** The file port over the project's streaming reader, as `ledger-stats refresh` opens it. */
async function filePort(path: string): Promise<XlsxFilePort> {
  const reader = await openXlsxReader(path);
  readers.push(reader);
  return openXlsxFilePort(path, rowSource(reader));
}

/** The same port without `streamRows`, so that the workflow reads the source with `readGrid` as the add-in's port. */
function gridOnly(port: XlsxFilePort): XlsxFilePort {
  return { ...port, streamRows: undefined } as unknown as XlsxFilePort;
}

/** A run report without its timings (wall-clock, different on every run). */
function figures(report: RunReport): Omit<RunReport, 'timings'> {
  const { timings: _timings, ...rest } = report;
  return rest;
}

/** Every part of a written package, by name. */
function parts(path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(readFileSync(path))).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
}

describe('refresh over a port that streams its source', () => {
  it('gives the run report and the sheets of the grid path for the same workbook', async () => {
    const input = join(dir, 'ledger.xlsx');
    await writeGridXlsx(input, [{ name: '说明', grid: [['本工作簿的说明']] }, { name: '台账', grid: ledgerWithGaps() }]);

    const streamedPort = await filePort(input);
    const streamed = await refresh(streamedPort, { now: NOW, displayLanguage: 'zh-CN' });
    await streamedPort.save(join(dir, 'streamed.xlsx'));
    const gridPort = gridOnly(await filePort(input));
    const viaGrid = await refresh(gridPort, { now: NOW, displayLanguage: 'zh-CN' });
    await gridPort.save(join(dir, 'grid.xlsx'));

    expect(streamed.ok).toBe(true);
    expect(streamed.read?.counts.dataRows).toBeGreaterThan(0);
    // The blank rows keep every later row on its own sheet row.
    expect(streamed.read?.rows.at(-1)?.sheetRow).toBe(viaGrid.read?.rows.at(-1)?.sheetRow);
    expect(figures(streamed)).toEqual(figures(viaGrid));
    expect(parts(join(dir, 'streamed.xlsx'))).toEqual(parts(join(dir, 'grid.xlsx')));
  });

  it('never reads the source as a grid through the file port', async () => {
    const input = join(dir, 'ledger.xlsx');
    await writeGridXlsx(input, [{ name: '台账', grid: realisticLedgerGrid() }]);
    const port = await filePort(input);
    const readGrid = jest.fn(port.readGrid);
    const report = await refresh({ ...port, readGrid }, { now: NOW, displayLanguage: 'zh-CN' });
    expect(report.ok).toBe(true);
    expect(report.read?.rows.length).toBeGreaterThan(0);
    expect(readGrid).not.toHaveBeenCalled();
  });

  it('reads the grid, in slices with a yield to the UI between them, from a port that cannot stream', async () => {
    const input = join(dir, 'ledger.xlsx');
    const grid = realisticLedgerGrid();
    // More rows than one slice of the validation (5,000), so the pane gets at least one yield while validating.
    const long = [...grid, ...Array.from({ length: 6000 }, (_, i) => [i + 100, `项目${i}`, '中国华能', '能源', '省重点', '中山区', '在建', 1, 0.5])];
    await writeGridXlsx(input, [{ name: '台账', grid: long }]);
    const port = gridOnly(await filePort(input));
    const readGrid = jest.fn(port.readGrid);
    const stages: string[] = [];
    const yieldToUi = jest.fn(async () => {
      stages.push('yield');
    });
    const report = await refresh({ ...port, readGrid }, { now: NOW, displayLanguage: 'zh-CN', yieldToUi, onProgress: (p) => stages.push(p.stage) });
    expect(report.ok).toBe(true);
    expect(readGrid).toHaveBeenCalledTimes(1);
    const validating = stages.indexOf('validating');
    const summarising = stages.indexOf('summarising');
    expect(validating).toBeGreaterThan(0);
    // The yield after the stage change, then at least one between two slices of rows.
    expect(stages.slice(validating, summarising).filter((s) => s === 'yield').length).toBeGreaterThanOrEqual(2);
  });
});
