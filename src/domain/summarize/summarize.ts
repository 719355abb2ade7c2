import type { LedgerRead } from '../validate/types';
import { summarizeRows } from './summarizeRows';
import type { SoeAttribution, Summary, SummarySource } from './types';

/** Options of `summarize`. */
export interface SummarizeOptions {
  /** How a project naming several SOEs is credited in the SOE table (default `full`). */
  readonly soeAttribution?: SoeAttribution;
}

/**
 * Summarise a read ledger: the counted rows (`read.rows`) through `summarizeRows`, with the
 * read's sheet, counts and issues. `byDistrict` / `byCategory` are `null` only when the
 * column is not mapped and no row has a value. Amounts in 万元.
 * @throws SummarizeInputError for an unknown option or a row that breaks the `ProjectRow` contract.
 * @example summarize(readLedger(grid), { soeAttribution: 'split' }).totals.totalWan
 */
export function summarize(read: LedgerRead, options: SummarizeOptions = {}): Summary {
  const columns = read.header?.columns;
  const source: SummarySource = {
    sheet: read.sheet,
    headerRows: read.header?.headerRows ?? 0,
    dataRows: read.counts.dataRows,
    unit: columns?.totalInvestment?.unit ?? read.header?.sheetUnit ?? null,
    counts: read.counts,
  };
  return summarizeRows(read.rows, {
    ...(options.soeAttribution === undefined ? {} : { soeAttribution: options.soeAttribution }),
    hasDistrict: columns?.district !== undefined,
    hasCategory: columns?.category !== undefined,
    source,
    issues: read.issues,
  });
}
