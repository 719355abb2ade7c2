import { cellText } from '../ledger/cellText';
import { normalizeText } from '../ledger/normalizeText';
import type { CellValue, Grid } from '../ledger/types';
import type { LightThresholds, RaceIndicator, RaceRules, RaceRulesParse } from './raceRules';
import { parseRaceRules, RACE_INDICATOR_LABELS, RACE_INDICATORS } from './raceRules';

/** Name of the user's rules sheet: the add-in reads it and never writes over it. */
export const RULES_SHEET_NAME = '赛马规则';

const SECTION = { weights: '权重', groups: '分组', lights: '预警阈值' } as const;
const HEADERS = new Set(['指标', '组别', '阈值']);

/** Row labels of the thresholds, as the sheet shows them. */
const LIGHT_LABELS: Readonly<Record<keyof LightThresholds, string>> = {
  startRedMonths: '开工滞后红灯（月）',
  startYellowMonths: '开工滞后黄灯（月）',
  progressRedGap: '投资进度红灯（百分点）',
  progressYellowGap: '投资进度黄灯（百分点）',
  completionRedMonths: '竣工滞后红灯（月）',
  completionYellowMonths: '竣工滞后黄灯（月）',
};

/**
 * The 赛马规则 sheet's cells for `rules` (the content written when the sheet is created): a note that the sheet
 * belongs to the user, then the sections 权重 (指标 | 权重), 分组 (组别 | 地区, one district per row) and 预警阈值
 * (阈值 | 值). `parseRulesSheet` reads it back.
 */
export function rulesSheetGrid(rules: RaceRules): CellValue[][] {
  const grid: CellValue[][] = [
    [RULES_SHEET_NAME, null],
    ['本表归用户所有：加载项和命令行只读取、从不改写。可修改权重、分组（地区可写别名）和预警阈值。', null],
    [null, null],
    [SECTION.weights, null],
    ['指标', '权重'],
    ...RACE_INDICATORS.map((k): CellValue[] => [RACE_INDICATOR_LABELS[k]['zh-CN'], rules.weights[k]]),
    [null, null],
    [SECTION.groups, null],
    ['组别', '地区'],
    ...rules.groups.flatMap((g) => g.districts.map((d): CellValue[] => [g.name, d])),
    [null, null],
    [SECTION.lights, null],
    ['阈值', '值'],
    ...(Object.keys(LIGHT_LABELS) as (keyof LightThresholds)[]).map((k): CellValue[] => [LIGHT_LABELS[k], rules.lights[k]]),
  ];
  return grid;
}

/** The 赛马规则 sheet as it is created: cells, bold rows and column widths (a `UserSheetPlan` of the workbook port). */
export interface RulesSheetLayout {
  readonly name: string;
  readonly cells: readonly (readonly (string | number | null)[])[];
  /** Column widths in characters: labels up to 11 CJK characters, then the values. */
  readonly columnWidths: readonly number[];
  /** 0-based rows in bold: the title, the section titles and the column headers. */
  readonly boldRows: readonly number[];
}

/**
 * The 赛马规则 sheet to create for `rules` (the defaults on a workbook's first refresh): `rulesSheetGrid`'s cells
 * with the title, section titles and headers in bold.
 */
export function layoutRulesSheet(rules: RaceRules): RulesSheetLayout {
  const cells = rulesSheetGrid(rules).map((row) => row.map((value) => (typeof value === 'string' || typeof value === 'number' ? value : null)));
  const headings = new Set<string>([RULES_SHEET_NAME, ...Object.values(SECTION), ...HEADERS]);
  const boldRows: number[] = [];
  cells.forEach((row, rowIndex) => {
    if (typeof row[0] === 'string' && headings.has(row[0])) boldRows.push(rowIndex);
  });
  return { name: RULES_SHEET_NAME, cells, columnWidths: [26, 12], boldRows };
}

const textOf = (value: CellValue): string => normalizeText(cellText(value)).replace(/\s+/g, '');

/** A number cell, or a number typed as text ("20"); anything else as it is (`parseRaceRules` reports it). */
function numberOf(value: CellValue): unknown {
  if (typeof value !== 'string') return value;
  const text = normalizeText(value).trim();
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : value;
}

/**
 * Read the 赛马规则 sheet (as `rulesSheetGrid` lays it out, edited by the user) into rules, over the defaults:
 * indicator rows by their Chinese or English label or key, group rows as 组别 | 地区 (a blank 组别 continues the
 * group above; a group may be listed without districts), threshold rows by label or key. A section left out, or
 * without rows, keeps its defaults. Problems (a value that is not a number ≥ 0, an unknown row) are listed, naming
 * the sheet row; nothing is thrown.
 */
export function parseRulesSheet(grid: Grid): RaceRulesParse {
  const problems: string[] = [];
  const weights: Partial<Record<RaceIndicator, unknown>> = {};
  const lights: Partial<Record<keyof LightThresholds, unknown>> = {};
  const groups: { name: string; districts: string[] }[] = [];
  let section: keyof typeof SECTION | null = null;
  grid.forEach((row, rowIndex) => {
    const first = textOf(row[0]);
    const second = row[1];
    const sheetRow = rowIndex + 1;
    const entry = (Object.keys(SECTION) as (keyof typeof SECTION)[]).find((k) => SECTION[k] === first && textOf(second) === '');
    if (entry !== undefined) {
      section = entry;
      return;
    }
    if (section === null || HEADERS.has(first) || (first === '' && textOf(second) === '')) return;
    if (section === 'weights') {
      const key = RACE_INDICATORS.find((k) => k === first || textOf(RACE_INDICATOR_LABELS[k]['zh-CN']) === first || textOf(RACE_INDICATOR_LABELS[k]['en-US']) === first);
      if (key === undefined) problems.push(`row ${sheetRow}: unknown indicator "${first}"`);
      else weights[key] = numberOf(second);
    } else if (section === 'lights') {
      const key = (Object.keys(LIGHT_LABELS) as (keyof LightThresholds)[]).find((k) => k === first || textOf(LIGHT_LABELS[k]) === first);
      if (key === undefined) problems.push(`row ${sheetRow}: unknown threshold "${first}"`);
      else lights[key] = numberOf(second);
    } else {
      const name = first === '' ? groups[groups.length - 1]?.name : normalizeText(cellText(row[0])).trim();
      if (name === undefined) {
        problems.push(`row ${sheetRow}: a district without a group`);
        return;
      }
      let group = groups.find((g) => g.name === name);
      if (group === undefined) {
        group = { name, districts: [] };
        groups.push(group);
      }
      const district = normalizeText(cellText(second)).trim();
      if (district !== '') group.districts.push(district);
    }
  });
  const parsed = parseRaceRules({ weights, lights, ...(groups.length === 0 ? {} : { groups }) });
  if (!parsed.ok) problems.push(...parsed.problems);
  return problems.length > 0 ? { ok: false, problems } : parsed;
}
