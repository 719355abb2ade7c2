import { markRuleSheet } from '../../../src/workflows/markRuleSheet';
import { replaceMarksInTail, rewriteSheetMarks } from '../../../src/xlsx/writer/rewriteSheetMarks';

/** The add-in's rules as the writer recognises them: the mark formula reading the helper, or `#REF!` once it is gone. */
const isAddinMark = (formula: string): boolean => {
  const sheet = markRuleSheet(`=${formula}`);
  return sheet === null || sheet === '_ledger_marks';
};

const X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"';
const XM = 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';
const CF_EXT = `<ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" ${X14}>`;
const DV_EXT = `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" ${X14}><x14:dataValidations count="1"><x14:dataValidation type="list"><x14:formula1><xm:f>'表'!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>C2:C9</xm:sqref></x14:dataValidation></x14:dataValidations></ext>`;
const USER_CF = '<conditionalFormatting sqref="A1:B2"><cfRule type="cellIs" dxfId="0" priority="3" operator="greaterThan"><formula>5</formula></cfRule></conditionalFormatting>';
const MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

/** An x14 rule as Excel stores a conditional format that reads another sheet. */
const x14Rule = (formula: string, priority: number): string =>
  `<x14:cfRule type="expression" priority="${priority}" id="{00000000-0001-0000-0000-00000000000${priority}}"><xm:f>${formula}</xm:f><x14:dxf><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></x14:dxf></x14:cfRule>`;
const x14Format = (rules: string, sqref = 'A1:H40'): string => `<x14:conditionalFormatting ${XM}>${rules}<xm:sqref>${sqref}</xm:sqref></x14:conditionalFormatting>`;
const ERROR_RULE = `MID('_ledger_marks'!$B1,COLUMN(),1)="e"`;
const WARNING_RULE = `MID('_ledger_marks'!$B1,COLUMN(),1)="w"`;

describe('replaceMarksInTail: the add-in\u2019s marks', () => {
  it('removes them from the x14 extension, and the extension elements left empty', () => {
    const tail = `${USER_CF}${MARGINS}<extLst>${CF_EXT}<x14:conditionalFormattings>${x14Format(x14Rule(ERROR_RULE, 1) + x14Rule(WARNING_RULE, 2))}</x14:conditionalFormattings></ext></extLst></worksheet>`;
    expect(replaceMarksInTail(tail, new Set(), '', isAddinMark)).toBe(`${USER_CF}${MARGINS}</worksheet>`);
  });

  it('keeps a user\u2019s x14 rule beside them, and the other extensions of the sheet', () => {
    const userRule = x14Rule(`'表'!$A$1>3`, 3);
    const tail = `${MARGINS}<extLst>${CF_EXT}<x14:conditionalFormattings>${x14Format(x14Rule(ERROR_RULE, 1) + userRule)}${x14Format(x14Rule(WARNING_RULE, 2), 'C3')}</x14:conditionalFormattings></ext>${DV_EXT}</extLst></worksheet>`;
    expect(replaceMarksInTail(tail, new Set(), '', isAddinMark)).toBe(`${MARGINS}<extLst>${CF_EXT}<x14:conditionalFormattings>${x14Format(userRule)}</x14:conditionalFormattings></ext>${DV_EXT}</extLst></worksheet>`);
  });

  it('removes them in the main part, where ExcelJS writes them, escaped or not, and a rule left at #REF!', () => {
    const rule = (formula: string, priority: number): string => `<cfRule type="expression" dxfId="1" priority="${priority}"><formula>${formula}</formula></cfRule>`;
    const ours = `<conditionalFormatting sqref="A1:H40">${rule(ERROR_RULE.replace(/"/g, '&quot;').replace(/'/g, '&apos;'), 1)}${rule(WARNING_RULE, 2)}</conditionalFormatting>`;
    const broken = `<conditionalFormatting sqref="A1:H9">${rule('MID(#REF!$B1,COLUMN(),1)="e"', 4)}</conditionalFormatting>`;
    const mixed = `<conditionalFormatting sqref="B2:B9">${rule(WARNING_RULE, 5)}${rule('$B2>100', 6)}</conditionalFormatting>`;
    const tail = `${USER_CF}${ours}${broken}${mixed}${MARGINS}</worksheet>`;
    expect(replaceMarksInTail(tail, new Set(), '', isAddinMark)).toBe(`${USER_CF}<conditionalFormatting sqref="B2:B9">${rule('$B2>100', 6)}</conditionalFormatting>${MARGINS}</worksheet>`);
  });

  it('keeps a rule of the same shape that reads a user\u2019s sheet', () => {
    const user = `<conditionalFormatting sqref="A1:C3"><cfRule type="expression" dxfId="2" priority="1"><formula>MID('我的表'!$B1,COLUMN(),1)="e"</formula></cfRule></conditionalFormatting>`;
    const tail = `${user}${MARGINS}<extLst>${CF_EXT}<x14:conditionalFormattings>${x14Format(x14Rule(`MID('我的表'!$B1,COLUMN(),1)="w"`, 2))}</x14:conditionalFormattings></ext></extLst></worksheet>`;
    expect(replaceMarksInTail(tail, new Set(), '', isAddinMark)).toBe(tail);
  });

  it('leaves them alone when not asked to remove them', () => {
    const tail = `${MARGINS}<extLst>${CF_EXT}<x14:conditionalFormattings>${x14Format(x14Rule(ERROR_RULE, 1))}</x14:conditionalFormattings></ext></extLst></worksheet>`;
    expect(replaceMarksInTail(tail, new Set(), '')).toBe(tail);
  });
});

describe('rewriteSheetMarks', () => {
  it('passes the cells through and replaces the CLI\u2019s own marks and the add-in\u2019s in the tail', async () => {
    const head = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    const oldMark = '<conditionalFormatting sqref="B3"><cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>';
    const added = '<conditionalFormatting sqref="C4"><cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>';
    const tail = `${oldMark}${MARGINS}<extLst>${CF_EXT}<x14:conditionalFormattings>${x14Format(x14Rule(ERROR_RULE, 1))}</x14:conditionalFormattings></ext></extLst></worksheet>`;
    const bytes = Buffer.from(head + tail);
    async function* chunks(): AsyncIterable<Buffer> {
      for (let at = 0; at < bytes.length; at += 7) yield bytes.subarray(at, at + 7);
    }
    let out = '';
    for await (const piece of rewriteSheetMarks(chunks(), new Set(['B3']), added, isAddinMark)) out += piece.toString();
    expect(out).toBe(`${head}${added}${MARGINS}</worksheet>`);
  });
});
