import ExcelJS from 'exceljs';
import { EMPTY_STATE_DOC, STATE_CHUNK_CHARS, STATE_MARKER, type StateSheetDoc } from '../../src/workflows/stateSheet';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';
import { findStateSheet, readStateDoc, writeStateDoc } from '../../src/xlsx/ledgerStateSheet';
import { writeFormat1State } from './format1State';

const doc = (snapshot: string): Omit<StateSheetDoc, 'legacyOwned'> => ({
  settings: { ...DEFAULT_SETTINGS, soeAttribution: 'split', mapping: { totalInvestment: 'F' } },
  snapshot,
  lastRefresh: '2025-09-30T06:00:00.000Z',
  marks: [{ sheet: '台账', severity: 'error', ref: 'F12:F14 G3' }],
});

async function reload(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const reloaded = new ExcelJS.Workbook();
  await reloaded.xlsx.load(await workbook.xlsx.writeBuffer());
  return reloaded;
}

describe('writeStateDoc / readStateDoc', () => {
  it('round-trip a format-2 state through a file, in a very hidden sheet, with a long baseline cut into chunks', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账');
    const long = '项'.repeat(STATE_CHUNK_CHARS * 2 + 5);
    writeStateDoc(workbook, doc(long));
    const reloaded = await reload(workbook);
    const sheet = findStateSheet(reloaded)!;
    expect(sheet.state).toBe('veryHidden');
    expect([sheet.getCell('A1').value, sheet.getCell('B1').value, sheet.getCell('C1').value]).toEqual([STATE_MARKER, 2, 'C']);
    expect(sheet.getCell('C3').value).toBe(3);
    expect(readStateDoc(reloaded)).toEqual({ ...doc(long), legacyOwned: [] });
  });

  it('replace the previous state in place, keeping its name, rather than adding a second state sheet', () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账');
    writeFormat1State(workbook, { snapshot: 'a' }).name = '台账统计_状态_请勿修改';
    writeStateDoc(workbook, doc('b'));
    expect(workbook.worksheets.filter((w) => w.getCell('A1').value === STATE_MARKER).map((w) => w.name)).toEqual(['台账统计_状态_请勿修改']);
    expect(readStateDoc(workbook).snapshot).toBe('b');
  });

  it('choose another name when a user sheet is called _ledger_stats, and never read that sheet as state', () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('_ledger_stats').getCell('A1').value = 'user data';
    expect(readStateDoc(workbook)).toBe(EMPTY_STATE_DOC);
    writeStateDoc(workbook, doc('x'));
    expect(findStateSheet(workbook)?.name).toBe('_ledger_stats_2');
    expect(workbook.getWorksheet('_ledger_stats')?.getCell('A1').value).toBe('user data');
  });

  it('read text that another program saved as rich text (LibreOffice: one run per script)', () => {
    const workbook = new ExcelJS.Workbook();
    writeStateDoc(workbook, doc('{"p":["华能风电"]}'));
    findStateSheet(workbook)!.getCell('C4').value = { richText: [{ text: '{"p":["' }, { text: '华能风电', font: { name: 'Noto Sans CJK SC' } }, { text: '"]}' }] };
    expect(readStateDoc(workbook).snapshot).toBe('{"p":["华能风电"]}');
  });

  it('read a format-1 state, its owned records kept for migration and ill-typed fields dropped', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账');
    writeFormat1State(
      workbook,
      {
        settings: { soeAttribution: 'bogus', decimals: 2, lang: 'fr', source: { kind: 'sheet', name: '台账' } },
        snapshot: '{"p":1}',
        lastRefresh: '2025-06-30T00:00:00.000Z',
        owned: [{ role: 'summary', name: '汇总', sheetId: 4 }, { role: 'nope', name: 'x', sheetId: 1 }, 'junk'],
        marks: [{ sheet: 'S', severity: 'info', ref: 'A1' }, { sheet: '台账', severity: 'warning', ref: 'B2' }],
      },
      10,
    );
    expect(readStateDoc(await reload(workbook))).toEqual({
      settings: { ...DEFAULT_SETTINGS, decimals: 2, source: { kind: 'sheet', name: '台账' } },
      snapshot: '{"p":1}',
      lastRefresh: '2025-06-30T00:00:00.000Z',
      marks: [{ sheet: '台账', severity: 'warning', ref: 'B2' }],
      legacyOwned: [{ role: 'summary', name: '汇总', sheetId: 4 }],
    });
  });
});
