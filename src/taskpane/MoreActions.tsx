import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../domain';
import { toRunError, type RunError } from '../workflows/runError';
import { failureLine, LABELS } from './labels';
import { MergeLedgers } from './MergeLedgers';
import type { PaneHost } from './paneHost';

/** Props of `MoreActions`. */
export interface MoreActionsProps {
  readonly lang: Lang;
  /** True while a refresh or a new period runs (both actions wait then). */
  readonly disabled: boolean;
  /** True while the running workflow is "start a new period" (its button says so). */
  readonly startingNewPeriod: boolean;
  /** Start a new period; called only after the user confirmed. */
  readonly onStartNewPeriod: () => void;
  /** Clear the issue marks in the ledger. */
  readonly onClearMarks: () => Promise<void>;
  /** Time of the shown summaries: a newer run marks the issues again, so "cleared" goes away. */
  readonly refreshedAt: string | null;
  /**
   * Remove the ledger state before the workbook is sent outside the office (`WorkbookPort.dropState`); called
   * only after the user confirmed. Without it (a host that cannot) the action is not offered.
   */
  readonly onDropState?: (() => Promise<void>) | undefined;
  /** 合并区县台账 (`PaneHost.mergeLedgerFiles`); without it (a host that cannot write the sheet) the action is not offered. */
  readonly onMergeFiles?: PaneHost['mergeLedgerFiles'] | undefined;
  /** Store the merged sheet as the refresh source. */
  readonly onUseAsSource?: ((sheet: string) => void) | undefined;
}

const START_ID = 'start-new-period';
const DROP_ID = 'drop-state';

/** Where "clear marks" stands: not asked, running, done, or failed with an error. */
type ClearState = { readonly kind: 'idle' | 'clearing' | 'cleared' } | { readonly kind: 'failed'; readonly error: RunError };

/** Where "remove ledger state" stands, like `ClearState` with a confirmation first. */
type DropState = { readonly kind: 'idle' | 'confirming' | 'dropping' | 'dropped' } | { readonly kind: 'failed'; readonly error: RunError };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  action: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXS },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  result: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  confirm: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    alignSelf: 'stretch',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorPaletteMarigoldBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  confirmTitle: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold },
  confirmBody: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground1 },
  confirmActions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/**
 * Less frequent actions: "start a new period" (after an inline confirmation, since it replaces
 * the comparison baseline), "clear marks" (with a result line) and "remove ledger state before
 * sending" (confirmed too, since it deletes the baseline; with a result line), and 合并区县台账 (`MergeLedgers`) when
 * the host offers it. The confirmation is inline
 * rather than a modal dialog: it stays where the user clicked in the narrow pane, and the focus
 * moves to it and back.
 */
export function MoreActions({
  lang,
  disabled,
  startingNewPeriod,
  onStartNewPeriod,
  onClearMarks,
  refreshedAt,
  onDropState,
  onMergeFiles,
  onUseAsSource,
}: MoreActionsProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  const [confirming, setConfirming] = useState(false);
  const [clear, setClear] = useState<ClearState>({ kind: 'idle' });
  const [drop, setDrop] = useState<DropState>({ kind: 'idle' });
  const refocusDrop = useRef(false);
  // After a cancel, the focus goes back to the (then enabled again) start button.
  const refocusStart = useRef(false);
  useEffect(() => setClear((c) => (c.kind === 'clearing' ? c : { kind: 'idle' })), [refreshedAt]);
  useEffect(() => {
    if (!confirming && refocusStart.current) document.getElementById(START_ID)?.focus();
    refocusStart.current = false;
  }, [confirming]);

  useEffect(() => {
    if (drop.kind !== 'confirming' && refocusDrop.current) document.getElementById(DROP_ID)?.focus();
    refocusDrop.current = false;
  }, [drop.kind]);

  const cancelDrop = (): void => {
    refocusDrop.current = true;
    setDrop({ kind: 'idle' });
  };

  const dropState = async (run: () => Promise<void>): Promise<void> => {
    setDrop({ kind: 'dropping' });
    try {
      await run();
      setDrop({ kind: 'dropped' });
    } catch (error) {
      setDrop({ kind: 'failed', error: toRunError(error) });
    }
  };

  const cancel = (): void => {
    refocusStart.current = true;
    setConfirming(false);
  };

  const clearMarks = async (): Promise<void> => {
    setClear({ kind: 'clearing' });
    try {
      await onClearMarks();
      setClear({ kind: 'cleared' });
    } catch (error) {
      setClear({ kind: 'failed', error: toRunError(error) });
    }
  };

  return (
    <div className={styles.root} data-testid="more-actions">
      {onMergeFiles === undefined ? null : (
        <MergeLedgers lang={lang} disabled={disabled} onMerge={onMergeFiles} onUseAsSource={onUseAsSource ?? (() => undefined)} />
      )}
      <div className={styles.action}>
        <p className={styles.hint}>{labels.periodHint}</p>
        <Button
          id={START_ID}
          size="small"
          disabled={disabled || confirming}
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
          data-testid="start-new-period"
        >
          {startingNewPeriod ? labels.startingNewPeriod : labels.startNewPeriod}
        </Button>
        {confirming && !disabled ? (
          <InlineConfirm
            id="new-period"
            title={labels.confirmNewPeriodTitle}
            body={labels.confirmNewPeriodBody}
            okLabel={labels.startNewPeriod}
            cancelLabel={labels.cancel}
            onOk={() => {
              setConfirming(false);
              onStartNewPeriod();
            }}
            onCancel={cancel}
          />
        ) : null}
      </div>
      <div className={styles.action}>
        <p className={styles.hint}>{labels.marksHint}</p>
        <Button
          size="small"
          disabled={disabled || clear.kind === 'clearing'}
          onClick={() => void clearMarks()}
          data-testid="clear-marks"
        >
          {clear.kind === 'clearing' ? labels.clearingMarks : labels.clearMarks}
        </Button>
        <p role="status" className={styles.result} data-testid="clear-marks-result">
          {clear.kind === 'cleared' ? labels.marksCleared : null}
          {clear.kind === 'failed' ? (
            <span className={styles.error}>
              {failureLine(lang, 'clearMarksFailed', clear.error)}
            </span>
          ) : null}
        </p>
      </div>
      {onDropState === undefined ? null : (
        <div className={styles.action}>
          <p className={styles.hint}>{labels.dropStateHint}</p>
          <Button
            id={DROP_ID}
            size="small"
            disabled={disabled || drop.kind === 'confirming' || drop.kind === 'dropping'}
            aria-expanded={drop.kind === 'confirming'}
            onClick={() => setDrop({ kind: 'confirming' })}
            data-testid="drop-state"
          >
            {drop.kind === 'dropping' ? labels.droppingState : labels.dropState}
          </Button>
          {drop.kind === 'confirming' && !disabled ? (
            <InlineConfirm
              id="drop-state"
              title={labels.confirmDropStateTitle}
              body={labels.confirmDropStateBody}
              okLabel={labels.dropState}
              cancelLabel={labels.cancel}
              onOk={() => void dropState(onDropState)}
              onCancel={cancelDrop}
            />
          ) : null}
          <p role="status" className={styles.result} data-testid="drop-state-result">
            {drop.kind === 'dropped' ? labels.stateDropped : null}
            {drop.kind === 'failed' ? (
              <span className={styles.error}>
                {failureLine(lang, 'dropStateFailed', drop.error)}
              </span>
            ) : null}
          </p>
        </div>
      )}
    </div>
  );
}

/** Props of `InlineConfirm`. */
interface InlineConfirmProps {
  /** Prefix of the element ids and test ids (`confirm-<id>`, `confirm-<id>-ok`, `<id>-title`, `<id>-body`). */
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly okLabel: string;
  readonly cancelLabel: string;
  readonly onOk: () => void;
  readonly onCancel: () => void;
}

/**
 * The inline confirmation of a destructive action: title, body, the action and cancel; Escape cancels. It takes
 * the focus when it appears (the caller gives it back to its button after a cancel).
 */
function InlineConfirm({ id, title, body, okLabel, cancelLabel, onOk, onCancel }: InlineConfirmProps): React.JSX.Element {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className={styles.confirm}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      data-testid={`confirm-${id}`}
    >
      <p id={`${id}-title`} className={styles.confirmTitle}>
        {title}
      </p>
      <p id={`${id}-body`} className={styles.confirmBody}>
        {body}
      </p>
      <div className={styles.confirmActions}>
        <Button size="small" appearance="primary" onClick={onOk} data-testid={`confirm-${id}-ok`}>
          {okLabel}
        </Button>
        <Button size="small" onClick={onCancel}>
          {cancelLabel}
        </Button>
      </div>
    </div>
  );
}
