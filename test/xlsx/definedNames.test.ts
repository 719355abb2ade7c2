import { readDefinedNames, toLoadedName, withDefinedNames, withSheetsRemoved } from '../../src/xlsx/definedNames';

const SHEETS = '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="_ledger_marks" sheetId="2" state="veryHidden" r:id="rId2"/><sheet name="报告" sheetId="3" r:id="rId3"/></sheets>';
const NAMES =
  '<definedNames><definedName name="_LedgerStats_Owner_summary" hidden="1">\'汇总\'!$A$1</definedName>' +
  '<definedName name="区域" localSheetId="2">\'报告\'!$A$1</definedName><definedName name="旗" localSheetId="1">\'_ledger_marks\'!$B:$B</definedName>' +
  '<definedName name="比较">IF(1&lt;2,1,0)</definedName></definedNames>';

describe('readDefinedNames', () => {
  it('reads each name with its scope, visibility and decoded formula', () => {
    expect(readDefinedNames(`<workbook>${SHEETS}${NAMES}</workbook>`)).toEqual([
      { name: '_LedgerStats_Owner_summary', localSheetId: null, hidden: true, formula: "'汇总'!$A$1" },
      { name: '区域', localSheetId: 2, hidden: false, formula: "'报告'!$A$1" },
      { name: '旗', localSheetId: 1, hidden: false, formula: "'_ledger_marks'!$B:$B" },
      { name: '比较', localSheetId: null, hidden: false, formula: 'IF(1<2,1,0)' },
    ]);
    expect(readDefinedNames('<x:workbook><x:definedNames><x:definedName name="a">#REF!$A$1</x:definedName></x:definedNames></x:workbook>').map(toLoadedName)).toEqual([
      { name: 'a', type: 'Error', value: '#REF!$A$1' },
    ]);
  });
});

describe('withDefinedNames', () => {
  it('replaces a name of the same scope whatever its case, and keeps the others', () => {
    const xml = withDefinedNames(`<workbook>${SHEETS}${NAMES}</workbook>`, '', [
      { name: '_ledgerstats_owner_SUMMARY', localSheetId: null, hidden: true, formula: "'九月汇总'!$A$1" },
      { name: '区域', localSheetId: null, hidden: false, formula: "'报告'!$B$2" },
    ]);
    expect(readDefinedNames(xml).map((n) => [n.name, n.localSheetId, n.formula])).toEqual([
      ['区域', 2, "'报告'!$A$1"],
      ['旗', 1, "'_ledger_marks'!$B:$B"],
      ['比较', null, 'IF(1<2,1,0)'],
      ['_ledgerstats_owner_SUMMARY', null, "'九月汇总'!$A$1"],
      ['区域', null, "'报告'!$B$2"],
    ]);
  });

  it('adds the definedNames element before calcPr when there is none', () => {
    expect(withDefinedNames(`<workbook>${SHEETS}<calcPr calcId="1"/></workbook>`, '', [{ name: 'n', localSheetId: null, hidden: false, formula: "'台账'!$A$1" }])).toBe(
      `<workbook>${SHEETS}<definedNames><definedName name="n">'台账'!$A$1</definedName></definedNames><calcPr calcId="1"/></workbook>`,
    );
  });
});

describe('withSheetsRemoved', () => {
  it('drops the names scoped to a removed sheet, moves later ones down, and keeps the active tab on a sheet', () => {
    const xml = withSheetsRemoved(`<workbook><bookViews><workbookView activeTab="2" firstSheet="1"/></bookViews>${SHEETS}${NAMES}</workbook>`, '', new Set([1]), 3);
    expect(readDefinedNames(xml).map((n) => [n.name, n.localSheetId])).toEqual([
      ['_LedgerStats_Owner_summary', null],
      ['区域', 1],
      ['比较', null],
    ]);
    expect(xml).toContain('<workbookView activeTab="1" firstSheet="1"/>');
    expect(withSheetsRemoved('<workbook><bookViews><workbookView activeTab="2"/></bookViews></workbook>', '', new Set([2]), 3)).toContain('activeTab="1"');
  });
});
