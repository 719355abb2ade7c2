import { formatDataDate } from '../ledger/findDataDate';
import { termLabelEn } from '../reference/termLabels';
import { rowsWhere } from '../ledger/projectRowStore';
import type { Lang, ProjectRow } from '../ledger/types';
import { summarizeRows } from '../summarize/summarizeRows';
import type { BreakdownLine, Figures, Summary } from '../summarize/types';
import { formatBriefAmount, type AmountKind, type BriefStyle, type BriefUnit } from './formatBriefAmount';
import type { LightsResult } from '../race/computeLights';
import { lightsSentence } from './lightsSentence';
import { plainText } from './plainText';

/** Options of `draftBrief`. */
export interface BriefOptions {
  readonly lang: Lang;
  /** `exact` (default): amounts at the display decimals. `rounded`: 近 / 约 the way bulletins write (see `formatBriefAmount`). */
  readonly style?: BriefStyle;
  /** Display unit of amounts (default `yi`, 亿元), as in the workbook settings. */
  readonly displayUnit?: BriefUnit;
  /** Decimals of amounts (default 1), as in the workbook settings; clamped to 0–6. */
  readonly decimals?: number;
  /**
   * The summary's counted rows (`read.rows`). With them, each category sentence also names the
   * sectors its projects cover and counts its projects of 10 亿元 or more (from a sub-summary of
   * the category's rows, `summarizeRows`); without them, those two clauses are left out.
   */
  readonly rows?: readonly ProjectRow[];
  /**
   * The data date (`YYYY-MM-DD`, as on the summary sheet): the paragraph opens with it ("截至2025年9月30日，共有…",
   * "As of 30 Sep 2025, the ledger lists…") instead of 目前. Absent or `null`: 目前 / no date.
   */
  readonly dataDate?: string | null;
  /**
   * The 红黄绿灯 lights (issue 17), when computed: one more sentence, "红灯项目N个、黄灯项目M个，主要为……"
   * (`lightsSentence`). Absent: no sentence.
   */
  readonly lights?: Pick<LightsResult, 'counts' | 'projects'>;
}

/** How many sector names a sentence lists before "等N个领域" (seed 000 lists five). */
export const LISTED_SECTORS = 5;

/** The figures of one sentence: a summary line, plus sectors and big projects when known. */
interface SentenceFigures {
  readonly figures: Figures;
  /** Sector names in the summary's order (total investment, descending), blank excluded. */
  readonly sectors: readonly string[] | null;
  /** Number of sector lines (blank line included, so the count matches the summary JSON). */
  readonly sectorCount: number | null;
  /** Projects of 10 亿元 or more (size bands `100+` and `10-100`). */
  readonly bigProjects: number | null;
}

function sectorFigures(summary: Summary): Pick<SentenceFigures, 'sectors' | 'sectorCount' | 'bigProjects'> {
  return {
    sectors: summary.bySector.flatMap((line) => (line.key === null ? [] : [plainText(line.key)])).filter((name) => name !== ''),
    sectorCount: summary.bySector.length,
    bigProjects: summary.bySizeBand.filter((line) => line.key === '100+' || line.key === '10-100').reduce((n, line) => n + line.projects, 0),
  };
}

/** The figures of one category sentence; `key` `null` is the blank-category line. */
interface CategoryFigures extends SentenceFigures {
  readonly key: string | null;
}

function categorySentenceFigures(summary: Summary, line: BreakdownLine, rows: readonly ProjectRow[] | undefined): CategoryFigures {
  if (rows === undefined) return { key: line.key, figures: line, sectors: null, sectorCount: null, bigProjects: null };
  const own = rowsWhere(rows, (row) => row.category === line.key);
  return { key: line.key, figures: line, ...sectorFigures(summarizeRows(own, { soeAttribution: summary.soeAttribution })) };
}

/** Writes numbers and units in one language and style. */
interface Writer {
  count(n: number): string;
  amount(wan: number, kind: AmountKind): string;
}

/** 万元 per billion yuan (10⁹ = 10⁵ × 10⁴) and per million yuan (10⁶ = 10² × 10⁴). */
const WAN_PER_BILLION = 100_000;
const WAN_PER_MILLION = 100;

function makeWriter(lang: Lang, style: BriefStyle, unit: BriefUnit, decimals: number): Writer {
  if (lang === 'en-US') {
    const qualifiers = { near: 'nearly ', about: 'about ' };
    return {
      count: (n) => String(n),
      // English has no 亿 or 万: amounts in billion yuan from one billion up, else in million yuan ("369.5 billion
      // yuan", not "3695.1 hundred million yuan"), at the workbook's decimals and by the same rounding rules.
      amount: (wan, kind) => {
        const isBillions = Math.abs(wan) >= WAN_PER_BILLION;
        // formatBriefAmount divides by its unit's 万元 (亿元: 10⁴, 万元: 1): the value is given pre-scaled to that.
        const scaled = isBillions ? (wan / WAN_PER_BILLION) * 10_000 : wan / WAN_PER_MILLION;
        const { qualifier, digits } = formatBriefAmount(scaled, { style, unit: isBillions ? 'yi' : 'wan', decimals, kind });
        return `${qualifier === null ? '' : qualifiers[qualifier]}${digits} ${isBillions ? 'billion' : 'million'} yuan`;
      },
    };
  }
  const unitText = { yi: '亿元', wan: '万元' }[unit];
  const qualifiers = { near: '近', about: '约' };
  return {
    count: (n) => String(n),
    amount: (wan, kind) => {
      const { qualifier, digits } = formatBriefAmount(wan, { style, unit, decimals, kind });
      return `${qualifier === null ? '' : qualifiers[qualifier]}${digits}${unitText}`;
    },
  };
}

/* ------------------------------------------------------------------------------------------- */
/* zh-CN                                                                                        */
/* ------------------------------------------------------------------------------------------- */

function zhSectors(f: SentenceFigures): string {
  if (f.sectors === null || f.sectorCount === null || f.sectorCount === 0) return '';
  const listed = f.sectors.slice(0, LISTED_SECTORS);
  if (f.sectorCount === 1 && listed.length === 1) return `，涵盖${listed.join('')}领域`;
  const joiner = f.sectorCount > listed.length ? '等' : '共';
  return `，涵盖${listed.join('、')}${joiner}${f.sectorCount}个领域`;
}

const zhBig = (f: SentenceFigures, w: Writer): string =>
  f.bigProjects === null || f.bigProjects === 0 ? '' : `，其中${w.count(f.bigProjects)}个项目投资规模10亿元以上`;

const zhCompleted = (completed: number, w: Writer): string => (completed === 0 ? '' : `，其中已竣工项目${w.count(completed)}个`);

function zhCategoryLabel(key: string | null): string {
  if (key === null) return '项目类别未填的项目';
  const name = plainText(key);
  return name.endsWith('项目') ? name : `${name}项目`;
}

function draftZh(summary: Summary, categories: readonly CategoryFigures[] | null, whole: SentenceFigures, w: Writer): string {
  const t = summary.totals;
  if (t.projects === 0) return '目前台账中没有可统计的项目。';
  const sentences: string[] = [];
  const details = categories === null ? `${zhSectors(whole)}` : '';
  const wholeTail = categories === null ? zhBig(whole, w) : '';
  sentences.push(
    `目前共有央地合作项目${w.count(t.projects)}个，合作覆盖${w.count(t.soes)}家央企${details}，投资总额${w.amount(t.totalWan, 'planned')}${wholeTail}。`,
  );
  for (const c of categories ?? []) {
    const f = c.figures;
    sentences.push(
      `${zhCategoryLabel(c.key)}${w.count(f.projects)}个，涉及央企${w.count(f.soes)}家${zhSectors(c)}，投资总额${w.amount(f.totalWan, 'planned')}${zhBig(c, w)}；` +
        `已开工项目${w.count(f.started)}个，完成投资${w.amount(f.investedWan, 'actual')}${zhCompleted(f.completed, w)}。`,
    );
  }
  sentences.push(
    `全部项目中，已开工${w.count(t.started)}个${t.completed === 0 ? '' : `，其中已竣工${w.count(t.completed)}个`}，累计完成投资${w.amount(t.investedWan, 'actual')}。`,
  );
  return sentences.join('');
}

/* ------------------------------------------------------------------------------------------- */
/* en-US                                                                                        */
/* ------------------------------------------------------------------------------------------- */

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function enList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function enSectors(f: SentenceFigures): string {
  if (f.sectors === null || f.sectorCount === null || f.sectorCount === 0) return '';
  const listed = f.sectors.slice(0, LISTED_SECTORS).map((name) => termLabelEn(name) ?? name);
  const names = f.sectorCount > listed.length ? `${listed.join(', ')} and others` : enList(listed);
  return ` in ${plural(f.sectorCount, 'sector', 'sectors')} (${names})`;
}

const enBig = (f: SentenceFigures, w: Writer): string =>
  f.bigProjects === null || f.bigProjects === 0 ? '' : `, ${w.count(f.bigProjects)} of them of 1 billion yuan or more`;

const enCompleted = (completed: number, w: Writer): string => (completed === 0 ? '' : `, ${w.count(completed)} of them completed`);

const enCategoryLabel = (key: string | null): string => (key === null ? 'Projects without a category' : (termLabelEn(key) ?? `Category ${plainText(key)}`));

function draftEn(summary: Summary, categories: readonly CategoryFigures[] | null, whole: SentenceFigures, w: Writer): string {
  const t = summary.totals;
  if (t.projects === 0) return 'The ledger has no projects to count yet.';
  const sentences: string[] = [];
  const details = categories === null ? enSectors(whole) : '';
  const wholeTail = categories === null ? enBig(whole, w) : '';
  sentences.push(
    `The ledger lists ${plural(t.projects, 'central–local cooperation project', 'central–local cooperation projects')} with ${plural(t.soes, 'central SOE', 'central SOEs')}${details} ` +
      `and a total investment of ${w.amount(t.totalWan, 'planned')}${wholeTail}.`,
  );
  for (const c of categories ?? []) {
    const f = c.figures;
    sentences.push(
      ` ${enCategoryLabel(c.key)}: ${plural(f.projects, 'project', 'projects')} with ${plural(f.soes, 'SOE', 'SOEs')}${enSectors(c)} ` +
        `and a total investment of ${w.amount(f.totalWan, 'planned')}${enBig(c, w)}; ` +
        `${w.count(f.started)} started, ${w.amount(f.investedWan, 'actual')} invested to date${enCompleted(f.completed, w)}.`,
    );
  }
  sentences.push(
    ` Overall, ${w.count(t.started)} ${t.started === 1 ? 'project has' : 'projects have'} started${enCompleted(t.completed, w)}, ` +
      `and ${w.amount(t.investedWan, 'actual')} has been invested to date.`,
  );
  return sentences.join('');
}

/**
 * A briefing paragraph drafted from a summary, in the order and phrasing of the statisticians'
 * bulletins (seed 000): the whole (projects, SOEs, total investment); one sentence per category
 * (项目类别) when the ledger has a category column (projects, SOEs, sectors covered, projects of
 * 10 亿元 or more, total investment, started, invested to date, completed); then the stage
 * picture (started, completed, invested to date). Without a category column, the first
 * sentence also names the sectors and the projects of 10 亿元 or more.
 *
 * Every figure is a field of the summary JSON (`totals`, `byCategory[i]`, and the `bySector` /
 * `bySizeBand` of a category's sub-summary), written in `displayUnit` at `decimals`; `rounded`
 * style adds 近 / 约 by the rule of `formatBriefAmount`. Counts are always exact. The only ledger
 * text that enters are sector and category names, with control characters removed; the result
 * is plain text (one paragraph, no line breaks), never markup or a formula.
 * @example draftBrief(summary, { lang: 'zh-CN', style: 'rounded' }) // '目前共有央地合作项目70个，合作覆盖34家央企，投资总额近5000亿元。…'
 */
export function draftBrief(summary: Summary, options: BriefOptions): string {
  const decimals = Number.isFinite(options.decimals) ? Math.min(6, Math.max(0, Math.trunc(options.decimals as number))) : 1;
  const writer = makeWriter(options.lang, options.style ?? 'exact', options.displayUnit ?? 'yi', decimals);
  const whole: SentenceFigures = { figures: summary.totals, ...sectorFigures(summary) };
  const categories =
    summary.byCategory === null || summary.byCategory.length === 0
      ? null
      : summary.byCategory.map((line) => categorySentenceFigures(summary, line, options.rows));
  let text = options.lang === 'zh-CN' ? draftZh(summary, categories, whole, writer) : draftEn(summary, categories, whole, writer);
  if (options.lights !== undefined && summary.totals.projects > 0) text += `${options.lang === 'zh-CN' ? '' : ' '}${lightsSentence(options.lights, options.lang)}`;
  return plainText(withDataDate(text, options.lang, options.dataDate ?? null));
}

/** The paragraph opened with its data date: 目前… → 截至2025年9月30日，…; The ledger… → As of 30 Sep 2025, the ledger…. */
function withDataDate(text: string, lang: Lang, dataDate: string | null): string {
  if (dataDate === null) return text;
  const date = formatDataDate(dataDate, lang);
  if (lang === 'zh-CN') return text.startsWith('目前') ? `截至${date}，${text.slice(2)}` : `截至${date}，${text}`;
  return text.startsWith('The ') ? `As of ${date}, the ${text.slice(4)}` : `As of ${date}, ${text}`;
}
