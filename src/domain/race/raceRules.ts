import type { Bilingual } from '../ledger/types';
import { REGIONS } from '../reference/regionData';

/** The four 赛马 indicators, in the order of the sheet and the JSON (issue 17). */
export const RACE_INDICATORS = ['signed', 'started', 'invested', 'rate'] as const;
/**
 * A 赛马 indicator: `signed` projects signed in the as-of year up to the data date; `started` projects started in
 * that year; `invested` Σ本年完成投资 (万元); `rate` Σ本年完成投资 / Σ年度计划投资.
 */
export type RaceIndicator = (typeof RACE_INDICATORS)[number];

/** Labels of the indicators. */
export const RACE_INDICATOR_LABELS: Readonly<Record<RaceIndicator, Bilingual>> = {
  signed: { 'zh-CN': '签约', 'en-US': 'Signed' },
  started: { 'zh-CN': '开工', 'en-US': 'Started' },
  invested: { 'zh-CN': '完成投资', 'en-US': 'Invested' },
  rate: { 'zh-CN': '完成率', 'en-US': 'Completion rate' },
};

/** One 赛马 group: its name and its districts (canonical names or aliases the region table knows). */
export interface RaceGroupRule {
  readonly name: string;
  readonly districts: readonly string[];
}

/**
 * Thresholds of the 红黄绿灯 rules. Months are calendar months late; gaps are percentage points below 序时进度.
 * Red when late ≥ `…RedMonths`, yellow when late ≥ `…YellowMonths`; progress red when gap > `progressRedGap`,
 * yellow when `progressYellowGap` ≤ gap ≤ `progressRedGap`.
 */
export interface LightThresholds {
  readonly startRedMonths: number;
  readonly startYellowMonths: number;
  readonly progressRedGap: number;
  readonly progressYellowGap: number;
  readonly completionRedMonths: number;
  readonly completionYellowMonths: number;
}

/** Everything the user may edit (the 赛马规则 sheet or `--rules FILE.json`): weights, groups and thresholds. */
export interface RaceRules {
  readonly weights: Readonly<Record<RaceIndicator, number>>;
  readonly groups: readonly RaceGroupRule[];
  readonly lights: LightThresholds;
}

/** Default groups: the reference table's grouping, marked there as inferred (DOMAIN.md §2), so the user may correct it. */
function defaultGroups(): RaceGroupRule[] {
  const groups: { name: string; districts: string[] }[] = [];
  for (const region of REGIONS) {
    if (!region.isRegion || region.group === null) continue;
    let group = groups.find((g) => g.name === region.group);
    if (group === undefined) {
      group = { name: region.group, districts: [] };
      groups.push(group);
    }
    group.districts.push(region.name);
  }
  return groups;
}

/** The defaults of issue 17: weights 签约 20, 开工 30, 完成投资 30, 完成率 20; late 3 / 1–2 months; gap 30 / 10 points. */
export const DEFAULT_RACE_RULES: RaceRules = {
  weights: { signed: 20, started: 30, invested: 30, rate: 20 },
  groups: defaultGroups(),
  lights: { startRedMonths: 3, startYellowMonths: 1, progressRedGap: 30, progressYellowGap: 10, completionRedMonths: 3, completionYellowMonths: 1 },
};

/** The outcome of `parseRaceRules`: the rules (defaults where the input is silent) or what is wrong with it. */
export type RaceRulesParse = { readonly ok: true; readonly rules: RaceRules } | { readonly ok: false; readonly problems: readonly string[] };

const LIGHT_KEYS = Object.keys(DEFAULT_RACE_RULES.lights) as (keyof LightThresholds)[];

/**
 * Read user rules (a parsed JSON object, or the 赛马规则 sheet turned into one) over the defaults: `weights`
 * (any of the four indicators, numbers ≥ 0), `groups` (`[{ "name": "主城区", "districts": ["中山区", …] }]`,
 * replacing the default groups when given) and `lights` (any threshold, a number ≥ 0). Unknown keys and bad
 * values are listed in `problems` (English, naming the key); nothing is thrown.
 * @example parseRaceRules({ weights: { signed: 25 } }) // → { ok: true, rules: { weights: { signed: 25, started: 30, … }, … } }
 */
export function parseRaceRules(value: unknown): RaceRulesParse {
  const problems: string[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problems: ['rules must be a JSON object'] };
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) if (key !== 'weights' && key !== 'groups' && key !== 'lights') problems.push(`unknown key "${key}"`);
  const weights = { ...DEFAULT_RACE_RULES.weights };
  const lights = { ...DEFAULT_RACE_RULES.lights };
  readNumbers(input.weights, 'weights', RACE_INDICATORS, weights, problems);
  readNumbers(input.lights, 'lights', LIGHT_KEYS, lights, problems);
  let groups: RaceGroupRule[] = [...DEFAULT_RACE_RULES.groups];
  if (input.groups !== undefined) {
    if (!Array.isArray(input.groups)) problems.push('groups must be an array');
    else groups = readGroups(input.groups, problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules: { weights, groups, lights } };
}

function readNumbers<K extends string>(value: unknown, name: string, keys: readonly K[], into: Record<K, number>, problems: string[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${name} must be an object`);
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(keys as readonly string[]).includes(key)) problems.push(`unknown key "${name}.${key}" (known: ${keys.join(', ')})`);
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${name}.${key} must be a number ≥ 0`);
    else into[key as K] = v;
  }
}

function readGroups(list: readonly unknown[], problems: string[]): RaceGroupRule[] {
  const groups: RaceGroupRule[] = [];
  list.forEach((g, i) => {
    const rec = g !== null && typeof g === 'object' && !Array.isArray(g) ? (g as Record<string, unknown>) : null;
    const name = rec?.name;
    const districts = rec?.districts;
    if (typeof name !== 'string' || name.trim() === '') problems.push(`groups[${i}].name must be a text`);
    else if (!Array.isArray(districts) || !districts.every((d) => typeof d === 'string')) problems.push(`groups[${i}].districts must be a list of texts`);
    else groups.push({ name: name.trim(), districts: (districts as string[]).map((d) => d.trim()).filter((d) => d !== '') });
  });
  return groups;
}
