import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { keyFigures } from '../domain';
import type { Field, FlaggedProject, Lang, LedgerIssue } from '../domain';
import { formatAsOf } from '../workflows/formatAsOf';
import type { RefreshProgress, RunReport } from '../workflows/refresh';
import { resolveLang } from '../workflows/resolveLang';
import { toRunError, type RunError } from '../workflows/runError';
import { DEFAULT_SETTINGS, type CapabilityNote, type LedgerSettings, type SourceRef } from '../workflows/workbookPort';
import { BriefPanel } from './BriefPanel';
import { copyText as browserCopyText, type CopyText } from './copyText';
import { IssueList } from './IssueList';
import { KeyFigureCards } from './KeyFigureCards';
import { RaceCard } from './RaceCard';
import { fill, LABELS } from './labels';
import { MoreActions } from './MoreActions';
import type { PaneHost, SourceInspection } from './paneHost';
import { ProgressSteps } from './ProgressSteps';
import { SettingsPanel } from './SettingsPanel';
import { SourcePanel } from './SourcePanel';

/** Props of `App`. */
export interface AppProps {
  /** Everything the pane may ask of the workbook. */
  readonly host: PaneHost;
  /** Copies the briefing draft (default: the browser's clipboard, with a selection fallback). */
  readonly copyText?: CopyText;
}

/** A failure to show: what failed (a refresh, a new period, or another workbook access) and why. */
interface Failure {
  readonly title: 'failedTitle' | 'newPeriodFailedTitle' | 'accessFailedTitle';
  readonly error: RunError;
}

/** The workflows that produce a run report: a refresh, or "start a new period" (a refresh on a new baseline). */
type Workflow = 'refresh' | 'newPeriod';

const accessFailure = (error: unknown): Failure => ({ title: 'accessFailedTitle', error: toRunError(error) });

/** Why the shown summaries may be out of date. */
type Staleness = 'ledger' | 'settings' | null;

/** Settings that change the summaries (a language change does not call for a refresh). */
const RESULT_SETTINGS: readonly (keyof LedgerSettings)[] = [
  'source',
  'mapping',
  'soeAttribution',
  'displayUnit',
  'decimals',
  'allowedSectors',
  'allowedDistricts',
];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  refresh: { width: '100%' },
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  sectionHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  h2: { margin: 0, whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  asOf: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  empty: { margin: 0, fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground2 },
  periodNote: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  notes: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  accordion: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2 },
  panel: { paddingBottom: tokens.spacingVerticalM },
});

/**
 * The task pane: one primary "refresh summaries" button with the workflow's progress, the key
 * figures (with their changes since the period baseline), the briefing draft and the issue list
 * of the last refresh, and the source, settings and more-actions (new period, clear marks)
 * panels. Every workbook access goes through `host`.
 */
export function App({ host, copyText = browserCopyText }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [settings, setSettings] = useState<LedgerSettings>(DEFAULT_SETTINGS);
  const [lastRefresh, setLastRefresh] = useState<string | null>(null);
  const [progress, setProgress] = useState<RefreshProgress | null>(null);
  const [running, setRunning] = useState<Workflow | null>(null);
  const [result, setResult] = useState<RunReport | null>(null);
  /** The workflow that produced `result`. */
  const [resultOf, setResultOf] = useState<Workflow>('refresh');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notes, setNotes] = useState<readonly CapabilityNote[]>([]);
  const [watchNote, setWatchNote] = useState<CapabilityNote | null>(null);
  const [stale, setStale] = useState<Staleness>(null);
  const [inspection, setInspection] = useState<SourceInspection | null>(null);
  const [open, setOpen] = useState<readonly string[]>([]);
  // The ref, not the state, guards against a double click: state updates land a render later.
  const runningRef = useRef(false);
  const isRunning = progress !== null;
  const lang: Lang = resolveLang(settings.lang, host.displayLanguage);
  const labels = LABELS[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const inspect = useCallback(async () => {
    try {
      const found = await host.inspectSource();
      setInspection(found);
      // A missing required column is the first thing the user must see and fix.
      if (found.error !== null || found.sheetIssues.some((i) => i.severity === 'error')) {
        setOpen((o) => (o.includes('source') ? o : [...o, 'source']));
      }
    } catch (error) {
      setFailure(accessFailure(error));
    }
  }, [host]);

  useEffect(() => {
    let isMounted = true;
    let stop: (() => Promise<void>) | null = null;
    host.loadState().then(
      (state) => {
        if (!isMounted) return;
        setSettings(state.settings);
        setLastRefresh(state.lastRefresh);
      },
      (error: unknown) => isMounted && setFailure(accessFailure(error)),
    );
    void inspect();
    host.onLedgerChanged(() => setStale('ledger')).then(
      (watch) => {
        if (!isMounted) {
          void watch.stop();
          return;
        }
        stop = () => watch.stop();
        setWatchNote(watch.note);
      },
      (error: unknown) => isMounted && setFailure(accessFailure(error)),
    );
    return () => {
      isMounted = false;
      void stop?.();
    };
  }, [host, inspect]);

  /** Run a refresh or start a new period: one at a time, with progress; a success replaces the result. */
  const run = useCallback(
    async (workflow: Workflow) => {
      if (runningRef.current) return;
      runningRef.current = true;
      setRunning(workflow);
      setProgress({ stage: 'reading', fraction: 0 });
      setFailure(null);
      const title = workflow === 'refresh' ? 'failedTitle' : 'newPeriodFailedTitle';
      try {
        const onProgress = (p: RefreshProgress): void => setProgress(p);
        const report = await (workflow === 'refresh' ? host.refresh(onProgress) : host.startNewPeriod(onProgress));
        setNotes(report.notes);
        if (report.ok) {
          setResult(report);
          setResultOf(workflow);
          setLastRefresh(report.refreshedAt);
          setStale(null);
        } else {
          setFailure({ title, error: report.error ?? toRunError(new Error(`${workflow} failed`)) });
        }
      } catch (error) {
        // The workflows never reject; this is the edge that catches a bug in the host.
        setFailure({ title, error: toRunError(error) });
      } finally {
        runningRef.current = false;
        setRunning(null);
        setProgress(null);
      }
      void inspect();
    },
    [host, inspect],
  );
  const runRefresh = useCallback(() => run('refresh'), [run]);

  const save = useCallback(
    (patch: Partial<LedgerSettings>) => {
      setSettings((s) => ({ ...s, ...patch }));
      host.saveSettings(patch).then(
        (saved) => {
          setSettings(saved);
          const keys = Object.keys(patch) as (keyof LedgerSettings)[];
          if (keys.some((k) => RESULT_SETTINGS.includes(k))) setStale((s) => s ?? 'settings');
          if (keys.includes('source') || keys.includes('mapping')) void inspect();
        },
        (error: unknown) => setFailure(accessFailure(error)),
      );
    },
    [host, inspect],
  );

  /** 合并区县台账 through the host, then a new look at the sources: the merged sheet is one the source panel can pick. */
  const mergeFiles = useMemo<PaneHost['mergeLedgerFiles']>(() => {
    const merge = host.mergeLedgerFiles?.bind(host);
    if (merge === undefined) return undefined;
    return async (files, onProgress) => {
      const outcome = await merge(files, onProgress);
      if (outcome.sheet !== null) void inspect();
      return outcome;
    };
  }, [host, inspect]);

  const changeColumn = useCallback(
    (field: Field, letter: string | null) => {
      const others = Object.entries(settings.mapping).filter(([key]) => key !== field);
      const mapping = Object.fromEntries(letter === null ? others : [...others, [field, letter]]);
      // Auto-detection ignores corrections: when it found no ledger, pin the sheet being corrected.
      const guessed = inspection !== null && inspection.stored === null && inspection.detected === null ? inspection.sheet : null;
      save(guessed === null ? { mapping } : { mapping, source: { kind: 'sheet', name: guessed } });
    },
    [save, settings.mapping, inspection],
  );

  const selectIssue = useCallback(
    (issue: LedgerIssue) => {
      const sheet = result?.read?.sheet;
      if (sheet === undefined || issue.sheetRow === null) return;
      const address = `${issue.column?.letter ?? 'A'}${issue.sheetRow}`;
      host.selectCell(sheet, address).catch((error: unknown) => setFailure(accessFailure(error)));
    },
    [host, result],
  );

  // A red or yellow project selects its name cell (column A when the ledger has no name column mapped).
  const selectProject = useCallback(
    (project: FlaggedProject) => {
      const sheet = result?.read?.sheet;
      if (sheet === undefined) return;
      const address = `${result?.read?.header?.columns.name?.letter ?? 'A'}${project.sheetRow}`;
      host.selectCell(sheet, address).catch((error: unknown) => setFailure(accessFailure(error)));
    },
    [host, result],
  );

  const figures = useMemo(() => (result?.summary ? keyFigures(result.summary) : null), [result]);
  const changes = result?.changes ?? null;
  // Without a baseline there is nothing to compare with: say why, or that a new period began.
  const periodNote =
    changes === null || changes.deltas !== null ? null : resultOf === 'newPeriod' ? labels.newPeriodStarted : labels.noBaseline;
  const baselineAt = changes !== null && changes.deltas !== null ? (changes.baselineAt ?? null) : null;
  const asOf = result !== null ? result.refreshedAt : lastRefresh;
  const allNotes = watchNote === null ? notes : [...notes.filter((n) => n.code !== watchNote.code), watchNote];
  const otherLang: Lang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>{labels.appTitle}</h1>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => save({ lang: otherLang })}
          aria-label={labels.switchLanguageLabel}
          lang={otherLang}
          data-testid="lang-switch"
        >
          {labels.switchLanguage}
        </Button>
      </header>

      <Button appearance="primary" size="large" className={styles.refresh} disabled={isRunning} onClick={() => void runRefresh()} data-testid="refresh">
        {isRunning ? labels.refreshing : labels.refresh}
      </Button>

      {progress !== null ? <ProgressSteps lang={lang} progress={progress} /> : null}

      {failure !== null ? (
        <MessageBar intent="error" layout="multiline" data-testid="failure">
          <MessageBarBody>
            <MessageBarTitle>{labels[failure.title]}</MessageBarTitle>
            {failure.error.message[lang]}
            <div>{fill(lang, 'errorCode', { code: failure.error.code })}</div>
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {stale !== null && !isRunning && asOf !== null ? (
        <MessageBar intent="warning" layout="multiline" data-testid="stale">
          <MessageBarBody>{stale === 'ledger' ? labels.ledgerChanged : labels.settingsChanged}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void runRefresh()}>
              {labels.refreshNow}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}

      {figures !== null && result !== null ? (
        <>
          <section className={styles.section} aria-labelledby="figures-heading">
            <div className={styles.sectionHead}>
              <h2 id="figures-heading" className={styles.h2}>
                {labels.keyFigures}
              </h2>
              {asOf !== null ? (
                <span className={styles.asOf} data-testid="as-of" data-refreshed-at={asOf}>
                  {fill(lang, 'asOf', { time: formatAsOf(new Date(asOf), lang) })}
                </span>
              ) : null}
            </div>
            <KeyFigureCards lang={lang} figures={figures} decimals={settings.decimals} deltas={changes?.deltas ?? null} />
            {result.race === undefined ? null : <RaceCard lang={lang} race={result.race.race} lights={result.race.lights} onSelect={selectProject} />}
            {periodNote !== null ? (
              <p className={styles.periodNote} data-testid="period-note">
                {periodNote}
              </p>
            ) : null}
            {baselineAt !== null ? (
              <p className={styles.periodNote} data-testid="baseline-at">
                {fill(lang, 'deltasSince', { time: formatAsOf(new Date(baselineAt), lang) })}
              </p>
            ) : null}
          </section>
          {result.brief !== null && result.brief !== '' ? (
            <BriefPanel lang={lang} brief={result.brief} briefLang={result.lang} copyText={copyText} />
          ) : null}
          <section className={styles.section} aria-labelledby="issues-heading">
            <h2 id="issues-heading" className={styles.h2}>
              {labels.issuesTitle}
            </h2>
            <IssueList lang={lang} issues={result.issues} onSelect={selectIssue} />
          </section>
        </>
      ) : (
        <div className={styles.section}>
          {asOf !== null ? <p className={styles.asOf}>{fill(lang, 'asOf', { time: formatAsOf(new Date(asOf), lang) })}</p> : null}
          <p className={styles.empty}>{labels.emptyResult}</p>
        </div>
      )}

      <Accordion
        multiple
        collapsible
        openItems={[...open]}
        onToggle={(_e, d) => setOpen(d.openItems.map(String))}
        className={styles.accordion}
      >
        <AccordionItem value="source">
          <AccordionHeader as="h2" size="small">
            {labels.sourceTitle}
          </AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <SourcePanel
              lang={lang}
              inspection={inspection}
              disabled={isRunning}
              onChangeSource={(source: SourceRef | null) => save({ source })}
              onChangeColumn={changeColumn}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="settings">
          <AccordionHeader as="h2" size="small">
            {labels.settingsTitle}
          </AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <SettingsPanel lang={lang} settings={settings} onSave={save} disabled={isRunning} />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="actions">
          <AccordionHeader as="h2" size="small">
            {labels.moreActions}
          </AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <MoreActions
              lang={lang}
              disabled={isRunning}
              startingNewPeriod={running === 'newPeriod'}
              onStartNewPeriod={() => void run('newPeriod')}
              onClearMarks={() => host.clearMarks()}
              onDropState={host.dropState === undefined ? undefined : () => host.dropState?.() ?? Promise.resolve()}
              onMergeFiles={mergeFiles}
              onUseAsSource={(sheet) => save({ source: { kind: 'sheet', name: sheet } })}
              refreshedAt={asOf}
            />
          </AccordionPanel>
        </AccordionItem>
        {allNotes.length > 0 ? (
          <AccordionItem value="notes">
            <AccordionHeader as="h2" size="small">
              {fill(lang, 'notesTitle', { n: allNotes.length })}
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <ul className={styles.notes} data-testid="notes">
                {allNotes.map((n) => (
                  <li key={n.code}>{n.message[lang]}</li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ) : null}
      </Accordion>

    </main>
  );
}
