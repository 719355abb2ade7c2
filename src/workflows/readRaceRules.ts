import { DEFAULT_RACE_RULES, parseRulesSheet, RULES_SHEET_NAME } from '../domain';
import type { RaceRules } from '../domain';
import { PortError, type WorkbookPort } from './workbookPort';

/** The rules a refresh ranks by, and why the user's sheet could not be used (empty when it could, or is absent). */
export interface RaceRulesRead {
  readonly rules: RaceRules;
  /** Problems of the 赛马规则 sheet (the defaults were used instead), English, by sheet row. */
  readonly problems: readonly string[];
}

/**
 * The rules of the workbook's 赛马规则 sheet (`parseRulesSheet`), read and never written; the defaults when the
 * sheet does not exist, or, with its problems listed, when it has rows the rules cannot take.
 * @throws what `port.readGrid` throws, except `source_not_found`.
 */
export async function readRaceRules(port: Pick<WorkbookPort, 'readGrid'>): Promise<RaceRulesRead> {
  let grid;
  try {
    grid = (await port.readGrid({ kind: 'sheet', name: RULES_SHEET_NAME })).grid;
  } catch (error) {
    if (error instanceof PortError && error.code === 'source_not_found') return { rules: DEFAULT_RACE_RULES, problems: [] };
    throw error;
  }
  const parsed = parseRulesSheet(grid);
  return parsed.ok ? { rules: parsed.rules, problems: [] } : { rules: DEFAULT_RACE_RULES, problems: parsed.problems };
}
