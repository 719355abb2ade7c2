import { Field, makeStyles, MessageBar, MessageBarBody, Select, Spinner, tokens } from '@fluentui/react-components';
import { FIELDS, REQUIRED_FIELDS, type Field as LedgerField, type Lang } from '../domain';
import type { SourceRef } from '../workflows/workbookPort';
import { fieldLabel, fill, LABELS } from './labels';
import type { HeaderColumn, SourceInspection } from './paneHost';

/** Props of `SourcePanel`. */
export interface SourcePanelProps {
  readonly lang: Lang;
  /** `null` while the source is being inspected. */
  readonly inspection: SourceInspection | null;
  /** Store the ledger source; `null` = detect automatically. */
  readonly onChangeSource: (source: SourceRef | null) => void;
  /** Store a column correction (a column letter); `null` = detect automatically. */
  readonly onChangeColumn: (field: LedgerField, letter: string | null) => void;
  readonly disabled?: boolean;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200 },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase300 },
  th: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    padding: `2px ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  fieldCol: { width: '38%' },
  td: { padding: `2px ${tokens.spacingHorizontalXS}`, verticalAlign: 'middle' },
  fieldName: { overflowWrap: 'anywhere' },
  required: { color: tokens.colorPaletteRedForeground1, marginInlineStart: '2px' },
  select: { minWidth: 0, width: '100%' },
});

const INTENT = { error: 'error', warning: 'warning', info: 'info' } as const;

const refKey = (ref: SourceRef): string => `${ref.kind}:${ref.name}`;

/** The letter a stored override points at: a letter, or the exact header text of a column. */
function overrideLetter(value: string | undefined, columns: readonly HeaderColumn[]): string {
  if (value === undefined || value === '') return '';
  const byHeader = columns.find((c) => c.header === value);
  if (byHeader !== undefined) return byHeader.letter;
  return value.trim().toUpperCase();
}

/**
 * The detected ledger source and column mapping, as a compact table the user can correct.
 * Sheet-level problems (a required column is missing) are shown exactly as the reader words them.
 */
export function SourcePanel({ lang, inspection, onChangeSource, onChangeColumn, disabled = false }: SourcePanelProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  if (inspection === null) return <Spinner size="tiny" label={labels.loadingSource} />;
  const refLabel = (ref: SourceRef): string => fill(lang, ref.kind === 'sheet' ? 'sourceSheet' : 'sourceTable', { name: ref.name });
  const columnLabel = (c: HeaderColumn): string => `${c.letter} · ${c.header}`;

  return (
    <div className={styles.root} data-testid="source-panel">
      <Field label={labels.sourceLabel} size="small">
        <Select
          size="small"
          value={inspection.stored === null ? '' : refKey(inspection.stored)}
          disabled={disabled}
          onChange={(_e, d) => onChangeSource(inspection.options.find((o) => refKey(o) === d.value) ?? null)}
          data-testid="source-select"
        >
          <option value="">
            {inspection.detected === null ? labels.sourceAuto : fill(lang, 'sourceAutoDetected', { name: inspection.detected.name })}
          </option>
          {inspection.options.map((o) => (
            <option key={refKey(o)} value={refKey(o)}>
              {refLabel(o)}
            </option>
          ))}
        </Select>
      </Field>
      {inspection.error !== null && !inspection.sheetIssues.some((i) => i.severity === 'error') ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{inspection.error.message[lang]}</MessageBarBody>
        </MessageBar>
      ) : null}
      {inspection.sheetIssues.map((issue, i) => (
        <MessageBar key={`${issue.code}:${i}`} intent={INTENT[issue.severity]} layout="multiline">
          <MessageBarBody data-testid="sheet-issue">{issue.message[lang]}</MessageBarBody>
        </MessageBar>
      ))}
      {inspection.sheet !== null && inspection.columns.length > 0 ? (
        <table className={styles.table} data-testid="mapping">
          <caption className={styles.caption}>{labels.mappingTitle}</caption>
          <thead>
            <tr>
              <th scope="col" className={`${styles.th} ${styles.fieldCol}`}>
                {labels.mappingField}
              </th>
              <th scope="col" className={styles.th}>
                {labels.mappingColumn}
              </th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field) => {
              const detected = inspection.mapping[field];
              const override = overrideLetter(inspection.overrides[field], inspection.columns);
              const isRequired = REQUIRED_FIELDS.includes(field);
              const autoText =
                override !== ''
                  ? labels.mappingAuto
                  : detected === undefined
                    ? fill(lang, 'mappingAutoFound', { col: labels.mappingMissing })
                    : fill(lang, 'mappingAutoFound', { col: `${detected.letter} · ${detected.header}` });
              const name = fieldLabel(lang, field);
              return (
                <tr key={field} data-field={field}>
                  <th scope="row" className={`${styles.td} ${styles.fieldName}`} style={{ fontWeight: 'normal', textAlign: 'start' }}>
                    {name}
                    {isRequired ? (
                      <span className={styles.required} title={labels.required}>
                        *
                      </span>
                    ) : null}
                  </th>
                  <td className={styles.td}>
                    <Select
                      size="small"
                      className={styles.select}
                      value={override}
                      disabled={disabled}
                      aria-label={name}
                      onChange={(_e, d) => onChangeColumn(field, d.value === '' ? null : d.value)}
                    >
                      <option value="">{autoText}</option>
                      {override !== '' && !inspection.columns.some((c) => c.letter === override) ? (
                        <option value={override}>{override}</option>
                      ) : null}
                      {inspection.columns.map((c) => (
                        <option key={c.letter} value={c.letter}>
                          {columnLabel(c)}
                        </option>
                      ))}
                    </Select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
