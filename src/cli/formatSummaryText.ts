import { KEY_FIGURE_IDS, STAGE_LABELS, countIssuesBySeverity, displayWidth, formatNumber, padDisplay } from '../domain';
import type { Figures, Lang, SizeBand, Stage, Summary } from '../domain';
import { cliText, type CliTextId } from './cliText';
import { formatTable, type TextColumn } from './formatTable';

/** Options of `formatSummaryText`. */
export interface SummaryTextOptions {
  readonly lang: Lang;
  /** The file name shown on the first line. */
  readonly file: string;
  /** Decimals of 亿元 amounts. */
  readonly decimals: number;
}

const WAN_PER_YI = 10_000;
/** Widest a key column gets before it is cut with "…". */
const KEY_COLUMN_MAX = 28;

/**
 * 万元 → 亿元 text with fixed decimals and no thousands separators, never "-0.0". Rounds as
 * Excel displays (the domain's `formatNumber`), so the terminal shows what the summary sheet shows.
 */
export function formatYi(wan: number, decimals: number): string {
  return formatPlain(wan / WAN_PER_YI, decimals);
}

/**
 * An amount as the summary text shows it: 亿元 in Chinese; in English billions of yuan (1 亿元 = 0.1 bn) with one
 * decimal more, so no digit is lost, as the English summary sheet shows it (`sheetAmountUnit`).
 */
export function formatAmount(wan: number, decimals: number, lang: Lang): string {
  return lang === 'en-US' ? formatPlain(wan / (WAN_PER_YI * 10), decimals + 1) : formatYi(wan, decimals);
}

/** `formatNumber` without thousands separators, for aligned terminal columns. */
function formatPlain(value: number, decimals: number): string {
  return formatNumber(value, decimals).replace(/,/g, '');
}

/** A count: whole numbers as is, fractions (split SOE attribution) with 2 decimals, rounded as Excel shows them. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : formatPlain(n, 2);
}

/** A share as a percentage with one decimal, rounded as Excel's 0.0% format shows it. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${formatPlain(share * 100, 1)}%`;
}

const BAND_TEXT: Record<SizeBand, CliTextId> = { '100+': 'band_100', '10-100': 'band_10', '1-10': 'band_1', '0-1': 'band_0' };

/**
 * The summary as aligned text for a terminal: the source line, the key figures (in the
 * briefings' order: projects, SOEs, total investment, started, invested), then one table per
 * breakdown with a 合计 line, then a one-line account of the data issues. Amounts in 亿元 (English: billion yuan).
 */
export function formatSummaryText(summary: Summary, options: SummaryTextOptions): string[] {
  const { lang, decimals } = options;
  const t = (id: CliTextId, values?: Record<string, string | number>): string => cliText(lang, id, values);
  const yi = (wan: number): string => formatAmount(wan, decimals, lang);
  const out: string[] = [];

  out.push(
    t('ledgerLine', { file: options.file, sheet: summary.source.sheet, headerRows: summary.source.headerRows, dataRows: summary.source.dataRows }),
    t('unitLine'),
    '',
    t('keyFigures'),
  );
  const totals = summary.totals;
  const keyRows = KEY_FIGURE_IDS.map((id): [string, string, string] => {
    switch (id) {
      case 'projects':
        return [t('kf_projects'), formatCount(totals.projects), t('unitProjects')];
      case 'soes':
        return [t('kf_soes'), formatCount(totals.soes), t('unitSoes')];
      case 'totalWan':
        return [t('kf_totalWan'), yi(totals.totalWan), t('unitYi')];
      case 'started':
        return [t('kf_started'), formatCount(totals.started), t('unitProjects')];
      case 'investedWan':
        return [t('kf_investedWan'), yi(totals.investedWan), t('unitYi')];
    }
  });
  const labelWidth = Math.max(...keyRows.map(([label]) => displayWidth(label)));
  const valueWidth = Math.max(...keyRows.map(([, value]) => displayWidth(value)));
  for (const [label, value, unit] of keyRows) out.push(`  ${padDisplay(label, labelWidth)}  ${padDisplay(value, valueWidth, 'right')} ${unit}`.trimEnd());

  const figureColumns: TextColumn[] = [
    { header: t('colProjects'), align: 'right' },
    { header: t('colStarted'), align: 'right' },
    { header: `${t('colTotal')}`, align: 'right' },
    { header: `${t('colInvested')}`, align: 'right' },
    { header: t('colShare'), align: 'right' },
  ];
  const figureCells = (f: Figures): string[] => [formatCount(f.projects), formatCount(f.started), yi(f.totalWan), yi(f.investedWan), formatShare(f.shareOfTotal)];
  const table = (titleId: CliTextId, keyHeaderId: CliTextId, lines: readonly { key: string; figures: Figures }[], withTotal: boolean): void => {
    out.push('', t(titleId));
    const columns: TextColumn[] = [{ header: t(keyHeaderId), align: 'left', maxWidth: KEY_COLUMN_MAX }, ...figureColumns];
    const rows = lines.map((line) => [line.key, ...figureCells(line.figures)]);
    out.push(...formatTable(columns, rows, withTotal ? [[t('total'), ...figureCells(totals)]] : []));
  };
  const keyText = (key: string | null): string => key ?? t('blankKey');

  table('bySector', 'colSector', summary.bySector.map((l) => ({ key: keyText(l.key), figures: l })), true);
  table('byStage', 'colStage', summary.byStage.map((l) => ({ key: STAGE_LABELS[l.key as Stage][lang], figures: l })), true);
  table('bySizeBand', 'colSizeBand', summary.bySizeBand.map((l) => ({ key: t(BAND_TEXT[l.key]), figures: l })), true);
  if (summary.byDistrict !== null) table('byDistrict', 'colDistrict', summary.byDistrict.map((l) => ({ key: keyText(l.key), figures: l })), true);
  if (summary.byCategory !== null) table('byCategory', 'colCategory', summary.byCategory.map((l) => ({ key: keyText(l.key), figures: l })), true);
  const hasUnknownSoe = summary.bySoe.some((l) => !l.isKnown);
  table('bySoe', 'colSoe', summary.bySoe.map((l) => ({ key: l.isKnown ? l.shortName : `${l.shortName}*`, figures: l })), false);
  if (hasUnknownSoe) out.push(`  * ${t('unknownSoe')}`);
  const joint = summary.jointProjects;
  if (joint.count > 0) {
    out.push(
      `  ${
        joint.attribution === 'full'
          ? t('jointFull', { count: joint.count, projects: formatCount(joint.projectsExcess), total: yi(joint.totalWanExcess) })
          : t('jointSplit', { count: joint.count })
      }`,
    );
  }

  out.push('');
  const failed = summary.reconciliation.filter((c) => !c.ok).map((c) => c.dimension);
  if (failed.length > 0) out.push(t('reconcileFailed', { dimensions: failed.join(', ') }));
  // Counted from the issues' locations: a compact read's issues are not built for it (`countIssuesBySeverity`).
  const { error: errors, warning: warnings } = countIssuesBySeverity(summary.issues);
  const info = summary.source.counts.skippedRows;
  out.push(errors + warnings + info === 0 ? t('noIssues') : t('issuesLine', { errors, warnings, info }));
  return out;
}
