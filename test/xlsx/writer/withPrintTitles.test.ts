import { withPrintTitles } from '../../../src/xlsx/writer/withPrintTitles';

const SHEETS = '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="汇总" sheetId="2" r:id="rId2"/><sheet name="O&apos;Brien" sheetId="3" r:id="rId3"/></sheets>';

describe('withPrintTitles', () => {
  it('adds a definedNames element before calcPr, scoped by the sheet position', () => {
    const xml = `<workbook>${SHEETS}<calcPr calcId="191029"/></workbook>`;
    expect(withPrintTitles(xml, '', [{ sheet: '汇总', first: 0, last: 0 }])).toBe(
      `<workbook>${SHEETS}<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'汇总'!$1:$1</definedName></definedNames><calcPr calcId="191029"/></workbook>`,
    );
  });

  it("replaces a former refresh's print titles of the same sheet and keeps every other name", () => {
    const names =
      '<definedNames><definedName name="台账统计_总投资">\'汇总\'!$B$12</definedName>' +
      '<definedName name="_xlnm.Print_Titles" localSheetId="0">\'台账\'!$1:$4</definedName>' +
      '<definedName name="_xlnm.Print_Titles" localSheetId="1">\'汇总\'!$1:$3</definedName></definedNames>';
    const xml = `<x:workbook>${SHEETS.replace(/<(\/?)sheet/g, '<$1x:sheet')}${names.replace(/<(\/?)defined/g, '<$1x:defined')}</x:workbook>`;
    const out = withPrintTitles(xml, 'x:', [{ sheet: "O'Brien", first: 5, last: 6 }, { sheet: '汇总', first: 0, last: 0 }]);
    expect(out.match(/<x:definedName [^>]*>[^<]*/g)).toEqual([
      '<x:definedName name="台账统计_总投资">\'汇总\'!$B$12',
      '<x:definedName name="_xlnm.Print_Titles" localSheetId="0">\'台账\'!$1:$4',
      '<x:definedName name="_xlnm.Print_Titles" localSheetId="2">\'O\'\'Brien\'!$6:$7',
      '<x:definedName name="_xlnm.Print_Titles" localSheetId="1">\'汇总\'!$1:$1',
    ]);
  });

  it('leaves the part alone when no named sheet is in it', () => {
    const xml = `<workbook>${SHEETS}</workbook>`;
    expect(withPrintTitles(xml, '', [{ sheet: '变动', first: 0, last: 0 }])).toBe(xml);
    expect(withPrintTitles(xml, '', [])).toBe(xml);
  });
});
