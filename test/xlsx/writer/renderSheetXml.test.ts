import type { SheetPlan } from '../../../src/domain';
import { MINIMAL_STYLES_XML, StyleBook } from '../../../src/xlsx/writer/StyleBook';
import { plannedRows } from '../../../src/xlsx/writer/plannedCells';
import { renderSheetXml } from '../../../src/xlsx/writer/renderSheetXml';

const INJECTION = "=cmd|' /C calc'!A0";

function plan(overrides: Partial<SheetPlan> = {}): SheetPlan {
  return { role: 'summary', name: '汇总', blocks: [], formats: [], merges: [], columnWidths: [], charts: [], ...overrides };
}

function render(p: SheetPlan): string {
  return [...renderSheetXml(p, { rows: () => plannedRows(p), styles: new StyleBook(MINIMAL_STYLES_XML), sheetName: (n) => n, drawingRelId: null })].join('');
}

describe('renderSheetXml', () => {
  it('writes text that looks like a formula as an inline string, never a formula', () => {
    const xml = render(plan({ blocks: [{ row: 0, col: 0, values: [[INJECTION, '+SUM(1)', '@A1', '-1']] }] }));
    expect(xml).not.toContain('<f>');
    expect(xml).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">=cmd|\' /C calc\'!A0</t></is></c>');
    expect(xml).toContain('<c r="D1" t="inlineStr"><is><t xml:space="preserve">-1</t></is></c>');
  });

  it('escapes markup, control characters and literal _xHHHH_ sequences', () => {
    const xml = render(plan({ blocks: [{ row: 0, col: 0, values: [['<b>&"', 'a\u0001b', 'x_x0041_y']] }] }));
    expect(xml).toContain('&lt;b&gt;&amp;&quot;');
    expect(xml).toContain('a_x0001_b');
    expect(xml).toContain('x_x005F_x0041_y');
  });

  it('writes numbers, booleans, formulas with their cached result, merges, widths, heights and frozen panes', () => {
    const xml = render(
      plan({
        blocks: [{ row: 1, col: 1, values: [[1.5, true, { formula: '=SUM(B2:C2)', result: 2.5 }]], numberFormat: '#,##0.0', style: { bold: true } }],
        merges: [{ row: 0, col: 0, rows: 1, cols: 3 }],
        columnWidths: [12, 30],
        rowHeights: [{ row: 0, height: 40 }],
        freeze: { rows: 2, cols: 0 },
      }),
    );
    expect(xml).toMatch(/<c r="B2" s="1"><v>1.5<\/v><\/c><c r="C2" s="1" t="b"><v>1<\/v><\/c><c r="D2" s="1"><f>SUM\(B2:C2\)<\/f><v>2.5<\/v><\/c>/);
    expect(xml).toContain('<mergeCell ref="A1:C1"/>');
    expect(xml).toContain('<col min="2" max="2" width="30" customWidth="1"/>');
    expect(xml).toContain('<row r="1" ht="40" customHeight="1">');
    expect(xml).toContain('<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>');
  });

  it('links to a cell of another owned sheet under the name that sheet got', () => {
    const p = plan({ blocks: [{ row: 0, col: 0, values: [[{ link: { sheet: '校验结果', address: 'A5' }, text: '查看' }]] }] });
    const xml = [...renderSheetXml(p, { rows: () => plannedRows(p), styles: new StyleBook(MINIMAL_STYLES_XML), sheetName: (n) => `${n} (2)`, drawingRelId: null })].join('');
    expect(xml).toContain('<hyperlink ref="A1" location="\'校验结果 (2)\'!A5" display="查看"/>');
  });

  it('renders a block of 300,000 rows (no argument spread over the rows)', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => [i]);
    const xml = render(plan({ role: 'validation', blocks: [{ row: 1, col: 0, values }] }));
    expect(xml).toContain('<dimension ref="A1:A300001"/>');
    expect(xml).toContain('<row r="300001"><c r="A300001"><v>299999</v></c></row></sheetData>');
  });
});
