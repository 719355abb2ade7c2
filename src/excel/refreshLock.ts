import { LEASE_MARKER, LEASE_NOTE, LEASE_POLL_MS, LEASE_SHEET_NAME, LEASE_TTL_MS, LEASE_WAIT_MS } from '../workflows/leaseFormat';
import { PortError } from '../workflows/workbookPort';
import type { ExcelRun } from './batch';
import { officeErrorCode, toPortError } from './toPortError';

/**
 * One refresh at a time per workbook (`WorkbookPort.exclusive`).
 *
 * The task pane and the ribbon command run in separate runtimes, each with its own copy of the
 * document settings (OFFICE-PLATFORM.md §4, §5), so neither a variable nor a setting can tell one
 * runtime that the other is refreshing. The lease therefore lives in the workbook: a sheet named
 * `LEASE_SHEET_NAME` whose A1:C1 hold `LEASE_MARKER`, the holder's random token and the lease's
 * expiry (epoch milliseconds).
 *
 * - Taking the lease is `worksheets.add(LEASE_SHEET_NAME)` plus the token, in one request. A
 *   workbook cannot hold two sheets of one name, and adding a sheet whose name exists fails with
 *   `ItemAlreadyExists` (OFFICE-PLATFORM.md §6), so of two runtimes that try at the same time
 *   exactly one gets the sheet: a test-and-set with ExcelApi 1.1 alone. The add comes first in its
 *   request, so a refused add leaves nothing behind. Where ExcelApi 1.2 allows it the sheet is
 *   hidden (`Hidden`, not `VeryHidden`: a very hidden sheet cannot be deleted, office-js #365).
 *   On ExcelApi 1.1 it shows as the last tab while a refresh runs, with a note in A2. The port
 *   takes it in the first request of the refresh rather than in a request of its own
 *   (`exclusiveLazily`).
 * - A runtime that finds the sheet waits (`LEASE_POLL_MS` between looks, up to `LEASE_WAIT_MS`)
 *   and is then refused with `PortError` `refresh_in_progress`.
 * - A lease is stale after `LEASE_TTL_MS` (5 minutes, the longest a ribbon command's runtime
 *   lives: https://learn.microsoft.com/office/dev/add-ins/design/add-in-commands), so a runtime that
 *   crashed or was closed mid-refresh blocks the next refresh for at most that long. A stale lease
 *   is taken over by writing one's own token, and confirmed by reading it back in the next request.
 * - Released by deleting the sheet at the end, also after a failed refresh; where the refresh's
 *   last request allows, in that request (`LazyLease.releaseWith`) instead of one of its own.
 *
 * Remaining race windows, both documented rather than closed:
 * - two runtimes that take over the same stale lease within one round trip of each other may both
 *   read back their own token (the second write lands after the first read-back) and both run;
 * - a refresh that runs longer than `LEASE_TTL_MS` can have its lease taken over; its release
 *   then checks the holder first and leaves the other runtime's lease alone.
 * Co-authors on other machines see the sheet too, but their workbooks merge changes after the
 * fact, so the lease protects one person's pane and ribbon, not co-authors [unverified: how Excel
 * merges two co-authors adding a sheet of the same name].
 *
 * Within one runtime, refreshes queue in memory (`exclusive` below) and never contend for the sheet.
 */
export { LEASE_MARKER, LEASE_NOTE, LEASE_POLL_MS, LEASE_SHEET_NAME, LEASE_TTL_MS, LEASE_WAIT_MS } from '../workflows/leaseFormat';

/** What the lease needs from the port (all but `run` injectable for tests). */
export interface RefreshLeaseOptions {
  readonly run: ExcelRun;
  /** Hide the lease sheet (`Worksheet.visibility` is writable from ExcelApi 1.2). */
  readonly canHide: boolean;
  /** A token unique to one refresh. */
  readonly token: () => string;
  readonly now?: () => number;
  readonly waitMs?: number;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * `exclusiveLazily` only: called once a request has taken the lease, before the batch goes on;
   * `false` (what the caller read before the lease changed meanwhile) stops that batch, which then
   * rejects with `LeaseRestart` while the lease stays held.
   */
  readonly stillValid?: () => Promise<boolean>;
}

/** The refreshes of this runtime, in order (a runtime loads this module once). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `work` as the only refresh of the workbook: after the refreshes queued before it in this
 * runtime, and under the workbook lease against other runtimes (see above); `onWait` is called
 * once if another runtime's lease makes it wait. The lease is released when `work` settles,
 * whatever the outcome.
 * @throws PortError `refresh_in_progress` when another runtime holds the lease after the wait;
 *   another `PortError` when Excel fails while taking the lease.
 */
export function exclusive<T>(options: RefreshLeaseOptions, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  // The lease in a round trip of its own, before `work` starts.
  return exclusiveLazily(
    options,
    async (lease) => {
      await lease.take();
      return work();
    },
    onWait,
  );
}

/**
 * Thrown by the run of `exclusiveLazily` when the batch that carried the lease was refused: nothing
 * of that batch ran, and the lease has since been taken the slow way (or there is none to take).
 * The caller runs its whole operation again, re-reading whatever it read before (document
 * settings, say), since another runtime's refresh may have changed it while this one waited.
 */
export class LeaseRestart extends Error {
  constructor() {
    super('exclusive: the lease was taken after a wait; run the operation again');
    this.name = 'LeaseRestart';
  }
}

/** The held section's side of `exclusiveLazily`. */
export interface LazyLease {
  /** `Excel.run` for every request of the held section (see `exclusiveLazily`). */
  readonly run: ExcelRun;
  /** Whether no request has taken the lease yet (nor found there is none to take). */
  isPending(): boolean;
  /** Whether a request of this section has taken the lease, and it is not released yet. */
  isHeld(): boolean;
  /** Take the lease now, in a round trip of its own, if no request has taken it yet (`stillValid` is not called). */
  take(): Promise<void>;
  /**
   * Queue the release of the lease into `context`'s next request, to go after the writes queued before it, when
   * that request is the section's last (the refresh's marking): the round trip of the release is saved. Returns
   * the function to call once that request succeeded; the lease is then released, and a later request of the
   * section takes it again as the first one did. `null`, with nothing queued, when the lease is not held, when it
   * may have been taken over (held past `LEASE_TTL_MS`: the release then checks the holder first), or when it
   * could not be hidden (ExcelApi 1.1: a user sees the sheet and may delete it, which would fail the request).
   */
  releaseWith(context: Excel.RequestContext): (() => void) | null;
}

/**
 * `exclusive` without a round trip of its own for the lease: `work` gets a `LazyLease` whose `run`
 * carries the lease ops at the head of the first request of the held section, before that batch's
 * own operations. When that request succeeds the lease is held, and the batch's results were read
 * under it. When it fails, one look at the lease sheet (in the same `Excel.run`) tells whether the
 * add ran:
 * - the sheet carries our token: the add ran, the failure is the batch's own and reaches it as
 *   without a lease (the lease is held);
 * - otherwise the add was refused (another runtime's lease, a user's sheet of that name) or the
 *   request did not run, so nothing of the batch ran either: the batch is stopped (its further
 *   syncs fail), the lease is taken the way `exclusive` takes it (waiting, stale takeover,
 *   `onWait`), and the run rejects with `LeaseRestart` for the caller to start its operation over.
 * What a caller read outside Excel before its first request (document settings) was not read under
 * the lease: `options.stillValid` checks it as soon as the lease is taken, before the batch goes
 * on (see officeWorkbookPort.ts). A lease refused
 * after the wait (or failing to be taken) fails every later request with the `PortError`, which
 * this function then throws, whatever `work` returned. A section that makes no request takes no
 * lease unless it calls `take`. Batches started while the carrying batch runs wait for it.
 */
export function exclusiveLazily<T>(options: RefreshLeaseOptions, work: (lease: LazyLease) => Promise<T>, onWait?: () => void): Promise<T> {
  const job = (): Promise<T> => holdLeaseLazily(options, work, onWait);
  const result = queue.then(job, job);
  queue = result.catch(() => undefined);
  return result;
}

/** Where a lazily taken lease is: not asked for yet, held, or none to hold (a user's sheet has the name). */
interface LeaseState {
  state: 'pending' | 'held' | 'none';
  heldSince: number;
  /** The `PortError` that refused the lease: every later request fails with it. */
  refusal: unknown;
  /** The batch carrying the lease (or the slow take), while it runs. */
  busy: Promise<void> | null;
}

/** A look at the lease sheet after a failed request that carried our add. */
type Look = 'ours' | 'foreign' | 'other';

async function holdLeaseLazily<T>(options: RefreshLeaseOptions, work: (lease: LazyLease) => Promise<T>, onWait?: () => void): Promise<T> {
  const now = options.now ?? Date.now;
  const token = options.token();
  const lease: LeaseState = {
    state: 'pending',
    heldSince: 0,
    refusal: null,
    busy: null,
  };
  let hasWaited = false;
  const held = (): void => {
    lease.state = 'held';
    lease.heldSince = now();
  };
  const takeTheSlowWay = async (): Promise<void> => {
    try {
      const isHeld = await takeLease(options, token, now, () => {
        if (!hasWaited) onWait?.();
        hasWaited = true;
      });
      if (isHeld) held();
      else lease.state = 'none';
    } catch (error) {
      lease.refusal = error;
      throw error;
    }
  };
  /** Run `step` as the only one that may take the lease; later runs wait for it. */
  const alone = <R>(step: () => Promise<R>): Promise<R> => {
    const running = step();
    lease.busy = running.then(
      () => {
        lease.busy = null;
      },
      () => {
        lease.busy = null;
      },
    );
    return running;
  };
  const settle = async (): Promise<void> => {
    while (lease.busy !== null) await lease.busy;
    if (lease.refusal !== null) throw lease.refusal;
  };

  const carry = async <R>(batch: (context: Excel.RequestContext) => Promise<R>): Promise<R> => {
    let refused = false;
    let stale = false;
    try {
      return await options.run(async (context) => {
        queueLeaseAdd(context, options.canHide, token, now);
        const sync = context.sync.bind(context);
        // The batch's first sync (or Excel.run's closing one) sends the lease ops with its own.
        context.sync = async <S>(passThrough?: S): Promise<S> => {
          if (refused || stale) throw new LeaseRestart();
          if (lease.state !== 'pending') return sync(passThrough) as Promise<S>;
          let value: S;
          try {
            value = (await sync(passThrough)) as S;
          } catch (error) {
            const look = await lookAtLease(context, sync, token);
            if (look === 'ours') {
              held();
              throw error;
            }
            if (look === 'foreign') lease.state = 'none';
            refused = true;
            throw new LeaseRestart();
          }
          held();
          if (options.stillValid !== undefined && !(await options.stillValid())) {
            stale = true;
            throw new LeaseRestart();
          }
          return value;
        };
        return batch(context);
      });
    } catch (error) {
      if (stale) throw new LeaseRestart();
      if (!refused) throw error;
    }
    if (lease.state === 'pending') await takeTheSlowWay();
    throw new LeaseRestart();
  };

  const run: ExcelRun = async (batch) => {
    await settle();
    if (lease.state !== 'pending') return options.run(batch);
    return alone(() => carry(batch));
  };
  const take = async (): Promise<void> => {
    await settle();
    if (lease.state === 'pending') await alone(takeTheSlowWay);
  };
  const releaseWith = (context: Excel.RequestContext): (() => void) | null => {
    if (lease.state !== 'held' || !options.canHide || now() - lease.heldSince >= LEASE_TTL_MS) return null;
    context.workbook.worksheets.getItem(LEASE_SHEET_NAME).delete();
    return () => {
      if (lease.state === 'held') lease.state = 'pending';
    };
  };

  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = {
      ok: true,
      value: await work({
        run,
        isPending: () => lease.state === 'pending',
        isHeld: () => lease.state === 'held',
        take,
        releaseWith,
      }),
    };
  } catch (error) {
    outcome = { ok: false, error };
  }
  while (lease.busy !== null) await lease.busy;
  if (lease.state === 'held') await releaseLease(options, token, now() - lease.heldSince >= LEASE_TTL_MS);
  if (lease.refusal !== null) throw lease.refusal;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * In a context whose request carrying our add failed: does the lease sheet carry our token (the
 * add ran), another runtime's lease or nothing (`other`: the add did not run), or is it a user's
 * sheet (`foreign`)? One round trip; a failing look counts as `other` (the slow way looks again).
 */
async function lookAtLease(context: Excel.RequestContext, sync: () => Promise<unknown>, token: string): Promise<Look> {
  try {
    const head = context.workbook.worksheets.getItem(LEASE_SHEET_NAME).getRange('A1:C1').load('values');
    await sync();
    const [marker, holder] = head.values[0] ?? [];
    const isEmpty = (head.values[0] ?? []).every((v) => v === '' || v === null);
    if (marker === LEASE_MARKER) return holder === token ? 'ours' : 'other';
    return isEmpty ? 'other' : 'foreign';
  } catch {
    return 'other';
  }
}

type Attempt = 'held' | 'busy' | 'gone' | 'foreign';

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Take the lease, waiting for another runtime's. `false`: a user sheet carries the lease's name,
 * so there can be no lease; the refresh then runs with the in-memory queue alone.
 */
async function takeLease(options: RefreshLeaseOptions, token: string, now: () => number, onWait?: () => void): Promise<boolean> {
  const deadline = now() + (options.waitMs ?? LEASE_WAIT_MS);
  const sleep = options.sleep ?? defaultSleep;
  let hasWaited = false;
  for (;;) {
    const attempt = await tryLease(options, token, now);
    if (attempt === 'held') return true;
    if (attempt === 'foreign') return false;
    if (attempt === 'busy') {
      if (!hasWaited) onWait?.();
      hasWaited = true;
      if (now() >= deadline) {
        throw new PortError('refresh_in_progress', `exclusive: another runtime holds the refresh lease (sheet ${LEASE_SHEET_NAME})`);
      }
      await sleep(options.pollMs ?? LEASE_POLL_MS);
    }
    // 'gone': released between our two looks; try again at once.
  }
}

/**
 * Queue the taking of the lease: the add comes first, so when it fails nothing after it in the
 * request runs (Excel keeps the operations of a failed request that ran before the failing one).
 */
function queueLeaseAdd(context: Excel.RequestContext, canHide: boolean, token: string, now: () => number): void {
  const sheet = context.workbook.worksheets.add(LEASE_SHEET_NAME);
  if (canHide) sheet.visibility = 'Hidden';
  sheet.getRange('A1:C2').values = [
    [LEASE_MARKER, token, now() + LEASE_TTL_MS],
    [LEASE_NOTE, '', ''],
  ];
}

/** One attempt: add the lease sheet; if it exists, look at it, and take it over when stale. */
async function tryLease(options: RefreshLeaseOptions, token: string, now: () => number): Promise<Attempt> {
  const { run } = options;
  try {
    return await run(async (context) => {
      queueLeaseAdd(context, options.canHide, token, now);
      await context.sync();
      return 'held' as const;
    });
  } catch (error) {
    if (officeErrorCode(error) !== 'ItemAlreadyExists') throw toPortError(error, 'exclusive');
  }
  try {
    return await run(async (context) => {
      const head = context.workbook.worksheets.getItem(LEASE_SHEET_NAME).getRange('A1:C1').load('values');
      await context.sync();
      const [marker, holder, expires] = head.values[0] ?? [];
      const isEmpty = (head.values[0] ?? []).every((v) => v === '' || v === null);
      if (marker !== LEASE_MARKER && !isEmpty) return 'foreign' as const;
      // Our own token: an add of ours ran in a request whose failure hid it (see exclusiveLazily).
      if (marker === LEASE_MARKER && holder === token) return 'held' as const;
      if (marker === LEASE_MARKER && typeof expires === 'number' && expires > now()) return 'busy' as const;
      // Stale (or an empty sheet left by an interrupted write): take it over, then confirm in the
      // next request that no other runtime took it over at the same time.
      head.values = [[LEASE_MARKER, token, now() + LEASE_TTL_MS]];
      await context.sync();
      const check = context.workbook.worksheets.getItem(LEASE_SHEET_NAME).getRange('B1').load('values');
      await context.sync();
      return check.values[0]?.[0] === token ? ('held' as const) : ('busy' as const);
    });
  } catch (error) {
    if (officeErrorCode(error) === 'ItemNotFound') return 'gone';
    throw toPortError(error, 'exclusive');
  }
}

/**
 * Delete the lease sheet: one round trip, two when the lease may have been taken over (held past
 * its expiry; then it is deleted only if it still carries our token). A failed release is retried
 * once; if that fails too the lease expires on its own after `LEASE_TTL_MS`. Never throws: the
 * refresh has done its work, and its report stands.
 */
async function releaseLease(options: RefreshLeaseOptions, token: string, mayBeTakenOver: boolean): Promise<void> {
  const attempt = (): Promise<void> =>
    options.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(LEASE_SHEET_NAME);
      if (mayBeTakenOver) {
        const holder = sheet.getRange('B1').load('values');
        await context.sync();
        if (holder.values[0]?.[0] !== token) return;
      }
      sheet.delete();
      await context.sync();
    });
  for (let tries = 0; tries < 2; tries++) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (officeErrorCode(error) === 'ItemNotFound') return;
    }
  }
}
