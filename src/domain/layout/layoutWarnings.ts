import { plainText } from '../brief/plainText';
import type { Lang } from '../ledger/types';
import type { LightsResult } from '../race/computeLights';
import { describeLightReason } from '../race/computeLights';
import { fillTemplate } from './fillTemplate';
import { numberFormats } from './numberFormats';
import { PlanBuilder } from './PlanBuilder';
import { PLAN_STYLES } from './planStyles';
import type { PlanCell, PlanStyle, SheetPlan } from './types';

/** Options of `layoutWarnings`. */
export interface WarningsLayoutOptions {
  readonly lang: Lang;
  /** The ledger sheet the projects' links point into. */
  readonly sourceSheet: string;
  /**
   * Letter of the ledger's mapped name column (`ColumnMapping.name`), so a project's link selects its name cell as
   * the pane's card does; column A when absent.
   */
  readonly nameColumn?: string;
}

/** The sheet's texts; `{…}` placeholders are filled by `fillTemplate`. */
const LABELS = {
  'zh-CN': {
    sheet: '预警',
    title: '红黄绿灯预警（截至{asOf}）',
    counts: '红灯{red}个，黄灯{yellow}个，绿灯{green}个，未判定{unknown}个。',
    rules: '规则：开工、竣工滞后3个月及以上为红灯、1–2个月为黄灯；本年完成投资完成率低于序时进度30个百分点以上为红灯、10–30个百分点为黄灯；取最差者。',
    byDistrict: '各地区预警情况',
    district: '地区',
    red: '红灯',
    yellow: '黄灯',
    green: '绿灯',
    unknown: '未判定',
    total: '合计',
    list: '红灯、黄灯项目（{n}个）',
    none: '没有红灯或黄灯项目。',
    light: '预警',
    project: '项目名称',
    soe: '合作央企',
    reasons: '原因',
    link: '台账行',
    noDistrict: '（未填地区）',
    separator: '；',
  },
  'en-US': {
    sheet: 'Warnings',
    title: 'Red / yellow / green warnings (as of {asOf})',
    counts: '{red} red, {yellow} yellow, {green} green, {unknown} not judged.',
    rules: 'Rules: start or completion 3+ months late is red, 1–2 months yellow; investment this year more than 30 points behind the time-elapsed target is red, 10–30 points yellow; the worst applies.',
    byDistrict: 'By district',
    district: 'District',
    red: 'Red',
    yellow: 'Yellow',
    green: 'Green',
    unknown: 'Not judged',
    total: 'Total',
    list: 'Red and yellow projects ({n})',
    none: 'No red or yellow projects.',
    light: 'Light',
    project: 'Project',
    soe: 'SOEs',
    reasons: 'Reasons',
    link: 'Ledger row',
    noDistrict: '(no district)',
    separator: '; ',
  },
} as const;

/** Excel's own good / neutral / bad cell colours, for the lights. */
export const LIGHT_STYLES: Readonly<Record<'red' | 'yellow' | 'green', PlanStyle>> = {
  red: { fill: '#FFC7CE', fontColor: '#9C0006', bold: true },
  yellow: { fill: '#FFEB9C', fontColor: '#9C5700', bold: true },
  green: { fill: '#C6EFCE', fontColor: '#006100', bold: true },
};

/** Columns: light, district, project, SOEs, reasons, link (the counts table uses the first six). */
const COLUMN_WIDTHS = [10, 16, 36, 24, 64, 10] as const;

/**
 * The 预警 / "Warnings" sheet plan (role `warnings`): the counts, the rules in words and the notes (rules not
 * applied and why), then red, yellow, green and 未判定 per district (most red first), then every red and yellow
 * project — light, district, project, SOEs, reasons, a link to its name cell in the ledger (`nameColumn`, else column
 * A) — red ones first. Light
 * cells are coloured with the light. Ledger text is written as plain literal strings.
 */
export function layoutWarnings(lights: LightsResult, options: WarningsLayoutOptions): SheetPlan {
  const labels = LABELS[options.lang];
  const lang = options.lang;
  const count = numberFormats(0).count;
  const sheet = new PlanBuilder();
  const title = sheet.text(fillTemplate(labels.title, { asOf: lights.asOf }), PLAN_STYLES.title);
  sheet.merge({ ...title, cols: COLUMN_WIDTHS.length });
  sheet.text(fillTemplate(labels.counts, { ...lights.counts }), { bold: true });
  sheet.text(labels.rules, PLAN_STYLES.note);
  for (const note of lights.notes) sheet.text(note.message[lang], PLAN_STYLES.note);
  sheet.keepTogether(0, sheet.row - 1);
  sheet.skip();

  // Printed like the other owned sheets: landscape A4, one page wide, page breaks only between tables.
  const print = { texts: { lang, title: fillTemplate(labels.title, { asOf: lights.asOf }) }, printColumns: COLUMN_WIDTHS.length };
  const districtTop = sheet.row;
  sheet.text(labels.byDistrict, PLAN_STYLES.section);
  const head = sheet.table([[labels.district, labels.red, labels.yellow, labels.green, labels.unknown, labels.total]], undefined, PLAN_STYLES.header);
  sheet.format({ ...head, col: 1, cols: 1 }, LIGHT_STYLES.red);
  sheet.format({ ...head, col: 2, cols: 1 }, LIGHT_STYLES.yellow);
  sheet.format({ ...head, col: 3, cols: 1 }, LIGHT_STYLES.green);
  const districts = [...lights.byDistrict].sort((a, b) => b.red - a.red || b.yellow - a.yellow);
  const c = lights.counts;
  sheet.table(
    districts.map((d): PlanCell[] => [d.district === null ? labels.noDistrict : plainText(d.district), d.red, d.yellow, d.green, d.unknown, d.red + d.yellow + d.green + d.unknown]),
    [null, count, count, count, count, count],
  );
  sheet.table([[labels.total, c.red, c.yellow, c.green, c.unknown, c.red + c.yellow + c.green + c.unknown]], [null, count, count, count, count, count], PLAN_STYLES.total);
  sheet.keepTogether(districtTop, sheet.row - 1);
  sheet.skip();

  const listTop = sheet.row;
  sheet.text(fillTemplate(labels.list, { n: lights.projects.length }), PLAN_STYLES.section);
  if (lights.projects.length === 0) {
    sheet.text(labels.none, PLAN_STYLES.ok);
    sheet.keepTogether(listTop, sheet.row - 1);
    return sheet.plan('warnings', labels.sheet, [...COLUMN_WIDTHS], undefined, print);
  }
  const headerRow = sheet.row;
  sheet.table([[labels.light, labels.district, labels.project, labels.soe, labels.reasons, labels.link]], undefined, PLAN_STYLES.header);
  // The list's title and header never end a page on their own (with the first project); the list itself is one long
  // table that the spreadsheet program breaks by page, its header row repeated on every page.
  sheet.keepTogether(listTop, headerRow + 1);
  const nameColumn = options.nameColumn ?? 'A';
  const rows = lights.projects.map((p): PlanCell[] => [
    labels[p.light],
    p.district === null ? null : plainText(p.district),
    plainText(p.name),
    p.soes.map((s) => plainText(s.shortName)).join('、'),
    p.reasons.map((r) => describeLightReason(r)[lang]).join(labels.separator),
    { link: { sheet: options.sourceSheet, address: `${nameColumn}${p.sheetRow}` }, text: `${nameColumn}${p.sheetRow}` },
  ]);
  const list = sheet.table(rows);
  // Red projects come first, then yellow: two ranges of the light column, whatever the number of projects.
  const reds = lights.projects.filter((p) => p.light === 'red').length;
  sheet.format({ row: list.row, col: 0, rows: reds, cols: 1 }, LIGHT_STYLES.red);
  sheet.format({ row: list.row + reds, col: 0, rows: list.rows - reds, cols: 1 }, LIGHT_STYLES.yellow);
  return sheet.plan('warnings', labels.sheet, [...COLUMN_WIDTHS], { rows: headerRow + 1, cols: 0 }, { ...print, titleRows: { first: headerRow, last: headerRow } });
}
