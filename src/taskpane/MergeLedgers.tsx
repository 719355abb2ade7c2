import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Lang } from '../domain';
import { toRunError } from '../workflows/runError';
import { fill, LABELS } from './labels';
import { mergeLineText, mergeResultText, type MergeLine, type MergeState } from './mergeText';
import type { PaneHost } from './paneHost';
import { pickedFile } from './pickedFile';

/** Props of `MergeLedgers`. */
export interface MergeLedgersProps {
  readonly lang: Lang;
  /** True while a refresh or a new period runs (the merge waits then). */
  readonly disabled: boolean;
  /** The host's merge (`PaneHost.mergeLedgerFiles`). */
  readonly onMerge: NonNullable<PaneHost['mergeLedgerFiles']>;
  /** Store the sheet as the refresh source (`settings.source`). */
  readonly onUseAsSource: (sheet: string) => void;
}

const useStyles = makeStyles({
  action: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXS },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  label: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  result: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * 合并区县台账: the user picks the districts' .xlsx files; each file's progress shows as a line (reading, rows read,
 * or why it could not be read), then the merged figures and the sheet written, with a button that makes that sheet
 * the refresh source.
 */
export function MergeLedgers({ lang, disabled, onMerge, onUseAsSource }: MergeLedgersProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  const inputId = useId();
  const [lines, setLines] = useState<readonly MergeLine[]>([]);
  const [state, setState] = useState<MergeState>({ kind: 'idle' });

  const merge = async (files: readonly File[]): Promise<void> => {
    setLines(files.map((f) => ({ file: f.name, state: 'reading' })));
    setState({ kind: 'merging' });
    try {
      const outcome = await onMerge(files.map(pickedFile), (progress) =>
        setLines((current) => current.map((line, index) => (index === progress.index ? progress : line))),
      );
      setState({ kind: 'merged', outcome, usedAsSource: false });
    } catch (error) {
      setState({ kind: 'failed', error: toRunError(error) });
    }
  };

  const merging = state.kind === 'merging';
  return (
    <div className={styles.action}>
      <p className={styles.hint}>{labels.mergeHint}</p>
      <label htmlFor={inputId} className={styles.label}>
        {merging ? labels.merging : labels.mergeLedgers}
      </label>
      <input
        id={inputId}
        type="file"
        multiple
        accept=".xlsx"
        title={labels.mergeFilesLabel}
        disabled={disabled || merging}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Cleared, so that picking the same files again merges again.
          event.currentTarget.value = '';
          if (files.length > 0) void merge(files);
        }}
        data-testid="merge-files"
      />
      {lines.length > 0 ? (
        <ul className={styles.list} aria-live="polite" data-testid="merge-progress">
          {lines.map((line, index) => (
            <li key={index} className={line.state === 'failed' ? styles.error : undefined}>
              {mergeLineText(lang, line)}
            </li>
          ))}
        </ul>
      ) : null}
      <p role="status" className={styles.result} data-testid="merge-result">
        {state.kind === 'failed' ? <span className={styles.error}>{mergeResultText(lang, state)}</span> : mergeResultText(lang, state)}
      </p>
      {state.kind === 'merged' && state.outcome.sheet !== null ? (
        state.usedAsSource ? (
          <p role="status" className={styles.result} data-testid="merge-used-as-source">
            {fill(lang, 'usedAsSource', { sheet: state.outcome.sheet })}
          </p>
        ) : (
          <Button
            size="small"
            disabled={disabled}
            onClick={() => {
              const sheet = state.outcome.sheet;
              if (sheet === null) return;
              onUseAsSource(sheet);
              setState({ ...state, usedAsSource: true });
            }}
            data-testid="merge-use-as-source"
          >
            {labels.useAsSource}
          </Button>
        )
      ) : null}
    </div>
  );
}
