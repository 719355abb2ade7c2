import { computeLights, computeRace, raceRanks, withRankChanges, draftBrief, lastCompleteMonthEnd, layoutChanges, layoutRace, layoutSummary, layoutValidation, layoutWarnings, PROGRESS_FIELDS, summarize, toSummaryJson } from '../domain';
import type { Bilingual, Lang, LedgerIssue, LedgerRead, LightsResult, RaceResult, SheetPlan, Summary, SummaryJson } from '../domain';
import { resolveDataDate } from './dataDate';
import { resolveLang } from './resolveLang';
import { formatAsOf } from './formatAsOf';
import { issueMarks } from './issueMarks';
import { periodChanges, type PeriodChanges } from './periodChanges';
import { canStreamRows, gridSourcePort, resolveLedgerSource, streamLedger } from './readLedgerSource';
import { readRaceRules, type RaceRulesRead } from './readRaceRules';
import { toRunError, type RunError } from './runError';
import { runNote } from './runNotes';
import { canWriteSnapshotPieces } from './stateSheet';
import type { AppliedPlans, CapabilityNote, LedgerSettings, SourceRef, WorkbookPort } from './workbookPort';

/** The stages a refresh reports, in order. */
export const REFRESH_STAGES = ['reading', 'validating', 'summarising', 'writing', 'done'] as const;
/** A refresh stage. */
export type RefreshStage = (typeof REFRESH_STAGES)[number];

/** A progress report: the stage, and for reading the fraction of rows read. */
export interface RefreshProgress {
  readonly stage: RefreshStage;
  readonly fraction?: number;
}

/** Options of `refresh`. Settings not given come from the workbook, then from the defaults. */
export interface RefreshOptions {
  /** Overrides of the settings stored in the workbook (not written back). */
  readonly settings?: Partial<LedgerSettings>;
  /** Office's display language, used when the settings do not pin one. */
  readonly displayLanguage?: string;
  readonly onProgress?: (progress: RefreshProgress) => void;
  /** The clock (injected for tests). */
  readonly now?: () => Date;
  /** Mark issue cells in the ledger (default true). */
  readonly markIssues?: boolean;
  /**
   * Let the UI breathe between stages (the task pane passes a `setTimeout(0)` yield so that
   * a 50,000-row refresh keeps the pane responsive).
   */
  readonly yieldToUi?: () => Promise<void>;
}

/** What a refresh did: counts, timings, issues, and any failure. */
export interface RunReport {
  readonly ok: boolean;
  readonly error: RunError | null;
  readonly lang: Lang;
  readonly source: SourceRef | null;
  readonly read: LedgerRead | null;
  readonly summary: Summary | null;
  readonly json: SummaryJson | null;
  readonly issues: readonly LedgerIssue[];
  readonly sheets: AppliedPlans;
  readonly changes: PeriodChanges | null;
  /** The briefing paragraph (`draftBrief`, exact style) for the task pane's copy button; `null` before summarising. */
  readonly brief: string | null;
  /** Milliseconds per stage. */
  readonly timings: Partial<Record<RefreshStage, number>>;
  /** The port's capability notes, then notes on steps that failed after the summaries were written (`RUN_NOTE_CODES`). */
  readonly notes: readonly CapabilityNote[];
  /** ISO time of this refresh. */
  readonly refreshedAt: string;
  /** The 赛马 ranking and 红黄绿灯 lights (issue 17), when the ledger has the columns they read; absent otherwise. */
  readonly race?: { readonly race: RaceResult; readonly lights: LightsResult };
}

/**
 * Run the whole job: read the ledger, validate, summarise, lay out, write the owned sheets, store
 * the period snapshot, and mark the issues in the ledger. One refresh at a time per workbook: the
 * job runs under the port's lease (`WorkbookPort.exclusive`), and a refresh that cannot get it
 * (another runtime keeps refreshing) is a failed run report with code `refresh_in_progress`.
 * Never throws. A failure before the summaries are written is a failed run report, and the port
 * guarantees the previous summaries survive it. Once they are written the run is done: a failure
 * to save the state or to mark the ledger becomes a note (`RUN_NOTE_CODES`), never a failed run.
 */
export function refresh(port: WorkbookPort, options: RefreshOptions = {}): Promise<RunReport> {
  return exclusively(port, options, () => refreshHeld(port, options));
}

/**
 * Run a refresh-like `job` under the port's lease (`WorkbookPort.exclusive`, when the port has one).
 * A lease that is refused, or fails to be taken, gives a failed run report; a job that had to wait
 * for another runtime's refresh says so in a note (`refresh_waited`).
 */
export async function exclusively(port: WorkbookPort, options: RefreshOptions, job: () => Promise<RunReport>): Promise<RunReport> {
  if (port.exclusive === undefined) return job();
  const startedAt = (options.now ?? (() => new Date()))();
  let hasWaited = false;
  try {
    const report = await port.exclusive(job, () => (hasWaited = true));
    return hasWaited ? { ...report, notes: [...report.notes, runNote('refresh_waited')] } : report;
  } catch (error) {
    return failedRunReport(port, error, startedAt, options);
  }
}

/** A run report for a run that failed before it read anything. */
export function failedRunReport(port: WorkbookPort, error: unknown, at: Date, options: RefreshOptions): RunReport {
  return {
    ok: false,
    error: toRunError(error),
    lang: resolveLang(options.settings?.lang ?? null, options.displayLanguage),
    source: null,
    read: null,
    summary: null,
    json: null,
    brief: null,
    issues: [],
    sheets: {},
    changes: null,
    timings: {},
    notes: port.capabilityNotes(),
    refreshedAt: at.toISOString(),
  };
}

/** The refresh itself, for a caller that already holds the port's lease (see `exclusively`). */
export async function refreshHeld(port: WorkbookPort, options: RefreshOptions = {}): Promise<RunReport> {
  const now = options.now ?? (() => new Date());
  const clock = (): number => now().getTime();
  const startedAt = now();
  const timings: Partial<Record<RefreshStage, number>> = {};
  const progress = (stage: RefreshStage, fraction?: number): void => {
    options.onProgress?.(fraction === undefined ? { stage } : { stage, fraction });
  };
  const pause = options.yieldToUi ?? (async () => undefined);

  let lang: Lang = resolveLang(options.settings?.lang ?? null, options.displayLanguage);
  let source: SourceRef | null = null;
  let read: LedgerRead | null = null;
  let summary: Summary | null = null;
  // Built when the report's `json` is first read: its issues alone are a million objects on a full sheet, which the
  // CLI never prints.
  let jsonOf: (() => SummaryJson) | null = null;
  let changes: PeriodChanges | null = null;
  let brief: string | null = null;
  let sheets: AppliedPlans = {};
  const runNotes: CapabilityNote[] = [];

  try {
    let t = clock();
    progress('reading', 0);
    const resolved = await resolveLedgerSource(port, options.settings);
    const { state, settings } = resolved;
    lang = resolveLang(settings.lang, options.displayLanguage);
    source = resolved.source;
    const validating = async (): Promise<void> => {
      timings.reading = clock() - t;
      t = clock();
      progress('validating');
      await pause();
    };
    // A port that streams its sources (the .xlsx file port) hands each row to the incremental reader as it is
    // parsed, so the grid is never held (issue 15: bounded memory at 1,048,576 rows); the reader validates the
    // rows as they come, so the reading stage includes the validation. Any other port (the add-in's) reads the
    // grid in payload-sized chunks, then the rows are validated in slices with a yield to the UI between them.
    const isStreamed = canStreamRows(port);
    const rows = isStreamed ? port : gridSourcePort(port, { onChunk: (done, total) => progress('reading', total > 0 ? done / total : 1), onGrid: validating, pause, sliceRows: VALIDATE_SLICE_ROWS });
    // A streamed read (the CLI's, on Node.js) keeps its rows and issues in columns: a full sheet's are 700 MB as objects.
    const streamed = await streamLedger(rows, source, settings, {
      compact: isStreamed,
      progressRows: PROGRESS_ROWS,
      onProgress: (done, total) => {
        if (isStreamed) progress('reading', total === null || total <= 0 ? undefined : Math.min(1, done / total));
      },
    });
    const { sheet } = streamed;
    read = streamed.read;
    if (isStreamed) await validating();
    timings.validating = clock() - t;

    t = clock();
    progress('summarising');
    await pause();
    summary = summarize(read, { soeAttribution: settings.soeAttribution });
    const dataDate = resolveDataDate(settings, read).date;
    const raced = await raceAndLights(port, read, dataDate, startedAt);
    // A new baseline records the ranks of now; a kept one gives back its own, to show the change in rank.
    changes = periodChanges(state.snapshot, read, summary, startedAt.toISOString(), raced === null ? undefined : raceRanks(raced.race));
    const race = raced === null ? null : { ...raced, race: withRankChanges(raced.race, changes.baselineRanks) };
    brief = draftBrief(summary, {
      lang,
      style: 'exact',
      displayUnit: settings.displayUnit,
      decimals: settings.decimals,
      rows: read.rows,
      dataDate,
      ...(race === null ? {} : { lights: race.lights }),
    });
    const summarized = summary;
    const briefText = brief;
    let json: SummaryJson | null = null;
    jsonOf = () => {
      json ??= { ...toSummaryJson(summarized, { lang }), brief: briefText };
      return json;
    };
    const asOf = formatAsOf(startedAt, lang);
    const plans: SheetPlan[] = [
      layoutSummary(summary, {
        lang,
        dataDate,
        generatedAt: asOf,
        displayUnit: settings.displayUnit,
        decimals: settings.decimals,
        brief,
        changes: changes.deltas,
      }),
      // The file port writes 校验结果 once, row by row: its rows are built as they are written.
      layoutValidation(read, { lang, sourceSheet: sheet, dataDate, rowsOnDemand: isStreamed }),
      layoutChanges(changes.diff, {
        lang,
        asOf,
        displayUnit: settings.displayUnit,
        decimals: settings.decimals,
        ...(changes.baselineAt === undefined ? {} : { baselineAt: formatAsOf(new Date(changes.baselineAt), lang) }),
        byDistrict: spansDistricts(read),
      }),
      ...(race === null
        ? []
        : [layoutRace(race.race, { lang, displayUnit: settings.displayUnit, decimals: settings.decimals }), layoutWarnings(race.lights, { lang, sourceSheet: sheet, ...(read.header?.columns.name === undefined ? {} : { nameColumn: read.header.columns.name.letter }) })]),
    ];
    timings.summarising = clock() - t;

    t = clock();
    progress('writing');
    await pause();
    sheets = await port.applySheetPlans(plans);
    // The summaries are new from here on: what follows can only add notes, never fail the run.
    try {
      const lastRefresh = startedAt.toISOString();
      // A host that can takes a new baseline in pieces: a full sheet's is 83 million characters.
      if (changes.nextSnapshotPieces !== undefined && canWriteSnapshotPieces(port)) await port.writeStateSnapshotPieces(changes.nextSnapshotPieces(), { lastRefresh });
      else await port.writeState({ snapshot: changes.nextSnapshot, lastRefresh });
    } catch (error) {
      runNotes.push(runNote('state_not_saved', error));
    }
    if (options.markIssues !== false) {
      try {
        await port.markCells(sheet, issueMarks(read.issues));
      } catch (error) {
        runNotes.push(runNote('marks_failed', error));
      }
    }
    timings.writing = clock() - t;

    progress('done');
    return {
      ok: true,
      error: null,
      lang,
      source,
      read,
      summary,
      get json() {
        return jsonOf?.() ?? null;
      },
      issues: read.issues,
      sheets,
      changes,
      brief,
      timings,
      notes: [...port.capabilityNotes(), ...runNotes],
      refreshedAt: startedAt.toISOString(),
      ...(race === null ? {} : { race }),
    };
  } catch (error) {
    progress('done');
    return {
      ok: false,
      error: toRunError(error),
      lang,
      source,
      read,
      summary,
      get json() {
        return jsonOf?.() ?? null;
      },
      issues: read?.issues ?? [],
      sheets,
      changes,
      brief,
      timings,
      notes: port.capabilityNotes(),
      refreshedAt: startedAt.toISOString(),
    };
  }
}

/**
 * The 赛马 ranking and the 红黄绿灯 lights (issue 17) by the workbook's 赛马规则 sheet (`readRaceRules`; the defaults
 * when it is absent or unusable, which the 赛马 sheet then says; an absent one is created with the defaults for the
 * user to edit, and the 赛马 sheet says so or why it could not be), as of the report's data date, else the end of the
 * last complete month before the refresh (local calendar); `null` for a ledger with none of the optional columns
 * they read (签约时间, 计划/实际开工时间, 计划竣工时间, 年度计划投资, 本年完成投资), which gets no 赛马/预警 sheets and
 * costs no extra read.
 */
async function raceAndLights(port: WorkbookPort, read: LedgerRead, dataDate: string | null, at: Date): Promise<{ race: RaceResult; lights: LightsResult } | null> {
  const columns = read.header?.columns;
  if (columns === undefined || !PROGRESS_FIELDS.some((f) => columns[f] !== undefined)) return null;
  const { rules, problems, creation } = await readRaceRules(port, { createIfAbsent: true });
  const asOf = dataDate ?? lastCompleteMonthEnd({ year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate() });
  const input = { rows: read.rows, columns };
  const race = computeRace(input, asOf, rules);
  const sheetNote =
    problems.length === 0
      ? []
      : [{ 'zh-CN': `“赛马规则”工作表有误，已按默认规则计算：${problems.join('；')}`, 'en-US': `The 赛马规则 sheet is invalid; the default rules were used: ${problems.join('; ')}` }];
  const creationNote = creation === undefined ? [] : [rulesSheetCreationNote(creation)];
  return { race: { ...race, notes: [...sheetNote, ...creationNote, ...race.notes] }, lights: computeLights(input, asOf, rules) };
}

/** What the 赛马 sheet says about creating the 赛马规则 sheet. */
function rulesSheetCreationNote(creation: NonNullable<RaceRulesRead['creation']>): Bilingual {
  if ('created' in creation) {
    return {
      'zh-CN': `已新建“${creation.created}”工作表并填入默认规则：可在其中修改权重、分组和预警阈值，下次刷新起生效。`,
      'en-US': `Created the sheet ${creation.created} with the default rules: change the weights, groups and thresholds there; the next refresh uses them.`,
    };
  }
  const detail = toRunError(creation.failed).message;
  return {
    'zh-CN': `未能新建“赛马规则”工作表（${detail['zh-CN']}），已按默认规则计算。`,
    'en-US': `Could not create the 赛马规则 sheet (${detail['en-US']}); the default rules were used.`,
  };
}

/** Rows validated between two yields to the UI. */
const VALIDATE_SLICE_ROWS = 5000;
/** Rows streamed between two progress reports. */
const PROGRESS_ROWS = 10_000;

/** True when the ledger's rows name two or more 所属地区 (a merged city ledger): 变动 then groups its changes by district. */
function spansDistricts(read: LedgerRead): boolean {
  let first: string | null = null;
  for (const row of read.rows) {
    if (row.district === null) continue;
    if (first === null) first = row.district;
    else if (row.district !== first) return true;
  }
  return false;
}
