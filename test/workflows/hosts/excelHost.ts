/**
 * The Excel host of the shared workflow suite: the fake Excel (`test/fakes/fakeExcel.ts`) with the Office.js port,
 * as a current Microsoft 365 (`CURRENT_API_VERSION`). The fake is installed as the Office globals only while a port
 * works on it, so a test can hold several workbooks. Its steps are round trips (`failAtSync`).
 */
import type { Grid } from '../../../src/domain/ledger/types';
import { cellAddress, parseCellAddress } from '../../../src/excel/a1';
import { createOfficeWorkbookPort } from '../../../src/excel/officeWorkbookPort';
import { refresh } from '../../../src/workflows/refresh';
import { CURRENT_API_VERSION, normalisedSnapshot } from '../../excel/fakeWorkbook';
import { parseRef } from '../../fakes/excel/address';
import type { Visibility } from '../../fakes/excel/state';
import { createFakeExcel, type CellValue, type FakeExcel } from '../../fakes/fakeExcel';
import { shownCells, type ExpressionFormat, type HostWorkbook, type PortableWorkbook, type SheetView, type SheetVisibility, type WorkflowHost } from './workflowHost';

const VISIBILITY: Record<Visibility, SheetVisibility> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };
const OFFICE_VISIBILITY: Record<SheetVisibility, Visibility> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };

/** The fake's options every workbook of this host gets. */
const OPTIONS = { apiVersion: CURRENT_API_VERSION, displayLanguage: 'zh-CN' } as const;

/** Every sheet of `fake` as the suite sees it. */
function sheetViews(fake: FakeExcel): SheetView[] {
  return fake.snapshot().sheets.map((s) => ({
    name: s.name,
    visibility: VISIBILITY[s.visibility as Visibility],
    cells: shownCells(
      s.values.map((row) => row.map((v) => (v === '' ? null : v))),
      s.formulas,
    ),
    numberFormats: s.numberFormats,
    charts: s.charts.map((c) => c.name),
  }));
}

/** The `Custom` (formula) conditional formats of every sheet, in priority order. */
function expressionFormats(fake: FakeExcel): ExpressionFormat[] {
  return fake.snapshot().sheets.flatMap((s) =>
    s.conditionalFormats.flatMap((f) =>
      f.type === 'Custom' && f.rule.formula !== undefined ? [{ sheet: s.name, ref: f.address, formula: f.rule.formula, fill: (f.format.fill ?? '').toUpperCase() }] : [],
    ),
  );
}

/** The suite's view of a fake Excel workbook. */
export function excelWorkbook(fake: FakeExcel): HostWorkbook {
  /** The sync count at which the planned failure happens (the fake cannot take a planned failure back). */
  let failingSync: number | null = null;
  const withPort: HostWorkbook['withPort'] = async (work) => {
    fake.install(globalThis);
    try {
      let n = 0;
      return await work(createOfficeWorkbookPort({ token: () => `t${++n}` }));
    } finally {
      fake.uninstall();
    }
  };
  return {
    withPort,
    refresh: (options) => withPort((port) => refresh(port, options)),
    listSheets: () => sheetViews(fake),
    readSheet(name) {
      const sheet = sheetViews(fake).find((s) => s.name === name);
      if (sheet === undefined) throw new Error(`no sheet named ${name}`);
      return sheet;
    },
    async editCells(sheet: string, rows: Grid) {
      const width = Math.max(1, ...rows.map((r) => r.length));
      const cells: CellValue[][] = rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
      await fake.simulateUserEdit(sheet, `A1:${cellAddress(rows.length - 1, width - 1)}`, cells);
    },
    async recordSteps(work) {
      if (failingSync !== null) throw new Error('recordSteps: a failure is planned (resetSyncStats would move it)');
      fake.resetSyncStats();
      await work();
      return Array.from({ length: fake.syncCount }, (_, i) => ({ index: i + 1, kind: 'sync', structural: true }));
    },
    failAt(step) {
      if (step !== null) {
        failingSync = fake.syncCount + step;
        fake.failAtSync(step);
      } else if (failingSync !== null && fake.syncCount < failingSync) throw new Error(`the failure planned at sync ${failingSync} was not reached`);
      else failingSync = null;
    },
    fullState: () => ({ workbook: normalisedSnapshot(fake), names: [...fake.definedNames].sort((a, b) => a.name.localeCompare(b.name)) }),
    conditionalFormats: (sheet) => expressionFormats(fake).filter((f) => f.sheet === sheet),
    toPortable(): PortableWorkbook {
      return {
        sheets: sheetViews(fake),
        names: fake.definedNames.filter((n) => n.scope === null).map((n) => ({ name: n.name, refersTo: n.formula, visible: n.visible })),
        conditionalFormats: expressionFormats(fake),
      };
    },
  };
}

/** A fake Excel holding `workbook`: values and formulas, number formats, visibility, workbook-scoped names. */
export function fakeExcelFromPortable(workbook: PortableWorkbook): FakeExcel {
  const sheets: Record<string, CellValue[][]> = {};
  for (const sheet of workbook.sheets) {
    sheets[sheet.name] = sheet.cells.map((row, r) =>
      row.map((v, c) => {
        // createFakeExcel stores text starting with "=" as a formula: a text like that cannot cross this way.
        if (typeof v === 'string' && v.startsWith('=') && !/^=[A-Z]+\(|^=TRUE$|^=FALSE$/.test(v)) throw new Error(`fakeExcelFromPortable: ${sheet.name} row ${r + 1} col ${c + 1}: text starting with =`);
        return v ?? '';
      }),
    );
  }
  return createFakeExcel({
    ...OPTIONS,
    sheets,
    initialize: (w) => {
      workbook.sheets.forEach((sheet, i) => {
        const state = w.sheets[i]!;
        state.visibility = OFFICE_VISIBILITY[sheet.visibility];
        for (const [address, format] of Object.entries(sheet.numberFormats)) {
          const at = parseCellAddress(address);
          if (at !== null) state.formats.numberFormat.setCell(at.row, at.col, format);
        }
      });
      w.names = workbook.names.map((n) => ({ name: n.name, formula: n.refersTo, sheetId: null, visible: n.visible, comment: '' }));
      // One conditional format per area, as xlsxBridge.ts opens a file's multi-area rules.
      for (const cf of workbook.conditionalFormats) {
        const state = w.sheets.find((s) => s.name === cf.sheet);
        if (state === undefined) throw new Error(`fakeExcelFromPortable: no sheet ${cf.sheet} for a conditional format`);
        for (const area of cf.ref.split(' ')) {
          const rect = parseRef(area);
          if (rect === null) throw new Error(`fakeExcelFromPortable: bad area ${area}`);
          w.counters.cf += 1;
          state.conditionalFormats.push({
            id: `{CF${String(w.counters.cf).padStart(6, '0')}}`,
            type: 'Custom',
            rect,
            priority: state.conditionalFormats.length,
            stopIfTrue: false,
            rule: { formula: cf.formula, formula1: null, formula2: null, operator: null },
            format: { fillColor: cf.fill, fontColor: null, fontBold: null },
          });
        }
      }
    },
  });
}

/** The fake Excel with the Office.js port. */
export const excelHost: WorkflowHost = {
  name: 'Excel (Office.js port, fake Excel)',
  failedStepCode: 'host_error',
  leavesOldSheets: false,
  open: (sheets) => excelWorkbook(createFakeExcel({ ...OPTIONS, sheets })),
  openPortable: (workbook) => excelWorkbook(fakeExcelFromPortable(workbook)),
};
