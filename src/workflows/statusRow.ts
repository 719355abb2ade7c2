import type { SheetPlan } from '../domain';

/**
 * The row below everything a plan draws (blocks, formats, merges, charts), 0-based: where the status line of the
 * ribbon's refresh goes (`WorkbookPort.writeStatus`), on every host.
 * @example statusRow(plan) // 41 (sheet row 42) for a plan that draws sheet rows 1–40: one empty row between
 */
export function statusRow(plan: SheetPlan): number {
  let end = 0;
  for (const b of plan.blocks) end = Math.max(end, b.row + b.values.length);
  for (const f of plan.formats) end = Math.max(end, f.range.row + f.range.rows);
  for (const m of plan.merges) end = Math.max(end, m.row + m.rows);
  for (const c of plan.charts) end = Math.max(end, c.position.row + c.position.rows);
  return end + 1;
}
