import { makeStyles, mergeClasses, ProgressBar, Spinner, tokens } from '@fluentui/react-components';
import type { Lang } from '../domain';
import { REFRESH_STAGES, type RefreshProgress, type RefreshStage } from '../workflows/refresh';
import { fill, LABELS, stageLabel } from './labels';

/** The stages shown as steps (`done` is the end, not a step). */
export const STEPS: readonly RefreshStage[] = REFRESH_STAGES.filter((s) => s !== 'done');

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  steps: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    rowGap: tokens.spacingVerticalXS,
    columnGap: tokens.spacingHorizontalM,
  },
  step: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
  },
  active: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  mark: { width: '16px', display: 'inline-flex', justifyContent: 'center', flexShrink: 0 },
});

/** Props of `ProgressSteps`. */
export interface ProgressStepsProps {
  readonly lang: Lang;
  /** The last progress report of the running refresh. */
  readonly progress: RefreshProgress;
}

/** Overall fraction done (0…1): finished steps plus the reading fraction. */
export function overallFraction(progress: RefreshProgress): number {
  if (progress.stage === 'done') return 1;
  const index = STEPS.indexOf(progress.stage);
  const within = progress.stage === 'reading' ? (progress.fraction ?? 0) : 0.5;
  return Math.min(1, Math.max(0, (index + within) / STEPS.length));
}

/** The refresh's stages (reading, validating, summarising, writing) with the current one marked. */
export function ProgressSteps({ lang, progress }: ProgressStepsProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  const current = progress.stage === 'done' ? STEPS.length : STEPS.indexOf(progress.stage);
  const detail =
    progress.stage === 'reading' && progress.fraction !== undefined
      ? ` · ${fill(lang, 'readingRows', { percent: Math.round(progress.fraction * 100) })}`
      : '';
  return (
    <div className={styles.root} data-testid="progress">
      <ProgressBar value={overallFraction(progress)} max={1} thickness="large" aria-label={labels.progressLabel} />
      <ol className={styles.steps} aria-label={labels.progressLabel}>
        {STEPS.map((stage, index) => {
          const state = index < current ? 'done' : index === current ? 'active' : 'pending';
          const stateText = state === 'done' ? labels.stepDone : state === 'active' ? labels.stepActive : labels.stepPending;
          return (
            <li
              key={stage}
              data-stage={stage}
              data-state={state}
              aria-current={state === 'active' ? 'step' : undefined}
              className={mergeClasses(styles.step, state === 'active' && styles.active, state === 'done' && styles.done)}
            >
              <span className={styles.mark} aria-hidden="true">
                {state === 'done' ? '✓' : state === 'active' ? <Spinner size="extra-tiny" /> : '·'}
              </span>
              <span>
                {stageLabel(lang, stage)}
                {state === 'active' ? detail : ''}
              </span>
              <span className={styles.srOnly}>{` (${stateText})`}</span>
            </li>
          );
        })}
      </ol>
      <div aria-live="polite" className={styles.srOnly}>
        {`${stageLabel(lang, STEPS[current] ?? 'done')}${detail}`}
      </div>
    </div>
  );
}
