import type { MarkRecord } from '../workflows/stateSheet';
import { cellAddress, parseCellAddress } from './a1';
import { MARK_FILLS } from './markFills';
import { sheetNameKey } from './sheetNames';

/**
 * The issue marks the CLI writes into a file: per marked sheet and severity, one plain conditional format whose
 * only rule is the custom formula `=TRUE`, filled with the severity's mark fill (`MARK_FILLS`), over the marked
 * cells (`MarkRecord.ref`, its `sqref`), listed in the state's `marks`. Office.js finds a conditional format
 * by a range it intersects (`Range.conditionalFormats`, ExcelApi 1.6), so each sheet's records are looked up
 * over the rectangle around their cells, and a rule there is the CLI's when it is a custom `=TRUE` rule with a
 * mark fill: ids are priorities, not identities (REF excel.conditionalformat.yml), and the CLI records none.
 */

/** The rectangle around every area of an `sqref` ("C2:C4 E7"), as an A1 range, or `null` when none parses. */
export function boundingRange(ref: string): string | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const area of ref.split(/\s+/).filter((a) => a !== '')) {
    const [start = '', end = start] = area.split(':');
    for (const at of [parseCellAddress(start), parseCellAddress(end)]) {
      if (at === null) continue;
      top = Math.min(top, at.row);
      left = Math.min(left, at.col);
      bottom = Math.max(bottom, at.row);
      right = Math.max(right, at.col);
    }
  }
  if (bottom < 0) return null;
  return `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
}

const FILLS = new Set(Object.values(MARK_FILLS).map((c) => c.toUpperCase()));

function isCliMark(format: Excel.ConditionalFormat): boolean {
  if (format.type !== 'Custom' || format.customOrNullObject.isNullObject) return false;
  const custom = format.customOrNullObject;
  return custom.rule.formula.replace(/\s+/g, '').toUpperCase() === '=TRUE' && FILLS.has((custom.format.fill.color ?? '').toUpperCase());
}

/**
 * Delete the CLI's marks that `records` list (see above), on the sheets that still exist. Three round trips:
 * the sheets, the rules around the records, the deletions (none when nothing is found).
 * @returns how many rules were deleted.
 */
export async function removeCliMarks(context: Excel.RequestContext, records: readonly MarkRecord[]): Promise<number> {
  const worksheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  const byKey = new Map(worksheets.items.map((sheet) => [sheetNameKey(sheet.name), sheet]));
  const areas = new Map<string, string[]>();
  for (const record of records) areas.set(sheetNameKey(record.sheet), [...(areas.get(sheetNameKey(record.sheet)) ?? []), record.ref]);
  const scans = [...areas].flatMap(([key, refs]) => {
    const sheet = byKey.get(key);
    const box = boundingRange(refs.join(' '));
    if (sheet === undefined || box === null) return [];
    const formats = sheet.getRange(box).conditionalFormats;
    // `custom` is documented only for custom rules; its OrNullObject twin answers the others with a null object.
    formats.load('items/type,items/customOrNullObject/rule/formula,items/customOrNullObject/format/fill/color');
    return [formats];
  });
  if (scans.length === 0) return 0;
  await context.sync();
  let deleted = 0;
  for (const formats of scans) {
    // Items are addressed by id, their priority: deleting the last first leaves the others' ids as loaded.
    const ours = formats.items.flatMap((format, index) => (isCliMark(format) ? [index] : []));
    for (const index of ours.reverse()) formats.items[index]?.delete();
    deleted += ours.length;
  }
  if (deleted > 0) await context.sync();
  return deleted;
}
