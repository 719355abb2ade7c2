import ExcelJS from 'exceljs';
import { writeFileSync } from 'fs';
import type { CellValue } from '../../src/domain/ledger/types';

/** A sheet of a fixture workbook: rows from A1, merges as A1 ranges ("H4:I4"). */
export interface FixtureSheet {
  readonly name: string;
  readonly grid: readonly (readonly (CellValue | ExcelJS.CellValue)[])[];
  readonly merges?: readonly string[];
  readonly state?: 'visible' | 'hidden' | 'veryHidden';
}

/** Build a workbook from grids. Merged cells other than the top-left must be `null` in the grid. */
export function gridWorkbook(sheets: readonly FixtureSheet[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, sheet.state === undefined ? {} : { state: sheet.state });
    sheet.grid.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null && value !== undefined && value !== '') ws.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue;
      });
    });
    for (const range of sheet.merges ?? []) ws.mergeCells(range);
  }
  return workbook;
}

/** Write a fixture workbook to `path`. */
export async function writeGridXlsx(path: string, sheets: readonly FixtureSheet[]): Promise<void> {
  await gridWorkbook(sheets).xlsx.writeFile(path);
}

/**
 * A file shaped like a password-protected .xlsx: an OLE compound file (CFB signature) whose
 * directory names an "EncryptedPackage" stream (MS-OFFCRYPTO). Enough for format detection.
 */
export function writeEncryptedLikeFile(path: string): void {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(512);
  Buffer.from('EncryptionInfo', 'utf16le').copy(directory, 0);
  Buffer.from('EncryptedPackage', 'utf16le').copy(directory, 128);
  writeFileSync(path, Buffer.concat([header, directory]));
}

/** A file shaped like a legacy .xls: an OLE compound file with a "Workbook" stream. */
export function writeLegacyXlsLikeFile(path: string): void {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(512);
  Buffer.from('Workbook', 'utf16le').copy(directory, 0);
  writeFileSync(path, Buffer.concat([header, directory]));
}

/** The header row and merges of the two-row ledger header used by the fixtures (row 1 = title). */
export const LEDGER_HEADER_MERGES = ['H4:I4'];
