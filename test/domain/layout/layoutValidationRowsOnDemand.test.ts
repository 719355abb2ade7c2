import fc from 'fast-check';
import { layoutValidation, rowsOnDemand } from '../../../src/domain/layout/layoutValidation';
import type { SheetPlan } from '../../../src/domain/layout/types';
import type { LedgerIssue } from '../../../src/domain/validate/types';
import { MINIMAL_STYLES_XML, StyleBook } from '../../../src/xlsx/writer/StyleBook';
import { plannedRows } from '../../../src/xlsx/writer/plannedCells';
import { renderSheetXml } from '../../../src/xlsx/writer/renderSheetXml';
import { readOf, row } from '../summarize/rowBuilder';

const xml = (plan: SheetPlan): string =>
  [...renderSheetXml(plan, { rows: () => plannedRows(plan), styles: new StyleBook(MINIMAL_STYLES_XML), sheetName: (n) => n, drawingRelId: null })].join('');

const column = { letter: 'F', header: '总投资', index: 5 };
const issue = fc.record({
  code: fc.constantFrom('amount_approximate', 'date_invalid', 'stage_unknown', 'row_heading'),
  severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
  sheetRow: fc.option(fc.integer({ min: 1, max: 1_048_576 }), { nil: null }),
  column: fc.constantFrom(null, column),
  raw: fc.oneof(fc.constant(null), fc.string(), fc.integer({ min: 1, max: 60_000 }), fc.boolean()),
  message: fc.record({ 'zh-CN': fc.string(), 'en-US': fc.string() }),
}) as fc.Arbitrary<LedgerIssue>;

describe('layoutValidation with rowsOnDemand', () => {
  it('gives a plan equal to the one with its rows built, which renders to the same worksheet XML', () => {
    fc.assert(
      fc.property(fc.array(issue, { maxLength: 40 }), fc.constantFrom('zh-CN' as const, 'en-US' as const), (issues, lang) => {
        const read = { ...readOf([row()], { issues }), counts: { dataRows: 1, validRows: 1, warningRows: 0, errorRows: 0, skippedRows: 0 } };
        const built = layoutValidation(read, { lang, sourceSheet: '台账', dataDate: '2025-09-30' });
        const onDemand = layoutValidation(read, { lang, sourceSheet: '台账', dataDate: '2025-09-30', rowsOnDemand: true });
        expect(onDemand).toEqual(built);
        expect(xml(onDemand)).toBe(xml(built));
      }),
      { numRuns: 60 },
    );
  });
});

describe('rowsOnDemand', () => {
  it('reads as an array of its rows and keeps none of them', () => {
    let built = 0;
    const rows = rowsOnDemand(3, (i) => {
      built++;
      return [i, i * 2];
    });
    expect(Array.isArray(rows)).toBe(true);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([1, 2]);
    expect(rows[3]).toBeUndefined();
    expect(rows.map((r) => r[1])).toEqual([0, 2, 4]);
    expect([...rows]).toEqual([[0, 0], [1, 2], [2, 4]]);
    expect(rows).toEqual([[0, 0], [1, 2], [2, 4]]);
    expect(Object.keys(rows)).toEqual(['0', '1', '2']);
    expect(rows[0]).not.toBe(rows[0]);
    expect(built).toBeGreaterThan(10);
  });

  it('refuses writes', () => {
    const rows = rowsOnDemand(2, () => [0]);
    expect(() => {
      (rows as unknown as number[][])[0] = [1];
    }).toThrow(TypeError);
    expect(() => rows.push([1])).toThrow(TypeError);
  });
});
