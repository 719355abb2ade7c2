import { SHEET_ROLES, type PlanCell, type SheetPlan, type SheetRole } from '../domain';
import { statusRow } from '../workflows/statusRow';
import type { AppliedPlans } from '../workflows/workbookPort';
import { cellAddress } from './a1';
import { syncChunk, type ExcelRun } from './batch';
import type { Capabilities, CapabilityNotes } from './capabilities';
import { SETTING_KEYS, type DocumentSettings } from './documentSettings';
import {
  CONTENT_MARKER_ADDRESS,
  contentMarkerText,
  OWNER_PROPERTY_KEY,
  ownerName,
  ownerPropertyValue,
  setOwnedRecords,
  type OwnedSheetRecord,
} from './ownership';
import { chartCosmeticOps, chartHelperColumn, layoutOps, packOps, planOps, type SheetOp } from './planOps';
import { cleanSheetName, sheetNameKey, uniqueSheetName } from './sheetNames';
import { hyperlinkFormula } from './toCellInput';
import { isPayloadLimitError, officeErrorCode, toPortError } from './toPortError';
import { queueNames, queueWorksheets, resolveWorksheets, type QueuedNames } from './worksheets';

/** What `applySheetPlans` needs from the port. */
export interface ApplyDeps {
  readonly run: ExcelRun;
  readonly settings: DocumentSettings;
  readonly caps: Capabilities;
  readonly notes: CapabilityNotes;
  /** A fresh random token for temporary sheet names (injected for tests). */
  readonly token: () => string;
  /** Owner markers already read in this refresh (by `listSheets`), if any. */
  readonly markers?: ReadonlyMap<string, SheetRole> | null;
}

/** Where `writeStatus` writes: the owned summary sheet's status cell, below everything the plan draws. */
export interface StatusCell {
  readonly sheetId: string;
  readonly address: string;
}

/** Names used when a plan's wanted name is unusable. */
const ROLE_NAMES: Record<SheetRole, string> = { summary: 'Summary', validation: 'Validation', changes: 'Changes', race: 'Race', warnings: 'Warnings' };

/**
 * Errors of the cosmetic chart round trip that are tolerated: the properties some hosts reject
 * (office-js #1729, #1688). Anything else (a lost connection, a busy Excel) still fails the refresh.
 */
const COSMETIC_ERRORS = new Set(['InvalidArgument', 'InvalidOperation', 'NotImplemented', 'ApiNotFound', 'UnsupportedOperation', 'UnsupportedFeature']);

/** A sheet being built under a temporary name. */
interface TempSheet {
  readonly plan: SheetPlan;
  readonly name: string;
  /** Known after the first round trip. */
  id: string | null;
  /** The name it gets in the final swap. */
  finalName: string;
  /** Ids of the owned sheets of the same role it replaces, by tab position. */
  olds: string[];
}

/** What the cleanup of a failed run needs to know. */
interface Progress {
  readonly prefix: string;
  readonly temps: readonly TempSheet[];
  previousRecords: readonly OwnedSheetRecord[] | null;
  recordsChanged: boolean;
  eventsWere: boolean | null;
}

export { statusRow } from '../workflows/statusRow';

/** A link to another owned sheet, written in the final round trip once that sheet's name is known. */
interface DeferredLink {
  readonly row: number;
  readonly col: number;
  readonly link: { readonly sheet: string; readonly address: string };
  readonly text: string;
}

/**
 * Split off the links that point at a sheet planned in the same call (by its wanted name): their
 * final names (汇总 may become 汇总 (2)) are known only after the first round trip, which already
 * carries the first writes. Those cells are left empty and written in the final round trip.
 */
function deferOwnedLinks(plan: SheetPlan, plannedNames: ReadonlySet<string>): { plan: SheetPlan; links: DeferredLink[] } {
  const links: DeferredLink[] = [];
  const blocks = plan.blocks.map((block) => ({
    ...block,
    values: block.values.map((row, r) =>
      row.map((cell, c): PlanCell => {
        if (cell === null || typeof cell !== 'object' || !('link' in cell) || !plannedNames.has(cell.link.sheet)) return cell;
        links.push({ row: block.row + r, col: block.col + c, link: cell.link, text: cell.text });
        return null;
      }),
    ),
  }));
  return { plan: links.length === 0 ? plan : { ...plan, blocks }, links };
}

/** Queue a group of operations and sync once; on a payload-limit error split the group (recursion). */
async function syncGroup(context: Excel.RequestContext, group: readonly (() => void)[], before: () => void): Promise<void> {
  before();
  for (const queue of group) queue();
  try {
    await syncChunk(context);
  } catch (error) {
    // A request over the limit is refused as a whole, so nothing of it ran and halves can be retried.
    if (!isPayloadLimitError(error) || group.length < 2) throw error;
    const half = Math.ceil(group.length / 2);
    await syncGroup(context, group.slice(0, half), before);
    await syncGroup(context, group.slice(half), before);
  }
}

/**
 * Replace the owned sheets with `plans` (see `WorkbookPort.applySheetPlans`):
 * 1. round trip 1 loads the sheets (with their charts' names) and the workbook's defined names,
 *    adds every new sheet under a temporary (random) name and already carries the first writes;
 * 2. the rest of the plans (number formats before values, values in blocks, styles, merges, widths,
 *    row heights, freeze panes, charts) follow in as few round trips as the payload allows, then
 *    the cosmetic chart properties of sheets that are new (tolerated when the host rejects them);
 * 3. the new sheets are recorded as owned ("pending") in the settings;
 * 4. one final round trip puts the new contents in place. With `Range.copyFrom` (ExcelApi 1.9) an
 *    owned sheet keeps its identity: its names are dropped, it is cleared (cells, formats, merges,
 *    charts, freeze panes), the temporary sheet's cells are copied over and the merges, widths,
 *    heights, freeze panes and charts drawn again, then the temporary sheet is deleted; so a user's
 *    `=汇总!C5`, chart or defined name that points into it keeps working. Without copyFrom, or for a
 *    role that has no sheet yet, the old sheet is deleted and the new one renamed into its place
 *    (references into the old sheet break to #REF!: the `references_break` note). The same round
 *    trip writes the links between owned sheets, deletes owned sheets of roles no longer planned,
 *    (ExcelApi 1.4) adds the hidden owner names and the plans' names (台账统计_总投资 …), and last
 *    sets the cosmetic chart properties of the charts drawn again in place;
 * 5. the records are saved.
 * What is atomic: a failure in a round trip before the final one (whole or partial: they only add
 * and fill temporary sheets), or a final round trip that the host rejects before any of it ran,
 * leaves the owned sheets, their names and every reference into them as they were; the temporary
 * sheets are deleted (best effort), the records restored, and the error is rethrown as a
 * `PortError`. Excel keeps the operations of a request that ran before a failing one, so the final
 * round trip starts by giving the temporary sheets their swap names: when it fails and they have
 * them (or are gone), the swap had begun, and it is finished once more from the workbook as read
 * again (one round trip to read, one to finish; what is already done is not done twice), and the
 * refresh succeeds; the chart formatting follows in a round trip of its own whose failure is only a
 * note. A host that rejects the chart formatting (InvalidArgument and the like) gets the final round
 * trip again without it, and a `chart_format_skipped` note. What is not atomic: if that second attempt fails too, a sheet replaced in place
 * can be left cleared or half-built, and the delete-and-rename swap keeps a role's new sheet under
 * its final name once its old sheet is gone (see `cleanup`).
 * Round trips: 2 once the sheets exist (3 the first time: the chart formatting of new sheets has a
 * round trip of its own before the swap), plus one per further 3.5 MB of cells, plus one to read the
 * markers unless `listSheets` just read them: on an ExcelApi 1.12 host whose workbook has neither
 * owner names nor ownership records (owner properties), and below ExcelApi 1.4 (content markers).
 */
export async function applySheetPlans(deps: ApplyDeps, plans: readonly SheetPlan[]): Promise<AppliedPlans> {
  const roles = new Set(plans.map((p) => p.role));
  if (roles.size !== plans.length) throw new Error('applySheetPlans: two plans have the same role');
  deps.notes.reset('sheets');
  const prefix = `ls-tmp-${deps.token()}-`;
  const progress: Progress = {
    prefix,
    temps: plans.map((plan, i) => ({ plan, name: `${prefix}${i}`, id: null, finalName: plan.name, olds: [] })),
    previousRecords: null,
    recordsChanged: false,
    eventsWere: null,
  };
  try {
    return await deps.run((context) => build(context, deps, progress));
  } catch (error) {
    await cleanup(deps, progress);
    throw toPortError(error, 'applySheetPlans');
  }
}

/** One queued write, bound to its sheet by role at queue time. */
interface Write {
  readonly bytes: number;
  readonly role: SheetRole;
  readonly op: SheetOp;
}

/** What round trip 1 queued. */
interface Prepared {
  readonly worksheets: Excel.WorksheetCollection;
  readonly names: QueuedNames;
  readonly active: Excel.Worksheet;
  readonly added: ReadonlyMap<SheetRole, Excel.Worksheet>;
}

async function build(context: Excel.RequestContext, deps: ApplyDeps, progress: Progress): Promise<AppliedPlans> {
  const { settings, caps, notes } = deps;
  const app = context.workbook.application;
  let eventsOff = false;
  const beforeWrites = (): void => {
    // Both suspensions last only until the next sync (office-js #545, #2734: once per round trip).
    if (caps.suspendScreenUpdating) app.suspendScreenUpdatingUntilNextSync();
    if (caps.suspendCalculation) app.suspendApiCalculationUntilNextSync();
    // The add-in's own writes are not "the ledger changed" for the pane's listener (1.8).
    if (!eventsOff && caps.enableEvents) context.runtime.enableEvents = false;
    eventsOff = true;
  };

  // Everything that does not depend on the workbook's state, computed before the first round trip.
  const wanted = namesToRead(progress.temps.map((t) => t.plan));
  const plannedNames = new Set(progress.temps.map((t) => t.plan.name));
  const deferred = new Map<SheetRole, DeferredLink[]>();
  const writes: Write[] = [];
  for (const temp of progress.temps) {
    const { plan, links } = deferOwnedLinks(temp.plan, plannedNames);
    deferred.set(temp.plan.role, links);
    const { ops, notes: planNotes } = planOps(plan, caps);
    for (const note of planNotes) notes.add('sheets', note.code, note.detail);
    for (const op of ops) writes.push({ bytes: op.bytes, role: temp.plan.role, op });
  }
  const groups = packOps(writes);

  // Round trip 1: the sheets as they are, the new sheets under temporary names, the first writes.
  const prepare = (group: readonly Write[] | undefined): Prepared => {
    // With the names of their charts: charts on a sheet replaced in place are drawn again.
    const worksheets = queueWorksheets(context, caps.rangeCopyFrom);
    const names = queueNames(context, caps, wanted);
    const active = context.workbook.worksheets.getActiveWorksheet();
    active.load('id');
    if (caps.enableEvents) context.runtime.load('enableEvents'); // before it is turned off below
    const added = new Map(
      progress.temps.map((temp) => {
        const sheet = context.workbook.worksheets.add(temp.name);
        sheet.load('id');
        return [temp.plan.role, sheet] as const;
      }),
    );
    if (group !== undefined) {
      beforeWrites();
      for (const write of group) bindWrite(added, write)();
    }
    return { worksheets, names, active, added };
  };
  let rest = groups.slice(1);
  let prepared = prepare(groups[0]);
  try {
    await context.sync();
  } catch (error) {
    // A request over the limit is refused as a whole: nothing ran. Retry without the writes.
    if (groups.length === 0 || !isPayloadLimitError(error)) throw error;
    eventsOff = false;
    prepared = prepare(undefined);
    await context.sync();
    rest = groups;
  }
  const { worksheets, names, active, added } = prepared;
  for (const temp of progress.temps) temp.id = added.get(temp.plan.role)?.id ?? null;
  if (caps.enableEvents) progress.eventsWere = context.runtime.enableEvents;

  const tempIds = new Set([...added.values()].map((s) => s.id));
  const loaded = await resolveWorksheets(context, worksheets, names, settings, caps, deps.markers ?? null);
  progress.previousRecords = loaded.records;
  const existing = loaded.sheets.filter((s) => !tempIds.has(s.id));
  const owned = existing.filter((s) => loaded.owned.has(s.id)).sort((a, b) => a.position - b.position);
  const roleOf = (id: string): SheetRole | undefined => loaded.owned.get(id);
  for (const temp of progress.temps) temp.olds = owned.filter((s) => roleOf(s.id) === temp.plan.role).map((s) => s.id);
  const byId = new Map(existing.map((s) => [s.id, s]));
  // The owned sheet whose contents a temporary sheet replaces in place (ExcelApi 1.9), by role.
  const inPlace = new Map<SheetRole, Excel.Worksheet>();
  for (const temp of progress.temps) {
    const old = byId.get(temp.olds[0] ?? '');
    if (old !== undefined && caps.rangeCopyFrom) inPlace.set(temp.plan.role, old.proxy);
  }
  if (!caps.rangeCopyFrom && progress.temps.some((t) => t.olds.length > 0)) notes.add('sheets', 'references_break');
  if (!caps.definedNames) notes.add('sheets', 'no_defined_names');

  // Final names: the wanted name unless a sheet we do not own has it (case-insensitively).
  const taken = new Set(existing.filter((s) => !loaded.owned.has(s.id)).map((s) => sheetNameKey(s.name)));
  const finalNames = new Map<string, string>();
  for (const temp of progress.temps) {
    temp.finalName = uniqueSheetName(cleanSheetName(temp.plan.name, ROLE_NAMES[temp.plan.role]), taken);
    finalNames.set(temp.plan.name, temp.finalName);
  }

  // Round trips 2…: the rest of the writes.
  for (const group of rest) await syncGroup(context, group.map((write) => bindWrite(added, write)), beforeWrites);

  // Cosmetic chart properties: one small round trip whose rejection by the host is tolerated.
  const cosmetics = progress.temps
    .filter((temp) => !inPlace.has(temp.plan.role))
    .flatMap((temp) => chartCosmeticOps(temp.plan, caps).map((op) => bindWrite(added, { bytes: op.bytes, role: temp.plan.role, op })));
  if (cosmetics.length > 0) {
    for (const queue of cosmetics) queue();
    try {
      await context.sync();
    } catch (error) {
      const code = officeErrorCode(error);
      if (code === null || !COSMETIC_ERRORS.has(code)) throw error;
      notes.add('sheets', 'chart_format_skipped', code);
    }
  }

  const finalId = (temp: TempSheet): string | null => (inPlace.has(temp.plan.role) ? (temp.olds[0] ?? null) : temp.id);

  // Record the new sheets before the swap, so a swap that happens but is not confirmed still leaves
  // them owned; a failure restores the previous records in `cleanup`.
  const kept = (loaded.records ?? []).filter((r) => existing.some((s) => s.id === r.id));
  const fresh: OwnedSheetRecord[] = progress.temps.flatMap((temp) => {
    const id = finalId(temp);
    return id === null ? [] : [{ id, role: temp.plan.role, name: temp.finalName }];
  });
  setOwnedRecords(settings, [...kept, ...fresh.map((r) => ({ ...r, pending: true as const }))]);
  progress.recordsChanged = true;
  await settings.save();

  // Final round trip. Sheets replaced in place (ExcelApi 1.9) keep their identity, so references
  // into them from formulas, names and charts elsewhere survive: cleared, then the temporary sheet's
  // cells copied over, then merges, widths, freeze panes and charts drawn again. Elsewhere the swap:
  // each new sheet takes its predecessor's tab position, the old owned sheets go, the new ones get
  // their names. Then the links between owned sheets, the owner markers and the defined names.
  // `view` is the workbook as last read: on a retry, some of this may already be done.
  const finalSheet = new Map<SheetRole, Excel.Worksheet>();
  const queueFinal = (view: FinalView, withCosmetics: boolean): void => {
    beforeWrites();
    const present = (id: string | null): Excel.Worksheet | undefined => (id === null ? undefined : view.sheets.get(id));
    const dropName = (name: string): void => {
      if (!caps.definedNames || !view.names.has(name.toLowerCase())) return;
      context.workbook.names.getItem(name).delete();
      view.names.delete(name.toLowerCase());
    };
    // First: the temporary sheets' swap names, so that a retry knows the swap had begun.
    for (const temp of progress.temps) {
      const sheet = view.retry ? undefined : present(temp.id);
      if (sheet !== undefined) sheet.name = swapName(temp);
    }
    finalSheet.clear();
    for (const temp of progress.temps) {
      const sheet = present(temp.id);
      const dest = inPlace.has(temp.plan.role) ? present(temp.olds[0] ?? null) : undefined;
      const target = dest ?? sheet;
      if (target === undefined) continue;
      finalSheet.set(temp.plan.role, target);
      for (const name of [ownerName(temp.plan.role), ...(temp.plan.names ?? []).map((n) => n.name)]) dropName(name);
      if (dest === undefined || sheet === undefined) continue;
      const whole = dest.getRange();
      whole.clear();
      if (caps.merge) whole.unmerge();
      // copyFrom does not carry charts: the old ones go and the plan's are drawn again below.
      for (const chart of dest.charts.items) chart.delete();
      if (caps.freezePanes) dest.freezePanes.unfreeze();
      const extent = `${cellAddress(0, 0)}:${cellAddress(Math.max(statusRow(temp.plan), 1) - 1, Math.max(chartHelperColumn(temp.plan), 1) - 1)}`;
      dest.getRange(extent).copyFrom(sheet.getRange(extent), 'All');
      for (const op of layoutOps(temp.plan, caps).ops) op.queue(dest);
    }
    for (const temp of progress.temps) {
      const sheet = finalSheet.get(temp.plan.role);
      if (sheet === undefined) continue;
      for (const { row, col, link, text } of deferred.get(temp.plan.role) ?? []) {
        sheet.getRange(cellAddress(row, col)).values = [[hyperlinkFormula(finalNames.get(link.sheet) ?? link.sheet, link.address, text)]];
      }
      if (caps.worksheetCustomProperties) sheet.customProperties.add(OWNER_PROPERTY_KEY, ownerPropertyValue(temp.plan.role, finalId(temp) ?? ''));
      if (!caps.definedNames) {
        // No owner names below ExcelApi 1.4: a content marker, with the recorded name (ownership.ts).
        const marker = sheet.getRange(CONTENT_MARKER_ADDRESS);
        marker.values = [[contentMarkerText(temp.plan.role)]];
        marker.format.font.color = '#BFBFBF';
      }
    }
    const positionOf = (temp: TempSheet): number => byId.get(temp.olds[0] ?? '')?.position ?? Number.MAX_SAFE_INTEGER;
    let activate: Excel.Worksheet | null = null;
    for (const temp of [...progress.temps].sort((a, b) => positionOf(a) - positionOf(b))) {
      const sheet = present(temp.id);
      const dest = inPlace.has(temp.plan.role) ? present(temp.olds[0] ?? null) : undefined;
      if (dest !== undefined) {
        // The temporary sheet goes; the owned sheets of the role beyond the first go too.
        for (const old of temp.olds.slice(1)) {
          if (old === active.id) activate = dest;
          present(old)?.delete();
        }
        sheet?.delete();
        dest.name = temp.finalName;
        continue;
      }
      if (sheet === undefined) continue;
      const primary = byId.get(temp.olds[0] ?? '');
      if (primary !== undefined && !view.retry) sheet.position = primary.position;
      for (const old of temp.olds) {
        if (old === active.id) activate = sheet;
        present(old)?.delete();
      }
      sheet.name = temp.finalName;
    }
    for (const sheet of owned) {
      const role = roleOf(sheet.id);
      if (role === undefined || added.has(role)) continue;
      if (sheet.id === active.id) activate = [...finalSheet.values()][0] ?? null;
      dropName(ownerName(role));
      present(sheet.id)?.delete(); // an owned sheet of a role that is no longer planned
    }
    if (caps.definedNames) {
      // Workbook-scoped names, added once every sheet has its final name. The owner name is hidden.
      for (const temp of progress.temps) {
        const sheet = finalSheet.get(temp.plan.role);
        if (sheet === undefined) continue;
        const owner = context.workbook.names.add(ownerName(temp.plan.role), sheet.getRange('A1'));
        owner.visible = false;
        for (const name of temp.plan.names ?? []) context.workbook.names.add(name.name, sheet.getRange(cellAddress(name.row, name.col)));
      }
    }
    // The cosmetic chart properties of the charts drawn again in place, last: some hosts reject
    // them (office-js #1729, #1688), and then everything before them stands (see below).
    if (withCosmetics) {
      for (const temp of progress.temps) {
        const dest = inPlace.has(temp.plan.role) ? present(temp.olds[0] ?? null) : undefined;
        if (dest !== undefined) for (const op of chartCosmeticOps(temp.plan, caps)) op.queue(dest);
      }
    }
    if (activate !== null && !view.retry) activate.activate();
    if (caps.enableEvents && progress.eventsWere !== null) context.runtime.enableEvents = progress.eventsWere;
  };
  // The chart formatting on its own, after a retry that left it out; no failure of it fails the
  // refresh (the sheets are replaced by then): it becomes a note.
  const formatRedrawnCharts = async (): Promise<void> => {
    const queued = progress.temps.flatMap((temp) => {
      const dest = inPlace.get(temp.plan.role);
      return dest === undefined ? [] : chartCosmeticOps(temp.plan, caps).map((op) => () => op.queue(dest));
    });
    if (queued.length === 0) return;
    for (const queue of queued) queue();
    try {
      await context.sync();
    } catch (error) {
      notes.add('sheets', 'chart_format_skipped', officeErrorCode(error) ?? String(error));
    }
  };
  const current = new Map(loaded.sheets.map((sh) => [sh.id, sh.proxy] as const));
  for (const sheet of added.values()) current.set(sheet.id, sheet);
  queueFinal({ sheets: current, names: new Set(loaded.names.map((n) => n.name.toLowerCase())), retry: false }, true);
  try {
    await context.sync();
  } catch (error) {
    // Excel keeps the operations of a failed request that ran before the failing one. If the swap
    // had begun (a temporary sheet has its swap name, or is gone), it is finished once from the
    // workbook as it is now, without the chart formatting. A host that rejects the chart formatting
    // before running anything gets the same round trip once more without it. Otherwise nothing of
    // it ran and the failure stands (see the doc comment).
    const code = officeErrorCode(error);
    const cosmetic = code !== null && COSMETIC_ERRORS.has(code);
    const view = await readFinalView(context, caps, wanted);
    const begun = progress.temps.some((temp) => view.sheets.get(temp.id ?? '')?.name !== temp.name);
    if (!begun && !cosmetic) throw error;
    queueFinal({ sheets: view.sheets, names: view.names, retry: begun }, false);
    await context.sync();
    if (cosmetic) notes.add('sheets', 'chart_format_skipped', code);
    else await formatRedrawnCharts();
  }

  setOwnedRecords(settings, fresh);
  const summary = progress.temps.find((t) => t.plan.role === 'summary');
  const summaryId = summary === undefined ? null : finalId(summary);
  if (summary === undefined || summaryId === null) settings.remove(SETTING_KEYS.statusCell);
  else {
    const status: StatusCell = { sheetId: summaryId, address: cellAddress(statusRow(summary.plan), 0) };
    settings.set(SETTING_KEYS.statusCell, status);
  }
  try {
    await settings.save();
  } catch {
    // The swap is done and the in-memory records are right (the pending ones saved before the swap
    // also name these sheets); the next save (marks, state) persists them. Failing here would
    // report a refresh as failed whose summaries were replaced.
  }
  return Object.fromEntries(progress.temps.map((t) => [t.plan.role, t.finalName]));
}

/** The workbook as the final round trip sees it (see `queueFinal` in `build`). */
interface FinalView {
  /** The sheets present, by id; their names are loaded, and where sheets are replaced in place their charts' names. */
  readonly sheets: ReadonlyMap<string, Excel.Worksheet>;
  /** The workbook-scoped defined names present, lower-case. */
  readonly names: Set<string>;
  /** True when the final round trip runs again after a first one that the host applied in part. */
  readonly retry: boolean;
}

/** The name a temporary sheet gets as the first operation of the final round trip. */
function swapName(temp: TempSheet): string {
  return `${temp.name}s`;
}

/** The defined names a refresh reads and may replace: every role's owner name and the plans' names. */
function namesToRead(plans: readonly SheetPlan[]): string[] {
  return [...SHEET_ROLES.map(ownerName), ...plans.flatMap((plan) => (plan.names ?? []).map((n) => n.name))];
}

/** Read the workbook again after a failed final round trip (one round trip). */
async function readFinalView(context: Excel.RequestContext, caps: Capabilities, wanted: readonly string[]): Promise<FinalView> {
  const worksheets = queueWorksheets(context, caps.rangeCopyFrom);
  const names = queueNames(context, caps, wanted);
  await context.sync();
  return {
    sheets: new Map(worksheets.items.map((sheet) => [sheet.id, sheet] as const)),
    names: new Set(names.read().map((n) => n.name.toLowerCase())),
    retry: true,
  };
}

/** The queue function of a write, on the new sheet of its role. */
function bindWrite(added: ReadonlyMap<SheetRole, Excel.Worksheet>, write: Write): () => void {
  return () => {
    const sheet = added.get(write.role);
    if (sheet !== undefined) write.op.queue(sheet);
  };
}

/**
 * After a failure: delete the half-built sheets and restore the ownership records. If the final
 * swap got as far as deleting an old sheet (a host that applied part of the batch), the new sheet of
 * that role is kept under its final name instead, so a summary always exists. Best effort: a failing
 * cleanup must not hide the original error.
 */
async function cleanup(deps: ApplyDeps, progress: Progress): Promise<void> {
  const rolledForward: OwnedSheetRecord[] = [];
  try {
    await deps.run(async (context) => {
      const worksheets = queueWorksheets(context);
      await context.sync();
      const present = new Set(worksheets.items.map((s) => s.id));
      for (const sheet of worksheets.items) {
        const temp = progress.temps.find((t) => t.id === sheet.id || t.name === sheet.name);
        if (temp === undefined) {
          if (sheet.name.startsWith(progress.prefix)) sheet.delete();
          continue;
        }
        if (temp.olds.length > 0 && temp.olds.every((id) => !present.has(id))) {
          sheet.name = temp.finalName;
          rolledForward.push({ id: sheet.id, role: temp.plan.role });
        } else sheet.delete();
      }
      // Events were turned off with the first writes; on if it never got as far as reading them.
      if (deps.caps.enableEvents) context.runtime.enableEvents = progress.eventsWere ?? true;
      await context.sync();
    });
  } catch {
    // Best effort (see above); the refresh reports the original failure.
  }
  if (!progress.recordsChanged && rolledForward.length === 0) return;
  const previous = (progress.previousRecords ?? []).filter((r) => !rolledForward.some((f) => f.role === r.role));
  if (progress.previousRecords === null && rolledForward.length === 0) deps.settings.remove(SETTING_KEYS.ownedSheets);
  else setOwnedRecords(deps.settings, [...previous, ...rolledForward]);
  try {
    await deps.settings.save();
  } catch {
    // Best effort: the in-memory records are already right for this session.
  }
}
