import { Badge, Button, makeStyles, mergeClasses, Select, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Lang, LedgerIssue, Severity } from '../domain';
import { fill, issueCodeLabel, LABELS, severityLabel } from './labels';

/** How many issues the list renders before "show more" (keeps long lists fast). */
export const ISSUE_PAGE_SIZE = 200;

/** The severity filter: errors and warnings (default), one severity, or everything. */
export type SeverityFilter = 'problems' | Severity | 'all';

const SEVERITY_FILTERS: readonly SeverityFilter[] = ['problems', 'error', 'warning', 'info', 'all'];

/** Props of `IssueList`. */
export interface IssueListProps {
  readonly lang: Lang;
  readonly issues: readonly LedgerIssue[];
  /** Called when the user clicks an issue that points at a row. */
  readonly onSelect: (issue: LedgerIssue) => void;
  /** Items rendered per "show more" step. */
  readonly pageSize?: number;
}

const BADGE_COLOR = { error: 'danger', warning: 'warning', info: 'informative' } as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  filters: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  counts: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  severity: { minWidth: '110px' },
  codes: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyleType: 'none' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    rowGap: '2px',
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: '3px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  clickable: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  where: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    minWidth: 0,
  },
  badge: { flexShrink: 0 },
  whereText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  message: { overflowWrap: 'anywhere' },
  detail: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  footer: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  empty: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

const rank = (s: Severity): number => (s === 'error' ? 0 : s === 'warning' ? 1 : 2);

const matchesSeverity = (filter: SeverityFilter, severity: Severity): boolean =>
  filter === 'all' || (filter === 'problems' ? severity !== 'info' : severity === filter);

/** The raw cell value as text (never HTML). */
function rawText(lang: Lang, raw: LedgerIssue['raw']): string {
  if (raw === null || raw === '') return LABELS[lang].blank;
  return String(raw);
}

/** Where an issue points, as the list shows it. */
function whereText(lang: Lang, issue: LedgerIssue): string {
  if (issue.sheetRow === null) return LABELS[lang].sheetLevel;
  if (issue.column === null) return fill(lang, 'row', { row: issue.sheetRow });
  const at = fill(lang, 'rowCol', { row: issue.sheetRow, col: issue.column.letter });
  return issue.column.header === '' ? at : `${at} · ${issue.column.header}`;
}

/**
 * The issues of a refresh, filterable by severity and code, with the counts per code.
 * Each item shows the sheet row, column, raw value, message and suggestion; clicking an item
 * that points at a row selects that cell in the ledger. Renders at most `pageSize` items
 * until the user asks for more.
 */
export function IssueList({ lang, issues, onSelect, pageSize = ISSUE_PAGE_SIZE }: IssueListProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  const [severity, setSeverity] = useState<SeverityFilter>('problems');
  const [code, setCode] = useState<string>('');
  const [limit, setLimit] = useState(pageSize);

  // Errors first (they exclude rows from every total), then the reader's order (sheet order).
  const bySeverity = useMemo(
    () => issues.filter((i) => matchesSeverity(severity, i.severity)).sort((a, b) => rank(a.severity) - rank(b.severity)),
    [issues, severity],
  );
  const codes = useMemo(() => {
    const counts = new Map<string, { count: number; worst: Severity }>();
    for (const issue of bySeverity) {
      const seen = counts.get(issue.code);
      const worst = seen === undefined || rank(issue.severity) < rank(seen.worst) ? issue.severity : seen.worst;
      counts.set(issue.code, { count: (seen?.count ?? 0) + 1, worst });
    }
    return [...counts.entries()].sort((a, b) => rank(a[1].worst) - rank(b[1].worst) || b[1].count - a[1].count);
  }, [bySeverity]);
  const totals = useMemo(() => {
    const t = { error: 0, warning: 0, info: 0 };
    for (const issue of issues) t[issue.severity] += 1;
    return t;
  }, [issues]);
  const activeCode = codes.some(([c]) => c === code) ? code : '';
  const shown = useMemo(() => (activeCode === '' ? bySeverity : bySeverity.filter((i) => i.code === activeCode)), [bySeverity, activeCode]);
  const visible = shown.slice(0, limit);

  const changeSeverity = (value: SeverityFilter): void => {
    setSeverity(value);
    setLimit(pageSize);
  };
  const changeCode = (value: string): void => {
    setCode(value);
    setLimit(pageSize);
  };

  return (
    <div className={styles.root} data-testid="issue-list">
      <div className={styles.filters}>
        <span className={styles.counts} data-testid="issue-counts">
          {fill(lang, 'issueCounts', { errors: totals.error, warnings: totals.warning })}
        </span>
        <Select
          size="small"
          className={styles.severity}
          value={severity}
          onChange={(_e, d) => changeSeverity(d.value as SeverityFilter)}
          aria-label={labels.filterSeverity}
          data-testid="filter-severity"
        >
          {SEVERITY_FILTERS.map((f) => (
            <option key={f} value={f}>
              {f === 'problems' ? labels.filterProblems : f === 'all' ? labels.filterAll : severityLabel(lang, f)}
            </option>
          ))}
        </Select>
      </div>
      {codes.length > 0 ? (
        <ul className={styles.codes} aria-label={labels.filterCode}>
          {codes.map(([c, { count, worst }]) => (
            <li key={c}>
              <Button
                size="small"
                shape="circular"
                appearance={c === activeCode ? 'primary' : 'outline'}
                aria-pressed={c === activeCode}
                onClick={() => changeCode(c === activeCode ? '' : c)}
                title={c}
                data-code={c}
              >
                <Badge size="small" color={BADGE_COLOR[worst]} appearance="filled" aria-hidden="true" style={{ marginInlineEnd: 4 }}>
                  {count}
                </Badge>
                {issueCodeLabel(lang, c)}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {shown.length === 0 ? (
        <p className={styles.empty}>{issues.length === 0 ? labels.noIssues : labels.noMatches}</p>
      ) : (
        <ul className={styles.list} aria-label={labels.issuesTitle}>
          {visible.map((issue, index) => (
            <li
              key={`${issue.sheetRow ?? 's'}:${issue.column?.letter ?? ''}:${issue.code}:${index}`}
              data-code={issue.code}
              data-severity={issue.severity}
              data-row={issue.sheetRow ?? undefined}
              data-col={issue.column?.letter}
            >
              <IssueItem lang={lang} issue={issue} onSelect={onSelect} />
            </li>
          ))}
        </ul>
      )}
      {shown.length > visible.length || shown.length > pageSize ? (
        <div className={styles.footer}>
          <span>{fill(lang, 'shownOf', { shown: visible.length, total: shown.length })}</span>
          {shown.length > visible.length ? (
            <Button size="small" appearance="subtle" onClick={() => setLimit((l) => l + pageSize)}>
              {fill(lang, 'showMore', { n: Math.min(pageSize, shown.length - visible.length) })}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

interface IssueItemProps {
  readonly lang: Lang;
  readonly issue: LedgerIssue;
  readonly onSelect: (issue: LedgerIssue) => void;
}

/** One issue. A row-level issue is a button that selects its cell. */
function IssueItem({ lang, issue, onSelect }: IssueItemProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  const suggestion = issue.suggestion?.[lang];
  const content = (
    <>
      <span className={styles.where}>
        <Badge size="small" appearance="tint" color={BADGE_COLOR[issue.severity]} className={styles.badge}>
          {severityLabel(lang, issue.severity)}
        </Badge>
        <span className={styles.whereText}>{whereText(lang, issue)}</span>
      </span>
      <span className={styles.message}>{issue.message[lang]}</span>
      {issue.sheetRow !== null && issue.column !== null ? (
        <span className={styles.detail}>
          {labels.rawValue}
          <span data-testid="raw">{rawText(lang, issue.raw)}</span>
        </span>
      ) : null}
      {suggestion === undefined || suggestion === '' ? null : <span className={styles.detail}>{suggestion}</span>}
    </>
  );
  const className = mergeClasses(styles.item, styles[issue.severity]);
  if (issue.sheetRow === null) return <div className={className}>{content}</div>;
  return (
    <button type="button" className={mergeClasses(className, styles.clickable)} title={labels.selectCellHint} onClick={() => onSelect(issue)}>
      {content}
    </button>
  );
}
