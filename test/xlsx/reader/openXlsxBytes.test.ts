import { strToU8, zipSync } from 'fflate';
import { readFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CellValue } from '../../../src/domain/ledger/types';
import { PortError } from '../../../src/workflows/workbookPort';
import { openXlsxBytes } from '../../../src/xlsx/reader/openXlsxBytes';
import { openXlsxReader, readSheetGrid, type XlsxReader } from '../../../src/xlsx/reader/openXlsxReader';
import { writeAwkwardWorkbooks, type AwkwardWorkbook } from '../../cli/awkwardWorkbooks';
import { handBuiltXlsx, toZip64, writeBytes } from './handBuiltXlsx';

/** Everything a reader gives: sheets (with tables), date system, defined names, and each sheet's rows, row counts and dimension. */
async function everything(reader: XlsxReader): Promise<unknown> {
  try {
    const sheets: Record<string, { grid: CellValue[][]; rows: number; dimension: number | null }> = {};
    for (const sheet of reader.sheets) {
      sheets[sheet.name] = { grid: await readSheetGrid(reader, sheet), rows: await reader.countRows(sheet), dimension: await reader.dimensionRows(sheet) };
    }
    return { sheets: reader.sheets, date1904: reader.date1904, definedNames: reader.definedNames, grids: sheets };
  } finally {
    await reader.close();
  }
}

const fromPath = async (path: string): Promise<unknown> => everything(await openXlsxReader(path));
const fromBytes = async (path: string): Promise<unknown> => everything(await openXlsxBytes(new Uint8Array(readFileSync(path)), path));

let dir: string;
let corpus: AwkwardWorkbook[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-bytes-'));
  corpus = await writeAwkwardWorkbooks(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openXlsxBytes', () => {
  it('reads the sample ledger exactly as openXlsxReader reads the file', async () => {
    const path = join(__dirname, '../../../assets/sample-ledger.xlsx');
    const expected = (await fromPath(path)) as { grids: Record<string, { grid: unknown[] }> };
    expect(Object.values(expected.grids).some((sheet) => sheet.grid.length > 10)).toBe(true);
    expect(await fromBytes(path)).toEqual(expected);
  });

  it('reads every awkward workbook exactly as openXlsxReader reads the file', async () => {
    expect(corpus.length).toBeGreaterThan(3);
    for (const workbook of corpus) {
      const path = join(dir, workbook.name);
      expect({ name: workbook.name, read: await fromBytes(path) }).toEqual({ name: workbook.name, read: await fromPath(path) });
    }
  });

  it('reads a sheet of several inflate steps (over 256 KB compressed), its dimension and its row count as from the file', async () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    const rows = Array.from({ length: 30_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>项目${next()}</t></is></c><c r="B${i + 1}"><v>${next() / 1000}</v></c></row>`);
    const bytes = handBuiltXlsx({ sheets: [{ name: 'S', sheetData: rows.join(''), head: '<dimension ref="A1:B30000"/>' }] });
    expect(bytes.byteLength).toBeGreaterThan(512 * 1024);
    const path = join(dir, 'large.xlsx');
    writeBytes(path, bytes);
    const read = (await fromBytes(path)) as { grids: { S: { grid: unknown[]; rows: number; dimension: number } } };
    expect(read.grids.S.rows).toBe(30_000);
    expect(read.grids.S.dimension).toBe(30_000);
    expect(read.grids.S.grid).toHaveLength(30_000);
    expect(read).toEqual(await fromPath(path));
  }, 30_000);

  it('reads a Zip64 archive and a stored (uncompressed) part', async () => {
    const sheetData = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1"><v>12.5</v></c></row>';
    for (const bytes of [toZip64(handBuiltXlsx({ sheets: [{ name: 'S', sheetData }] })), handBuiltXlsx({ sheets: [{ name: 'S', sheetData }], stored: true })]) {
      const reader = await openXlsxBytes(bytes, 'x.xlsx');
      const sheet = reader.sheets[0];
      if (sheet === undefined) throw new Error('no sheet');
      expect(await readSheetGrid(reader, sheet)).toEqual([['项目名称', 12.5]]);
    }
  });

  it('passes an error thrown by the row handler through unchanged', async () => {
    const path = join(__dirname, '../../../assets/sample-ledger.xlsx');
    const reader = await openXlsxBytes(new Uint8Array(readFileSync(path)), 'sample-ledger.xlsx');
    const failure = new Error('caller');
    const sheet = reader.sheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    await expect(
      reader.streamRows(sheet, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it.each([
    ['not a zip', new TextEncoder().encode('项目名称,总投资\n'), 'file_unreadable'],
    ['a zip without a workbook', zipSync({ '_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>') }), 'unsupported_format'],
  ])('rejects %s with a PortError', async (_, bytes, code) => {
    const error: unknown = await openXlsxBytes(bytes, 'x.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe(code);
  });
});
