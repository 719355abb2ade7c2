import { issueIndexesBySeverity, SEVERITIES } from '../domain';
import type { Lang, LedgerIssue, LedgerRead, Severity } from '../domain';
import { cliText, type CliTextId } from './cliText';

/**
 * The issues as text, grouped by severity (errors, warnings, then the skipped rows), each line
 * naming the sheet row and column, the message, and the suggestion when there is one; then a
 * count line. One line at a time: each issue is built when its line is, and no line is kept.
 */
export function* issueLines(read: LedgerRead, lang: Lang): Generator<string> {
  const t = (id: CliTextId, values?: Record<string, string | number>): string => cliText(lang, id, values);
  // The issues' indexes by severity, not the issues: a compact read builds each issue when it is read, and a full
  // sheet has a million of them.
  const bySeverity = issueIndexesBySeverity(read.issues);
  let any = false;
  for (const severity of SEVERITIES) {
    const indexes = bySeverity[severity];
    if (indexes.length === 0) continue;
    if (any) yield '';
    any = true;
    yield `${t(`severity_${severity}`)} (${indexes.length})`;
    for (const index of indexes) {
      const issue = read.issues[index] as LedgerIssue;
      const where = issue.sheetRow === null ? t('sheetLevel') : t('issueRow', { row: issue.sheetRow });
      const column = issue.column === null ? '' : ` · ${issue.column.letter} ${issue.column.header}`;
      const suggestion = issue.suggestion === undefined ? '' : `  ${t('suggestion', { text: issue.suggestion[lang] })}`;
      yield `  ${where}${column} · ${issue.message[lang]}${suggestion}`;
    }
  }
  const count = (severity: Severity): number => bySeverity[severity].length;
  if (any) yield '';
  yield t('validateSummary', {
    errors: count('error'),
    warnings: count('warning'),
    info: count('info'),
    valid: read.counts.validRows,
    warningRows: read.counts.warningRows,
    errorRows: read.counts.errorRows,
  });
}
