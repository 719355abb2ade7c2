import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CellValue } from '../../../src/domain/ledger/types';
import { openXlsxReader, readSheetGrid } from '../../../src/xlsx/reader/openXlsxReader';
import { dateToSerial } from '../../../src/xlsx/toCellValue';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-reader-prop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text a ledger cell may hold: CJK, ASCII with XML's special characters, spaces and line breaks. */
const text = fc
  .array(fc.constantFrom(...'中国华能电信台账 ab&<>"\'\n12.5约亿万%_x'.split('')), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''))
  // Excel escapes a literal "_xHHHH_" as "_x005F_xHHHH_"; ExcelJS writes it bare, which Excel itself would decode.
  .filter((s) => !/_x[0-9a-fA-F]{4}_/.test(s));
const cell: fc.Arbitrary<string | number | boolean | Date | null> = fc.oneof(
  text,
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.boolean(),
  fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }),
  fc.constant(null),
);
const grid = fc.array(fc.array(cell, { maxLength: 8 }), { minLength: 1, maxLength: 12 });

/** What the reader should give for a written cell: a date as its 1900-system serial, -0 as 0, "" and null as absent. */
function expected(value: string | number | boolean | Date | null): CellValue {
  if (value instanceof Date) return dateToSerial(value);
  if (value === '' || value === null) return null;
  if (value === 0) return 0;
  return value;
}

/** A grid as the reader reports it: trailing blanks trimmed, empty rows as []. */
function normalise(rows: readonly (readonly (string | number | boolean | Date | null)[])[]): CellValue[][] {
  const out = rows.map((row) => {
    const cells = row.map(expected);
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    return cells;
  });
  while (out.length > 0 && (out[out.length - 1]?.length ?? 0) === 0) out.pop();
  return out;
}

async function roundTrip(rows: readonly (readonly (string | number | boolean | Date | null)[])[], date1904: boolean): Promise<CellValue[][]> {
  const workbook = new ExcelJS.Workbook();
  if (date1904) workbook.properties.date1904 = true;
  const sheet = workbook.addWorksheet('S');
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null) return;
      const target = sheet.getCell(r + 1, c + 1);
      target.value = value;
      if (value instanceof Date) target.numFmt = 'yyyy-mm-dd';
    }),
  );
  const path = join(dir, `g${Math.random()}.xlsx`);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  const reader = await openXlsxReader(path);
  try {
    const read = await readSheetGrid(reader, reader.sheets[0]!);
    while (read.length > 0 && (read[read.length - 1]?.length ?? 0) === 0) read.pop();
    return read;
  } finally {
    await reader.close();
  }
}

describe('openXlsxReader on workbooks written by ExcelJS', () => {
  it('reads random grids back as written (dates as 1900-system serials)', async () => {
    await fc.assert(
      fc.asyncProperty(grid, async (rows) => {
        const read = await roundTrip(rows, false);
        expect(read).toEqual(normalise(rows));
      }),
      { numRuns: 40 },
    );
  });

  it('reads the dates of a 1904-system workbook as 1900-system serials', async () => {
    await fc.assert(
      fc.asyncProperty(grid, async (rows) => {
        const read = await roundTrip(rows, true);
        const want = normalise(rows);
        // Serials are whole days plus a fraction; 1904 ↔ 1900 is exact in days but not in binary fractions.
        read.forEach((row, r) => row.forEach((v, c) => (typeof v === 'number' && typeof want[r]?.[c] === 'number' ? expect(v).toBeCloseTo(want[r]?.[c] as number, 6) : expect(v).toEqual(want[r]?.[c]))));
        expect(read.map((row) => row.length)).toEqual(want.map((row) => row.length));
      }),
      { numRuns: 25 },
    );
  });
});
