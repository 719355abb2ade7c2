/**
 * How every host recognises the add-in's issue marks (`src/excel/markRules.ts` writes them): a very hidden helper
 * sheet, found by `MARKS_SHEET_MARKER` in A1, holds one flag character per ledger cell, and one custom
 * conditional-format rule per severity reads it with `=MID('_ledger_marks'!$B1,COLUMN(),1)="e"` (or `"w"`). The
 * CLI's package writer removes such rules when it marks the ledger itself, so the two hosts never stack marks.
 */
export const MARKS_SHEET_NAME = '_ledger_marks';
/** A1 of the helper sheet. */
export const MARKS_SHEET_MARKER = 'ledger-stats/marks';

/** Our rule's shape as Excel may return it: the sheet quoted or not, any row, or `#REF!` once the sheet is gone. */
const RULE_SHAPE = /^=MID\((?:(?:'((?:[^']|'')+)'|([^'!(),]+))!\$B\$?\d+|#REF!),COLUMN\(\),1\)="[ew]"$/i;
const REF_ERROR = '#REF';

/**
 * The sheet a mark rule's formula reads (`null` for `#REF!`), or `undefined` when the formula does
 * not have the shape of a mark rule.
 * @example markRuleSheet(`=MID('_ledger_marks'!$B1,COLUMN(),1)="e"`) // '_ledger_marks'
 */
export function markRuleSheet(formula: string): string | null | undefined {
  const match = RULE_SHAPE.exec(formula.trim());
  if (match === null) return undefined;
  if (match[1] !== undefined) return match[1].replace(/''/g, "'");
  // A deleted sheet: Excel keeps the cell part (`#REF!$B1`), or drops it (`#REF!`).
  return match[2] === undefined || match[2].toUpperCase() === REF_ERROR ? null : match[2];
}
