import { MARKS_SHEET_MARKER } from '../workflows/markRuleSheet';
import { EMPTY_STATE_DOC, isStateMarker, readStateSheet, type StateSheetDoc } from '../workflows/stateSheet';

/** The sheets of a workbook that belong to the hosts rather than to the user. */
export interface HostSheets<S> {
  /** The state sheet (`src/workflows/stateSheet.ts`) and what it holds, or `null` when the workbook has none. */
  readonly state: { readonly sheet: S; readonly doc: StateSheetDoc } | null;
  /** The add-in's marks helper sheets (`MARKS_SHEET_MARKER` in A1, `src/excel/markRules.ts`). */
  readonly marksHelpers: readonly S[];
}

/**
 * Find the state sheet and the marks helper sheets by their markers in A1, never by name: the first sheet with the
 * state marker is the state (very hidden ones first), read in format 1 or 2. A state sheet of a format this version
 * does not know reads as the empty state.
 * @param readRows the first `limit` rows of a sheet (row index = sheet row − 1).
 */
export async function findHostSheets<S extends { readonly state: string }>(
  sheets: readonly S[],
  readRows: (sheet: S, limit: number) => Promise<readonly (readonly unknown[])[]>,
): Promise<HostSheets<S>> {
  let state: HostSheets<S>['state'] = null;
  const marksHelpers: S[] = [];
  for (const sheet of [...sheets].sort((a, b) => Number(b.state === 'veryHidden') - Number(a.state === 'veryHidden'))) {
    const a1 = (await readRows(sheet, 1))[0]?.[0];
    if (a1 === MARKS_SHEET_MARKER) marksHelpers.push(sheet);
    if (state !== null || !isStateMarker(a1)) continue;
    const grid = await readRows(sheet, Number.POSITIVE_INFINITY);
    state = { sheet, doc: readStateSheet((row, col) => grid[row]?.[col] ?? null) ?? EMPTY_STATE_DOC };
  }
  return { state, marksHelpers: sheets.filter((s) => marksHelpers.includes(s)) };
}
