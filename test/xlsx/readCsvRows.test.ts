import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CellValue } from '../../src/domain/ledger/types';
import { PortError } from '../../src/workflows/workbookPort';
import { readCsvRows, sniffCsvDialect } from '../../src/xlsx/readCsvRows';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-csv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(content: string | Buffer, name = 'a.csv'): Promise<CellValue[][]> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const rows: CellValue[][] = [];
  await readCsvRows(path, (rowIndex, cells) => {
    rows[rowIndex] = cells;
    return undefined;
  });
  return rows;
}

describe('readCsvRows', () => {
  it('reads quoted fields with delimiters, quotes and line breaks inside', async () => {
    expect(await rowsOf('a,"b,c","say ""hi""","x\ny"\n1,2,3,4\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('drops a UTF-8 BOM and reads CRLF line ends', async () => {
    expect(await rowsOf('\ufeff项目名称,总投资\r\n数谷,120\r\n')).toEqual([
      ['项目名称', '总投资'],
      ['数谷', '120'],
    ]);
  });

  it('keeps blank lines as empty rows so row numbers match a spreadsheet', async () => {
    expect(await rowsOf('a\n\nb')).toEqual([['a'], [], ['b']]);
  });

  it('reads empty fields as null and trims trailing empty fields', async () => {
    expect(await rowsOf('a,,c,,\n')).toEqual([['a', null, 'c']]);
  });

  it('reads GB18030 text (Excel\u2019s "CSV" on Chinese Windows)', async () => {
    const gbk = Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0x2c, 0xd7, 0xdc, 0xcd, 0xb6, 0xd7, 0xca, 0x0a]); // 项目,总投资
    expect(await rowsOf(gbk)).toEqual([['项目', '总投资']]);
  });

  it('reads UTF-16LE tab-separated text (Excel\u2019s "Unicode text")', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('项目\t总投资\r\n数谷\t120\r\n', 'utf16le')]);
    expect(await rowsOf(text, 'a.txt')).toEqual([
      ['项目', '总投资'],
      ['数谷', '120'],
    ]);
  });

  it('reads a CRLF split across read chunks as one line end', async () => {
    const line = `${'x'.repeat(1024 * 1024 - 1)}\r\nb\n`;
    const rows = await rowsOf(line);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(['b']);
  });

  it('stops when the visitor says stop', async () => {
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'a\nb\nc\n');
    const seen: number[] = [];
    await readCsvRows(path, (rowIndex) => (seen.push(rowIndex), rowIndex === 1 ? 'stop' : undefined));
    expect(seen).toEqual([0, 1]);
  });

  it('passes a visitor failure through unchanged', async () => {
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'a\n');
    const failure = new Error('visitor bug');
    await expect(
      readCsvRows(path, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it('throws file_unreadable for a missing file', async () => {
    await expect(readCsvRows(join(dir, 'missing.csv'), () => undefined)).rejects.toMatchObject({ code: 'file_unreadable' });
    await expect(readCsvRows(join(dir, 'missing.csv'), () => undefined)).rejects.toBeInstanceOf(PortError);
  });
});

describe('sniffCsvDialect', () => {
  it.each([
    ['commas', 'a,b,c\n1,2,3\n', '.csv', ','],
    ['semicolons', 'a;b;c\n1;2;3\n', '.csv', ';'],
    ['tabs', 'a\tb\tc\n', '.txt', '\t'],
    ['a .tsv file', 'a,b\tc\n', '.tsv', '\t'],
    ['commas inside quotes only', '"a;b;c",d\n', '.csv', ','],
  ])('finds %s', (_name, text, extension, delimiter) => {
    expect(sniffCsvDialect(Buffer.from(text), extension).delimiter).toBe(delimiter);
  });
});
