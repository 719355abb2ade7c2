import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { openXlsxReader, readSheetGrid } from '../../src/xlsx/reader/openXlsxReader';
import { createFakeExcel, type FakeExcel, type FakeRequestContext } from './fakeExcel';
import { fakeFromXlsx, fakeToXlsx } from './xlsxBridge';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A hand-written package with every item the bridge carries, so the test owns each byte of the input. */
function writeFixture(path: string, options: { date1904?: boolean } = {}): void {
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/book.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    // The workbook part is not at the usual place: the bridge must follow _rels/.rels.
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/book.xml"/></Relationships>`,
    'xl/book.xml':
      `<?xml version="1.0"?><workbook ${NS}><workbookPr${options.date1904 === true ? ' date1904="1"' : ''}/><bookViews><workbookView activeTab="1"/></bookViews>` +
      '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="汇总" sheetId="2" r:id="rId2"/><sheet name="_state" sheetId="3" state="veryHidden" r:id="rId3"/><sheet name="备用" sheetId="4" state="hidden" r:id="rId4"/></sheets>' +
      '<definedNames><definedName name="_LedgerStats_Owner_summary" hidden="1">\'汇总\'!$A$1</definedName><definedName name="台账统计_项目数" comment="项目数">\'汇总\'!$B$2</definedName>' +
      '<definedName name="本表" localSheetId="0">\'台账\'!$A$1:$C$4</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">\'汇总\'!$1:$2</definedName></definedNames></workbook>',
    'xl/_rels/book.xml.rels':
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId4" Type="${REL}/worksheet" Target="worksheets/sheet4.xml"/>` +
      `<Relationship Id="rId5" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId6" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<?xml version="1.0"?><sst ${NS}><si><t>项目名称</t></si><si><t>中国华能</t><rPh sb="0" eb="4"><t>ZHONGGUO</t></rPh></si><si><r><t>中国</t></r><r><rPr><b/></rPr><t>电信</t></r></si></sst>`,
    'xl/styles.xml':
      `<?xml version="1.0"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>` +
      '<dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs></styleSheet>',
    'xl/worksheets/sheet1.xml':
      `<?xml version="1.0"?><worksheet ${NS}><sheetData>` +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c><c r="C1" t="str"><v>日期</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>12.5</v></c><c r="C2" s="1"><v>45200</v></c><c r="D2" t="b"><v>1</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><f>B2*2</f><v>25</v></c><c r="C3" s="2"><v>45201</v></c><c r="D3" t="e"><v>#N/A</v></c></row>' +
      '<row r="4"><c r="A4" t="inlineStr"><is><r><t>招商</t></r><r><t>局</t></r><rPh sb="0" eb="1"><t>ZHAO</t></rPh></is></c><c r="B4"><f>SUBTOTAL(9,B2:B3)</f><v>37.5</v></c><c r="C4"><f>B2+1</f></c></row>' +
      '</sheetData><conditionalFormatting sqref="A2:B3 D4"><cfRule type="expression" dxfId="0" priority="1" stopIfTrue="1"><formula>TRUE</formula></cfRule></conditionalFormatting>' +
      '<conditionalFormatting sqref="C2"><cfRule type="cellIs" dxfId="0" priority="2" operator="greaterThan"><formula>1</formula></cfRule></conditionalFormatting>' +
      '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>',
    'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`,
    'xl/tables/table1.xml': `<?xml version="1.0"?><table ${NS} id="1" name="Table1" displayName="台账表" ref="A1:C3"><tableColumns count="3"/></table>`,
    'xl/worksheets/sheet2.xml': `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="str"><v>汇总</v></c></row><row r="2"><c r="B2"><f>COUNTA(台账!A2:A4)</f><v>3</v></c></row></sheetData></worksheet>`,
    'xl/worksheets/sheet3.xml': `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="str"><v>ledger-stats/state</v></c></row></sheetData></worksheet>`,
    'xl/worksheets/sheet4.xml': `<?xml version="1.0"?><worksheet ${NS}><sheetData/></worksheet>`,
  };
  writeFileSync(path, zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
}

/** The text of one part of a saved package. */
function partText(path: string, part: string): string {
  const bytes = unzipSync(readFileSync(path))[part];
  if (bytes === undefined) throw new Error(`${path} has no ${part}`);
  return strFromU8(bytes);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-bridge-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, options: { date1904?: boolean } = {}): string {
  const path = join(dir, name);
  writeFixture(path, options);
  return path;
}

describe('fakeFromXlsx', () => {
  it('holds the worksheets in tab order with their visibility, and the active sheet', () => {
    const snapshot = fakeFromXlsx(fixture('order.xlsx')).snapshot();
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['台账', 'Visible'],
      ['汇总', 'Visible'],
      ['_state', 'VeryHidden'],
      ['备用', 'Hidden'],
    ]);
    expect(snapshot.activeSheet).toBe('汇总');
  });

  it('reads text without phonetic runs and with every rich-text run, numbers, booleans, errors and date serials', () => {
    const sheet = fakeFromXlsx(fixture('values.xlsx')).snapshot().sheets[0]!;
    expect(sheet.values).toEqual([
      ['项目名称', '金额', '日期', ''],
      ['中国华能', 12.5, 45200, true],
      ['中国电信', 25, 45201, '#N/A'],
      ['招商局', 37.5, 13.5, ''],
    ]);
    expect(sheet.numberFormats).toEqual({ C2: 'yyyy-mm', C3: 'm/d/yyyy' });
  });

  it('keeps the serials a 1904-system file stores, in a fake in the 1904 date system (workbookPr date1904)', () => {
    const fake = fakeFromXlsx(fixture('d1904.xlsx', { date1904: true }));
    expect(fake.getSheetValues('台账')[1]?.[2]).toBe(45200);
    expect(fake.date1904).toBe(true);
    expect(fakeFromXlsx(fixture('d1900.xlsx')).date1904).toBe(false);
  });

  it('keeps formulas the fake evaluates to their cached value, and computes those without one', () => {
    const fake = fakeFromXlsx(fixture('formulas.xlsx'));
    expect(fake.snapshot().sheets[0]!.formulas).toEqual({ B3: '=B2*2', C4: '=B2+1' });
    expect(fake.snapshot().sheets[1]!.formulas).toEqual({ B2: '=COUNTA(台账!A2:A4)' });
  });

  it('stores the cached value of a formula the fake cannot evaluate, or fails on it when asked', () => {
    expect(fakeFromXlsx(fixture('subtotal.xlsx')).getSheetValues('台账')[3]?.[1]).toBe(37.5);
    expect(() => fakeFromXlsx(fixture('subtotal-throw.xlsx'), { unevaluable: 'throw' })).toThrow(/台账!B4 =SUBTOTAL\(9,B2:B3\) is #NAME\? in the fake, 37.5 in the file/);
  });

  it('holds defined names with their scope and hidden flag, and print titles as the sheet setting', () => {
    const fake = fakeFromXlsx(fixture('names.xlsx'));
    expect(fake.definedNames).toEqual([
      { name: '_LedgerStats_Owner_summary', formula: "='汇总'!$A$1", scope: null, visible: false },
      { name: '台账统计_项目数', formula: "='汇总'!$B$2", scope: null, visible: true },
      { name: '本表', formula: "='台账'!$A$1:$C$4", scope: '台账', visible: true },
    ]);
    expect(fake.printSettings('汇总').titleRows).toBe('$1:$2');
  });

  it('holds expression conditional formats (one per range) with formula, fill and stop-if-true, and tables', () => {
    const sheet = fakeFromXlsx(fixture('cf.xlsx')).snapshot().sheets[0]!;
    expect(sheet.conditionalFormats.map(({ type, address, stopIfTrue, rule, format }) => ({ type, address, stopIfTrue, rule, format }))).toEqual([
      { type: 'Custom', address: 'A2:B3', stopIfTrue: true, rule: { formula: '=TRUE' }, format: { fill: '#FFC7CE' } },
      { type: 'Custom', address: 'D4', stopIfTrue: true, rule: { formula: '=TRUE' }, format: { fill: '#FFC7CE' } },
    ]);
    expect(sheet.tables.map((t) => [t.name, t.address, t.headers])).toEqual([['台账表', 'A1:C3', ['项目名称', '金额', '日期']]]);
  });
});

/** The snapshot parts the bridge carries, without the fake's ids. */
function carried(fake: FakeExcel): unknown {
  const snapshot = fake.snapshot();
  return {
    active: snapshot.activeSheet,
    sheets: snapshot.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      values: s.values,
      formulas: s.formulas,
      numberFormats: s.numberFormats,
      // Stop-if-true is read, not written (ExcelJS drops it; no rule of ours sets it).
      conditionalFormats: s.conditionalFormats.map(({ type, address, rule, format }) => ({ type, address, rule, format })),
      tables: s.tables.map(({ name, address, headers }) => ({ name, address, headers })),
      titleRows: fake.printSettings(s.name).titleRows,
    })),
    names: fake.definedNames,
  };
}

describe('fakeToXlsx', () => {
  it('writes a file that opens as the same workbook', async () => {
    const before = fakeFromXlsx(fixture('round.xlsx'));
    const out = join(dir, 'round.out.xlsx');
    await fakeToXlsx(before, out);
    expect(carried(fakeFromXlsx(out, { unevaluable: 'throw' }))).toEqual(carried(before));
  });

  it('writes the 1904 date system of a fake in it (read from a 1904 file), keeping the serials', async () => {
    const out = join(dir, 'd1904.out.xlsx');
    await fakeToXlsx(fakeFromXlsx(fixture('d1904-round.xlsx', { date1904: true })), out);
    expect(partText(out, 'xl/workbook.xml')).toMatch(/<workbookPr[^>]* date1904="1"/);
    expect(fakeFromXlsx(out).getSheetValues('台账')[1]?.[2]).toBe(45200);
  });

  it("writes what the add-in did through Office.js: a very hidden sheet, hidden names, a custom rule, formulas' values cached", async () => {
    const fake = createFakeExcel({ apiVersion: '1.16', sheets: { 台账: [['项目', 2], ['合计', '=B1*3']] } });
    await fake.run(async (context: FakeRequestContext) => {
      const sheet = context.workbook.worksheets.add('_state');
      sheet.getRange('A1').values = [['ledger-stats/state']];
      sheet.visibility = 'VeryHidden';
      const owner = context.workbook.names.add('_LedgerStats_Owner_state', sheet.getRange('A1'));
      owner.visible = false;
      const rule = context.workbook.worksheets.getItem('台账').getRange('A1:B2').conditionalFormats.add('Custom');
      rule.custom.rule.formula = '=TRUE';
      rule.custom.format.fill.color = '#FFEB9C';
      await context.sync();
    });
    const out = join(dir, 'addin.xlsx');
    await fakeToXlsx(fake, out);

    const reader = await openXlsxReader(out);
    try {
      expect(reader.sheets.map((s) => [s.name, s.state])).toEqual([
        ['台账', 'visible'],
        ['_state', 'veryHidden'],
      ]);
      expect(await readSheetGrid(reader, reader.sheets[0]!)).toEqual([
        ['项目', 2],
        ['合计', 6],
      ]);
    } finally {
      await reader.close();
    }
    expect(partText(out, 'xl/workbook.xml')).toContain('<definedName name="_LedgerStats_Owner_state" hidden="1">_state!$A$1</definedName>');
    expect(partText(out, 'xl/worksheets/sheet1.xml')).toMatch(/<conditionalFormatting sqref="A1:B2"><cfRule type="expression" dxfId="\d+" priority="1"><formula>TRUE<\/formula><\/cfRule><\/conditionalFormatting>/);
    expect(fakeFromXlsx(out).snapshot().sheets[0]!.conditionalFormats[0]?.format).toEqual({ fill: '#FFEB9C' });
  });
});
