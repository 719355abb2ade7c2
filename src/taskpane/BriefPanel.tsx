import { Button, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../domain';
import type { CopyText } from './copyText';
import { LABELS } from './labels';

/** Props of `BriefPanel`. */
export interface BriefPanelProps {
  /** The pane's language. */
  readonly lang: Lang;
  /** The drafted briefing paragraph (`RunReport.brief`), plain text. */
  readonly brief: string;
  /** The language the brief was drafted in (the run's), which may differ from the pane's. */
  readonly briefLang: Lang;
  /** Copies to the clipboard (injected so tests can see what was copied). */
  readonly copyText: CopyText;
}

/** How long "Copied" shows, in milliseconds. */
const CONFIRM_MS = 4000;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  h2: { margin: 0, whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  status: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteGreenForeground1 },
  failed: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  text: { width: '100%' },
});

/**
 * The drafted briefing paragraph in a read-only text area, with a button that copies it. The
 * text is shown as text, never as HTML. "Copied" (or how to copy by hand) is announced politely.
 */
export function BriefPanel({ lang, brief, briefLang, copyText }: BriefPanelProps): React.JSX.Element {
  const styles = useStyles();
  const labels = LABELS[lang];
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<'copied' | 'failed' | null>(null);

  // A new brief has not been copied yet.
  useEffect(() => setStatus(null), [brief]);
  useEffect(() => {
    if (status !== 'copied') return undefined;
    const timer = setTimeout(() => setStatus(null), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = async (): Promise<void> => {
    setStatus(null);
    const copied = await copyText(brief, textRef.current).catch(() => false);
    setStatus(copied ? 'copied' : 'failed');
  };

  return (
    <section className={styles.section} aria-labelledby="brief-heading" data-testid="brief-section">
      <div className={styles.head}>
        <h2 id="brief-heading" className={styles.h2}>
          {labels.briefTitle}
        </h2>
        <div className={styles.actions}>
          <span role="status" className={styles.status} data-testid="copy-status">
            {status === 'copied' ? labels.copied : ''}
          </span>
          <Button size="small" onClick={() => void copy()} data-testid="copy-brief">
            {labels.copy}
          </Button>
        </div>
      </div>
      <Textarea
        textarea={{ ref: textRef }}
        className={styles.text}
        readOnly
        value={brief}
        rows={6}
        resize="vertical"
        lang={briefLang}
        aria-labelledby="brief-heading"
        data-testid="brief"
      />
      {status === 'failed' ? (
        <span role="alert" className={styles.failed} data-testid="copy-failed">
          {labels.copyFailed}
        </span>
      ) : null}
    </section>
  );
}
