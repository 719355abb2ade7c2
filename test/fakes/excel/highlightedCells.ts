/**
 * What the conditional formats of a sheet show, for tests: a small evaluator of the custom-rule
 * formulas the add-in writes (and `=TRUE`), over a workbook snapshot. It is not a formula engine:
 * a rule of any other shape is reported in `unevaluated` and highlights nothing.
 */
import type { WorkbookSnapshot } from '../fakeExcel';
import { cellName, parseRef } from './address';

/** The fills conditional formats give to cells, and the rules that could not be evaluated. */
export interface Highlights {
  /** A1 address → fill colour of the highest-priority true rule that sets a fill. */
  readonly fills: Record<string, string>;
  /** Formulas of custom rules this evaluator does not understand. */
  readonly unevaluated: readonly string[];
}

/**
 * `=MID(<sheet>!$<col><row>,COLUMN(),1)="<flag>"`: the flag character at the cell's column in a
 * text cell of another sheet, the row relative to the rule's top-left cell (Excel reads a custom
 * rule's relative references from the top-left cell of its range; office-js #5194).
 */
const MID_RULE = /^=MID\((?:'((?:[^']|'')+)'|([^'!(),]+))!\$([A-Z]{1,3})(\d+),COLUMN\(\),1\)="(.)"$/i;

function sheetText(snapshot: WorkbookSnapshot, sheet: string, row: number, col: number): string {
  const found = snapshot.sheets.find((s) => s.name.toUpperCase() === sheet.toUpperCase());
  const value = found?.values[row]?.[col];
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

type Test = (row: number, col: number, top: number) => boolean;

function ruleTest(snapshot: WorkbookSnapshot, formula: string): Test | null {
  if (formula.toUpperCase() === '=TRUE') return () => true;
  const mid = MID_RULE.exec(formula);
  if (mid === null) return null;
  const sheet = mid[1] !== undefined ? mid[1].replace(/''/g, "'") : (mid[2] ?? '');
  const at = parseRef(`${mid[3] ?? ''}${mid[4] ?? ''}`);
  const flag = (mid[5] ?? '').toUpperCase();
  if (at === null) return null;
  return (row, col, top) => sheetText(snapshot, sheet, at.r0 + (row - top), at.c0).charAt(col).toUpperCase() === flag;
}

/**
 * Evaluate the custom conditional formats of `sheetName` in priority order (priority 0 first):
 * each cell gets the fill of the first rule that is true for it and sets a fill.
 * @example highlightedCells(fake.snapshot(), '台账').fills // { F3: '#FFC7CE' }
 */
export function highlightedCells(snapshot: WorkbookSnapshot, sheetName: string): Highlights {
  const sheet = snapshot.sheets.find((s) => s.name === sheetName);
  if (sheet === undefined) throw new Error(`no sheet named ${sheetName}`);
  const fills: Record<string, string> = {};
  const unevaluated: string[] = [];
  const rules = [...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority);
  for (const rule of rules) {
    if (rule.type !== 'Custom') continue;
    const formula = rule.rule.formula ?? '';
    const test = ruleTest(snapshot, formula);
    if (test === null) {
      unevaluated.push(formula);
      continue;
    }
    const fill = rule.format.fill;
    const rect = parseRef(rule.address);
    if (fill === undefined || rect === null) continue;
    for (let row = rect.r0; row <= rect.r1; row++) {
      for (let col = rect.c0; col <= rect.c1; col++) {
        const address = cellName(row, col);
        if (fills[address] === undefined && test(row, col, rect.r0)) fills[address] = fill;
      }
    }
  }
  return { fills, unevaluated };
}
