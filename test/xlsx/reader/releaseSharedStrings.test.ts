import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { openXlsxReader, readSheetGrid } from '../../../src/xlsx/reader/openXlsxReader';
import { handBuiltXlsx, writeBytes } from './handBuiltXlsx';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-reader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('XlsxReader.releaseSharedStrings', () => {
  it('lets a later read read the shared strings again, with the same text', async () => {
    const bytes = handBuiltXlsx({
      sheets: [{ name: 'S', sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' }],
      sharedStrings: ['<t>中国华能</t>', '<r><t>三</t></r><r><t>峡</t></r>'],
    });
    const reader = await openXlsxReader(writeBytes(join(dir, 'w.xlsx'), bytes));
    try {
      const sheet = reader.sheets[0];
      if (sheet === undefined) throw new Error('no sheet');
      const before = await readSheetGrid(reader, sheet);
      reader.releaseSharedStrings();
      expect(await readSheetGrid(reader, sheet)).toEqual(before);
      expect(before).toEqual([['中国华能', '三峡']]);
    } finally {
      await reader.close();
    }
  });
});
