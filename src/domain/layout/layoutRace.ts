import { plainText } from '../brief/plainText';
import type { Lang } from '../ledger/types';
import type { RaceResult } from '../race/computeRace';
import { RACE_INDICATOR_LABELS, RACE_INDICATORS, type RaceIndicator } from '../race/raceRules';
import { fillTemplate } from './fillTemplate';
import { numberFormats } from './numberFormats';
import { sheetAmountUnit } from './sheetAmountUnit';
import { PlanBuilder } from './PlanBuilder';
import { PLAN_STYLES } from './planStyles';
import type { PlanCell, SheetPlan } from './types';

/** Options of `layoutRace`. */
export interface RaceLayoutOptions {
  readonly lang: Lang;
  /** Display unit of 完成投资: 亿元 or 万元. */
  readonly displayUnit: 'yi' | 'wan';
  /** Decimals shown for amounts. */
  readonly decimals: number;
}

/** The sheet's texts; `{…}` placeholders are filled by `fillTemplate`. */
const LABELS = {
  'zh-CN': {
    sheet: '赛马',
    title: '赛马排名（截至{asOf}）',
    weights: '权重：{weights}；得分 = Σ权重 × 指标值 ÷ 本组该指标最大值，满分{total}。',
    rules: '默认分组依参考资料推定；权重、分组和预警阈值可在名为“赛马规则”的工作表中修改，加载项只读取、不改写该表。',
    district: '地区',
    signed: '签约（个）',
    started: '开工（个）',
    invested: '完成投资（{unit}）',
    rate: '完成率',
    score: '得分',
    rank: '排名',
    change: '名次变化',
    changeLegend: '名次变化与本期基期的排名相比：↑上升、↓下降，“新”为基期未在本组排名，“—”为持平或基期未记录排名。',
    changeNew: '新',
    emptyGroup: '本组暂无地区。',
    outside: '市本级/跨区域项目{city}个、未分组地区项目{other}个，不参与排名。',
    unassigned: '未分组地区：{list}',
    noDistrict: '（未填地区）',
    chart: '{group}赛马得分',
    points: '分',
  },
  'en-US': {
    sheet: 'Race',
    title: '赛马 ranking (as of {asOf})',
    weights: 'Weights: {weights}; score = Σ weight × value ÷ the group’s largest value of the indicator, at most {total}.',
    rules: 'The default groups are inferred from the reference data; weights, groups and thresholds can be changed in a sheet named 赛马规则, which the add-in reads and never writes.',
    district: 'District',
    signed: 'Signed',
    started: 'Started',
    invested: 'Invested ({unit})',
    rate: 'Completion rate',
    score: 'Score',
    rank: 'Rank',
    change: 'Change',
    changeLegend: 'Change in rank since the period baseline: ↑ up, ↓ down; “new”: not ranked in this group in the baseline; “—”: unchanged, or the baseline recorded no ranks.',
    changeNew: 'new',
    emptyGroup: 'No districts in this group.',
    outside: '{city} city-level/cross-district and {other} ungrouped projects are not ranked.',
    unassigned: 'Districts in no group: {list}',
    noDistrict: '(no district)',
    chart: '{group}: scores',
    points: 'Points',
  },
} as const;

/** Columns: district, the four indicators, score, rank, change; a gap; charts. */
const COLUMN_WIDTHS = [16, 12, 12, 16, 12, 10, 8, 10] as const;
const CHART_COL = COLUMN_WIDTHS.length + 1;
const CHART_ROWS = 14;
const CHART_COLS = 8;

/**
 * The 赛马 / "Race" sheet plan (role `race`): the weights and the notes (dropped indicators, substitutes), then one
 * table per group — district, 签约, 开工, 完成投资 (display unit), 完成率, score (one decimal), rank, change in rank
 * since the period baseline (↑2, ↓1, 新, —) — and a bar chart of the scores per group to the right. Dropped indicators keep
 * their column, empty. Projects outside the ranking (市本级/跨区域, districts in no group) are counted below.
 */
export function layoutRace(race: RaceResult, options: RaceLayoutOptions): SheetPlan {
  const labels = LABELS[options.lang];
  const lang = options.lang;
  const amountUnit = sheetAmountUnit(lang, options.displayUnit, options.decimals);
  const formats = numberFormats(amountUnit.decimals);
  const unit = amountUnit.label;
  const sheet = new PlanBuilder();
  const title = sheet.text(fillTemplate(labels.title, { asOf: race.asOf }), PLAN_STYLES.title);
  sheet.merge({ ...title, cols: COLUMN_WIDTHS.length });
  const total = RACE_INDICATORS.reduce((sum, k) => sum + race.weights[k], 0);
  const weightText = RACE_INDICATORS.filter((k) => !race.dropped.includes(k))
    .map((k) => `${RACE_INDICATOR_LABELS[k][lang]} ${round1(race.weights[k])}`)
    .join(lang === 'zh-CN' ? '、' : ', ');
  sheet.text(fillTemplate(labels.weights, { weights: weightText, total: round1(total) }));
  sheet.text(labels.rules, PLAN_STYLES.note);
  sheet.text(labels.changeLegend, PLAN_STYLES.note);
  for (const note of race.notes) sheet.text(note[lang], PLAN_STYLES.note);
  sheet.keepTogether(0, sheet.row - 1);
  sheet.skip();

  const dropped = (k: RaceIndicator): boolean => race.dropped.includes(k);
  const header = [labels.district, labels.signed, labels.started, fillTemplate(labels.invested, { unit }), labels.rate, labels.score, labels.rank, labels.change];
  const numberFormat = [null, formats.count, formats.count, formats.amount, formats.share, '0.0', '0', null];
  race.groups.forEach((group, index) => {
    // Each group's table (title, header, districts) prints on one page; its chart stands level with it, right of
    // the tables, never across a page break (sideChart).
    const top = sheet.row;
    sheet.text(plainText(group.group), PLAN_STYLES.section);
    if (group.districts.length === 0) {
      sheet.text(labels.emptyGroup, PLAN_STYLES.note);
      sheet.keepTogether(top, sheet.row - 1);
      sheet.skip();
      return;
    }
    sheet.table([header], undefined, PLAN_STYLES.header);
    const rows = group.districts.map((d): PlanCell[] => [
      plainText(d.district),
      dropped('signed') ? null : d.values.signed,
      d.values.started,
      dropped('invested') ? null : zeroSafe(amountUnit.fromWan(d.values.investedWan)),
      dropped('rate') ? null : d.values.rate,
      d.score,
      d.rank,
      rankChangeText(d.rankChange, race.hasRankBaseline, lang),
    ]);
    const table = sheet.table(rows, numberFormat);
    sheet.sideChart({
      id: `race-group-${index + 1}`,
      type: 'barClustered',
      title: fillTemplate(labels.chart, { group: plainText(group.group) }),
      categories: { row: table.row, col: 0, rows: table.rows, cols: 1 },
      series: [{ name: labels.score, values: { row: table.row, col: 5, rows: table.rows, cols: 1 } }],
      valueAxisTitle: labels.points,
      showDataLabels: true,
      position: { row: top, col: CHART_COL, rows: CHART_ROWS, cols: CHART_COLS },
      reverseCategories: true,
    });
    sheet.keepTogether(top, sheet.row - 1);
    sheet.skip();
  });
  const other = race.outside.unassigned.reduce((n, u) => n + u.projects, 0);
  sheet.text(fillTemplate(labels.outside, { city: race.outside.cityLevel, other }), PLAN_STYLES.note);
  if (race.outside.unassigned.length > 0) {
    const list = race.outside.unassigned.map((u) => `${u.district === null ? labels.noDistrict : plainText(u.district)} ${u.projects}`).join(lang === 'zh-CN' ? '、' : ', ');
    sheet.text(fillTemplate(labels.unassigned, { list }), PLAN_STYLES.note);
  }
  // Printed like the other owned sheets: landscape A4, one page wide with the charts, the title row on every page.
  return sheet.plan('race', labels.sheet, [...COLUMN_WIDTHS], undefined, {
    texts: { lang, title: fillTemplate(labels.title, { asOf: race.asOf }) },
    printColumns: CHART_COL + CHART_COLS,
    titleRows: { first: 0, last: 0 },
  });
}

/**
 * The change in rank as the 赛马 sheet (and `ledger-stats rank`) shows it: ↑2, ↓1, 新/new (not in the baseline's
 * ranking of the group), — (unchanged or no baseline ranks). `hasBaseline` is `RaceResult.hasRankBaseline`.
 */
export function rankChangeText(change: number | null, hasBaseline: boolean, lang: Lang): string {
  if (change === null) return hasBaseline ? LABELS[lang].changeNew : '—';
  return change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '—';
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function zeroSafe(n: number): number {
  return n === 0 ? 0 : n;
}
