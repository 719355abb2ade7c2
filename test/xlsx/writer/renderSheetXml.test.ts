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
    expect(xml).toContain('<c r="A1" t="inlineStr"><is><t>=cmd|\' /C calc\'!A0</t></is></c>');
    expect(xml).toContain('<c r="D1" t="inlineStr"><is><t>-1</t></is></c>');
  });

  it('keeps the whitespace of text that starts or ends with it or breaks a line, and only there', () => {
    const xml = render(plan({ blocks: [{ row: 0, col: 0, values: [[' 前', '后 ', '一\n二', '中 间']] }] }));
    expect(xml).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve"> 前</t></is></c>');
    expect(xml).toContain('<c r="B1" t="inlineStr"><is><t xml:space="preserve">后 </t></is></c>');
    expect(xml).toContain('<c r="C1" t="inlineStr"><is><t xml:space="preserve">一\n二</t></is></c>');
    expect(xml).toContain('<c r="D1" t="inlineStr"><is><t>中 间</t></is></c>');
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

  it('styles a top-aligned, wrapped block with its own cell format', () => {
    const styles = new StyleBook(MINIMAL_STYLES_XML);
    const p = plan({ blocks: [{ row: 0, col: 0, values: [['简报', null]], style: { verticalAlignment: 'top', wrapText: true } }] });
    const xml = [...renderSheetXml(p, { rows: () => plannedRows(p), styles, sheetName: (n) => n, drawingRelId: null })].join('');
    const index = /<c r="A1" s="(\d+)"/.exec(xml)?.[1];
    expect(index).toBeDefined();
    const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles.toXml())?.[1]?.match(/<xf\b.*?(?:\/>|<\/xf>)/g) ?? [];
    expect(xfs[Number(index)]).toContain('<alignment vertical="top" wrapText="1"/>');
  });

  it('writes the page setup: fit to one page wide, A4 landscape, margins, header, footer and page breaks, in schema order', () => {
    const xml = render(
      plan({
        pageSetup: {
          orientation: 'landscape',
          paperSize: 'A4',
          fitToPagesWide: 1,
          margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
          titleRows: { first: 0, last: 0 },
          header: { left: 'R&&D <汇总>', right: '截至：2025年9月30日' },
          footer: { center: '第 &P 页 共 &N 页' },
          rowBreaks: [30, 12, 12],
        },
      }),
    );
    expect(xml).toContain('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension');
    expect(xml).toContain(
      // No printOptions: not centred on the page, like the add-in's sheets.
      '</sheetData><pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
        '<headerFooter><oddHeader>&amp;LR&amp;&amp;D &lt;汇总&gt;&amp;R截至：2025年9月30日</oddHeader><oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter></headerFooter>' +
        '<rowBreaks count="2" manualBreakCount="2"><brk id="12" max="16383" man="1"/><brk id="30" max="16383" man="1"/></rowBreaks></worksheet>',
    );
    expect(render(plan())).not.toContain('<sheetPr>');
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
