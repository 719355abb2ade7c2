import type { SheetPlan, SheetRole } from '../domain';
import type { AppliedPlans, CapabilityNote, CellMark, SheetInfo, SourceGrid, SourceRef, StoredState, WorkbookPort } from '../workflows/workbookPort';
import { applySheetPlans, type StatusCell } from './applySheetPlans';
import { excelRun, excelRunIn, runOperation } from './batch';
import { CapabilityNotes, detectCapabilities, type Capabilities } from './capabilities';
import { documentSettings, SETTING_KEYS, type DocumentSettings } from './documentSettings';
import { listSheets } from './listSheets';
import { clearMarks, markCells } from './marks';
import { readGrid, type ReadHint } from './readGrid';
import { exclusive, LEASE_SHEET_NAME, type RefreshLeaseOptions } from './refreshLock';
import { readState, writeState, type SnapshotCache } from './state';
import { literalText } from './toCellInput';
import { watchEdits, type StopWatching } from './watchEdits';

/** Options of `createOfficeWorkbookPort` (all injectable for tests). */
export interface OfficeWorkbookPortOptions {
  /** `Excel.run` (default: the global, looked up at call time). */
  readonly run?: typeof Excel.run;
  /** The host's optional features (default: asked from `Office.context.requirements` on first use). */
  readonly capabilities?: Capabilities;
  /** The document settings (default: `Office.context.document.settings`). */
  readonly settings?: DocumentSettings;
  /** Random token for temporary sheet names (default: `Math.random`). */
  readonly token?: () => string;
  /** Options of the refresh lease (`exclusive`; see refreshLock.ts), for tests. */
  readonly lease?: Partial<Omit<RefreshLeaseOptions, 'run' | 'canHide'>>;
}

function randomToken(): string {
  return Math.random().toString(36).slice(2, 10).padEnd(8, '0');
}

/** A lease token: unique across runtimes that start at the same millisecond. */
function leaseToken(): string {
  return `${Date.now().toString(36)}-${randomToken()}${randomToken()}`;
}

/** The Office.js port: the workbook port plus what only the task pane of Excel uses. */
export interface OfficeWorkbookPort extends WorkbookPort {
  /** See `watchEdits` (src/excel/watchEdits.ts): `null` when the host has no change events. */
  watchEdits(onEdit: (sheet: string | null) => void): Promise<StopWatching | null>;
  /** See `WorkbookPort.exclusive` and refreshLock.ts: the lease is a sheet, ExcelApi 1.1. */
  exclusive<T>(work: () => Promise<T>, onWait?: () => void): Promise<T>;
}

/**
 * The workbook port over Office.js: every method is one coarse operation in its own `Excel.run`,
 * with a number of round trips that does not grow with the ledger except for payload-sized chunks.
 * ExcelApi 1.1 is enough; newer features are used when `isSetSupported` says so, and what is
 * missing is reported by `capabilityNotes()`.
 * @example const report = await refresh(createOfficeWorkbookPort(), { displayLanguage: Office.context.displayLanguage });
 */
export function createOfficeWorkbookPort(options: OfficeWorkbookPortOptions = {}): OfficeWorkbookPort {
  const run = excelRun(options.run);
  const notes = new CapabilityNotes();
  let caps: Capabilities | undefined = options.capabilities;
  let settings: DocumentSettings | undefined = options.settings;
  const token = options.token ?? randomToken;
  // What the last listSheets saw of each sheet and table, to size the first read chunk.
  let hints: ReadonlyMap<string, ReadHint> = new Map();
  // Owner markers read by the last listSheets (used by applySheetPlans in the same refresh, so the
  // fallback to markers costs no extra round trip; ids are stable and markers are bound to them).
  let markers: ReadonlyMap<string, SheetRole> | null = null;

  // The snapshot text last read or written, by part ids (see state.ts): a refresh keeps the period
  // baseline verbatim, so its multi-megabyte parts are not read or written twice.
  const snapshotCache: { value: SnapshotCache | null } = { value: null };
  // Resolved lazily: the port may be created before Office.onReady.
  const deps = () => {
    caps ??= detectCapabilities();
    settings ??= documentSettings();
    return { run, caps, settings, notes };
  };

  return {
    async listSheets(): Promise<readonly SheetInfo[]> {
      const { caps: c, settings: s } = deps();
      const listed = await runOperation(run, 'listSheets', (context) => listSheets(context, s, c));
      hints = listed.hints;
      markers = listed.markers;
      // The refresh lease (this runtime's, or another's) is no sheet of the user's.
      return listed.sheets.filter((sheet) => sheet.name !== LEASE_SHEET_NAME);
    },

    async readGrid(source: SourceRef, onChunk?: (rowsRead: number, rowsTotal: number) => void): Promise<SourceGrid> {
      const { caps: c } = deps();
      const hint = hints.get(source.name);
      const result = await runOperation(run, 'readGrid', (context) =>
        readGrid(context, source, c, { ...(hint === undefined ? {} : { hint }), ...(onChunk === undefined ? {} : { onChunk }) }),
      );
      return { sheet: result.sheet, grid: result.grid };
    },

    applySheetPlans(plans: readonly SheetPlan[]): Promise<AppliedPlans> {
      return applySheetPlans({ ...deps(), token, markers }, plans);
    },

    markCells(sheet: string, marks: readonly CellMark[]): Promise<void> {
      return markCells(deps(), sheet, marks);
    },

    clearMarks(): Promise<void> {
      return clearMarks(deps());
    },

    readState(): Promise<StoredState> {
      return readState({ ...deps(), cache: snapshotCache });
    },

    writeState(patch: Partial<StoredState>): Promise<void> {
      return writeState({ ...deps(), cache: snapshotCache }, patch);
    },

    async selectCell(sheet: string, address: string): Promise<void> {
      // Worksheet.activate and Range.select are ExcelApi 1.1.
      await runOperation(run, 'selectCell', async (context) => {
        const target = context.workbook.worksheets.getItem(sheet);
        target.activate();
        target.getRange(address).select();
        await context.sync();
      });
    },

    async writeStatus(text: string): Promise<boolean> {
      const { settings: s } = deps();
      const cell = s.get(SETTING_KEYS.statusCell) as StatusCell | null | undefined;
      if (cell === null || cell === undefined || typeof cell.sheetId !== 'string' || typeof cell.address !== 'string') return false;
      // One round trip: Worksheet ids are accepted by getItem; the sheet is ours by its recorded id.
      await runOperation(run, 'writeStatus', async (context) => {
        const range = context.workbook.worksheets.getItem(cell.sheetId).getRange(cell.address);
        range.values = [[literalText(text.replace(/\s+/g, ' ').trim())]];
        range.format.font.color = '#595959';
        await context.sync();
      });
      return true;
    },

    watchEdits(onEdit: (sheet: string | null) => void): Promise<StopWatching | null> {
      return watchEdits(run, excelRunIn(options.run), deps().caps, onEdit);
    },

    capabilityNotes(): readonly CapabilityNote[] {
      return notes.list();
    },

    exclusive<T>(work: () => Promise<T>, onWait?: () => void): Promise<T> {
      return exclusive({ token: leaseToken, ...options.lease, run, canHide: deps().caps.sheetVisibility }, work, onWait);
    },
  };
}
