import { columnIndexOf, type CellValue, type SheetPlan, type SheetRole } from '../../domain';
import {
  PortError,
  type AppliedPlans,
  type CapabilityNote,
  type CellMark,
  type SheetInfo,
  type SourceGrid,
  type SourceRef,
  type StoredState,
  type UserSheetPlan,
  type WorkbookPort,
} from '../../workflows/workbookPort';
import { SOURCE_PREVIEW_ROWS } from '../../workflows/chooseSource';
import { forEachMarkCell } from '../../workflows/issueMarks';
import type { LedgerSourcePort, SourceRowVisitor } from '../../workflows/readLedgerSource';
import { EMPTY_STATE_DOC, type MarkRecord, type SnapshotPiecesWriter, type StateSheetDoc } from '../../workflows/stateSheet';
import { readDefinedNames } from '../definedNames';
import { findHostSheets } from '../findHostSheets';
import { ownedSheets } from '../ownedSheets';
import { areaOf, cropRow, type CellArea as Area } from '../xlsxReadPort';
import { freeSheetName } from './freeSheetName';
import { MarkRanges, marksToRef } from './marksToRef';
import { planPackageEdits, type PendingSheet } from './planPackageEdits';
import { storeSnapshotPieces, type StoredSnapshot } from './storeSnapshotPieces';
import { readPartText, readXlsxPackage, type WorkbookSheet } from './XlsxPackage';
import { writePackage } from './writePackage';
import { REL_TYPES, xmlAttributes } from './xmlText';

/** Rows per progress report while reading a grid. */
const PROGRESS_ROWS = 10_000;

/**
 * A workbook port over an .xlsx file that writes its changes into a new package with `save`. It
 * is also a `LedgerSourcePort`: a workflow may stream the source's rows instead of reading a grid.
 */
export interface XlsxFilePort extends WorkbookPort, LedgerSourcePort, SnapshotPiecesWriter {
  /** As `WorkbookPort.dropState`: the next `save` writes no state (`refresh --drop-state`). */
  dropState(): Promise<void>;
  /**
   * Write the workbook with every change made through the port to `outputPath` (which may be the
   * input itself), atomically. Every part the port does not own is copied unchanged.
   * @throws PortError `write_failed`.
   */
  save(outputPath: string): Promise<void>;
}

interface ScannedSheet {
  readonly preview: CellValue[][];
  readonly rowCount: number;
  readonly columnCount: number;
}

/**
 * What the file port needs from a reader: a worksheet's rows, streamed in order (rows without
 * cells may be left out), stopping when `onRow` returns `'stop'`. `rowIndex` is 0-based
 * (sheet row − 1) and `cells[0]` is column A.
 */
export interface SheetRowSource {
  streamRows(sheetName: string, onRow: (rowIndex: number, cells: CellValue[]) => 'stop' | undefined): Promise<void>;
  /** The last used row of a sheet if known cheaply (its `<dimension>`), for choosing the source. */
  rowCount?(sheetName: string): Promise<number | null>;
  /**
   * Stream a whole source some other way (the CLI parses a large sheet on a worker thread, `streamSourceInWorker`):
   * a sheet's rows, or a table's (`area`: rows above it left out, cells outside it blank), as `streamRows` gives them.
   * Absent: `streamRows`, in this thread.
   */
  streamSource?(sheetName: string, area: Area | null, onRow: (rowIndex: number, cells: CellValue[]) => void): Promise<void>;
}

/** Read up to `limit` rows of a sheet into a grid (row index = sheet row − 1). */
async function readRows(rows: SheetRowSource, sheetName: string, limit: number): Promise<CellValue[][]> {
  const grid: CellValue[][] = [];
  await rows.streamRows(sheetName, (rowIndex, cells) => {
    if (rowIndex >= limit) return 'stop';
    while (grid.length < rowIndex) grid.push([]);
    grid[rowIndex] = cells;
    return rowIndex + 1 >= limit ? 'stop' : undefined;
  });
  return grid;
}

/**
 * Open an .xlsx file as a workbook port for `refresh` without loading it whole: sheets are
 * streamed through `rows` (a preview of each, `SOURCE_PREVIEW_ROWS` rows as every command reads
 * it, then the chosen source's rows), and the owned sheets, the issue marks and the state are
 * kept as plans until `save` writes the new package (`writePackage`). The state lives in the very hidden state sheet
 * (`src/workflows/stateSheet.ts`, format 1 or 2 read, format 2 written); the owned sheets are the ones the owner
 * names point at (`ownedSheets`), replaced in place.
 * @throws PortError `file_unreadable` for a file that is not a readable .xlsx package.
 */
export async function openXlsxFilePort(path: string, rows: SheetRowSource): Promise<XlsxFilePort> {
  const pkg = await readXlsxPackage(path);
  const worksheets = pkg.sheets.filter((s) => s.part !== null);
  const hosts = await findHostSheets(worksheets, (sheet, limit) => readRows(rows, sheet.name, limit));
  const stateSheet = hosts.state?.sheet ?? null;
  const initial: StateSheetDoc = hosts.state?.doc ?? EMPTY_STATE_DOC;
  const scanned = new Map<string, ScannedSheet>();
  const scan = async (name: string): Promise<ScannedSheet> => {
    const known = scanned.get(name);
    if (known !== undefined) return known;
    const preview = await readRows(rows, name, SOURCE_PREVIEW_ROWS);
    const counted = (await rows.rowCount?.(name)) ?? null;
    const result = { preview, rowCount: Math.max(counted ?? 0, preview.length), columnCount: Math.max(0, ...preview.map((r) => r.length)) };
    scanned.set(name, result);
    return result;
  };
  let doc: StateSheetDoc = initial;
  /** A baseline given in pieces (`writeStateSnapshotPieces`), compressed; it stands for `doc.snapshot` when set. */
  let storedSnapshot: StoredSnapshot | null = null;
  const userSheets = worksheets.filter((s) => s !== stateSheet && !hosts.marksHelpers.includes(s));
  const owned = ownedSheets(userSheets, readDefinedNames(pkg.workbookXml), initial.legacyOwned);
  const roleOf = new Map([...owned].map(([role, sheet]) => [sheet, role]));
  let pending: PendingSheet[] = [];
  // Sheets created for the user (`createSheetIfAbsent`): written with the package, never owned.
  const created: { readonly plan: UserSheetPlan; readonly sheetId: number }[] = [];
  /** Sheets whose add-in marks go: those the CLI marks or clears. */
  const addinMarksOn = new Set<string>();
  /** Set by `dropState`: `save` writes no state, no marks and no marks helper. */
  let stateDropped = false;
  let nextSheetId = Math.max(0, ...pkg.sheets.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0))) + 1;

  const tablesOf = async (sheetName: string): Promise<{ name: string; area: Area }[]> => {
    const part = userSheets.find((s) => s.name === sheetName)?.part ?? null;
    if (part === null) return [];
    const tables: { name: string; area: Area }[] = [];
    for (const rel of pkg.rels.get(part) ?? []) {
      if (rel.type !== REL_TYPES.table || rel.isExternal) continue;
      const xml = await readPartText(pkg, rel.part);
      const tag = /<(?:\w+:)?table\s[^>]*>/.exec(xml ?? '')?.[0];
      if (tag === undefined) continue;
      const a = xmlAttributes(tag);
      const area = areaOf(a.ref ?? '');
      const name = a.displayName ?? a.name;
      if (area !== null && name !== undefined) tables.push({ name, area });
    }
    return tables;
  };

  /** The sheet and, for a table, the area a source names. */
  const resolve = async (source: SourceRef): Promise<{ sheet: string; area: Area | null }> => {
    if (source.kind === 'sheet') {
      const sheet = userSheets.find((s) => s.name === source.name);
      if (sheet === undefined) throw new PortError('source_not_found', `sheet "${source.name}" not found`);
      return { sheet: sheet.name, area: null };
    }
    for (const sheet of userSheets) {
      const table = (await tablesOf(sheet.name)).find((t) => t.name === source.name);
      if (table !== undefined) return { sheet: sheet.name, area: table.area };
    }
    throw new PortError('source_not_found', `table "${source.name}" not found`);
  };

  /** Stream a sheet's rows, or a table's (rows above it left out, cells outside it blank). */
  const streamArea = (name: string, area: Area | null, onRow: (rowIndex: number, cells: CellValue[]) => void): Promise<void> =>
    rows.streamRows(name, (rowIndex, cells) => {
      if (area !== null && rowIndex > area.bottom) return 'stop';
      if (area === null) onRow(rowIndex, cells);
      else if (rowIndex >= area.top) onRow(rowIndex, cropRow(cells, area));
      return undefined;
    });

  const port: XlsxFilePort = {
    async listSheets(): Promise<readonly SheetInfo[]> {
      const infos: SheetInfo[] = [];
      for (const sheet of userSheets) {
        const scanned = await scan(sheet.name);
        infos.push({
          name: sheet.name,
          ownedRole: roleOf.get(sheet) ?? null,
          rowCount: scanned.rowCount,
          columnCount: scanned.columnCount,
          tables: (await tablesOf(sheet.name)).map((t) => t.name),
          preview: scanned.preview,
        });
      }
      return infos;
    },

    async readGrid(source: SourceRef, onChunk?: (rowsRead: number, rowsTotal: number) => void): Promise<SourceGrid> {
      const { sheet, area } = await resolve(source);
      const total = area === null ? (await scan(sheet)).rowCount : area.bottom + 1;
      const grid: CellValue[][] = [];
      await streamArea(sheet, area, (rowIndex, cells) => {
        while (grid.length < rowIndex) grid.push([]);
        grid.push(cells);
        if (onChunk !== undefined && grid.length % PROGRESS_ROWS === 0) onChunk(grid.length, Math.max(total, grid.length));
      });
      onChunk?.(grid.length, grid.length);
      return { sheet, grid };
    },

    async streamRows(source: SourceRef, visitor: SourceRowVisitor): Promise<void> {
      const { sheet, area } = await resolve(source);
      visitor.onSource(sheet, area === null ? (await rows.rowCount?.(sheet)) ?? null : area.bottom + 1);
      const onRow = (rowIndex: number, cells: CellValue[]): void => visitor.onRow(rowIndex, cells);
      await (rows.streamSource === undefined ? streamArea(sheet, area, onRow) : rows.streamSource(sheet, area, onRow));
    },

    async applySheetPlans(plans: readonly SheetPlan[]): Promise<AppliedPlans> {
      const roles = new Set(plans.map((p) => p.role));
      // Sheets planned by an earlier call for the same roles are superseded.
      pending = pending.filter((p) => !roles.has(p.plan.role));
      const replaced = new Set(plans.flatMap((p) => owned.get(p.role) ?? []));
      const taken = new Set([...pkg.sheets.map((s) => s.name), ...pending.map((p) => p.name), ...created.map((c) => c.plan.name)].map((n) => n.toLowerCase()));
      // Final names first: an owned sheet keeps its name (replaced in place), a new one takes the planned name or,
      // when a user sheet has it, the next free "名称 (2)".
      const plannedToFinal = new Map<string, string>();
      const names = plans.map((plan) => {
        const name = owned.get(plan.role)?.name ?? freeSheetName(plan.name, taken);
        plannedToFinal.set(plan.name, name);
        return name;
      });
      const sheetName = (planned: string): string => plannedToFinal.get(planned) ?? planned;
      const applied: AppliedPlans = {};
      plans.forEach((plan, i) => {
        const name = names[i] ?? plan.name;
        const replaces = owned.get(plan.role) ?? null;
        pending.push({ plan, name, sheetId: replaces === null ? nextSheetId++ : replaces.sheetId, replaces, sheetName });
        applied[plan.role] = name;
      });
      doc = { ...doc, marks: doc.marks.filter((m) => !userSheets.some((s) => replaced.has(s) && s.name === m.sheet)) };
      return applied;
    },

    async markCells(sheetName: string, marks: readonly CellMark[]): Promise<void> {
      const sheet = userSheets.find((s) => s.name === sheetName && s.part !== null);
      if (sheet === undefined || roleOf.has(sheet)) throw new PortError('source_not_found', `sheet "${sheetName}" not found`);
      const records: MarkRecord[] = [];
      const ranges = { error: new MarkRanges(), warning: new MarkRanges() };
      const columns = new Map<string, number | null>();
      // Marks from `issueMarks` are read by column letter and row, building no mark and no address (a full sheet
      // marks 759,412 cells); any other list by its addresses.
      const numeric = forEachMarkCell(marks, (letter, row, severity) => {
        let col = columns.get(letter);
        if (col === undefined) {
          col = columnIndexOf(letter);
          columns.set(letter, col);
        }
        if (col !== null && row >= 1) ranges[severity].add(col, row - 1);
      });
      for (const severity of ['error', 'warning'] as const) {
        const ref = numeric ? ranges[severity].ref() : marksToRef(addressesOf(marks, severity));
        if (ref !== '') records.push({ sheet: sheet.name, severity, ref });
      }
      addinMarksOn.add(sheet.name);
      doc = { ...doc, marks: records };
    },

    async clearMarks(): Promise<void> {
      for (const mark of doc.marks) addinMarksOn.add(mark.sheet);
      doc = { ...doc, marks: [] };
    },

    /**
     * Save without any state (`refresh --drop-state`): the state sheet, the add-in's marks helper sheets and every
     * issue mark (the CLI's and the add-in's) are removed instead of written, so nothing of the ledger's history
     * travels with the file. The owned sheets stay.
     */
    async dropState(): Promise<void> {
      stateDropped = true;
    },

    async readState(): Promise<StoredState> {
      const { settings, snapshot, lastRefresh } = doc;
      return { settings, snapshot: storedSnapshot === null ? snapshot : storedSnapshot.text(), lastRefresh };
    },

    async writeState(patch: Partial<StoredState>): Promise<void> {
      if (patch.snapshot !== undefined) storedSnapshot = null;
      doc = { ...doc, ...patch };
    },

    async writeStateSnapshotPieces(pieces: Iterable<string>, patch: { readonly lastRefresh?: string | null }): Promise<void> {
      storedSnapshot = storeSnapshotPieces(pieces);
      doc = { ...doc, ...patch, snapshot: null };
    },

    async createSheetIfAbsent(plan: UserSheetPlan): Promise<string | null> {
      const names = [...pkg.sheets.map((s) => s.name), ...pending.map((p) => p.name), ...created.map((c) => c.plan.name)];
      if (names.some((n) => n.toLowerCase() === plan.name.toLowerCase())) return null;
      created.push({ plan, sheetId: nextSheetId++ });
      return plan.name;
    },

    capabilityNotes(): readonly CapabilityNote[] {
      return [];
    },

    async save(outputPath: string): Promise<void> {
      const replaced = new Set(pending.flatMap((p) => (p.replaces === null ? [] : [p.replaces])));
      const keptOwned = new Map<SheetRole, WorkbookSheet>([...owned].filter(([, sheet]) => !replaced.has(sheet)));
      const { settings, lastRefresh, snapshot, marks } = doc;
      // The helper goes with the state: no rule of the add-in may be left reading a sheet the file no longer has,
      // on whatever sheet the add-in marked last.
      const cleanOn = stateDropped && hosts.marksHelpers.length > 0 ? new Set([...addinMarksOn, ...userSheets.filter((s) => !roleOf.has(s)).map((s) => s.name)]) : addinMarksOn;
      const edits = await planPackageEdits(pkg, {
        sheets: pending,
        created,
        stateSheet,
        state: stateDropped ? { kind: 'drop' } : { kind: 'write', doc: { settings, lastRefresh, snapshot, marks }, ...(storedSnapshot === null ? {} : { snapshot: storedSnapshot }) },
        stateSheetId: nextSheetId,
        oldMarks: initial.marks,
        marks: stateDropped ? [] : marks,
        addinMarksOn: cleanOn,
        marksHelpers: hosts.marksHelpers,
        removeMarksHelpers: stateDropped,
        keptOwned,
      });
      await writePackage(pkg, edits, outputPath);
    },
  };
  return port;
}


/** The addresses of the marks of one severity, in order. */
function* addressesOf(marks: readonly CellMark[], severity: CellMark['severity']): Generator<string> {
  for (const mark of marks) if (mark.severity === severity) yield mark.address;
}
