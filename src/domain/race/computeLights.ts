import type { Bilingual, ColumnMapping, LedgerDate, ProjectRow, SoeRef } from '../ledger/types';
import { lookupRegion } from '../reference/lookupRegion';
import type { AsOfDate } from './asOfDate';
import { monthIndexOf, parseAsOf } from './asOfDate';
import type { RaceRules } from './raceRules';
import { DEFAULT_RACE_RULES } from './raceRules';

/** The lights, worst first; `unknown` is 未判定 (no rule applies) and is never shown green. */
export const LIGHTS = ['red', 'yellow', 'green', 'unknown'] as const;
/** A project's light. */
export type Light = (typeof LIGHTS)[number];

/** The three 红黄绿灯 rules. */
export const LIGHT_RULES = ['start', 'progress', 'completion'] as const;
/** A 红黄绿灯 rule. */
export type LightRule = (typeof LIGHT_RULES)[number];

/**
 * Why a rule gave red or yellow, as data (`describeLightReason` words it): months late against the planned date,
 * or the progress figures in percent and percentage points.
 */
export type LightReason =
  | { readonly rule: 'start' | 'completion'; readonly planned: LedgerDate; readonly late: number }
  | { readonly rule: 'progress'; readonly ratePercent: number; readonly elapsedPercent: number; readonly gap: number };

/** A red or yellow project with its reasons (one per rule that gave red or yellow, rule order). */
export interface FlaggedProject {
  readonly sheetRow: number;
  readonly name: string;
  /** Canonical district name (金州区 → 金普新区), the text as written when the table does not know it, `null` when blank. */
  readonly district: string | null;
  /** The row's SOEs (display: their short names). */
  readonly soes: readonly SoeRef[];
  readonly light: 'red' | 'yellow';
  readonly reasons: readonly LightReason[];
}

/** Light counts. */
export interface LightCounts {
  readonly red: number;
  readonly yellow: number;
  readonly green: number;
  readonly unknown: number;
}

/** Counts of one district (`null`: no district given). */
export interface DistrictLightCounts extends LightCounts {
  readonly district: string | null;
}

/** A rule that could not be applied to any project, and why (a missing column). */
export interface RuleNote {
  readonly rule: LightRule;
  readonly message: Bilingual;
}

/** The outcome of `computeLights`. */
export interface LightsResult {
  readonly asOf: AsOfDate;
  readonly counts: LightCounts;
  /** Per district, in the order the districts first occur in the ledger. */
  readonly byDistrict: readonly DistrictLightCounts[];
  /** Red projects first, then yellow, each in sheet order. */
  readonly projects: readonly FlaggedProject[];
  /** Rules that could not be applied, or were applied to a substitute column. */
  readonly notes: readonly RuleNote[];
}

/** Input of `computeLights`: the read rows and the ledger's column mapping (to know which columns exist). */
export interface LightsInput {
  readonly rows: readonly ProjectRow[];
  readonly columns: ColumnMapping;
}

const UNKNOWN = 0;
const GREEN = 1;
const YELLOW = 2;
const RED = 3;

function countsOf(bySeverity: readonly number[]): LightCounts {
  return { red: bySeverity[RED] ?? 0, yellow: bySeverity[YELLOW] ?? 0, green: bySeverity[GREEN] ?? 0, unknown: bySeverity[UNKNOWN] ?? 0 };
}
const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });

/**
 * 红黄绿灯 of every project as of `asOf` (issue 17). `late` = (asOf year × 12 + month) − (planned year × 12 + month).
 * Start (not started: no 实际开工时间 and a stage before 在建; planned date 计划开工时间, else the 开工时间 column,
 * which for a project not yet started can only be a plan): red when late ≥ 3, yellow when 1–2. Progress (started:
 * an 实际开工时间 or stage 在建/竣工, 年度计划投资 > 0 and 本年完成投资 reported): gap = 序时进度 (asOf month / 12) −
 * 完成率, in percentage points; red when > 30, yellow when 10–30. Completion (stage not 竣工, 计划竣工时间, else the
 * 竣工时间 column): as Start. The light is the worst that applies; no rule applying is `unknown` (未判定).
 * @throws RangeError when `asOf` is not a `YYYY-MM-DD` date (a caller bug: the shells validate input).
 * @example computeLights({ rows, columns }, '2025-09-30').counts // → { red: 2, yellow: 1, green: 5, unknown: 0 }
 */
export function computeLights(input: LightsInput, asOf: AsOfDate, rules: RaceRules = DEFAULT_RACE_RULES): LightsResult {
  const parts = parseAsOf(asOf);
  if (parts === null) throw new RangeError(`computeLights: asOf must be YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const cols = input.columns;
  const notes: RuleNote[] = [];
  const startSource = cols.plannedStartDate !== undefined ? 'planned' : cols.startDate !== undefined ? 'start' : null;
  const completionSource = cols.plannedCompletionDate !== undefined ? 'planned' : cols.completionDate !== undefined ? 'completion' : null;
  const hasProgress = cols.annualPlanInvestment !== undefined && cols.yearInvested !== undefined;
  if (startSource === null) notes.push({ rule: 'start', message: both('未找到“计划开工时间”列，开工预警未判定', 'No 计划开工时间 (planned start) column: the start rule was not applied') });
  else if (startSource === 'start') notes.push({ rule: 'start', message: both('未找到“计划开工时间”列，开工预警按“开工时间”列判定', 'No 计划开工时间 (planned start) column: the start rule reads the 开工时间 column') });
  if (!hasProgress) {
    const missing = [cols.annualPlanInvestment === undefined ? '年度计划投资' : null, cols.yearInvested === undefined ? '本年完成投资' : null].filter((m) => m !== null);
    notes.push({
      rule: 'progress',
      message: both(`未找到“${missing.join('”“')}”列，投资进度预警未判定`, `No ${missing.join(' / ')} column: the progress rule was not applied`),
    });
  }
  if (completionSource === null) notes.push({ rule: 'completion', message: both('未找到“计划竣工时间”列，竣工预警未判定', 'No 计划竣工时间 (planned completion) column: the completion rule was not applied') });
  else if (completionSource === 'completion') notes.push({ rule: 'completion', message: both('未找到“计划竣工时间”列，竣工预警按“竣工时间”列判定', 'No 计划竣工时间 (planned completion) column: the completion rule reads the 竣工时间 column') });

  const asOfIndex = parts.year * 12 + parts.month;
  const t = rules.lights;
  // Performance: lights as severities (0 未判定, 1 green, 2 yellow, 3 red) and counts in arrays indexed by them.
  const counts = [0, 0, 0, 0];
  // Performance: tallies by the district text as written (one lookup per row gives the canonical name and the
  // tally), merged by canonical name at the end.
  const byText = new Map<string | null, { readonly district: string | null; readonly tally: number[] }>();
  const red: FlaggedProject[] = [];
  // Performance: a late-date rule's outcome depends only on the planned date (the data date is fixed), so one entry
  // per rule and planned date text — months late, severity, a frozen reason and a frozen single-reason list — serves
  // every project with that date (most flagged projects have one reason). Keyed by the date text itself: no key is
  // built per row.
  const startDates: DateOutcomes = new Map();
  const completionDates: DateOutcomes = new Map();
  const yellow: FlaggedProject[] = [];
  for (const row of input.rows) {
    const p = row.progress;
    let light = UNKNOWN;
    let start: DateOutcome | null = null;
    let progressReason: LightReason | null = null;
    let completion: DateOutcome | null = null;
    const isStarted = (p?.actualStartDate ?? null) !== null || row.stage === 'construction' || row.stage === 'completed';
    const isBeforeConstruction = row.stage === 'planning' || row.stage === 'signed' || row.stage === 'preparation';
    // Start
    const plannedStart = startSource === 'planned' ? (p?.plannedStartDate ?? null) : startSource === 'start' ? row.startDate : null;
    if (!isStarted && isBeforeConstruction && plannedStart !== null) {
      const outcome = dateOutcome(startDates, 'start', plannedStart, asOfIndex, t.startRedMonths, t.startYellowMonths);
      if (outcome.severity > GREEN) start = outcome;
      if (outcome.severity > light) light = outcome.severity;
    }
    // Progress
    const plan = p?.annualPlanWan ?? null;
    const done = p?.yearInvestedWan ?? null;
    if (hasProgress && isStarted && plan !== null && plan > 0 && done !== null) {
      const elapsed = (parts.month * 100) / 12;
      const rate = (done * 100) / plan;
      const gap = roundPoints(elapsed - rate);
      const l = gap > t.progressRedGap ? RED : gap >= t.progressYellowGap ? YELLOW : GREEN;
      if (l > GREEN) progressReason = { rule: 'progress', ratePercent: rate, elapsedPercent: elapsed, gap };
      if (l > light) light = l;
    }
    // Completion
    const plannedEnd = completionSource === 'planned' ? (p?.plannedCompletionDate ?? null) : completionSource === 'completion' ? row.completionDate : null;
    if (row.stage !== 'completed' && plannedEnd !== null) {
      const outcome = dateOutcome(completionDates, 'completion', plannedEnd, asOfIndex, t.completionRedMonths, t.completionYellowMonths);
      if (outcome.severity > GREEN) completion = outcome;
      if (outcome.severity > light) light = outcome.severity;
    }
    counts[light] = (counts[light] ?? 0) + 1;
    let entry = byText.get(row.district);
    if (entry === undefined) {
      entry = { district: districtOf(row.district), tally: [0, 0, 0, 0] };
      byText.set(row.district, entry);
    }
    const district = entry.district;
    entry.tally[light] = (entry.tally[light] ?? 0) + 1;
    if (light >= YELLOW) {
      const reasons = reasonList(start, progressReason, completion);
      const flagged: FlaggedProject = { sheetRow: row.sheetRow, name: row.name, district, soes: row.soes, light: light === RED ? 'red' : 'yellow', reasons };
      (light === RED ? red : yellow).push(flagged);
    }
  }
  return {
    asOf,
    counts: countsOf(counts),
    byDistrict: mergeTallies(byText.values()),
    projects: red.concat(yellow),
    notes,
  };
}

/** Tallies of district texts merged by canonical district, in the order the districts first occur. */
function mergeTallies(entries: Iterable<{ readonly district: string | null; readonly tally: readonly number[] }>): DistrictLightCounts[] {
  const merged = new Map<string | null, number[]>();
  for (const { district, tally } of entries) {
    const into = merged.get(district);
    if (into === undefined) merged.set(district, [...tally]);
    else tally.forEach((n, i) => (into[i] = (into[i] ?? 0) + n));
  }
  return [...merged].map(([district, tally]) => ({ district, ...countsOf(tally) }));
}

/** Canonical district of a row's district text (rows already carry it; texts from elsewhere may be aliases). */
export function districtOf(text: string | null): string | null {
  if (text === null) return null;
  // Performance: a ledger has a few district texts; `lookupRegion` normalises its input on every call.
  let name = districtMemo.get(text);
  if (name === undefined) {
    name = lookupRegion(text)?.name ?? text;
    if (districtMemo.size >= 10_000) districtMemo.clear();
    districtMemo.set(text, name);
  }
  return name;
}

const districtMemo = new Map<string, string>();

/** What a late-date rule gives for one planned date: its severity and, when red or yellow, its reason. */
interface DateOutcome {
  readonly severity: number;
  readonly reason: LightReason;
  /** `[reason]`, shared by every project whose only reason this is. */
  readonly alone: readonly LightReason[];
}

type DateOutcomes = Map<LedgerDate, DateOutcome>;

function dateOutcome(memo: DateOutcomes, rule: 'start' | 'completion', planned: LedgerDate, asOfIndex: number, redMonths: number, yellowMonths: number): DateOutcome {
  let outcome = memo.get(planned);
  if (outcome === undefined) {
    const late = asOfIndex - monthIndexOf(planned);
    const reason: LightReason = Object.freeze({ rule, planned, late });
    outcome = { severity: late >= redMonths ? RED : late >= yellowMonths ? YELLOW : GREEN, reason, alone: Object.freeze([reason]) };
    memo.set(planned, outcome);
  }
  return outcome;
}

/** The reasons in rule order; the shared single-reason list for a lone late-date reason. */
function reasonList(start: DateOutcome | null, progress: LightReason | null, completion: DateOutcome | null): readonly LightReason[] {
  // Performance: array literals of the exact length. An empty array's first push gives it a backing store of 16
  // slots (V8's JSObject::NewElementsCapacity: old + old / 2 + 16), kept alive with the flagged project.
  if (start === null) return completion === null ? (progress === null ? NO_REASONS : [progress]) : progress === null ? completion.alone : [progress, completion.reason];
  if (completion === null) return progress === null ? start.alone : [start.reason, progress];
  return progress === null ? [start.reason, completion.reason] : [start.reason, progress, completion.reason];
}

const NO_REASONS: readonly LightReason[] = Object.freeze([]);

/** Percentage points to 1e-9: 75 − 18.85 × 100 / 29 is 9.999999999999986 in floating point, a gap of 10 as a person computes it. */
function roundPoints(points: number): number {
  return Math.round(points * 1e9) / 1e9;
}

function monthText(date: LedgerDate): Bilingual {
  const year = date.slice(0, 4);
  if (date.length < 7) return both(`${year}年`, year);
  const month = Number(date.slice(5, 7));
  return both(`${year}年${month}月`, `${MONTHS_EN[month - 1] ?? ''} ${year}`);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A reason in words, as the issue gives them: "计划2025年5月开工，已滞后4个月未开工",
 * "本年完成投资完成率32.0%，低于序时进度75.0%共43.0个百分点".
 */
export function describeLightReason(reason: LightReason): Bilingual {
  if (reason.rule === 'progress') {
    const r = reason.ratePercent.toFixed(1);
    const e = reason.elapsedPercent.toFixed(1);
    const g = reason.gap.toFixed(1);
    return both(
      `本年完成投资完成率${r}%，低于序时进度${e}%共${g}个百分点`,
      `Invested this year ${r}% of the annual plan, ${g} percentage points below the time-elapsed target of ${e}%`,
    );
  }
  const m = monthText(reason.planned);
  const late = reason.late;
  const months = `${late} month${late === 1 ? '' : 's'} late`;
  return reason.rule === 'start'
    ? both(`计划${m['zh-CN']}开工，已滞后${late}个月未开工`, `Planned to start in ${m['en-US']}; not started, ${months}`)
    : both(`计划${m['zh-CN']}竣工，已滞后${late}个月未竣工`, `Planned to complete in ${m['en-US']}; not completed, ${months}`);
}
