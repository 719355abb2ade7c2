/**
 * The WPS 表格 host of the shared workflow suite: the fake ET object model (`test/fakes/et/fakeEt.ts`) with the ET
 * port (`src/wps/etWorkbookPort.ts`). Its steps are the fake's changes (`Sheets.Add`, `Name`, `Delete`, `Names.Add`,
 * `Merge`, `ChartObjects.Add`, `NumberFormat`, `Value2`), failed by `failOnWrite`.
 */
import type { Grid } from '../../../src/domain/ledger/types';
import { cellAddress } from '../../../src/excel/a1';
import { refresh } from '../../../src/workflows/refresh';
import { XL_EXPRESSION } from '../../../src/wps/etTypes';
import { createEtWorkbookPort } from '../../../src/wps/etWorkbookPort';
import { createFakeEt, type FakeEt } from '../../fakes/et/fakeEt';
import { shownCells, type ExpressionFormat, type HostWorkbook, type PortableWorkbook, type SheetView, type SheetVisibility, type WorkflowHost } from './workflowHost';

/** `XlSheetVisibility` (learn.microsoft.com/office/vba/api/excel.xlsheetvisibility): -1 visible, 0 hidden, 2 very hidden. */
const VISIBILITY: Record<number, SheetVisibility> = { [-1]: 'visible', 0: 'hidden', 2: 'veryHidden' };
const ET_VISIBILITY: Record<SheetVisibility, number> = { visible: -1, hidden: 0, veryHidden: 2 };

/** Changes that are not structural: cell values and number formats. */
const CELL_CHANGES = new Set(['Value2', 'NumberFormat']);

function sheetViews(et: FakeEt): SheetView[] {
  return et.snapshot().map((s) => ({
    name: s.name,
    visibility: VISIBILITY[s.visible] ?? 'visible',
    cells: shownCells(s.values, s.formulas),
    numberFormats: s.numberFormats,
    charts: s.charts.map((c) => c.name),
  }));
}

/** The conditional formats of every sheet (the fake models `FormatConditions.Add(xlExpression, …)` only). */
function expressionFormats(et: FakeEt): ExpressionFormat[] {
  return et.snapshot().flatMap((s) => s.conditions.map((c) => ({ sheet: s.name, ref: c.ref, formula: c.formula1, fill: hexOf(c.color) })));
}

/** A BGR colour number (VBA's `RGB(r, g, b)`) as `#RRGGBB`. */
function hexOf(bgr: number): string {
  return `#${[bgr & 0xff, (bgr >> 8) & 0xff, (bgr >> 16) & 0xff].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** `#RRGGBB` as a BGR colour number. */
function bgrOf(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return ((n >> 16) & 0xff) + (n & 0xff00) + ((n & 0xff) << 16);
}

/** The suite's view of a fake ET workbook. */
export function etWorkbook(et: FakeEt): HostWorkbook {
  const withPort: HostWorkbook['withPort'] = (work) => {
    let n = 0;
    return work(createEtWorkbookPort({ application: et, token: () => `t${++n}` }));
  };
  return {
    withPort,
    refresh: (options) => withPort((port) => refresh(port, options)),
    listSheets: () => sheetViews(et),
    readSheet(name) {
      const sheet = sheetViews(et).find((s) => s.name === name);
      if (sheet === undefined) throw new Error(`no sheet named ${name}`);
      return sheet;
    },
    editCells(sheet: string, rows: Grid) {
      const width = Math.max(1, ...rows.map((r) => r.length));
      // Typed input, as a user types it: the fake parses strings written to Value2 like Excel does.
      et.ActiveWorkbook.Worksheets.Item(sheet).Range(`A1:${cellAddress(rows.length - 1, width - 1)}`).Value2 = rows.map((row) =>
        Array.from({ length: width }, (_, c) => row[c] ?? null),
      );
      return Promise.resolve();
    },
    async recordSteps(work) {
      const from = et.changeKinds.length;
      await work();
      return et.changeKinds.slice(from).map((kind, i) => ({ index: i + 1, kind, structural: !CELL_CHANGES.has(kind) }));
    },
    failAt(step) {
      if (step !== null) et.failOnWrite = step;
      else if (et.failOnWrite !== null && et.failOnWrite > 0) throw new Error(`the failure planned ${et.failOnWrite} changes further was not reached`);
      else et.failOnWrite = null;
    },
    fullState: () => ({
      sheets: et.snapshot(),
      names: et.ActiveWorkbook.names.list.map((n) => ({ ...n })).sort((a, b) => a.name.localeCompare(b.name)), // copies: the fake updates its entries in place
      active: et.ActiveWorkbook.ActiveSheet.Name,
    }),
    conditionalFormats: (sheet) => expressionFormats(et).filter((f) => f.sheet === sheet),
    toPortable(): PortableWorkbook {
      return {
        sheets: sheetViews(et),
        names: et.ActiveWorkbook.names.list.map((n) => ({ name: n.name, refersTo: n.refersTo, visible: n.visible })),
        conditionalFormats: expressionFormats(et),
      };
    },
  };
}

/** A fake ET holding `workbook`, built through the object model (formulas and number formats), names last. */
export function fakeEtFromPortable(workbook: PortableWorkbook): FakeEt {
  const formula = (v: unknown): boolean => typeof v === 'string' && v.startsWith('=');
  // createFakeEt stores the values as given (text stays text); formulas go in through Value2 below.
  const et = createFakeEt({ sheets: Object.fromEntries(workbook.sheets.map((s) => [s.name, s.cells.map((row) => row.map((v) => (formula(v) ? null : v)))])) });
  const wb = et.ActiveWorkbook;
  for (const sheet of workbook.sheets) {
    const ws = wb.Worksheets.Item(sheet.name);
    sheet.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        if (formula(v)) ws.Range(cellAddress(r, c)).Value2 = v;
      }),
    );
    for (const [address, format] of Object.entries(sheet.numberFormats)) ws.Range(address).NumberFormat = format;
  }
  for (const sheet of workbook.sheets) if (sheet.visibility !== 'visible') wb.Worksheets.Item(sheet.name).Visible = ET_VISIBILITY[sheet.visibility];
  for (const name of workbook.names) wb.Names.Add(name.name, name.refersTo, name.visible);
  for (const cf of workbook.conditionalFormats) {
    const condition = wb.Worksheets.Item(cf.sheet).Range(cf.ref.split(' ').join(',')).FormatConditions.Add(XL_EXPRESSION, undefined, cf.formula);
    condition.Interior.Color = bgrOf(cf.fill);
  }
  return et;
}

/** The fake ET with the WPS 表格 port. */
export const etHost: WorkflowHost = {
  name: 'WPS 表格 (ET port, fake ET)',
  failedStepCode: 'write_failed',
  leavesOldSheets: true,
  open: (sheets) => etWorkbook(createFakeEt({ sheets })),
  openPortable: (workbook) => etWorkbook(fakeEtFromPortable(workbook)),
};
