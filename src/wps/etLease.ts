import { LEASE_MARKER, LEASE_NOTE, LEASE_POLL_MS, LEASE_SHEET_NAME, LEASE_TTL_MS, LEASE_WAIT_MS } from '../workflows/leaseFormat';
import { PortError } from '../workflows/workbookPort';
import { literalText } from '../excel/toCellInput';
import { activate, activeSheetName, addSheetAtEnd, deleteSheets, findSheet } from './etSheets';
import { XL_SHEET_HIDDEN, type EtApplication, type EtWorkbook, type EtWorksheet } from './etTypes';

/**
 * One refresh at a time per workbook in WPS 表格 (`WorkbookPort.exclusive`), the same lease as the Office.js port's
 * (src/excel/refreshLock.ts, which says why it lives in the workbook): a sheet `LEASE_SHEET_NAME` whose A1:C1 hold
 * `LEASE_MARKER`, the holder's token and the expiry (epoch milliseconds), A2 a note for whoever sees it. The name,
 * marker, cells and timings are the Office port's (one definition, src/workflows/leaseFormat.ts), so a lease left in
 * a workbook by either host is recognised, and expires, in the other.
 *
 * - Taking it: `Sheets.Add` then `Name = LEASE_SHEET_NAME`. Naming a sheet with a name another sheet has raises an
 *   error in Excel's object model (VBA run-time error 1004; the fake in test/fakes/et raises it too), so of two
 *   runtimes that add and name at the same time one fails and deletes its new sheet: the rename is the
 *   test-and-set. Then the head is written and the sheet hidden (`Visible = 0`, not very hidden, so that it stays
 *   deletable; the Office port does the same). `Sheets.Add` activates the new sheet: the active sheet is restored.
 * - A runtime that finds the lease held waits (`LEASE_POLL_MS` between looks, up to `LEASE_WAIT_MS`, `onWait` once)
 *   and is then refused with `PortError` `refresh_in_progress`.
 * - Stale after `LEASE_TTL_MS` (5 minutes): taken over by writing one's own token and expiry, then reading the token
 *   back (another runtime taking it over at the same moment may have written its own).
 * - Released in a `finally` by deleting the sheet, only while it still carries our token; a failed release is
 *   retried once, after which the lease expires by itself.
 * - A sheet of that name that is not a lease (a user's) means no lease can be had: the refresh runs with the
 *   in-memory queue alone, as in the Office port.
 *
 * Within one runtime (the add-in's page) refreshes queue in memory and never contend for the sheet. Whether the
 * ribbon's page and a task pane are separate runtimes in WPS (they are in Office) was not verified here; the lease
 * covers both cases.
 */
export { LEASE_MARKER, LEASE_NOTE, LEASE_POLL_MS, LEASE_SHEET_NAME, LEASE_TTL_MS, LEASE_WAIT_MS } from '../workflows/leaseFormat';

/** Options of the lease (all injectable for tests). */
export interface EtLeaseOptions {
  /** A token unique to one refresh. */
  readonly token?: () => string;
  readonly now?: () => number;
  readonly waitMs?: number;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The refreshes of this runtime, in order. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `work` as the only refresh of the workbook: after the refreshes queued before it in this runtime, and under the
 * workbook lease against other runtimes (see above). The lease is released when `work` settles, whatever the outcome.
 * @throws PortError `refresh_in_progress` when another runtime holds the lease after the wait; `write_failed` when the
 *   host fails while taking it.
 */
export function exclusiveEt<T>(application: () => EtApplication, workbook: () => EtWorkbook, options: EtLeaseOptions, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  const job = (): Promise<T> => holdLease(application, workbook, options, work, onWait);
  const result = queue.then(job, job);
  queue = result.catch(() => undefined);
  return result;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function defaultToken(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;
}

async function holdLease<T>(application: () => EtApplication, workbook: () => EtWorkbook, options: EtLeaseOptions, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  const now = options.now ?? Date.now;
  const token = (options.token ?? defaultToken)();
  const held = await takeLease(application, workbook, options, token, now, onWait);
  try {
    return await work();
  } finally {
    if (held) releaseLease(application, workbook, token);
  }
}

type Attempt = 'held' | 'busy' | 'foreign' | 'again';

/** Take the lease, waiting for another runtime's. `false`: a user's sheet has the lease's name (no lease to take). */
async function takeLease(application: () => EtApplication, workbook: () => EtWorkbook, options: EtLeaseOptions, token: string, now: () => number, onWait?: () => void): Promise<boolean> {
  const deadline = now() + (options.waitMs ?? LEASE_WAIT_MS);
  const sleep = options.sleep ?? defaultSleep;
  let hasWaited = false;
  for (;;) {
    let attempt: Attempt;
    try {
      attempt = tryLease(application(), workbook(), token, now);
    } catch (error) {
      throw error instanceof PortError ? error : new PortError('write_failed', `exclusive: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (attempt === 'held') return true;
    if (attempt === 'foreign') return false;
    if (attempt === 'busy') {
      if (!hasWaited) onWait?.();
      hasWaited = true;
      if (now() >= deadline) throw new PortError('refresh_in_progress', `exclusive: another runtime holds the refresh lease (sheet ${LEASE_SHEET_NAME})`);
      await sleep(options.pollMs ?? LEASE_POLL_MS);
    }
    // 'again': another runtime named its sheet first, between our look and our rename: look again at once.
  }
}

/** The lease sheet's A1:C1. */
function headOf(ws: EtWorksheet): unknown[] {
  const head = ws.Range('A1:C1').Value2;
  return Array.isArray(head) ? (Array.isArray(head[0]) ? (head[0] as unknown[]) : head) : [head];
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';

/** One attempt: add and name the lease sheet; if one is there, look at it, and take it over when stale. */
function tryLease(app: EtApplication, wb: EtWorkbook, token: string, now: () => number): Attempt {
  const existing = findSheet(wb, LEASE_SHEET_NAME);
  if (existing === null) {
    const wasActive = activeSheetName(wb);
    const ws = addSheetAtEnd(wb);
    try {
      ws.Name = LEASE_SHEET_NAME;
    } catch (error) {
      deleteSheets(app, [ws]);
      activate(wb, wasActive);
      if (findSheet(wb, LEASE_SHEET_NAME) !== null) return 'again';
      throw error;
    }
    try {
      ws.Range('A1:C2').Value2 = [
        [LEASE_MARKER, literalText(token), now() + LEASE_TTL_MS],
        [LEASE_NOTE, '', ''],
      ];
      activate(wb, wasActive);
      ws.Visible = XL_SHEET_HIDDEN;
    } catch (error) {
      deleteSheets(app, [ws]);
      activate(wb, wasActive);
      throw error;
    }
    return 'held';
  }
  const [marker, holder, expires] = headOf(existing);
  const empty = [marker, holder, expires].every(isEmpty);
  if (marker !== LEASE_MARKER && !empty) return 'foreign';
  if (marker === LEASE_MARKER && holder === token) return 'held';
  if (marker === LEASE_MARKER && typeof expires === 'number' && expires > now()) return 'busy';
  // Stale (or an empty sheet left by an interrupted take): take it over, then check that no other runtime did.
  existing.Range('A1:C1').Value2 = [[LEASE_MARKER, literalText(token), now() + LEASE_TTL_MS]];
  return headOf(existing)[1] === token ? 'held' : 'busy';
}

/**
 * Delete the lease sheet if it still carries our token (a refresh that ran past `LEASE_TTL_MS` may have had it taken
 * over). Retried once; never throws: the refresh has done its work, and its report stands.
 */
function releaseLease(application: () => EtApplication, workbook: () => EtWorkbook, token: string): void {
  for (let tries = 0; tries < 2; tries++) {
    try {
      const wb = workbook();
      const ws = findSheet(wb, LEASE_SHEET_NAME);
      if (ws === null) return;
      const [marker, holder] = headOf(ws);
      if (marker !== LEASE_MARKER || holder !== token) return;
      deleteSheets(application(), [ws]);
      return;
    } catch {
      // Once more; then the lease expires by itself.
    }
  }
}
