import ExcelJS from 'exceljs';
import {
  chunkText,
  EMPTY_STATE,
  findStateSheet,
  parseStateDoc,
  readStateDoc,
  STATE_CHUNK_CHARS,
  STATE_MARKER,
  writeStateDoc,
  type LedgerStateDoc,
} from '../../src/xlsx/ledgerStateSheet';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';

const doc = (snapshot: string): LedgerStateDoc => ({
  settings: { ...DEFAULT_SETTINGS, soeAttribution: 'split', mapping: { totalInvestment: 'F' } },
  snapshot,
  lastRefresh: '2025-09-30T06:00:00.000Z',
  owned: [{ role: 'summary', name: '汇总', sheetId: 3 }],
  marks: [{ sheet: '台账', severity: 'error', ref: 'F12:F14 G3' }],
});

describe('writeStateDoc / readStateDoc', () => {
  it('round-trip the state through a file, in a very hidden sheet, with long JSON cut into chunks', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账');
    const long = '项'.repeat(STATE_CHUNK_CHARS * 2 + 5);
    writeStateDoc(workbook, doc(long));
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load(await workbook.xlsx.writeBuffer());
    const sheet = findStateSheet(reloaded)!;
    expect(sheet.state).toBe('veryHidden');
    expect(sheet.getCell('A1').value).toBe(STATE_MARKER);
    expect(sheet.getCell('C1').value).toBe(3);
    expect(readStateDoc(reloaded)).toEqual(doc(long));
  });

  it('replace the previous state rather than adding a second state sheet', () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账');
    writeStateDoc(workbook, doc('a'));
    writeStateDoc(workbook, doc('b'));
    expect(workbook.worksheets.filter((w) => w.getCell('A1').value === STATE_MARKER)).toHaveLength(1);
    expect(readStateDoc(workbook).snapshot).toBe('b');
  });

  it('choose another name when a user sheet is called _ledger_stats, and never read that sheet as state', () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('_ledger_stats').getCell('A1').value = 'user data';
    expect(readStateDoc(workbook)).toBe(EMPTY_STATE);
    writeStateDoc(workbook, doc('x'));
    expect(findStateSheet(workbook)?.name).toBe('_ledger_stats_2');
    expect(workbook.getWorksheet('_ledger_stats')?.getCell('A1').value).toBe('user data');
  });
});

describe('parseStateDoc', () => {
  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['null', 'null'],
  ])('gives the empty state for %s', (_name, text) => {
    expect(parseStateDoc(text)).toBe(EMPTY_STATE);
  });

  it('drops ill-typed fields and keeps the good ones', () => {
    const parsed = parseStateDoc(
      JSON.stringify({
        settings: { soeAttribution: 'bogus', decimals: 2, lang: 'fr', mapping: { name: 3 }, source: { kind: 'sheet', name: '台账' } },
        snapshot: 5,
        owned: [{ role: 'summary', name: '汇总', sheetId: 4 }, { role: 'nope', name: 'x', sheetId: 1 }, 'junk'],
        marks: [{ sheet: 'S', severity: 'info', ref: 'A1' }],
      }),
    );
    expect(parsed.settings).toEqual({ ...DEFAULT_SETTINGS, decimals: 2, source: { kind: 'sheet', name: '台账' } });
    expect(parsed.snapshot).toBeNull();
    expect(parsed.owned).toEqual([{ role: 'summary', name: '汇总', sheetId: 4 }]);
    expect(parsed.marks).toEqual([]);
  });
});

describe('chunkText', () => {
  it('cuts text into chunks without splitting a surrogate pair', () => {
    const chunks = chunkText('ab😀cd', 3);
    expect(chunks.join('')).toBe('ab😀cd');
    expect(chunks.every((c) => c.length <= 3)).toBe(true);
    expect(chunks[0]).toBe('ab');
  });
});
