import { parseAsOf } from '../domain';
import type { LedgerRead } from '../domain';
import type { LedgerSettings } from './workbookPort';

/** Where a report's data date came from. */
export type DataDateSource = 'setting' | 'ledger';

/** The data date a report states (截至), with its origin; `date` `null` when neither the settings nor the ledger give one. */
export interface ResolvedDataDate {
  /** `YYYY-MM-DD`, or `null` (the report then says 截至日期：未注明, never the run time). */
  readonly date: string | null;
  readonly source: DataDateSource | null;
}

/**
 * The data date of a report: the `asOf` setting (the pane's settings, the CLI's `--as-of`) when set, else the date
 * the ledger's title or unit rows name (`LedgerRead.dataDate`), else none.
 * @example resolveDataDate({ ...DEFAULT_SETTINGS }, read) // → { date: '2025-09-30', source: 'ledger' } for 截至2025年9月30日
 */
export function resolveDataDate(settings: Pick<LedgerSettings, 'asOf'>, read: Pick<LedgerRead, 'dataDate'> | null): ResolvedDataDate {
  if (settings.asOf !== undefined && settings.asOf !== null) return { date: settings.asOf, source: 'setting' };
  const own = read?.dataDate;
  return own === undefined ? { date: null, source: null } : { date: own.date, source: 'ledger' };
}

/**
 * A stored `asOf` setting as the settings keep it: a calendar day written `YYYY-MM-DD`, or `null` for anything else
 * (absent, malformed, an impossible day), so a hand-edited value falls back to the ledger's own date.
 */
export function parseAsOfSetting(value: unknown): string | null {
  return typeof value === 'string' && parseAsOf(value) !== null ? value.trim() : null;
}
