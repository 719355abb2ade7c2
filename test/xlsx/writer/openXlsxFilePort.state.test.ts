import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KEY_FIGURE_NAMES } from '../../../src/domain';
import { MARKS_SHEET_MARKER } from '../../../src/workflows/markRuleSheet';
import { refresh, type RunReport } from '../../../src/workflows/refresh';
import { EMPTY_STATE_DOC, STATE_FORMAT_VERSION, STATE_MARKER } from '../../../src/workflows/stateSheet';
import { DEFAULT_SETTINGS } from '../../../src/workflows/workbookPort';
import { readDefinedNames } from '../../../src/xlsx/definedNames';
import { readStateDoc, writeStateDoc } from '../../../src/xlsx/ledgerStateSheet';
import { openXlsxReader } from '../../../src/xlsx/reader/openXlsxReader';
import { sheetRowsOf } from '../../../src/xlsx/xlsxReadPort';
import { openXlsxFilePort } from '../../../src/xlsx/writer/openXlsxFilePort';
import { realisticLedgerGrid } from '../../fixtures/realisticLedger';
import { writeFormat1State } from '../format1State';
import { gridWorkbook } from '../xlsxFixtures';

const T1 = new Date('2025-09-30T06:00:00Z');
const T2 = new Date('2025-10-31T06:00:00Z');
const ADDIN_ERROR_RULE = `MID('_ledger_marks'!$B1,COLUMN(),1)="e"`;
const ADDIN_WARNING_RULE = `MID('_ledger_marks'!$B1,COLUMN(),1)="w"`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-one-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Refresh `input` into `output` as the CLI does: rows from the project's reader, the package writer. */
async function refreshFile(input: string, output: string, now = T1, dropState = false): Promise<RunReport> {
  const reader = await openXlsxReader(input);
  try {
    const port = await openXlsxFilePort(input, sheetRowsOf(reader));
    const report = await refresh(port, { now: () => now, displayLanguage: 'zh-CN' });
    expect(report.error).toBeNull();
    if (dropState) await port.dropState();
    await port.save(output);
    return report;
  } finally {
    await reader.close();
  }
}

/** A workbook with the realistic ledger on 台账, then `build` adds more. */
async function ledgerFile(name: string, build: (workbook: ExcelJS.Workbook) => void = () => undefined): Promise<string> {
  const workbook = gridWorkbook([{ name: '台账', grid: realisticLedgerGrid() }]);
  build(workbook);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Rewrite parts of a package in place. */
function editParts(path: string, edit: (part: string, xml: string) => string): void {
  const files = unzipSync(readFileSync(path));
  for (const name of Object.keys(files)) {
    if (!name.endsWith('.xml')) continue;
    const xml = strFromU8(files[name]!);
    const edited = edit(name, xml);
    if (edited !== xml) files[name] = strToU8(edited);
  }
  writeFileSync(path, zipSync(files));
}

const part = (path: string, name: string): string => strFromU8(unzipSync(readFileSync(path))[name] ?? new Uint8Array());

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The formulas of the workbook-scoped names, by name. */
const workbookNames = (path: string): Record<string, string> =>
  Object.fromEntries(readDefinedNames(part(path, 'xl/workbook.xml')).filter((n) => n.localSheetId === null).map((n) => [n.name, n.formula]));

/** The `<sheet>` elements of a workbook part, by name. */
const sheetElements = (path: string): Record<string, string> =>
  Object.fromEntries([...part(path, 'xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]*)"[^>]*\/>/g)].map((m) => [m[1]!, m[0]]));

/** Insert defined names into a workbook part (as the add-in leaves them: hidden owner names, key-figure names). */
const withNames = (xml: string, names: string): string =>
  xml.includes('<definedNames>') ? xml.replace('<definedNames>', `<definedNames>${names}`) : xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);

/** The worksheet part of a sheet, through the workbook's relationships. */
function sheetPart(path: string, sheet: string): string {
  const rId = /r:id="([^"]*)"/.exec(sheetElements(path)[sheet] ?? '')?.[1];
  const target = new RegExp(`Id="${rId}"[^>]*Target="([^"]*)"`).exec(part(path, 'xl/_rels/workbook.xml.rels'))?.[1] ?? '';
  return part(path, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
}

describe('openXlsxFilePort: the one state', () => {
  it('writes a format-2 state that the next refresh reads back: settings, baseline and marks', async () => {
    const input = await ledgerFile('ledger.xlsx', (wb) => writeStateDoc(wb, { ...EMPTY_STATE_DOC, settings: { ...DEFAULT_SETTINGS, decimals: 3 } }));
    const first = join(dir, 'first.xlsx');
    await refreshFile(input, first);
    const workbook = await load(first);
    const state = workbook.worksheets.find((w) => w.getCell('A1').value === STATE_MARKER)!;
    expect([state.name, state.state, state.getCell('B1').value, state.getCell('C1').value]).toEqual(['_ledger_stats', 'veryHidden', STATE_FORMAT_VERSION, 'C']);
    const doc = readStateDoc(workbook);
    expect(doc).toMatchObject({ settings: { ...DEFAULT_SETTINGS, decimals: 3 }, lastRefresh: T1.toISOString(), legacyOwned: [] });
    expect(doc.marks.length).toBeGreaterThan(0);
    expect(doc.snapshot).not.toBeNull();

    const second = join(dir, 'second.xlsx');
    const report = await refreshFile(first, second, T2);
    expect(report.changes?.diff).not.toBeNull();
    const again = readStateDoc(await load(second));
    expect(again).toMatchObject({ settings: { ...DEFAULT_SETTINGS, decimals: 3 }, lastRefresh: T2.toISOString(), snapshot: doc.snapshot, marks: doc.marks });
    expect((await load(second)).worksheets.filter((w) => w.getCell('A1').value === STATE_MARKER)).toHaveLength(1);
  });

  it('rewrites a format-1 state as format 2 with owner names, replacing its sheets in place (no "(2)")', async () => {
    // The baseline a refresh stored, then a workbook as the CLI left it before the one state.
    const seed = join(dir, 'seed.xlsx');
    await refreshFile(await ledgerFile('plain.xlsx'), seed);
    const baseline = readStateDoc(await load(seed)).snapshot;
    const input = await ledgerFile('format1.xlsx', (wb) => {
      const owned = ([['summary', '汇总'], ['validation', '校验结果'], ['changes', '变动']] as const).map(([role, name]) => {
        const sheet = wb.addWorksheet(name);
        sheet.getCell('A1').value = `旧的${name}`;
        return { role, name, sheetId: sheet.id };
      });
      wb.addWorksheet('我的').getCell('A1').value = '用户表';
      wb.getWorksheet('台账')!.addConditionalFormatting({
        ref: 'Z99',
        rules: [{ type: 'expression', priority: 1, formulae: ['TRUE'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }],
      });
      writeFormat1State(wb, {
        settings: { ...DEFAULT_SETTINGS, decimals: 1 },
        snapshot: baseline,
        lastRefresh: T1.toISOString(),
        owned,
        marks: [{ sheet: '台账', severity: 'error', ref: 'Z99' }],
      });
    });
    const output = join(dir, 'migrated.xlsx');
    const report = await refreshFile(input, output, T2);
    expect(report.sheets).toEqual({ summary: '汇总', validation: '校验结果', changes: '变动' });
    const workbook = await load(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '汇总', '校验结果', '变动', '我的', '_ledger_stats']);
    expect(workbook.getWorksheet('汇总')!.getCell('A1').value).toBe('央地合作项目统计汇总');
    expect(workbook.getWorksheet('我的')!.getCell('A1').value).toBe('用户表');
    expect(workbook.getWorksheet('_ledger_stats')!.getCell('B1').value).toBe(STATE_FORMAT_VERSION);
    expect(readStateDoc(workbook)).toMatchObject({ settings: { ...DEFAULT_SETTINGS, decimals: 1 }, snapshot: baseline, lastRefresh: T2.toISOString(), legacyOwned: [] });
    expect(workbookNames(output)).toMatchObject({
      _LedgerStats_Owner_summary: "'汇总'!$A$1",
      _LedgerStats_Owner_validation: "'校验结果'!$A$1",
      _LedgerStats_Owner_changes: "'变动'!$A$1",
    });
    // The format-1 mark is gone; the new marks are the state's.
    const ledger = sheetPart(output, '台账');
    expect(ledger).not.toContain('sqref="Z99"');
    expect(ledger).toContain('<formula>TRUE</formula>');
  });

  it('replaces in place the sheets the add-in\u2019s owner names point at, so references into them survive, and points the key-figure names at the new cells', async () => {
    const input = await ledgerFile('addin.xlsx', (wb) => {
      wb.addWorksheet('九月汇总').getCell('A1').value = '旧汇总';
      wb.addWorksheet('报告').getCell('A1').value = { formula: "'九月汇总'!B5", result: 7 } as ExcelJS.CellFormulaValue;
      wb.addWorksheet('校验结果').getCell('A1').value = '我自己的校验结果';
      writeStateDoc(wb, { ...EMPTY_STATE_DOC, lastRefresh: T1.toISOString() });
    });
    editParts(input, (name, xml) =>
      name === 'xl/workbook.xml'
        ? withNames(
            xml,
            `<definedName name="_LedgerStats_Owner_summary" hidden="1">'九月汇总'!$A$1</definedName>` +
              `<definedName name="台账统计_项目数">'九月汇总'!$B$99</definedName><definedName name="我的引用">'九月汇总'!$B$5</definedName>`,
          )
        : xml,
    );
    const before = sheetElements(input);
    const output = join(dir, 'out.xlsx');
    const report = await refreshFile(input, output);
    expect(report.sheets).toMatchObject({ summary: '九月汇总', validation: '校验结果 (2)', changes: '变动' });
    const workbook = await load(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '九月汇总', '报告', '校验结果', '_ledger_stats', '校验结果 (2)', '变动']);
    expect(workbook.getWorksheet('九月汇总')!.getCell('A1').value).toBe('央地合作项目统计汇总');
    expect(workbook.getWorksheet('校验结果')!.getCell('A1').value).toBe('我自己的校验结果');
    // The same <sheet> entry (name, sheetId, position), pointing at a new part; the user's formula is untouched.
    const after = sheetElements(output);
    expect(after['九月汇总']!.replace(/r:id="[^"]*"/, '')).toBe(before['九月汇总']!.replace(/r:id="[^"]*"/, ''));
    expect(sheetPart(output, '报告')).toBe(sheetPart(input, '报告'));
    const names = workbookNames(output);
    expect(names).toMatchObject({
      我的引用: "'九月汇总'!$B$5",
      _LedgerStats_Owner_summary: "'九月汇总'!$A$1",
      _LedgerStats_Owner_validation: "'校验结果 (2)'!$A$1",
      _LedgerStats_Owner_changes: "'变动'!$A$1",
    });
    expect(readDefinedNames(part(output, 'xl/workbook.xml')).filter((n) => n.name.startsWith('_LedgerStats_Owner_')).every((n) => n.hidden)).toBe(true);
    // Every key figure is named once, at its cell of the summary.
    expect(readDefinedNames(part(output, 'xl/workbook.xml')).filter((n) => n.name === KEY_FIGURE_NAMES.projects)).toHaveLength(1);
    const summary = workbook.getWorksheet('九月汇总')!;
    const cellOf = (name: string): unknown => {
      const match = /^'九月汇总'!\$([A-Z]+)\$(\d+)$/.exec(names[name] ?? '');
      expect([name, match]).not.toEqual([name, null]);
      return summary.getCell(`${match![1]}${match![2]}`).value;
    };
    expect(cellOf(KEY_FIGURE_NAMES.projects)).toBe(report.summary!.totals.projects);
    expect(cellOf(KEY_FIGURE_NAMES.soes)).toBe(report.summary!.totals.soes);
    for (const name of Object.values(KEY_FIGURE_NAMES)) expect(typeof cellOf(name)).toBe('number');
  });

  it('removes the add-in\u2019s marks from the ledger it marks, in the x14 extension and in the main part, and keeps the user\u2019s rules', async () => {
    const input = await ledgerFile('marked.xlsx', (wb) => {
      const ledger = wb.getWorksheet('台账')!;
      ledger.addConditionalFormatting({ ref: 'A1:L40', rules: [{ type: 'expression', priority: 3, formulae: [ADDIN_WARNING_RULE], style: {} }] });
      ledger.addConditionalFormatting({ ref: 'F5:F9', rules: [{ type: 'expression', priority: 4, formulae: ['$F5>100'], style: {} }] });
      const helper = wb.addWorksheet('_ledger_marks', { state: 'veryHidden' });
      helper.getCell('A1').value = MARKS_SHEET_MARKER;
      helper.getCell('B5').value = '___e';
    });
    const x14 =
      '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>' +
      '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="expression" priority="1" id="{00000000-0001-0000-0000-000000000001}">' +
      `<xm:f>${ADDIN_ERROR_RULE}</xm:f><x14:dxf><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></x14:dxf></x14:cfRule><xm:sqref>A1:L40</xm:sqref></x14:conditionalFormatting>` +
      '</x14:conditionalFormattings></ext></extLst>';
    editParts(input, (name, xml) => (name === 'xl/worksheets/sheet1.xml' ? xml.replace('</worksheet>', `${x14}</worksheet>`) : xml));
    expect(sheetPart(input, '台账')).toContain('<xm:f>');
    expect(sheetPart(input, '台账')).toContain(ADDIN_WARNING_RULE.replace(/"/g, '&quot;').replace(/'/g, '&apos;'));
    const output = join(dir, 'out.xlsx');
    await refreshFile(input, output);
    const ledger = sheetPart(output, '台账');
    expect(ledger).not.toContain('_ledger_marks');
    expect(ledger).not.toContain('extLst');
    expect(ledger).toContain('&gt;100</formula>');
    expect(ledger).toContain('<formula>TRUE</formula>');
    expect(readStateDoc(await load(output)).marks.length).toBeGreaterThan(0);
  });

  it('after dropState writes the summaries but no state, no marks and no marks helper, and keeps names scoped to later sheets on their sheet', async () => {
    const marked = await ledgerFile('marked.xlsx', (wb) => {
      const helper = wb.addWorksheet('_ledger_marks', { state: 'veryHidden' });
      helper.getCell('A1').value = MARKS_SHEET_MARKER;
      wb.getWorksheet('台账')!.addConditionalFormatting({ ref: 'A1:L40', rules: [{ type: 'expression', priority: 3, formulae: [ADDIN_ERROR_RULE], style: {} }] });
      const report = wb.addWorksheet('报告');
      report.getCell('A1').value = '报告';
      // A sheet the add-in marked before (a former ledger): its rule must not outlive the helper.
      report.addConditionalFormatting({ ref: 'A1:C9', rules: [{ type: 'expression', priority: 5, formulae: [ADDIN_WARNING_RULE], style: {} }] });
    });
    editParts(marked, (name, xml) =>
      name === 'xl/workbook.xml' ? withNames(xml, `<definedName name="区域" localSheetId="2">'报告'!$A$1:$B$2</definedName>`).replace('<sheets>', '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="12000" windowHeight="9000" activeTab="2"/></bookViews><sheets>') : xml,
    );
    // A refresh first: the input then has the state, the CLI's marks and the add-in's helper.
    const refreshed = join(dir, 'refreshed.xlsx');
    await refreshFile(marked, refreshed);
    expect((await load(refreshed)).worksheets.map((w) => w.name)).toEqual(['台账', '_ledger_marks', '报告', '汇总', '校验结果', '变动', '_ledger_stats']);
    const output = join(dir, 'outside.xlsx');
    const report = await refreshFile(refreshed, output, T2, true);
    expect(report.changes?.diff).not.toBeNull();
    const workbook = await load(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '报告', '汇总', '校验结果', '变动']);
    expect(workbook.worksheets.some((w) => w.getCell('A1').value === STATE_MARKER || w.getCell('A1').value === MARKS_SHEET_MARKER)).toBe(false);
    expect(workbook.getWorksheet('汇总')!.getCell('A1').value).toBe('央地合作项目统计汇总');
    expect(sheetPart(refreshed, '报告')).toContain('_ledger_marks');
    expect(sheetPart(output, '台账')).not.toContain('<conditionalFormatting');
    expect(sheetPart(output, '报告')).not.toContain('<conditionalFormatting');
    const workbookXml = part(output, 'xl/workbook.xml');
    expect(workbookXml).toContain(`<definedName name="区域" localSheetId="1">'报告'!$A$1:$B$2</definedName>`);
    expect(workbookXml).toMatch(/<workbookView [^>]*activeTab="1"/);
    expect(workbookXml).not.toMatch(/_ledger_(stats|marks)/);
    expect(workbookNames(output)).toMatchObject({ _LedgerStats_Owner_summary: "'汇总'!$A$1" });
  });
});
