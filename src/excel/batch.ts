import { toPortError } from './toPortError';

/** `Excel.run` with the one overload the adapter uses. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * An `ExcelRun` over `run` (default: the global `Excel.run`, looked up at call time so a test can
 * install the fake after the port was created).
 */
export function excelRun(run?: typeof Excel.run): ExcelRun {
  return <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => (run ?? Excel.run)(batch);
}

/** `Excel.run` in an existing request context (e.g. to remove event handlers where they were added). */
export type ExcelRunIn = (context: OfficeExtension.ClientRequestContext, batch: (context: Excel.RequestContext) => Promise<void>) => Promise<void>;

/** An `ExcelRunIn` over `run` (default: the global `Excel.run`, looked up at call time). */
export function excelRunIn(run?: typeof Excel.run): ExcelRunIn {
  return (context, batch) => (run ?? Excel.run)(context, batch);
}

/**
 * Run one coarse port operation in its own `Excel.run`, mapping Office errors to `PortError` in
 * one place (`toPortError`).
 */
export async function runOperation<T>(run: ExcelRun, operation: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await run(batch);
  } catch (error) {
    throw toPortError(error, operation);
  }
}

/**
 * One round trip. Loops over chunks call this helper instead of `context.sync()` directly: the
 * chunk loops are bounded by payload size, not by row count, which is what
 * office-addins/no-context-sync-in-loop guards against
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/correlated-objects-pattern).
 */
export async function syncChunk(context: Excel.RequestContext): Promise<void> {
  await context.sync();
}

/** One round trip that returns the value of a queued `ClientResult` (for chunk loops, like `syncChunk`). */
export async function syncResult<T>(context: Excel.RequestContext, result: OfficeExtension.ClientResult<T>): Promise<T> {
  await context.sync();
  return result.value;
}
