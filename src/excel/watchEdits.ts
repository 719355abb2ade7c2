import { runOperation, type ExcelRun, type ExcelRunIn } from './batch';
import type { Capabilities } from './capabilities';
import { queueWorksheets } from './worksheets';

/** Stops watching (removes the handlers). */
export type StopWatching = () => Promise<void>;

type ChangedHandler = (args: Excel.WorksheetChangedEventArgs) => Promise<void>;

/**
 * Report cell edits to `onEdit` with the edited sheet's name (`null` for a sheet added after the
 * watch started). `WorksheetCollection.onChanged` (ExcelApi 1.9) covers every sheet; with 1.7–1.8
 * each existing sheet's `onChanged` is used. The add-in's own writes are not reported where
 * `runtime.enableEvents` exists (1.8; applySheetPlans turns it off while writing), and the pane
 * filters the rest. The handler never calls back into Excel: `context.sync()` inside an onChanged
 * handler can hang on the web (office-js #4805, OFFICE-PLATFORM.md §9).
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events
 * @returns how to stop, or `null` when the host has no change events (below ExcelApi 1.7).
 */
export async function watchEdits(
  run: ExcelRun,
  runIn: ExcelRunIn,
  caps: Capabilities,
  onEdit: (sheet: string | null) => void,
): Promise<StopWatching | null> {
  if (!caps.worksheetOnChanged) return null;
  const results = await runOperation(run, 'watchEdits', async (context) => {
    const worksheets = queueWorksheets(context);
    await context.sync();
    const names = new Map(worksheets.items.map((s) => [s.id, s.name]));
    const handler: ChangedHandler = async (args) => {
      onEdit(names.get(args.worksheetId) ?? null);
    };
    const added = caps.worksheetsOnChanged ? [worksheets.onChanged.add(handler)] : worksheets.items.map((sheet) => sheet.onChanged.add(handler));
    await context.sync();
    return added;
  });
  return async () => {
    const first = results[0];
    if (first === undefined) return;
    // Handlers are removed in the request context that added them.
    await runIn(first.context, async (context) => {
      for (const result of results) result.remove();
      await context.sync();
    });
  };
}
