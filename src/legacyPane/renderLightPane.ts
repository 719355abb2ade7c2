/**
 * The light pane: the task pane for webviews that cannot run the Fluent UI pane (Internet Explorer
 * 11 and Edge Legacy in Office 2016/2019 on Windows, Safari before 16.4 on a Mac). Plain DOM, no
 * React; built to ES5 (webpack configuration "es5"). It offers what matters there: the refresh
 * with its progress, the key figures, the capability notes, the issue list (a click selects the
 * cell), the language switch and 合并区县台账 (when the host offers it). Everything else (source, settings,
 * brief, new period) stays in the Fluent pane. The same `PaneHost` and labels as the Fluent pane: the same workflow, the same words.
 *
 * DOM calls are kept to what Internet Explorer 11 has (no `append`, `replaceChildren`, `closest`):
 * core-js polyfills the language's built-ins, not the DOM's.
 */
import { countIssuesBySeverity, formatNumber, keyFigures } from '../domain';
import type { KeyFigureId, Lang, LedgerIssue } from '../domain';
import { fill, LABELS, severityLabel, stageLabel, type LabelKey } from '../taskpane/labels';
import { mergeLineText, mergeResultText, type MergeLine, type MergeState } from '../taskpane/mergeText';
import type { PaneHost } from '../taskpane/paneHost';
import { pickedFile } from '../taskpane/pickedFile';
import { formatAsOf } from '../workflows/formatAsOf';
import type { RefreshProgress, RunReport } from '../workflows/refresh';
import { resolveLang } from '../workflows/resolveLang';
import { toRunError, type RunError } from '../workflows/runError';
import type { LedgerSettings } from '../workflows/workbookPort';

/** What the light pane asks of the workbook: a part of the Fluent pane's host. */
export type LightPaneHost = Pick<PaneHost, 'displayLanguage' | 'loadState' | 'saveSettings' | 'refresh' | 'selectCell' | 'mergeLedgerFiles'>;

/** Issues shown at first, and added by each "show more". */
export const LIGHT_ISSUE_PAGE = 100;

const FIGURE_LABEL: Readonly<Record<KeyFigureId, LabelKey>> = {
  projects: 'fig_projects',
  soes: 'fig_soes',
  totalWan: 'fig_total',
  started: 'fig_started',
  investedWan: 'fig_invested',
};

const FIGURE_UNIT: Readonly<Record<KeyFigureId, LabelKey>> = {
  projects: 'unitProjects',
  soes: 'unitSoes',
  totalWan: 'unitYi',
  started: 'unitProjects',
  investedWan: 'unitYi',
};

const STYLE = [
  '.lp { font-family: "Microsoft YaHei", "Segoe UI", sans-serif; font-size: 14px; line-height: 1.5; color: #242424; padding: 12px 16px; }',
  '.lp h1 { font-size: 18px; margin: 0; }',
  '.lp h2 { font-size: 15px; margin: 16px 0 8px; }',
  '.lp-head { overflow: hidden; margin-bottom: 12px; }',
  '.lp-head h1 { float: left; }',
  '.lp-lang { float: right; }',
  '.lp button { font: inherit; cursor: pointer; }',
  '.lp-refresh { background: #0f6cbd; color: #fff; border: 0; border-radius: 4px; padding: 6px 16px; }',
  '.lp-refresh[disabled] { background: #bdbdbd; cursor: default; }',
  '.lp-alert { border-left: 4px solid #c50f1f; background: #fdf3f4; padding: 8px 12px; margin: 12px 0; }',
  '.lp dl { margin: 0; }',
  '.lp dt { color: #616161; font-size: 12px; margin-top: 8px; }',
  '.lp dd { margin: 0; font-size: 20px; font-weight: 600; }',
  '.lp-unit { font-size: 12px; font-weight: normal; color: #707070; margin-left: 4px; }',
  '.lp-muted { color: #616161; font-size: 12px; }',
  '.lp ul { list-style: none; margin: 0; padding: 0; }',
  '.lp-notes li { margin: 4px 0; padding-left: 8px; border-left: 3px solid #f7630c; }',
  '.lp-issue { display: block; width: 100%; text-align: left; background: #fff; border: 1px solid #e0e0e0; border-radius: 4px; padding: 6px 8px; margin: 4px 0; }',
  '.lp-issue-error { border-left: 4px solid #c50f1f; }',
  '.lp-issue-warning { border-left: 4px solid #f7630c; }',
  '.lp-issue-info { border-left: 4px solid #0f6cbd; }',
  '.lp-where { display: block; color: #616161; font-size: 12px; }',
  '.lp-merge label { display: block; font-weight: 600; margin: 4px 0; }',
  '.lp-merge li { margin: 2px 0; font-size: 12px; }',
  '.lp-error { color: #c50f1f; }',
].join('\n');

/** A failure to show: a failed refresh, or a host call that threw. */
interface Failure {
  readonly title: LabelKey;
  readonly error: RunError;
}

interface State {
  lang: Lang;
  settings: LedgerSettings | null;
  lastRefresh: string | null;
  report: RunReport | null;
  progress: RefreshProgress | null;
  failure: Failure | null;
  isRunning: boolean;
  issuesShown: number;
  mergeLines: MergeLine[];
  merge: MergeState;
}

/** `tag` with `text` (set as text, never parsed as HTML) and attributes. */
function element(doc: Document, tag: string, text: string | null, attributes: Readonly<Record<string, string>> = {}): HTMLElement {
  const node = doc.createElement(tag);
  for (const name of Object.keys(attributes)) node.setAttribute(name, attributes[name] ?? '');
  if (text !== null) node.appendChild(doc.createTextNode(text));
  return node;
}

/** Where an issue is, as the Fluent pane's issue list says it. */
function issueWhere(lang: Lang, issue: LedgerIssue): string {
  if (issue.sheetRow === null) return LABELS[lang].sheetLevel;
  if (issue.column === null) return fill(lang, 'row', { row: issue.sheetRow });
  const at = fill(lang, 'rowCol', { row: issue.sheetRow, col: issue.column.letter });
  return issue.column.header === '' ? at : `${at} · ${issue.column.header}`;
}

/** The progress line: the stage, and while reading the share of rows read. */
function progressText(lang: Lang, progress: RefreshProgress): string {
  const stage = stageLabel(lang, progress.stage);
  if (progress.stage !== 'reading' || progress.fraction === undefined) return stage;
  return `${stage} · ${fill(lang, 'readingRows', { percent: Math.round(progress.fraction * 100) })}`;
}

/**
 * Renders the light pane into `root` and keeps it up to date: loads the stored settings (language,
 * decimals), runs `host.refresh` on the button with its progress, then shows the key figures,
 * the notes and the issues of the report. Resolves once the stored settings are shown.
 */
export async function renderLightPane(doc: Document, root: HTMLElement, host: LightPaneHost): Promise<void> {
  const state: State = {
    lang: resolveLang(null, host.displayLanguage),
    settings: null,
    lastRefresh: null,
    report: null,
    progress: null,
    failure: null,
    isRunning: false,
    issuesShown: LIGHT_ISSUE_PAGE,
    mergeLines: [],
    merge: { kind: 'idle' },
  };

  const hostFailure = (error: unknown): Failure => ({ title: 'accessFailedTitle', error: toRunError(error) });

  const runRefresh = (): void => {
    if (state.isRunning) return;
    state.isRunning = true;
    state.failure = null;
    state.progress = null;
    render();
    host
      .refresh((progress) => {
        state.progress = progress;
        render();
      })
      .then(
        (report) => {
          state.report = report;
          state.issuesShown = LIGHT_ISSUE_PAGE;
          if (report.ok) state.lastRefresh = report.refreshedAt;
          if (!report.ok && report.error !== null) state.failure = { title: 'failedTitle', error: report.error };
        },
        (error: unknown) => {
          state.failure = hostFailure(error);
        },
      )
      .then(() => {
        state.isRunning = false;
        state.progress = null;
        render();
      });
  };

  const switchLanguage = (): void => {
    const next: Lang = state.lang === 'zh-CN' ? 'en-US' : 'zh-CN';
    state.lang = next;
    render();
    // Stored like the Fluent pane's switch, so both panes and the ribbon's status line follow it.
    host.saveSettings({ lang: next }).then(
      (settings) => {
        state.settings = settings;
      },
      (error: unknown) => {
        state.failure = hostFailure(error);
        render();
      },
    );
  };

  const selectIssue = (issue: LedgerIssue): void => {
    const sheet = state.report?.read?.sheet;
    if (sheet === undefined || issue.sheetRow === null) return;
    host.selectCell(sheet, `${issue.column?.letter ?? 'A'}${issue.sheetRow}`).then(undefined, (error: unknown) => {
      state.failure = hostFailure(error);
      render();
    });
  };

  const runMerge = (merge: NonNullable<LightPaneHost['mergeLedgerFiles']>, files: readonly File[]): void => {
    if (state.merge.kind === 'merging') return;
    state.mergeLines = files.map((file) => ({ file: file.name, state: 'reading' }));
    state.merge = { kind: 'merging' };
    render();
    merge(files.map(pickedFile), (progress) => {
      const line = state.mergeLines[progress.index];
      if (line === undefined) return;
      state.mergeLines[progress.index] = progress;
      render();
    }).then(
      (outcome) => {
        state.merge = { kind: 'merged', outcome, usedAsSource: false };
        render();
      },
      (error: unknown) => {
        state.merge = { kind: 'failed', error: toRunError(error) };
        render();
      },
    );
  };

  const useMergedAsSource = (sheet: string): void => {
    const merged = state.merge;
    if (merged.kind !== 'merged') return;
    state.merge = { ...merged, usedAsSource: true };
    render();
    host.saveSettings({ source: { kind: 'sheet', name: sheet } }).then(
      (settings) => {
        state.settings = settings;
      },
      (error: unknown) => {
        state.failure = hostFailure(error);
        render();
      },
    );
  };

  /** 合并区县台账: the file input, a line per file, the result and the button that makes the sheet the refresh source. */
  function renderMerge(main: HTMLElement, merge: NonNullable<LightPaneHost['mergeLedgerFiles']>): void {
    const lang = state.lang;
    const labels = LABELS[lang];
    const merging = state.merge.kind === 'merging';
    const section = element(doc, 'section', null, { class: 'lp-merge', 'data-testid': 'merge' });
    section.appendChild(element(doc, 'h2', labels.mergeLedgers));
    section.appendChild(element(doc, 'p', labels.mergeHint, { class: 'lp-muted' }));
    section.appendChild(element(doc, 'label', merging ? labels.merging : labels.mergeFilesLabel, { for: 'lp-merge-files' }));
    const input = element(doc, 'input', null, {
      id: 'lp-merge-files',
      type: 'file',
      multiple: 'multiple',
      accept: '.xlsx',
      title: labels.mergeFilesLabel,
      'data-testid': 'merge-files',
    }) as HTMLInputElement;
    if (merging || state.isRunning) input.setAttribute('disabled', 'disabled');
    input.addEventListener('change', () => {
      const files: File[] = [];
      const list = input.files;
      if (list !== null) for (let i = 0; i < list.length; i += 1) files.push(list[i] as File);
      // Cleared, so that picking the same files again merges again (as the Fluent pane).
      input.value = '';
      if (files.length > 0) runMerge(merge, files);
    });
    section.appendChild(input);
    if (state.mergeLines.length > 0) {
      const list = element(doc, 'ul', null, { 'aria-live': 'polite', 'data-testid': 'merge-progress' });
      for (const line of state.mergeLines) list.appendChild(element(doc, 'li', mergeLineText(lang, line), line.state === 'failed' ? { class: 'lp-error' } : {}));
      section.appendChild(list);
    }
    const result = element(doc, 'p', mergeResultText(lang, state.merge), { role: 'status', class: 'lp-muted', 'data-testid': 'merge-result' });
    if (state.merge.kind === 'failed') result.setAttribute('class', 'lp-error');
    section.appendChild(result);
    const merged = state.merge;
    if (merged.kind === 'merged' && merged.outcome.sheet !== null) {
      const sheet = merged.outcome.sheet;
      if (merged.usedAsSource) {
        section.appendChild(element(doc, 'p', fill(lang, 'usedAsSource', { sheet }), { role: 'status', class: 'lp-muted', 'data-testid': 'merge-used-as-source' }));
      } else {
        const button = element(doc, 'button', labels.useAsSource, { type: 'button', 'data-testid': 'merge-use-as-source' });
        if (state.isRunning) button.setAttribute('disabled', 'disabled');
        button.addEventListener('click', () => useMergedAsSource(sheet));
        section.appendChild(button);
      }
    }
    main.appendChild(section);
  }

  function renderFigures(main: HTMLElement, report: RunReport): void {
    const labels = LABELS[state.lang];
    if (report.summary === null) return;
    const decimals = state.settings?.decimals ?? 1;
    // As the Fluent pane's cards (KeyFigureCards): 亿元 in Chinese; in English billions of yuan
    // (1 亿元 = 0.1 bn) with one decimal more, as the English sheets show them.
    const wanPerUnit = state.lang === 'en-US' ? 100_000 : 10_000;
    const amountDecimals = state.lang === 'en-US' ? decimals + 1 : decimals;
    const section = element(doc, 'section', null, { 'data-testid': 'key-figures' });
    section.appendChild(element(doc, 'h2', labels.keyFigures));
    const list = element(doc, 'dl', null);
    for (const figure of keyFigures(report.summary)) {
      list.appendChild(element(doc, 'dt', labels[FIGURE_LABEL[figure.id]]));
      const value = figure.kind === 'amount' ? formatNumber(figure.value / wanPerUnit, amountDecimals) : formatNumber(figure.value);
      const dd = element(doc, 'dd', value, { 'data-testid': `figure-${figure.id}` });
      const unit = labels[FIGURE_UNIT[figure.id]];
      if (unit !== '') dd.appendChild(element(doc, 'span', unit, { class: 'lp-unit' }));
      list.appendChild(dd);
    }
    section.appendChild(list);
    main.appendChild(section);
  }

  function renderNotes(main: HTMLElement, report: RunReport): void {
    if (report.notes.length === 0) return;
    const section = element(doc, 'section', null, { 'data-testid': 'notes', class: 'lp-notes' });
    section.appendChild(element(doc, 'h2', fill(state.lang, 'notesTitle', { n: report.notes.length })));
    const list = element(doc, 'ul', null);
    for (const note of report.notes) list.appendChild(element(doc, 'li', note.message[state.lang], { 'data-code': note.code }));
    section.appendChild(list);
    main.appendChild(section);
  }

  function renderIssues(main: HTMLElement, report: RunReport): void {
    const labels = LABELS[state.lang];
    const section = element(doc, 'section', null, { 'data-testid': 'issues' });
    section.appendChild(element(doc, 'h2', labels.issuesTitle));
    const issues = report.issues;
    if (issues.length === 0) {
      section.appendChild(element(doc, 'p', labels.noIssues));
      main.appendChild(section);
      return;
    }
    const { error: errors, warning: warnings } = countIssuesBySeverity(issues);
    section.appendChild(element(doc, 'p', fill(state.lang, 'issueCounts', { errors, warnings }), { class: 'lp-muted' }));
    const list = element(doc, 'ul', null);
    const shown = issues.slice(0, state.issuesShown);
    shown.forEach((issue) => {
      const item = element(doc, 'li', null);
      const canSelect = issue.sheetRow !== null;
      const box = element(doc, canSelect ? 'button' : 'div', null, {
        class: `lp-issue lp-issue-${issue.severity}`,
        'data-code': issue.code,
        'data-severity': issue.severity,
      });
      if (canSelect) {
        box.setAttribute('type', 'button');
        box.setAttribute('title', labels.selectCellHint);
        box.setAttribute('data-row', String(issue.sheetRow));
        if (issue.column !== null) box.setAttribute('data-col', issue.column.letter);
        box.addEventListener('click', () => selectIssue(issue));
      }
      box.appendChild(element(doc, 'strong', `${severityLabel(state.lang, issue.severity)} `));
      box.appendChild(element(doc, 'span', issue.message[state.lang]));
      box.appendChild(element(doc, 'span', issueWhere(state.lang, issue), { class: 'lp-where' }));
      item.appendChild(box);
      list.appendChild(item);
    });
    section.appendChild(list);
    if (shown.length < issues.length) {
      section.appendChild(element(doc, 'p', fill(state.lang, 'shownOf', { shown: shown.length, total: issues.length }), { class: 'lp-muted' }));
      const more = element(doc, 'button', fill(state.lang, 'showMore', { n: Math.min(LIGHT_ISSUE_PAGE, issues.length - shown.length) }), {
        type: 'button',
        'data-testid': 'show-more',
      });
      more.addEventListener('click', () => {
        state.issuesShown += LIGHT_ISSUE_PAGE;
        render();
      });
      section.appendChild(more);
    }
    main.appendChild(section);
  }

  function render(): void {
    const lang = state.lang;
    const labels = LABELS[lang];
    doc.documentElement.setAttribute('lang', lang);
    while (root.firstChild) root.removeChild(root.firstChild);
    root.removeAttribute('role');
    root.setAttribute('data-testid', 'light-pane');
    root.appendChild(element(doc, 'style', STYLE));
    const main = element(doc, 'main', null, { class: 'lp' });

    const head = element(doc, 'div', null, { class: 'lp-head' });
    head.appendChild(element(doc, 'h1', labels.appTitle));
    const otherLang: Lang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
    const langButton = element(doc, 'button', labels.switchLanguage, {
      type: 'button',
      class: 'lp-lang',
      lang: otherLang,
      'aria-label': labels.switchLanguageLabel,
      'data-testid': 'lang-switch',
    });
    langButton.addEventListener('click', switchLanguage);
    head.appendChild(langButton);
    main.appendChild(head);

    const refreshButton = element(doc, 'button', state.isRunning ? labels.refreshing : labels.refresh, {
      type: 'button',
      class: 'lp-refresh',
      'data-testid': 'refresh',
    });
    if (state.isRunning) refreshButton.setAttribute('disabled', 'disabled');
    refreshButton.addEventListener('click', runRefresh);
    main.appendChild(refreshButton);

    const progress = state.progress === null ? '' : progressText(lang, state.progress);
    main.appendChild(element(doc, 'p', progress, { 'data-testid': 'progress', role: 'status', 'aria-live': 'polite', 'aria-label': labels.progressLabel }));

    if (state.failure !== null) {
      const alert = element(doc, 'div', null, { class: 'lp-alert', role: 'alert', 'data-testid': 'failure' });
      alert.appendChild(element(doc, 'strong', labels[state.failure.title]));
      alert.appendChild(element(doc, 'p', state.failure.error.message[lang]));
      alert.appendChild(element(doc, 'p', fill(lang, 'errorCode', { code: state.failure.error.code }), { class: 'lp-muted' }));
      main.appendChild(alert);
    }

    if (state.lastRefresh !== null) {
      main.appendChild(element(doc, 'p', fill(lang, 'asOf', { time: formatAsOf(new Date(state.lastRefresh), lang) }), { class: 'lp-muted', 'data-testid': 'as-of' }));
    }
    const report = state.report;
    if (report === null || !report.ok) {
      if (report === null && !state.isRunning) main.appendChild(element(doc, 'p', labels.emptyResult, { class: 'lp-muted' }));
    } else {
      renderFigures(main, report);
      renderNotes(main, report);
      renderIssues(main, report);
    }
    if (host.mergeLedgerFiles !== undefined) renderMerge(main, host.mergeLedgerFiles.bind(host));
    root.appendChild(main);
  }

  render();
  try {
    const stored = await host.loadState();
    state.settings = stored.settings;
    state.lastRefresh = stored.lastRefresh;
    state.lang = resolveLang(stored.settings.lang, host.displayLanguage);
  } catch (error) {
    state.failure = hostFailure(error);
  }
  render();
}
