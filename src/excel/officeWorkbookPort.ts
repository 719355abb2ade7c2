import type { SheetPlan, SheetRole } from '../domain';
import type { AppliedPlans, CapabilityNote, CellMark, GridSheet, SheetInfo, SourceGrid, SourceRef, StoredState, UserSheetPlan, WorkbookPort } from '../workflows/workbookPort';
import { applySheetPlans, type StatusCell } from './applySheetPlans';
import { excelRun, excelRunIn, runOperation, type ExcelRun } from './batch';
import { createUserSheet } from './createUserSheet';
import { CapabilityNotes, detectCapabilities, type Capabilities } from './capabilities';
import { documentSettings, SETTING_KEYS, type DocumentSettings } from './documentSettings';
import { listSheets, queueSheetDetails, queueSheetListAhead, type ListedSheets, type SheetListAhead } from './listSheets';
import { clearMarks, markCells, queueMarksLook } from './marks';
import type { RulesLook } from './markRules';
import { readGrid, type ReadHint } from './readGrid';
import { exclusiveLazily, LEASE_SHEET_NAME, LeaseRestart, type LazyLease, type RefreshLeaseOptions } from './refreshLock';
import { dropState, emptyStateCache, readState, readStateMarks, writeState, type ReadAlong, type StateDeps } from './state';
import { removeCliMarks } from './cliMarks';
import { isStateMarker } from '../workflows/stateSheet';
import { LEGACY_OWNED_KEY, ownerName, ownerSheetsByName } from './ownership';
import { literalText } from './toCellInput';
import { officeErrorCode } from './toPortError';
import { watchEdits, type StopWatching } from './watchEdits';
import { writeGridSheet } from './writeGridSheet';
import { queueNames } from './worksheets';

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

/** What the adapter keeps in the document settings, as one string to compare. */
function settingsFingerprint(settings: DocumentSettings): string {
  return JSON.stringify(Object.values(SETTING_KEYS).map((key) => settings.get(key) ?? null));
}

/** A lease token: unique across runtimes that start at the same millisecond. */
function leaseToken(): string {
  return `${Date.now().toString(36)}-${randomToken()}${randomToken()}`;
}

/** The Office.js port: the workbook port plus what only the task pane of Excel uses. */
export interface OfficeWorkbookPort extends WorkbookPort {
  /** See `watchEdits` (src/excel/watchEdits.ts): `null` when the host has no change events. */
  watchEdits(onEdit: (sheet: string | null) => void): Promise<StopWatching | null>;
  /** See `WorkbookPort.exclusive` and refreshLock.ts: the lease is a sheet (ExcelApi 1.1), taken in the first request `work` makes (`exclusiveLazily`). */
  exclusive<T>(work: () => Promise<T>, onWait?: () => void): Promise<T>;
  /** See `WorkbookPort.createSheetIfAbsent` and createUserSheet.ts: two round trips, ExcelApi 1.1 (widths 1.2). */
  createSheetIfAbsent(plan: UserSheetPlan): Promise<string | null>;
  /** See `WorkbookPort.writeGridSheet` and writeGridSheet.ts: one round trip plus one per payload-sized chunk. */
  writeGridSheet(name: string, sheet: GridSheet): Promise<string>;
  /** See `WorkbookPort.dropState` and state.ts. */
  dropState(): Promise<void>;
}

/**
 * The workbook port over Office.js: every method is one coarse operation in its own `Excel.run`,
 * with a number of round trips that does not grow with the ledger except for payload-sized chunks.
 * ExcelApi 1.1 is enough; newer features are used when `isSetSupported` says so, and what is
 * missing is reported by `capabilityNotes()`.
 * @example const report = await refresh(createOfficeWorkbookPort(), { displayLanguage: Office.context.displayLanguage });
 */
export function createOfficeWorkbookPort(options: OfficeWorkbookPortOptions = {}): OfficeWorkbookPort {
  const direct = excelRun(options.run);
  // Inside `exclusive`: the lease, taken by the first request of the held section (refreshLock.ts).
  let lease: LazyLease | null = null;
  const run: ExcelRun = (batch) => (lease?.run ?? direct)(batch);
  const notes = new CapabilityNotes();
  let caps: Capabilities | undefined = options.capabilities;
  let settings: DocumentSettings | undefined = options.settings;
  const token = options.token ?? randomToken;
  // What the last listSheets saw of each sheet and table, to size the first read chunk.
  let hints: ReadonlyMap<string, ReadHint> = new Map();
  // Owner markers read by the last listSheets (used by applySheetPlans in the same refresh, so the
  // fallback to markers costs no extra round trip; ids are stable and markers are bound to them).
  let markers: ReadonlyMap<string, SheetRole> | null = null;

  // listSheets' first round trip, read with the request of the operation just before it in the same
  // held section (see `readState` below); any other operation drops it.
  let sheetListAhead: SheetListAhead | null = null;
  // listSheets' whole listing, when readState read its second round trip too (`finish` computes it).
  let sheetsListedAhead: (() => ListedSheets) | null = null;
  // In a held section: the sheet readGrid last read (the refresh marks it), and the marking's first round trip
  // read with writeState's request (see `writeState` below); any other operation drops the latter.
  let readSheet: string | null = null;
  let marksLook: RulesLook | null = null;

  // The baseline last read or written, by the state sheet's pointer and revision (see state.ts): a refresh
  // keeps the period baseline verbatim, so its megabytes are not read or written twice.
  const stateCache = emptyStateCache();
  // Resolved lazily: the port may be created before Office.onReady.
  const settingsNow = (): DocumentSettings => (settings ??= documentSettings());
  // The settings as an operation read them before the lease was taken (see `underLease`).
  let readBeforeLease: string | null = null;
  const guardedSettings: DocumentSettings = {
    // A format-1 state's owned sheets, as readState last read them (never saved; see ownership.ts).
    get: (key) => (key === LEGACY_OWNED_KEY ? stateCache.legacyOwned : settingsNow().get(key)),
    set: (key, value) => settingsNow().set(key, value),
    remove: (key) => settingsNow().remove(key),
    save: () => settingsNow().save(),
    async reload() {
      await settingsNow().reload();
      if (lease?.isPending() === true) readBeforeLease = settingsFingerprint(settingsNow());
    },
  };
  const deps = () => {
    caps ??= detectCapabilities();
    return { run, caps, settings: guardedSettings, notes };
  };

  // Inside `exclusive`, once a request took the lease: the state's head read then may serve a later write (state.ts).
  const stateDeps = (): StateDeps => ({ ...deps(), cache: stateCache, ...(lease === null ? {} : { leaseHeld: () => lease?.isHeld() === true }) });

  /**
   * Remove the marks the CLI wrote (the state's `marks`, see cliMarks.ts) and record that they are gone;
   * below ExcelApi 1.6 they stay, with a note. `useCache`: take the records readState last read, if any.
   */
  const clearCliMarks = async (useCache: boolean): Promise<void> => {
    const records = await readStateMarks(stateDeps(), useCache);
    if (records.length === 0) return;
    if (!deps().caps.conditionalFormats) {
      notes.add('marks', 'cli_marks_left');
      return;
    }
    await runOperation(run, 'clearMarks', (context) => removeCliMarks(context, records));
    await writeState(stateDeps(), { marks: [] });
  };

  /** Whether the settings read before the lease was taken are still those in the document (reloads them). */
  const settingsUnchanged = async (): Promise<boolean> => {
    const seen = readBeforeLease;
    readBeforeLease = null;
    if (seen === null) return true;
    await settingsNow().reload();
    return settingsFingerprint(settingsNow()) === seen;
  };

  /**
   * Run one port operation; inside `exclusive`, make it one that ran under the lease. Its first
   * request carries the lease; when that request was refused, the operation starts over once the
   * lease is taken (`LeaseRestart`). Settings it re-read before its first request were read before
   * the lease: as soon as a request takes the lease (before the operation goes on to write
   * anything), or, when the operation made no request, once the lease is taken in a round trip of
   * its own, they are re-read, and the operation starts over if another runtime changed them.
   * `readsSettings`: the operation reloads the settings (readState, clearMarks). The operations of
   * a held section are assumed to run one after another, as a refresh runs them.
   */
  const underLease = async <T>(operation: () => Promise<T>, readsSettings = false): Promise<T> => {
    sheetListAhead = null;
    sheetsListedAhead = null;
    marksLook = null;
    for (;;) {
      if (readsSettings) readBeforeLease = null;
      let result: T;
      try {
        result = await operation();
      } catch (error) {
        if (error instanceof LeaseRestart) continue;
        throw error;
      }
      if (!readsSettings || lease === null || readBeforeLease === null) return result;
      await lease.take();
      if (await settingsUnchanged()) return result;
    }
  };

  return {
    async listSheets(): Promise<readonly SheetInfo[]> {
      const { caps: c, settings: s } = deps();
      const ahead = sheetListAhead;
      const listedAhead = sheetsListedAhead;
      const listed = await underLease(async () =>
        listedAhead !== null ? listedAhead() : runOperation(run, 'listSheets', async (context) => {
          if (ahead === null) return listSheets(context, s, c);
          try {
            return await listSheets(context, s, c, ahead);
          } catch (error) {
            // A sheet read ahead was deleted since: list again from the start.
            if (officeErrorCode(error) !== 'ItemNotFound') throw error;
            return listSheets(context, s, c);
          }
        }),
      );
      hints = listed.hints;
      markers = listed.markers;
      // The refresh lease (this runtime's, or another's) and the state sheet (its marker in A1) are no sheets of the user's.
      return listed.sheets.filter((sheet) => sheet.name !== LEASE_SHEET_NAME && !isStateMarker(sheet.preview[0]?.[0]));
    },

    async readGrid(source: SourceRef, onChunk?: (rowsRead: number, rowsTotal: number) => void): Promise<SourceGrid> {
      const { caps: c } = deps();
      notes.reset('read');
      // Below ExcelApi 1.2 the date system cannot be asked (readGrid.ts): the dates are read as 1900 serials.
      if (!c.workbookFunctions) notes.add('read', 'date_system_unknown');
      const hint = hints.get(source.name);
      const result = await underLease(() =>
        runOperation(run, 'readGrid', (context) =>
          readGrid(context, source, c, {
            ...(hint === undefined ? {} : { hint }),
            ...(onChunk === undefined ? {} : { onChunk }),
          }),
        ),
      );
      if (lease !== null) readSheet = result.sheet;
      return { sheet: result.sheet, grid: result.grid, ...(result.dateSystem === undefined ? {} : { dateSystem: result.dateSystem }) };
    },

    applySheetPlans(plans: readonly SheetPlan[]): Promise<AppliedPlans> {
      return underLease(() => applySheetPlans({ ...deps(), token, markers }, plans));
    },

    markCells(sheet: string, marks: readonly CellMark[]): Promise<void> {
      // What writeState read for this marking, taken before underLease drops it; only while the lease that
      // request ran under is still held (a request that takes it again may have waited for another refresh).
      const look = lease?.isHeld() === true && marksLook?.targetName === sheet ? marksLook : undefined;
      return underLease(async () => {
        // A refresh marks last: its lease goes with the marking's last request (refreshLock.ts), unless the CLI's
        // marks are still to be removed after it. A request that follows in the section takes the lease again.
        const held = lease;
        const noCliMarks = stateCache.marks !== null && stateCache.marks.length === 0;
        await markCells(deps(), sheet, marks, held !== null && noCliMarks ? (context) => held.releaseWith(context) : undefined, look);
        await clearCliMarks(true);
      });
    },

    clearMarks(): Promise<void> {
      return underLease(async () => {
        await clearMarks(deps());
        await clearCliMarks(true);
      }, true);
    },

    readState(): Promise<StoredState> {
      // In a held section (a refresh), listSheets usually comes next: its first round trip's reads
      // go with readState's first request, and its second one's with the request that finds the
      // state sheet among the candidates, whose rows 1–40 it reads (ReadAlong in state.ts; see
      // queueSheetDetails in listSheets.ts for what may change in between). Two round trips fewer
      // when readState makes both requests, one when it makes only the first; only within the section.
      const held = lease;
      if (held === null) return underLease(() => readState(stateDeps()), true);
      return underLease(async () => {
        const ahead: { list: (() => SheetListAhead) | null; details: (() => ListedSheets) | null } = { list: null, details: null };
        const along: ReadAlong = {
          first(context) {
            ahead.list = queueSheetListAhead(context, deps().caps);
            ahead.details = null;
          },
          second(context) {
            if (ahead.list === null) return new Map();
            const queued = queueSheetDetails(context, deps().settings, deps().caps, ahead.list());
            ahead.details = queued.finish;
            return queued.previews;
          },
          dropped() {
            ahead.list = null;
            ahead.details = null;
          },
        };
        const state = await readState({ ...stateDeps(), along });
        if (lease === held) {
          if (ahead.details !== null) sheetsListedAhead = ahead.details;
          else if (ahead.list !== null) sheetListAhead = ahead.list();
        }
        return state;
      }, true);
    },

    writeState(patch: Partial<StoredState>): Promise<void> {
      // In a held section (a refresh), the marking of the sheet readGrid read usually comes next: its first
      // round trip's reads go at the end of the state write's last request (one round trip fewer).
      const held = lease;
      const sheet = readSheet;
      if (held === null || sheet === null) return underLease(() => writeState(stateDeps(), patch));
      const alongWrite = (context: Excel.RequestContext): (() => void) => {
        const read = queueMarksLook(context, deps(), sheet);
        return () => {
          if (read !== null && lease === held) marksLook = read();
        };
      };
      return underLease(() => writeState({ ...stateDeps(), alongWrite }, patch));
    },

    dropState(): Promise<void> {
      return underLease(async () => {
        await clearMarks(deps());
        await clearCliMarks(false);
        await dropState(stateDeps());
      }, true);
    },

    async selectCell(sheet: string, address: string): Promise<void> {
      // Worksheet.activate and Range.select are ExcelApi 1.1.
      await underLease(() =>
        runOperation(run, 'selectCell', async (context) => {
          const target = context.workbook.worksheets.getItem(sheet);
          target.activate();
          target.getRange(address).select();
          await context.sync();
        }),
      );
    },

    createSheetIfAbsent(plan: UserSheetPlan): Promise<string | null> {
      return underLease(() => runOperation(run, 'createSheetIfAbsent', (context) => createUserSheet(context, deps().caps, plan)));
    },

    writeGridSheet(name: string, sheet: GridSheet): Promise<string> {
      return underLease(() => runOperation(run, 'writeGridSheet', (context) => writeGridSheet(context, deps().caps, name, sheet)));
    },

    async writeStatus(text: string): Promise<boolean> {
      const cell = guardedSettings.get(SETTING_KEYS.statusCell) as StatusCell | null | undefined;
      if (cell === null || cell === undefined || typeof cell.sheetId !== 'string' || typeof cell.address !== 'string') return false;
      const line = literalText(text.replace(/\s+/g, ' ').trim());
      return underLease(() =>
        runOperation(run, 'writeStatus', async (context) => {
          const write = (sheet: Excel.Worksheet): void => {
            const range = sheet.getRange(cell.address);
            range.values = [[line]];
            range.format.font.color = '#595959';
          };
          // One round trip: Worksheet ids are accepted by getItem; the sheet is ours by its recorded id.
          write(context.workbook.worksheets.getItem(cell.sheetId));
          try {
            await context.sync();
            return true;
          } catch (error) {
            if (officeErrorCode(error) !== 'ItemNotFound') throw error;
          }
          // Sheet ids change when the workbook is reopened (until the next refresh records the new
          // one): the summary's owner name (ownership.ts) still points at the sheet. Two more trips.
          const names = queueNames(context, deps().caps, [ownerName('summary')]);
          await context.sync();
          const summary = ownerSheetsByName(names.read()).get('summary');
          if (summary === undefined) return false;
          write(context.workbook.worksheets.getItem(summary));
          await context.sync();
          return true;
        }),
      );
    },

    watchEdits(onEdit: (sheet: string | null) => void): Promise<StopWatching | null> {
      return watchEdits(run, excelRunIn(options.run), deps().caps, onEdit);
    },

    capabilityNotes(): readonly CapabilityNote[] {
      return notes.list();
    },

    exclusive<T>(work: () => Promise<T>, onWait?: () => void): Promise<T> {
      const leaseOptions = {
        token: leaseToken,
        ...options.lease,
        run: direct,
        stillValid: settingsUnchanged,
        canHide: deps().caps.sheetVisibility,
      };
      return exclusiveLazily(
        leaseOptions,
        async (held) => {
          lease = held;
          stateCache.held = null;
          readSheet = null;
          try {
            return await work();
          } finally {
            lease = null;
            sheetListAhead = null;
            sheetsListedAhead = null;
            stateCache.held = null;
            readSheet = null;
            marksLook = null;
          }
        },
        onWait,
      );
    },
  };
}
