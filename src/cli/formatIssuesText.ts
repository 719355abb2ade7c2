import { SEVERITIES } from '../domain';
import type { Lang, LedgerRead, Severity } from '../domain';
import { cliText, type CliTextId } from './cliText';

/**
 * The issues as text, grouped by severity (errors, warnings, then the skipped rows), each line
 * naming the sheet row and column, the message, and the suggestion when there is one; then a
 * count line.
 */
export function formatIssuesText(read: LedgerRead, lang: Lang): string[] {
  const t = (id: CliTextId, values?: Record<string, string | number>): string => cliText(lang, id, values);
  const out: string[] = [];
  const bySeverity = new Map<Severity, LedgerRead['issues'][number][]>(SEVERITIES.map((s) => [s, []]));
  for (const issue of read.issues) bySeverity.get(issue.severity)?.push(issue);
  for (const severity of SEVERITIES) {
    const issues = bySeverity.get(severity) ?? [];
    if (issues.length === 0) continue;
    if (out.length > 0) out.push('');
    out.push(`${t(`severity_${severity}`)} (${issues.length})`);
    for (const issue of issues) {
      const where = issue.sheetRow === null ? t('sheetLevel') : t('issueRow', { row: issue.sheetRow });
      const column = issue.column === null ? '' : ` · ${issue.column.letter} ${issue.column.header}`;
      const suggestion = issue.suggestion === undefined ? '' : `  ${t('suggestion', { text: issue.suggestion[lang] })}`;
      out.push(`  ${where}${column} · ${issue.message[lang]}${suggestion}`);
    }
  }
  const count = (severity: Severity): number => bySeverity.get(severity)?.length ?? 0;
  if (out.length > 0) out.push('');
  out.push(
    t('validateSummary', {
      errors: count('error'),
      warnings: count('warning'),
      info: count('info'),
      valid: read.counts.validRows,
      warningRows: read.counts.warningRows,
      errorRows: read.counts.errorRows,
    }),
  );
  return out;
}
