import type { CellMark } from '../workflows/workbookPort';
import type { ExcelRun } from './batch';
import type { Capabilities, CapabilityNotes } from './capabilities';
import { SETTING_KEYS, type DocumentSettings } from './documentSettings';
import { capFills, MAX_FILLED_CELLS, markWithFills, queueClearFills, type FillRecord } from './markFills';
import { flagRows, queueRulesLook, replaceRules, type LegacyRulesRecord, type RulesLook, type RulesRecord } from './markRules';
import { toPortError } from './toPortError';

export { MARK_FILLS, MAX_FILLED_CELLS, verticalRuns } from './markFills';
export { MARKS_SHEET_MARKER, MARKS_SHEET_NAME } from './markRules';

/**
 * What the last `markCells` did, stored in the document settings so the next refresh, or the
 * "clear marks" action in another runtime, removes those marks:
 * - `rules` (ExcelApi 1.6+): at most two conditional formats over the ledger reading a very hidden
 *   helper sheet (src/excel/markRules.ts). The record only says where to look: the rules and the
 *   helper are recognised by their content. The cells' own formatting is never touched.
 * - `fill` (ExcelApi 1.1): the flagged cells were filled, their previous fills remembered.
 * - `cf`: what versions before the helper sheet stored; cleaned once, then replaced.
 */
export type MarkRecord = RulesRecord | FillRecord | LegacyRulesRecord;

/** What the mark functions need from the port. */
export interface MarkDeps {
  readonly run: ExcelRun;
  readonly settings: DocumentSettings;
  readonly caps: Capabilities;
  readonly notes: CapabilityNotes;
}

function readRecord(settings: DocumentSettings): MarkRecord | null {
  const value = settings.get(SETTING_KEYS.marks) as MarkRecord | null | undefined;
  if (value === null || value === undefined || typeof value !== 'object') return null;
  return value.kind === 'rules' || value.kind === 'cf' || value.kind === 'fill' ? value : null;
}

async function saveRecord(settings: DocumentSettings, record: MarkRecord | null): Promise<void> {
  if (record === null) settings.remove(SETTING_KEYS.marks);
  else settings.set(SETTING_KEYS.marks, record);
  await settings.save();
}

/**
 * Mark `marks` on `sheetName`, replacing the previous marks. With conditional formats (ExcelApi
 * 1.6) every mark is kept and the request does not grow with their number (flags are written as
 * plain values in payload-sized blocks): 2 round trips in the usual case. Below
 * 1.6 the cells are filled (at most `MAX_FILLED_CELLS`, errors first, with a note); 2 round trips.
 * `lastRequest`: ops of the caller's to go at the end of the last request of the marking (the release of the
 * refresh lease, see `LazyLease.releaseWith`), with conditional formats only; what it returns is called once
 * that request succeeded. `look`: what `queueMarksLook` read for `sheetName` with the request just before (one
 * round trip fewer).
 * @throws PortError `source_not_found` when the sheet does not exist, or the mapped host error.
 */
export async function markCells(
  deps: MarkDeps,
  sheetName: string,
  marks: readonly CellMark[],
  lastRequest?: (context: Excel.RequestContext) => (() => void) | null,
  look?: RulesLook,
): Promise<void> {
  const { run, settings, caps, notes } = deps;
  notes.reset('marks');
  const previous = readRecord(settings);
  if (marks.length === 0 && previous === null) return; // nothing to mark, nothing to replace
  let record: MarkRecord | null;
  const sent: { confirm: (() => void) | null } = { confirm: null };
  try {
    record = await run(async (context) => {
      const target = context.workbook.worksheets.getItem(sheetName);
      if (caps.conditionalFormats) {
        // Fills of an ExcelApi 1.1 marking are restored after the rules, in a request of their own: that one is the last.
        const last = lastRequest === undefined || previous?.kind === 'fill' ? undefined : () => void (sent.confirm = lastRequest(context));
        const looked = look?.targetName === sheetName && previous?.kind !== 'fill' ? look : undefined;
        return replaceRules(context, { sheet: target, flags: flagRows(marks) }, previous?.kind === 'fill' ? null : previous, caps, last, looked);
      }
      notes.add('marks', 'marks_as_fills');
      const { cells, capped } = capFills(marks);
      if (capped) notes.add('marks', 'marks_capped', String(MAX_FILLED_CELLS));
      target.load('id,name');
      // Rules left by a newer Excel cannot be removed without conditional formats: left as they are.
      return markWithFills(context, target, sheetName, cells, previous?.kind === 'fill' ? previous : null);
    });
    // A workbook filled by an ExcelApi 1.1 host and now marked with rules: restore those fills.
    if (caps.conditionalFormats && previous?.kind === 'fill') {
      await run(async (context) => {
        await queueClearFills(context, previous);
        await context.sync();
      });
    }
  } catch (error) {
    throw toPortError(error, 'markCells');
  }
  sent.confirm?.();
  await saveRecord(settings, record);
}

/**
 * Queue into a request of the caller's the reads of the first round trip of marking `sheetName` (`RulesLook`):
 * only with conditional formats (ExcelApi 1.6) and a record of this version or none (the marking reads older
 * ones itself). Queue it after the request's own operations (see `queueRulesLook`); `read()` after its sync.
 * `null`, with nothing queued, when the marking would not use it.
 */
export function queueMarksLook(context: Excel.RequestContext, deps: Pick<MarkDeps, 'settings' | 'caps'>, sheetName: string): (() => RulesLook) | null {
  if (!deps.caps.conditionalFormats) return null;
  const previous = readRecord(deps.settings);
  if (previous !== null && previous.kind !== 'rules') return null;
  return queueRulesLook(context, sheetName, previous?.helperName ?? null, deps.caps);
}

/**
 * Remove every mark the add-in made ("clear marks"), restoring the cells' own formatting: our
 * rules (recognised by their content) and the helper sheet are deleted, or the remembered fills of
 * cells that still show our mark are restored. No-op (no round trip) when nothing is marked.
 */
export async function clearMarks(deps: MarkDeps): Promise<void> {
  const { run, settings, notes, caps } = deps;
  notes.reset('marks');
  await settings.reload();
  const record = readRecord(settings);
  if (record === null) return;
  try {
    await run(async (context) => {
      if (record.kind === 'fill') {
        await queueClearFills(context, record);
        await context.sync();
      } else if (caps.conditionalFormats) await replaceRules(context, null, record, caps);
      // Below ExcelApi 1.6 rules left by a newer Excel cannot be removed: left as they are.
    });
  } catch (error) {
    throw toPortError(error, 'clearMarks');
  }
  await saveRecord(settings, null);
}
