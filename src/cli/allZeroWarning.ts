import type { Lang, ReadCounts, Summary } from '../domain';
import { cliText } from './cliText';

/**
 * The warning for a report that is all zeros although the sheet has data rows, after a `--mapping`: most likely
 * the mapping points at an empty column (every row then lacks its total, or every total is 0). `null` when there
 * was no `--mapping` or the report has figures.
 * @example allZeroWarning({ totals: { projects: 0, … } }, { dataRows: 36, … }, true, 'zh-CN') // → '警告：按 --mapping …'
 */
export function allZeroWarning(summary: Pick<Summary, 'totals'>, counts: Pick<ReadCounts, 'dataRows'>, hasMapping: boolean, lang: Lang): string | null {
  if (!hasMapping || counts.dataRows === 0) return null;
  if (summary.totals.projects > 0 && summary.totals.totalWan !== 0) return null;
  return cliText(lang, 'mappingAllZero', { rows: counts.dataRows });
}
