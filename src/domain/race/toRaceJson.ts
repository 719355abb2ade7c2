import type { Lang } from '../ledger/types';
import type { LightsResult } from './computeLights';
import { describeLightReason } from './computeLights';
import type { RaceResult } from './computeRace';

/** A district in the `rank` JSON (docs/summary.schema.json `race`). */
export interface RaceDistrictJson {
  readonly district: string;
  /** Rounded to 4 decimals (the sheet shows one). */
  readonly score: number;
  readonly rank: number;
  readonly rankChange: number | null;
  readonly projects: number;
  readonly signed: number;
  readonly started: number;
  readonly investedWan: number;
  /** Ratio, rounded to 6 decimals; `null` when the district has no 年度计划投资. */
  readonly rate: number | null;
}

/** The `ledger-stats rank --json` document, also `race` in the summary JSON. */
export interface RaceJson {
  readonly asOf: string;
  /**
   * Whether the ranks were compared with the ranks the period baseline recorded: then a district whose `rankChange`
   * is `null` is new to its group; without that comparison every `rankChange` is `null`.
   */
  readonly rankBaseline: boolean;
  readonly groups: readonly { readonly group: string; readonly districts: readonly RaceDistrictJson[] }[];
}

/** A project in the `warn` JSON. */
export interface FlaggedProjectJson {
  readonly row: number;
  readonly name: string;
  readonly district: string | null;
  readonly light: 'red' | 'yellow';
  readonly reasons: readonly string[];
}

/** The `ledger-stats warn --json` document, also `warnings` in the summary JSON. */
export interface WarningsJson {
  readonly asOf: string;
  readonly counts: { readonly red: number; readonly yellow: number; readonly green: number; readonly unknown: number };
  readonly projects: readonly FlaggedProjectJson[];
}

const round = (n: number, decimals: number): number => {
  const f = 10 ** decimals;
  const r = Math.round(n * f) / f;
  return r === 0 ? 0 : r;
};

/**
 * The JSON form of a 赛马 result: `{ asOf, groups: [{ group, districts: [{ district, score, rank, … }] }] }`.
 * @example toRaceJson(race).groups[0]?.districts[0] // → { district: '中山区', score: 87.5, rank: 1, … }
 */
export function toRaceJson(race: RaceResult): RaceJson {
  return {
    asOf: race.asOf,
    rankBaseline: race.hasRankBaseline,
    groups: race.groups.map((g) => ({
      group: g.group,
      districts: g.districts.map((d) => ({
        district: d.district,
        score: round(d.score, 4),
        rank: d.rank,
        rankChange: d.rankChange,
        projects: d.projects,
        signed: d.values.signed,
        started: d.values.started,
        investedWan: round(d.values.investedWan, 6),
        rate: d.values.rate === null ? null : round(d.values.rate, 6),
      })),
    })),
  };
}

/**
 * The JSON form of the lights: `{ asOf, counts: { red, yellow, green, unknown }, projects: [{ row, name, district,
 * light, reasons }] }`, red and yellow projects only, reasons in `lang`.
 */
export function toWarningsJson(lights: LightsResult, lang: Lang): WarningsJson {
  return {
    asOf: lights.asOf,
    counts: { ...lights.counts },
    projects: lights.projects.map((p) => ({ row: p.sheetRow, name: p.name, district: p.district, light: p.light, reasons: p.reasons.map((r) => describeLightReason(r)[lang]) })),
  };
}
