import { strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FORMULA_NOT_CALCULATED } from '../../../src/domain/ledger/types';
import type { CellValue } from '../../../src/domain/ledger/types';
import { openXlsxReader, readSheetGrid } from '../../../src/xlsx/reader/openXlsxReader';
import { SheetRowParser } from '../../../src/xlsx/reader/SheetRowParser';
import { handBuiltXlsx, toZip64, writeBytes, type HandBuiltOptions } from './handBuiltXlsx';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-reader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of every sheet, by sheet name. */
async function readAll(bytes: Uint8Array): Promise<Record<string, CellValue[][]>> {
  const reader = await openXlsxReader(writeBytes(join(dir, `w${Math.random()}.xlsx`), bytes));
  try {
    const out: Record<string, CellValue[][]> = {};
    for (const sheet of reader.sheets) out[sheet.name] = await readSheetGrid(reader, sheet);
    return out;
  } finally {
    await reader.close();
  }
}

const one = (sheetData: string, extra: Partial<HandBuiltOptions> = {}): Uint8Array => handBuiltXlsx({ sheets: [{ name: 'S', sheetData }], ...extra });

describe('openXlsxReader: text', () => {
  it('joins the runs of a shared string and leaves its phonetic runs out', async () => {
    const bytes = one('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>', {
      sharedStrings: [
        '<r><t>中国</t></r><r><rPr><b/></rPr><t>华能</t></r><rPh sb="0" eb="4"><t>ZHONGGUO</t></rPh><phoneticPr fontId="1"/>',
        '<t xml:space="preserve"> A &amp; B_x000D_</t>',
        '<t>三峡</t><rPh sb="0" eb="2"><t>SANXIA</t></rPh>',
      ],
    });
    expect((await readAll(bytes)).S).toEqual([['中国华能', ' A & B\r', '三峡']]);
  });

  it('joins every run of an inline string, not only the last', async () => {
    const bytes = one('<row r="1"><c r="A1" t="inlineStr"><is><r><t>中国</t></r><r><t>电信</t></r></is></c><c r="B1" t="inlineStr"><is><t>plain</t></is></c></row>');
    expect((await readAll(bytes)).S).toEqual([['中国电信', 'plain']]);
  });

  it('reads numbers, booleans, error texts and formula strings', async () => {
    const bytes = one(
      '<row r="1"><c r="A1"><v>12.5</v></c><c r="B1" t="n"><v>-3E2</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c>' +
        '<c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="str"><f>A1&amp;"x"</f><v>12.5x</v></c></row>',
    );
    expect((await readAll(bytes)).S).toEqual([[12.5, -300, true, false, '#N/A', '12.5x']]);
  });
});

describe('openXlsxReader: formulas', () => {
  it('gives the cached value of a formula, and FORMULA_NOT_CALCULATED when there is none', async () => {
    const bytes = one(
      '<row r="1"><c r="A1"><f>B1*2</f><v>42</v></c><c r="B1"><f>SUM(X:X)</f></c><c r="C1"><f t="shared" si="0" ref="C1:C2"/></c>' +
        '<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1" t="str"><f>""</f><v></v></c><c r="F1"><f>0</f><v>0</v></c></row>',
    );
    expect((await readAll(bytes)).S).toEqual([[42, FORMULA_NOT_CALCULATED, FORMULA_NOT_CALCULATED, '#DIV/0!', null, 0]]);
  });
});

describe('openXlsxReader: dates', () => {
  const styles =
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;万元&quot;"/></numFmts>' +
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>';
  const row = '<row r="1"><c r="A1" s="1"><v>43000</v></c><c r="B1" s="2"><v>43000</v></c><c r="C1" s="3"><v>43000</v></c><c r="D1"><v>43000</v></c></row>';

  it('moves the date-formatted numbers of a 1904 workbook to the 1900 system, and nothing else', async () => {
    const reader = await openXlsxReader(writeBytes(join(dir, 'd.xlsx'), one(row, { styles, date1904: true })));
    expect(reader.date1904).toBe(true);
    expect(await readSheetGrid(reader, reader.sheets[0]!)).toEqual([[44462, 44462, 43000, 43000]]);
    await reader.close();
  });

  it('leaves the serials of a 1900 workbook as they are', async () => {
    expect((await readAll(one(row, { styles }))).S).toEqual([[43000, 43000, 43000, 43000]]);
  });
});

describe('openXlsxReader: rows and cells', () => {
  it('reports rows by their r, leaves out rows without cells, and places cells by their reference or position', async () => {
    const bytes = one('<row r="2"><c r="C2"><v>1</v></c></row><row r="3" spans="1:2"/><row r="5"><c><v>1</v></c><c><v>2</v></c><c r="E5"><v>5</v></c><c><v>6</v></c></row><row><c r="A6" s="3"/></row><row><c><v>7</v></c></row>');
    expect((await readAll(bytes)).S).toEqual([[], [null, null, 1], [], [], [1, 2, null, null, 5, 6], [], [7]]);
  });

  it('gives the same rows however the XML is cut into chunks', () => {
    const xml =
      '<?xml version="1.0"?><worksheet xmlns="m"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>中国</t></r><r><t>电信</t></r></is></c><c r="B1"><v>1.5</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><f>X</f></c><c r="C2" t="b"><v>1</v></c></row><row r="4"><c r="D4"><v>4</v></c></row></sheetData></worksheet>';
    const context = { sharedStrings: ['华能'], dateOffsetDays: 0, dateStyles: new Set<number>() };
    const read = (chunks: readonly string[]): [number, CellValue[]][] => {
      const rows: [number, CellValue[]][] = [];
      const parser = new SheetRowParser(context, (rowIndex, cells) => {
        rows.push([rowIndex, cells]);
        return undefined;
      });
      for (const chunk of chunks) parser.push(chunk);
      return rows;
    };
    const whole = read([xml]);
    expect(whole).toEqual([
      [0, ['中国电信', 1.5]],
      [1, ['华能', FORMULA_NOT_CALCULATED, true]],
      [3, [null, null, null, 4]],
    ]);
    for (let cut = 1; cut < xml.length; cut += 7) expect(read([xml.slice(0, cut), xml.slice(cut)])).toEqual(whole);
    expect(read(xml.split(''))).toEqual(whole);
  });

  it('stops when the handler says so', async () => {
    const reader = await openXlsxReader(writeBytes(join(dir, 's.xlsx'), one('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>')));
    const seen: number[] = [];
    await reader.streamRows(reader.sheets[0]!, (rowIndex) => {
      seen.push(rowIndex);
      return 'stop';
    });
    expect(seen).toEqual([0]);
    await reader.close();
  });

  it('passes a handler failure through unchanged', async () => {
    const reader = await openXlsxReader(writeBytes(join(dir, 'f.xlsx'), one('<row r="1"><c r="A1"><v>1</v></c></row>')));
    const failure = new Error('visitor');
    await expect(
      reader.streamRows(reader.sheets[0]!, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    await reader.close();
  });
});

describe('openXlsxReader: package', () => {
  const data = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>';
  const expected = { S: [['台账', 2]] };

  it('reads stored (uncompressed) entries', async () => {
    expect(await readAll(one(data, { sharedStrings: ['<t>台账</t>'], stored: true }))).toEqual(expected);
  });

  it('reads an archive whose end of central directory is in its Zip64 form', async () => {
    expect(await readAll(toZip64(one(data, { sharedStrings: ['<t>台账</t>'] })))).toEqual(expected);
  });

  it('finds the workbook part through _rels/.rels wherever it is', async () => {
    expect(await readAll(one(data, { sharedStrings: ['<t>台账</t>'], workbookPart: 'book/main.xml' }))).toEqual(expected);
  });

  it('reads elements with a namespace prefix', async () => {
    expect(await readAll(one(data, { sharedStrings: ['<r><t>台</t></r><r><t>账</t></r><rPh sb="0" eb="1"><t>TAI</t></rPh>'], prefix: 'x:' }))).toEqual(expected);
  });

  it('lists worksheets in tab order with their state, sheetId and dimension', async () => {
    const bytes = handBuiltXlsx({
      sheets: [
        { name: 'A & B', sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: '台账', sheetData: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>', head: '<dimension ref="A1:L120"/>' },
        { name: '_s', sheetData: '', state: 'veryHidden' },
      ],
    });
    const reader = await openXlsxReader(writeBytes(join(dir, 'l.xlsx'), bytes));
    expect(reader.sheets.map((s) => [s.name, s.state, s.sheetId, s.tabIndex])).toEqual([
      ['A & B', 'visible', 1, 0],
      ['台账', 'visible', 2, 1],
      ['_s', 'veryHidden', 3, 2],
    ]);
    expect(await reader.dimensionRows(reader.sheets[1]!)).toBe(120);
    expect(await reader.dimensionRows(reader.sheets[0]!)).toBeNull();
    // Without a dimension, the worker decision falls back on the sheet XML's size, from the central directory.
    const parts = unzipSync(bytes);
    expect(reader.partBytes(reader.sheets[1]!)).toBe(parts[reader.sheets[1]!.part.replace(/^\//, '')]?.length);
    expect(reader.partBytes(reader.sheets[0]!)).toBeGreaterThan(0);
    expect(await reader.countRows(reader.sheets[1]!)).toBe(2);
    await reader.close();
  });

  it('throws unsupported_format for a zip that is not a workbook, file_unreadable for one that is not a zip', async () => {
    const docx = writeBytes(join(dir, 'a.xlsx'), zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
    await expect(openXlsxReader(docx)).rejects.toMatchObject({ code: 'unsupported_format' });
    const broken = join(dir, 'b.xlsx');
    writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    await expect(openXlsxReader(broken)).rejects.toMatchObject({ code: 'file_unreadable' });
    await expect(openXlsxReader(join(dir, 'missing.xlsx'))).rejects.toMatchObject({ code: 'file_unreadable' });
  });
});
