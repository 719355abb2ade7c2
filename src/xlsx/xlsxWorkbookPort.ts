import ExcelJS from 'exceljs';
import { columnLetter } from '../domain';
import type { CellValue, Grid, SheetPlan, SheetRole } from '../domain';
import {
  PortError,
  type AppliedPlans,
  type CapabilityNote,
  type CellMark,
  type SheetInfo,
  type SourceGrid,
  type SourceRef,
  type StoredState,
  type WorkbookPort,
} from '../workflows/workbookPort';
import { isStateSheet, readStateDoc, writeStateDoc, type LedgerStateDoc, type MarkRecord, type OwnedSheetRecord } from './ledgerStateSheet';
import { readRowCells } from './readRowCells';
import { writeSheetPlan } from './writeSheetPlan';

/** Rows per progress report while reading a grid. */
const PROGRESS_ROWS = 10_000;
/** Rows of `SheetInfo.preview`. */
const PREVIEW_ROWS = 30;
const MAX_SHEET_NAME = 31;

/** Conditional-format fills of issue marks: Excel's "light red fill" and "yellow fill" presets. */
const MARK_FILLS: Record<MarkRecord['severity'], string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C' };

/** The note shown because ExcelJS cannot write charts. */
export const CHARTS_NOTE: CapabilityNote = {
  code: 'charts_not_written',
  message: {
    'zh-CN': '命令行生成的文件不含图表：在 Excel 中用加载项刷新后即显示图表。',
    'en-US': 'Files written by the CLI have no charts: they appear when the summary is refreshed with the add-in in Excel.',
  },
};

/** True for a conditional format this port added: one "TRUE" expression rule. */
function isMarkRule(cf: ExcelJS.ConditionalFormattingOptions): boolean {
  return cf.rules.length === 1 && cf.rules.every((r) => r.type === 'expression' && r.formulae?.length === 1 && String(r.formulae[0]) === 'TRUE');
}

/** Worksheet fields ExcelJS has but does not type. */
interface WorksheetOrder {
  orderNo: number;
}

/** Decode "B3" or "$B$3" to 0-based row and column. */
function decodeAddress(address: string): { row: number; col: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (match === null) return null;
  let col = 0;
  for (const ch of (match[1] ?? '').toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

/** Make a wanted sheet name valid for Excel: no `[]:*?/\`, no quote at either end, at most 31 characters. */
export function cleanSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, MAX_SHEET_NAME)
    .trim();
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet' : cleaned;
}

/**
 * The name an owned sheet gets: the wanted name made valid, or, when a sheet in `taken` (lower
 * case) has it, the next free "名称 (2)", "名称 (3)"… within 31 characters. The name is added to `taken`.
 */
export function freeSheetName(wanted: string, taken: Set<string>): string {
  const clean = cleanSheetName(wanted);
  let name = clean;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${clean.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Merge a severity's marked cells into `sqref` ranges: consecutive rows of one column become
 * one range, so 50,000 marks down a column cost one short string.
 */
export function marksToRef(addresses: readonly string[]): string {
  const byColumn = new Map<number, number[]>();
  for (const address of addresses) {
    const decoded = decodeAddress(address);
    if (decoded === null) continue;
    const rows = byColumn.get(decoded.col) ?? [];
    rows.push(decoded.row);
    byColumn.set(decoded.col, rows);
  }
  const parts: string[] = [];
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byColumn.get(col))].sort((a, b) => a - b);
    const letter = columnLetter(col);
    let start = rows[0];
    rows.forEach((row, i) => {
      const next = rows[i + 1];
      if (start === undefined || next === row + 1) return;
      parts.push(start === row ? `${letter}${row + 1}` : `${letter}${start + 1}:${letter}${row + 1}`);
      start = next;
    });
  }
  return parts.join(' ');
}

/** Options of `createXlsxWorkbookPort`. */
export interface XlsxPortOptions {
  /** Rows read per progress report (default 10,000). */
  readonly progressRows?: number;
}

/**
 * The workbook port over an ExcelJS workbook held in memory, for the CLI. Every change stays in
 * memory until the caller saves the workbook (`saveWorkbookAtomic`), so a failed refresh never
 * leaves a half-written file. The add-in's state travels in a very hidden sheet (see
 * `ledgerStateSheet.ts`). Charts are not written (see `CHARTS_NOTE`).
 */
export function createXlsxWorkbookPort(workbook: ExcelJS.Workbook, options: XlsxPortOptions = {}): WorkbookPort {
  const progressRows = options.progressRows ?? PROGRESS_ROWS;
  let chartsSkipped = false;

  const userSheets = (): ExcelJS.Worksheet[] => workbook.worksheets.filter((w) => !isStateSheet(w));

  const ownedRecords = (doc: LedgerStateDoc): OwnedSheetRecord[] =>
    doc.owned.filter((o) => {
      const sheet = workbook.getWorksheet(o.name);
      return sheet !== undefined && sheet.id === o.sheetId && !isStateSheet(sheet);
    });

  const ownedRole = (doc: LedgerStateDoc, sheet: ExcelJS.Worksheet): SheetRole | null =>
    ownedRecords(doc).find((o) => o.name === sheet.name)?.role ?? null;

  const gridOf = (sheet: ExcelJS.Worksheet, limit: number, area: { top: number; left: number; bottom: number; right: number } | null, onChunk?: (done: number, total: number) => void): CellValue[][] => {
    const total = Math.min(limit, area === null ? sheet.rowCount : area.bottom + 1);
    const grid: CellValue[][] = [];
    for (let r = 0; r < total; r++) {
      let cells: CellValue[] = [];
      if (area === null || r >= area.top) {
        const row = sheet.findRow(r + 1);
        if (row !== undefined) cells = readRowCells(row);
        if (area !== null) cells = cells.map((v, c) => (c >= area.left && c <= area.right ? v : null)).slice(0, area.right + 1);
      }
      grid.push(cells);
      if (onChunk !== undefined && (r + 1) % progressRows === 0) onChunk(r + 1, total);
    }
    onChunk?.(total, total);
    return grid;
  };

  const tableArea = (name: string): { sheet: ExcelJS.Worksheet; area: { top: number; left: number; bottom: number; right: number } } | null => {
    for (const sheet of userSheets()) {
      for (const table of sheet.getTables() as unknown as { name?: string; table?: { name?: string; ref?: string; tableRef?: string } }[]) {
        const model = table.table ?? table;
        const tableName = (model as { name?: string }).name;
        if (tableName !== name) continue;
        const ref = (model as { tableRef?: string; ref?: string }).tableRef ?? (model as { ref?: string }).ref ?? '';
        const [from, to] = ref.split(':');
        const a = from === undefined ? null : decodeAddress(from);
        const b = to === undefined ? a : decodeAddress(to);
        if (a === null || b === null) return null;
        return { sheet, area: { top: a.row, left: a.col, bottom: b.row, right: b.col } };
      }
    }
    return null;
  };

  const removeMarks = (doc: LedgerStateDoc): void => {
    for (const mark of doc.marks) {
      const sheet = workbook.getWorksheet(mark.sheet);
      if (sheet === undefined) continue;
      sheet.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => !(cf.ref === mark.ref && isMarkRule(cf)));
    }
  };

  const port: WorkbookPort = {
    async listSheets(): Promise<readonly SheetInfo[]> {
      const doc = readStateDoc(workbook);
      return userSheets().map((sheet) => ({
        name: sheet.name,
        ownedRole: ownedRole(doc, sheet),
        rowCount: sheet.rowCount,
        columnCount: sheet.columnCount,
        tables: (sheet.getTables() as unknown as { name?: string; table?: { name?: string } }[])
          .map((t) => t.table?.name ?? t.name)
          .filter((n): n is string => typeof n === 'string'),
        preview: gridOf(sheet, PREVIEW_ROWS, null),
      }));
    },

    async readGrid(source: SourceRef, onChunk?: (rowsRead: number, rowsTotal: number) => void): Promise<SourceGrid> {
      if (source.kind === 'sheet') {
        const sheet = workbook.getWorksheet(source.name);
        if (sheet === undefined || isStateSheet(sheet)) throw new PortError('source_not_found', `sheet "${source.name}" not found`);
        const grid: Grid = gridOf(sheet, Number.POSITIVE_INFINITY, null, onChunk);
        return { sheet: sheet.name, grid };
      }
      const found = tableArea(source.name);
      if (found === null) throw new PortError('source_not_found', `table "${source.name}" not found`);
      return { sheet: found.sheet.name, grid: gridOf(found.sheet, Number.POSITIVE_INFINITY, found.area, onChunk) };
    },

    async applySheetPlans(plans: readonly SheetPlan[]): Promise<AppliedPlans> {
      const doc = readStateDoc(workbook);
      const owned = ownedRecords(doc);
      const replaced = owned.filter((o) => plans.some((p) => p.role === o.role));
      const replacedNames = new Set(replaced.map((o) => o.name.toLowerCase()));
      const taken = new Set(workbook.worksheets.map((w) => w.name.toLowerCase()).filter((n) => !replacedNames.has(n)));

      // Final names first: a user sheet keeps its name, ours takes the next free "名称 (2)".
      const finalNames: string[] = [];
      const plannedToFinal = new Map<string, string>();
      for (const plan of plans) {
        const name = freeSheetName(plan.name, taken);
        finalNames.push(name);
        plannedToFinal.set(plan.name, name);
      }
      const sheetName = (planned: string): string => plannedToFinal.get(planned) ?? planned;

      // Build every new sheet under a temporary name; on failure remove them and keep the old ones.
      const built: { plan: SheetPlan; sheet: ExcelJS.Worksheet; name: string }[] = [];
      try {
        plans.forEach((plan, i) => {
          let temp = `~ledger-stats ${i}`;
          for (let n = 2; workbook.getWorksheet(temp) !== undefined; n++) temp = `~ledger-stats ${i}.${n}`;
          const sheet = workbook.addWorksheet(temp);
          built.push({ plan, sheet, name: finalNames[i] ?? temp });
          writeSheetPlan(sheet, plan, sheetName);
          if (plan.charts.length > 0) chartsSkipped = true;
        });
      } catch (error) {
        for (const { sheet } of built) workbook.removeWorksheet(sheet.id);
        throw new PortError('write_failed', `building the summary sheets failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }

      // Swap: each new sheet takes the tab position of the sheet it replaces.
      const positions = new Map<SheetRole, number>();
      for (const record of replaced) {
        const old = workbook.getWorksheet(record.name);
        if (old === undefined) continue;
        positions.set(record.role, (old as unknown as WorksheetOrder).orderNo);
        workbook.removeWorksheet(old.id);
      }
      const applied: AppliedPlans = {};
      const records: OwnedSheetRecord[] = owned.filter((o) => !replaced.includes(o));
      for (const { plan, sheet, name } of built) {
        sheet.name = name;
        const position = positions.get(plan.role);
        if (position !== undefined) (sheet as unknown as WorksheetOrder).orderNo = position;
        applied[plan.role] = sheet.name;
        records.push({ role: plan.role, name: sheet.name, sheetId: sheet.id });
      }
      const marks = doc.marks.filter((m) => workbook.getWorksheet(m.sheet) !== undefined);
      writeStateDoc(workbook, { ...readStateDoc(workbook), owned: records, marks });
      return applied;
    },

    async markCells(sheetName: string, marks: readonly CellMark[]): Promise<void> {
      const sheet = workbook.getWorksheet(sheetName);
      if (sheet === undefined || isStateSheet(sheet)) throw new PortError('source_not_found', `sheet "${sheetName}" not found`);
      const doc = readStateDoc(workbook);
      removeMarks(doc);
      const records: MarkRecord[] = [];
      for (const severity of ['error', 'warning'] as const) {
        const ref = marksToRef(marks.filter((m) => m.severity === severity).map((m) => m.address));
        if (ref === '') continue;
        sheet.addConditionalFormatting({
          ref,
          rules: [
            {
              type: 'expression',
              formulae: ['TRUE'],
              priority: severity === 'error' ? 1 : 2,
              style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: MARK_FILLS[severity] } } },
            },
          ],
        });
        records.push({ sheet: sheet.name, severity, ref });
      }
      writeStateDoc(workbook, { ...doc, marks: records });
    },

    async clearMarks(): Promise<void> {
      const doc = readStateDoc(workbook);
      removeMarks(doc);
      writeStateDoc(workbook, { ...doc, marks: [] });
    },

    async readState(): Promise<StoredState> {
      const { settings, snapshot, lastRefresh } = readStateDoc(workbook);
      return { settings, snapshot, lastRefresh };
    },

    async writeState(patch: Partial<StoredState>): Promise<void> {
      writeStateDoc(workbook, { ...readStateDoc(workbook), ...patch });
    },

    capabilityNotes(): readonly CapabilityNote[] {
      return chartsSkipped ? [CHARTS_NOTE] : [];
    },
  };
  return port;
}
