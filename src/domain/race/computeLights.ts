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
  const byDistrict = new Map<string | null, number[]>();
  const red: FlaggedProject[] = [];
  // Performance: a late-date reason depends only on its rule and planned month (the data date is fixed), so one
  // frozen reason, and one single-reason list, per planned date serve every project (most flagged projects have one).
  const dateReasons = new Map<string, { readonly reason: LightReason; readonly alone: readonly LightReason[] }>();
  const yellow: FlaggedProject[] = [];
  for (const row of input.rows) {
    const p = row.progress;
    let light = UNKNOWN;
    let startReason: LightReason | null = null;
    let progressReason: LightReason | null = null;
    let completionReason: LightReason | null = null;
    const isStarted = (p?.actualStartDate ?? null) !== null || row.stage === 'construction' || row.stage === 'completed';
    const isBeforeConstruction = row.stage === 'planning' || row.stage === 'signed' || row.stage === 'preparation';
    // Start
    const plannedStart = startSource === 'planned' ? (p?.plannedStartDate ?? null) : startSource === 'start' ? row.startDate : null;
    if (!isStarted && isBeforeConstruction && plannedStart !== null) {
      const late = asOfIndex - monthIndexOf(plannedStart);
      const l = late >= t.startRedMonths ? RED : late >= t.startYellowMonths ? YELLOW : GREEN;
      if (l > GREEN) startReason = lateReason(dateReasons, 'start', plannedStart, late);
      if (l > light) light = l;
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
      const late = asOfIndex - monthIndexOf(plannedEnd);
      const l = late >= t.completionRedMonths ? RED : late >= t.completionYellowMonths ? YELLOW : GREEN;
      if (l > GREEN) completionReason = lateReason(dateReasons, 'completion', plannedEnd, late);
      if (l > light) light = l;
    }
    counts[light] = (counts[light] ?? 0) + 1;
    const district = districtOf(row.district);
    let tally = byDistrict.get(district);
    if (tally === undefined) {
      tally = [0, 0, 0, 0];
      byDistrict.set(district, tally);
    }
    tally[light] = (tally[light] ?? 0) + 1;
    if (light >= YELLOW) {
      const reasons = reasonList(dateReasons, startReason, progressReason, completionReason);
      const flagged: FlaggedProject = { sheetRow: row.sheetRow, name: row.name, district, soes: row.soes, light: light === RED ? 'red' : 'yellow', reasons };
      (light === RED ? red : yellow).push(flagged);
    }
  }
  return {
    asOf,
    counts: countsOf(counts),
    byDistrict: [...byDistrict].map(([district, tally]) => ({ district, ...countsOf(tally) })),
    projects: red.concat(yellow),
    notes,
  };
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

type DateReasons = Map<string, { readonly reason: LightReason; readonly alone: readonly LightReason[] }>;

function lateReason(memo: DateReasons, rule: 'start' | 'completion', planned: LedgerDate, late: number): LightReason {
  const key = `${rule}${planned}`;
  let entry = memo.get(key);
  if (entry === undefined) {
    const reason: LightReason = Object.freeze({ rule, planned, late });
    entry = { reason, alone: Object.freeze([reason]) };
    memo.set(key, entry);
  }
  return entry.reason;
}

/** The reasons in rule order; the shared single-reason list for a lone late-date reason. */
function reasonList(memo: DateReasons, start: LightReason | null, progress: LightReason | null, completion: LightReason | null): readonly LightReason[] {
  const only = progress === null && (start === null) !== (completion === null) ? (start ?? completion) : null;
  if (only !== null && only.rule !== 'progress') {
    const entry = memo.get(`${only.rule}${only.planned}`);
    if (entry !== undefined) return entry.alone;
  }
  const list: LightReason[] = [];
  if (start !== null) list.push(start);
  if (progress !== null) list.push(progress);
  if (completion !== null) list.push(completion);
  return list;
}

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
