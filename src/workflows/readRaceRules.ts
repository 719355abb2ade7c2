import { DEFAULT_RACE_RULES, layoutRulesSheet, parseRulesSheet, RULES_SHEET_NAME } from '../domain';
import type { RaceRules } from '../domain';
import { PortError, type WorkbookPort } from './workbookPort';

/** The rules a refresh ranks by, and why the user's sheet could not be used (empty when it could, or is absent). */
export interface RaceRulesRead {
  readonly rules: RaceRules;
  /** Problems of the 赛马规则 sheet (the defaults were used instead), English, by sheet row. */
  readonly problems: readonly string[];
  /**
   * With `createIfAbsent`, what became of an absent sheet: `created` (named as the port named it), `failed` (the
   * error, for a note: the defaults were used all the same), or nothing when the sheet existed or the port cannot
   * create sheets.
   */
  readonly creation?: { readonly created: string } | { readonly failed: unknown };
}

/** Options of `readRaceRules`. */
export interface ReadRaceRulesOptions {
  /** Create the 赛马规则 sheet with the default rules when the workbook has none (`WorkbookPort.createSheetIfAbsent`). */
  readonly createIfAbsent?: boolean;
}

/**
 * The rules of the workbook's 赛马规则 sheet (`parseRulesSheet`), read and never written; the defaults when the
 * sheet does not exist, or, with its problems listed, when it has rows the rules cannot take. With
 * `createIfAbsent`, an absent sheet is created with the defaults (`layoutRulesSheet`), so that the user can edit
 * them; it is the user's from then on. A failure to create it is reported in `creation`, never thrown.
 * @throws what `port.readGrid` throws, except `source_not_found`.
 */
export async function readRaceRules(
  port: Pick<WorkbookPort, 'readGrid' | 'createSheetIfAbsent'>,
  options: ReadRaceRulesOptions = {},
): Promise<RaceRulesRead> {
  let grid;
  try {
    grid = (await port.readGrid({ kind: 'sheet', name: RULES_SHEET_NAME })).grid;
  } catch (error) {
    if (!(error instanceof PortError && error.code === 'source_not_found')) throw error;
    const absent = { rules: DEFAULT_RACE_RULES, problems: [] };
    if (options.createIfAbsent !== true || port.createSheetIfAbsent === undefined) return absent;
    try {
      const created = await port.createSheetIfAbsent(layoutRulesSheet(DEFAULT_RACE_RULES));
      return created === null ? absent : { ...absent, creation: { created } };
    } catch (failure) {
      return { ...absent, creation: { failed: failure } };
    }
  }
  const parsed = parseRulesSheet(grid);
  return parsed.ok ? { rules: parsed.rules, problems: [] } : { rules: DEFAULT_RACE_RULES, problems: parsed.problems };
}
