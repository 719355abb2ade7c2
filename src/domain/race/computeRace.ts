import type { Bilingual, ColumnMapping, ProjectRow } from '../ledger/types';
import { lookupRegion } from '../reference/lookupRegion';
import type { AsOfDate } from './asOfDate';
import { isInYearToDate, parseAsOf } from './asOfDate';
import { districtOf } from './computeLights';
import type { RaceIndicator, RaceRules } from './raceRules';
import { DEFAULT_RACE_RULES, RACE_INDICATOR_LABELS, RACE_INDICATORS } from './raceRules';

/** Scores closer than this share a rank (issue 17). */
export const RANK_TIE_TOLERANCE = 1e-9;

/** A district's indicator values. `rate` is a ratio (0.32 = 32%), `null` when Σ年度计划投资 is 0. */
export interface RaceValues {
  readonly signed: number;
  readonly started: number;
  readonly investedWan: number;
  readonly rate: number | null;
}

/** One district's line in its group's table. */
export interface RaceDistrict {
  readonly district: string;
  readonly group: string;
  /** Counted projects of the district. */
  readonly projects: number;
  readonly values: RaceValues;
  /** 0 … Σweights, unrounded. */
  readonly score: number;
  /** 1 = best; tied scores share a rank (1, 1, 3). */
  readonly rank: number;
  /**
   * Places gained since the baseline (positive = up), `null` without a baseline rank for the district in this group
   * (see `RaceResult.hasRankBaseline` for whether it is new or there was nothing to compare with).
   */
  readonly rankChange: number | null;
}

/** One group's table, best rank first (ties by district order of the rules). */
export interface RaceGroup {
  readonly group: string;
  readonly districts: readonly RaceDistrict[];
}

/** Projects outside the ranking: 市本级/跨区域 rows, and districts in no group (or blank, `district: null`). */
export interface RaceOutside {
  readonly cityLevel: number;
  readonly unassigned: readonly { readonly district: string | null; readonly projects: number }[];
}

/** The outcome of `computeRace`. */
export interface RaceResult {
  readonly asOf: AsOfDate;
  readonly groups: readonly RaceGroup[];
  /** The weights used: a dropped indicator's weight shared among the others in proportion; 0 for a dropped one. */
  readonly weights: Readonly<Record<RaceIndicator, number>>;
  /** Indicators left out because their column is missing. */
  readonly dropped: readonly RaceIndicator[];
  /** What the sheet says about dropped indicators and substitutes. */
  readonly notes: readonly Bilingual[];
  readonly outside: RaceOutside;
  /** Whether the ranks were compared with a baseline's: then a district without `rankChange` is new to its group. */
  readonly hasRankBaseline: boolean;
}

/**
 * A previous period's ranks (from its 赛马 result, `raceRanks`), for the change in rank. A district given with a
 * group is compared only within that group; without one, in whichever group it is ranked now.
 */
export type RaceBaseline = readonly { readonly district: string; readonly group?: string; readonly rank: number }[];

/** Input of `computeRace`: the read rows and the ledger's column mapping. */
export interface RaceInput {
  readonly rows: readonly ProjectRow[];
  readonly columns: ColumnMapping;
}

/** Where the rows of one district text are counted: a district's tally, or outside the ranking. */
interface Slot {
  readonly tally: Tally | null;
  readonly isCityLevel: boolean;
  readonly district: string | null;
}

interface Tally {
  projects: number;
  signed: number;
  started: number;
  investedWan: number;
  planWan: number;
}

const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });

/**
 * The 赛马 ranking as of `asOf` (issue 17). Per district of the rules' groups: 签约 (签约时间 in the as-of year up
 * to the data date), 开工 (实际开工时间 in that year up to the data date; without that column, stage 在建 or 竣工),
 * 完成投资 (Σ本年完成投资, 万元), 完成率 (Σ本年完成投资 / Σ年度计划投资). score = Σ weight × value / group maximum
 * (0 where the maximum is 0); an indicator whose column is missing is dropped and its weight shared among the
 * others in proportion (noted). Rank within the group, descending, scores within `RANK_TIE_TOLERANCE` sharing a rank.
 * 市本级/跨区域 rows and districts in no group are counted apart in `outside`. With a `baseline`, each district's
 * change in rank since it (`withRankChanges`).
 * @throws RangeError when `asOf` is not a `YYYY-MM-DD` date (a caller bug).
 */
export function computeRace(input: RaceInput, asOf: AsOfDate, rules: RaceRules = DEFAULT_RACE_RULES, baseline?: RaceBaseline): RaceResult {
  const parts = parseAsOf(asOf);
  if (parts === null) throw new RangeError(`computeRace: asOf must be YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const cols = input.columns;
  const present: Readonly<Record<RaceIndicator, boolean>> = {
    signed: cols.signDate !== undefined,
    started: true,
    invested: cols.yearInvested !== undefined,
    rate: cols.yearInvested !== undefined && cols.annualPlanInvestment !== undefined,
  };
  const dropped = RACE_INDICATORS.filter((k) => !present[k]);
  const weights = shareWeights(rules.weights, dropped);
  const notes: Bilingual[] = [];
  const needs: Readonly<Record<RaceIndicator, string>> = { signed: '签约时间', started: '实际开工时间', invested: '本年完成投资', rate: '年度计划投资、本年完成投资' };
  for (const k of dropped) {
    const label = RACE_INDICATOR_LABELS[k];
    notes.push(
      both(
        `未找到“${needs[k]}”列，“${label['zh-CN']}”指标未计分，其权重${rules.weights[k]}按比例分给其他指标`,
        `No ${needs[k]} column: ${label['en-US']} is not scored; its weight ${rules.weights[k]} is shared among the other indicators in proportion`,
      ),
    );
  }
  const hasActualStart = cols.actualStartDate !== undefined;
  if (!hasActualStart) notes.push(both('未找到“实际开工时间”列，“开工”按阶段为在建或竣工的项目计', 'No 实际开工时间 (actual start) column: Started counts projects under construction or completed'));

  // District → group, by canonical name (the rules may name a district by an alias).
  const groupOf = new Map<string, string>();
  for (const g of rules.groups) for (const d of g.districts) if (!groupOf.has(districtOf(d) ?? d)) groupOf.set(districtOf(d) ?? d, g.name);
  const tallies = new Map<string, Tally>();
  let cityLevel = 0;
  const unassigned = new Map<string | null, number>();
  // Performance: where a district text goes (a tally, 市本级, or ungrouped), resolved once per text as written.
  const slots = new Map<string | null, Slot>();
  const slotOf = (text: string | null): Slot => {
    const district = districtOf(text);
    if (district === null || !groupOf.has(district)) return { tally: null, isCityLevel: district !== null && lookupRegion(district)?.isRegion === false, district };
    let tally = tallies.get(district);
    if (tally === undefined) {
      tally = { projects: 0, signed: 0, started: 0, investedWan: 0, planWan: 0 };
      tallies.set(district, tally);
    }
    return { tally, isCityLevel: false, district };
  };
  for (const row of input.rows) {
    let slot = slots.get(row.district);
    if (slot === undefined) {
      slot = slotOf(row.district);
      slots.set(row.district, slot);
    }
    const t = slot.tally;
    if (t === null) {
      if (slot.isCityLevel) cityLevel++;
      else unassigned.set(slot.district, (unassigned.get(slot.district) ?? 0) + 1);
      continue;
    }
    t.projects++;
    const p = row.progress;
    if (p !== undefined && p.signDate !== null && isInYearToDate(p.signDate, parts)) t.signed++;
    if (hasActualStart ? p !== undefined && p.actualStartDate !== null && isInYearToDate(p.actualStartDate, parts) : row.stage === 'construction' || row.stage === 'completed') t.started++;
    if (p !== undefined) {
      t.investedWan += p.yearInvestedWan ?? 0;
      t.planWan += p.annualPlanWan ?? 0;
    }
  }

  const seen = new Set<string>();
  const groups = rules.groups.map((g): RaceGroup => {
    const names: string[] = [];
    for (const d of g.districts) {
      const name = districtOf(d) ?? d;
      if (seen.has(name)) continue;
      seen.add(name);
      names.push(name);
    }
    return { group: g.name, districts: rankGroup(g.name, names, tallies, weights, sumOf(rules.weights)) };
  });
  const race: RaceResult = {
    asOf,
    groups,
    weights,
    dropped,
    notes,
    outside: { cityLevel, unassigned: [...unassigned].map(([district, projects]) => ({ district, projects })) },
    hasRankBaseline: false,
  };
  return baseline === undefined ? race : withRankChanges(race, baseline);
}

/**
 * The ranks of a 赛马 result, to record with the period baseline (`SnapshotRank`s of the diff snapshot).
 * @example raceRanks(race) // → [{ district: '中山区', group: '主城区', rank: 1 }, …]
 */
export function raceRanks(race: RaceResult): { district: string; group: string; rank: number }[] {
  const ranks: { district: string; group: string; rank: number }[] = [];
  for (const g of race.groups) for (const d of g.districts) ranks.push({ district: d.district, group: g.group, rank: d.rank });
  return ranks;
}

/**
 * `race` with each district's change in rank since `baseline` (places gained, positive = up): `null` for a district
 * the baseline did not rank in the same group. Without a baseline (`null`), every change is `null` and
 * `hasRankBaseline` false.
 */
export function withRankChanges(race: RaceResult, baseline: RaceBaseline | null): RaceResult {
  if (baseline === null) return { ...race, hasRankBaseline: false, groups: race.groups.map((g) => ({ ...g, districts: g.districts.map((d) => ({ ...d, rankChange: null })) })) };
  const before = new Map<string, { group: string | undefined; rank: number }>();
  for (const b of baseline) before.set(districtOf(b.district) ?? b.district, { group: b.group, rank: b.rank });
  const groups = race.groups.map((g) => ({
    ...g,
    districts: g.districts.map((d): RaceDistrict => {
      const b = before.get(d.district);
      const isSameGroup = b !== undefined && (b.group === undefined || b.group === g.group);
      return { ...d, rankChange: isSameGroup ? b.rank - d.rank : null };
    }),
  }));
  return { ...race, groups, hasRankBaseline: true };
}

function sumOf(weights: Readonly<Record<RaceIndicator, number>>): number {
  let total = 0;
  for (const k of RACE_INDICATORS) total += weights[k];
  return total;
}

/** Weights with the dropped ones' weight shared among the kept ones in proportion to their own weight. */
function shareWeights(weights: Readonly<Record<RaceIndicator, number>>, dropped: readonly RaceIndicator[]): Record<RaceIndicator, number> {
  let total = 0;
  let kept = 0;
  for (const k of RACE_INDICATORS) {
    total += weights[k];
    if (!dropped.includes(k)) kept += weights[k];
  }
  const out = { signed: 0, started: 0, invested: 0, rate: 0 };
  for (const k of RACE_INDICATORS) if (!dropped.includes(k)) out[k] = kept > 0 ? weights[k] * (total / kept) : 0;
  return out;
}

function rankGroup(
  group: string,
  names: readonly string[],
  tallies: ReadonlyMap<string, Tally>,
  weights: Readonly<Record<RaceIndicator, number>>,
  total: number,
): RaceDistrict[] {
  const values = names.map((name): RaceValues => {
    const t = tallies.get(name);
    if (t === undefined) return { signed: 0, started: 0, investedWan: 0, rate: null };
    return { signed: t.signed, started: t.started, investedWan: t.investedWan, rate: t.planWan > 0 ? t.investedWan / t.planWan : null };
  });
  const scoreOf = (v: RaceValues): Record<RaceIndicator, number> => ({ signed: v.signed, started: v.started, invested: v.investedWan, rate: v.rate ?? 0 });
  const max = { signed: 0, started: 0, invested: 0, rate: 0 };
  for (const v of values) {
    const s = scoreOf(v);
    for (const k of RACE_INDICATORS) if (s[k] > max[k]) max[k] = s[k];
  }
  const scores = values.map((v) => {
    const s = scoreOf(v);
    let score = 0;
    for (const k of RACE_INDICATORS) if (max[k] > 0 && weights[k] > 0) score += (weights[k] * s[k]) / max[k];
    // The shared weights, rounded, may add up to a few ulps above Σweights (0.4 × (113.3 / 0.4) is 113.30000000000001).
    return Math.min(score, total);
  });
  const lines = names.map((district, i): RaceDistrict => {
    const score = scores[i] ?? 0;
    let rank = 1;
    for (const other of scores) if (other - score >= RANK_TIE_TOLERANCE) rank++;
    return { district, group, projects: tallies.get(district)?.projects ?? 0, values: values[i] ?? { signed: 0, started: 0, investedWan: 0, rate: null }, score, rank, rankChange: null };
  });
  return lines.map((line, i) => ({ line, i })).sort((a, b) => a.line.rank - b.line.rank || a.i - b.i).map((x) => x.line);
}
