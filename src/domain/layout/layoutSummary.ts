import { plainText } from '../brief/plainText';
import type { KeyFigureDeltas } from '../diff/types';
import { formatDataDate } from '../ledger/findDataDate';
import { soeNamesEn, termLabelEn } from '../reference/termLabels';
import type { Lang } from '../ledger/types';
import { fsum } from '../summarize/fsum';
import { keyFigures } from '../summarize/keyFigures';
import { sumWan } from '../summarize/sumWan';
import type { BreakdownLine, Figures, KeyFigureValue, ReconciliationCheck, Summary } from '../summarize/types';
import { formatLabel } from './formatLabel';
import { formatNumber } from './formatNumber';
import type { LabelKey } from './labels';
import { numberFormats, type NumberFormats } from './numberFormats';
import { PlanBuilder } from './PlanBuilder';
import { PLAN_STYLES } from './planStyles';
import { sheetAmountUnit, type SheetAmountUnit } from './sheetAmountUnit';
import type { ChartSpec, PlanCell, PlanRange, SheetPlan } from './types';

/** Options of `layoutSummary`. */
export interface LayoutOptions {
  readonly lang: Lang;
  /**
   * The data date (截至), `YYYY-MM-DD` (`resolveDataDate`): the ledger's own or the `asOf` setting. `null`: the sheet
   * says 截至日期：未注明 rather than show the run time as the data's date.
   */
  readonly dataDate: string | null;
  /** When the report was made (生成时间), already formatted for `lang` (the domain has no clock). */
  readonly generatedAt: string;
  /** Display unit of amounts: 亿元 (`yi`; English sheets show it as billions, `sheetAmountUnit`) or 万元 (`wan`). */
  readonly displayUnit: 'yi' | 'wan';
  /** Decimals of amounts (0–6; one more for billions): number formats only, the cells keep exact values. */
  readonly decimals: number;
  /** Sheet name; default 汇总 / "Summary". */
  readonly sheetName?: string | undefined;
  /** A briefing paragraph shown under the key figures. */
  readonly brief?: string | undefined;
  /** Changes since the last period, shown beside the key figures ("比上次"); amounts in 万元. */
  readonly changes?: KeyFigureDeltas | null | undefined;
  /** A status text shown under the row counts (e.g. a refresh note). */
  readonly statusLine?: string | undefined;
}

/**
 * The defined names of the key figures, by figure id: stable whatever the layout or language, so
 * a user's report can say `=台账统计_总投资`. Each names the figure's value cell on the summary sheet
 * (amounts in the sheet's display unit). Valid Excel names: letters of any script, digits and `_`.
 */
export const KEY_FIGURE_NAMES = {
  projects: '台账统计_项目数',
  soes: '台账统计_央企数',
  totalWan: '台账统计_总投资',
  started: '台账统计_开工项目数',
  investedWan: '台账统计_已完成投资',
} as const satisfies Record<KeyFigureValue['id'], string>;

/**
 * Columns of a breakdown table. The SOE table adds the full name in column K, after a narrow empty column J: the
 * right-aligned 占比 right before a left-aligned name ran into it in print.
 */
const COL = { name: 0, projects: 1, soes: 2, started: 3, completed: 4, total: 5, invested: 6, investedShare: 7, shareOfTotal: 8, fullName: 10 } as const;
/** Width of a breakdown table (A–I): the title is merged across it. */
const TABLE_COLS = 9;
/** Width of an empty column between columns (characters). */
const GAP_WIDTH = 2;
/** Narrowest column widths (characters), A–K, before fitting to the text; and the widest a column grows. */
const MIN_WIDTHS: readonly number[] = [10, 8, 8, 8, 8, 10, 10, 8, 8, GAP_WIDTH, 10];
const MAX_WIDTH = 40;
/** Chart size in cells. Charts stand in one column band right of the tables (L is a gap), so they never push tables apart. */
const CHART_ROWS = 15;
const CHART_COLS = 8;
const CHART_COL = 12;
const CHART_COLUMN_WIDTH = 9;
/** Series of at most this many points get data labels. */
const MAX_LABELLED_POINTS = 12;
/** The SOE chart shows this many SOEs, the first rows of the SOE table (sorted by total, descending). */
const TOP_SOES = 10;

/** One line of a breakdown table as the sheet shows it. */
interface TableLine {
  readonly label: string;
  readonly figures: Figures;
  /** The SOE table's full-name column. */
  readonly fullName?: string;
}

/** Where a breakdown table landed. */
interface PlacedTable {
  /** The table's title row. */
  readonly top: number;
  /** First and count of its data rows (between the header and the 合计 row). */
  readonly firstLine: number;
  readonly lines: number;
  /** Column after the table's last column. */
  readonly end: number;
}

/**
 * The 汇总 / "Summary" sheet plan (role `summary`): a header block (title, unit, as-of, source and
 * row counts, an optional status line), the key figures in the briefings' order with a "比上次"
 * column, an optional brief paragraph, one table per breakdown (sector, stage, SOE with its
 * joint-project note, district, category, size band) each with a 合计 row, the sector × stage
 * cross-tabs, and the reconciliation line. Amount cells hold exact values in the display unit
 * (万元 → 亿元 happens here) and number formats do the rounding; shares are fractions shown as
 * `0.0%`; 合计 rows hold exact sums as numbers (no formulas: the sheet reads the same without the
 * add-in). Charts reference this sheet's cells only and stand in a band right of the tables (from
 * column L), each level with its table or below the chart before it, never across a page break:
 * total and invested by sector, projects by stage, the top 10 SOEs (bar), projects by size band.
 * Prints landscape A4, one page wide, with page breaks between tables (`pageSetup`).
 * Ledger text is written as literal strings with control characters removed.
 * @example layoutSummary(summary, { lang: 'zh-CN', dataDate: '2025-09-30', generatedAt: '2025年10月8日 14:05', displayUnit: 'yi', decimals: 1 })
 */
export function layoutSummary(summary: Summary, options: LayoutOptions): SheetPlan {
  return new SummaryLayout(summary, options).build();
}

class SummaryLayout {
  private readonly sheet = new PlanBuilder();
  private readonly formats: NumberFormats;
  private readonly unit: SheetAmountUnit;
  private readonly unitLabel: string;

  constructor(
    private readonly summary: Summary,
    private readonly options: LayoutOptions,
  ) {
    this.unit = sheetAmountUnit(options.lang, options.displayUnit, options.decimals);
    this.formats = numberFormats(this.unit.decimals);
    this.unitLabel = this.unit.label;
  }

  build(): SheetPlan {
    const { summary } = this;
    this.header();
    this.keyFigures();
    if (this.options.brief !== undefined && this.options.brief !== '') {
      this.sheet.paragraph(this.options.brief, TABLE_COLS, PLAN_STYLES.paragraph);
      this.sheet.skip();
    }

    const keyed = (lines: readonly BreakdownLine[]): TableLine[] => lines.map((line) => ({ label: this.keyLabel(line.key), figures: line }));
    const sectors = this.breakdown('bySector', keyed(summary.bySector));
    this.amountChart('sector', sectors, 'chart_sector');
    const stages = this.breakdown('byStage', summary.byStage.map((line) => ({ label: this.label(`stage_${line.key}`), figures: line })));
    this.countChart('stage', stages, 'chart_stage');
    const soes = this.breakdown(
      'bySoe',
      summary.bySoe.map((line) => {
        // English sheets name an SOE by its official English name where the reference list has one.
        const en = this.options.lang === 'en-US' ? soeNamesEn(line.key) : null;
        return { label: en?.short ?? plainText(line.shortName), fullName: en?.full ?? plainText(line.key), figures: line };
      }),
    );
    this.soeChart(soes);
    if (summary.byDistrict) this.breakdown('byDistrict', keyed(summary.byDistrict));
    if (summary.byCategory) this.breakdown('byCategory', keyed(summary.byCategory));
    const bands = this.breakdown('bySizeBand', summary.bySizeBand.map((line) => ({ label: this.label(`band_${line.key}`), figures: line })));
    this.countChart('size-band', bands, 'chart_sizeBand');
    this.crossTabs();
    this.reconciliation(summary.reconciliation);

    // Each column as wide as its widest text (CJK counted as two), so no header or name is clipped.
    const widths = this.sheet.fittedWidths(MIN_WIDTHS, MAX_WIDTH);
    while (widths.length < CHART_COL) widths.push(GAP_WIDTH);
    for (let col = CHART_COL; col < CHART_COL + CHART_COLS; col++) widths[col] = CHART_COLUMN_WIDTH;
    return this.sheet.plan('summary', this.options.sheetName ?? this.label('sheetSummary'), widths, undefined, {
      texts: { lang: this.options.lang, title: this.label('title'), dateLine: this.dateLine() },
      printColumns: CHART_COL + CHART_COLS,
      titleRows: { first: 0, last: 0 },
    });
  }

  /** 截至：2025年9月30日, or 截至日期：未注明 when the data date is unknown. */
  private dateLine(): string {
    const { dataDate, lang } = this.options;
    return dataDate === null ? this.label('dataDateUnknown') : this.label('asOf', { asOf: formatDataDate(dataDate, lang) });
  }

  /* ----------------------------------------------------------------------------------------- */

  private header(): void {
    const { sheet, summary, options } = this;
    const title = sheet.text(this.label('title'), PLAN_STYLES.title);
    sheet.merge({ ...title, cols: TABLE_COLS });
    sheet.text(this.label('unitLine', { unit: this.unitLabel }));
    sheet.text(this.dateLine());
    sheet.text(this.label('generatedAt', { time: options.generatedAt }), PLAN_STYLES.note);
    sheet.text(this.label('source', { sheet: plainText(summary.source.sheet), rows: summary.source.dataRows }));
    const { counts } = summary.source;
    const count = this.formats.count;
    // One count per row, label | value | unit, so that no number reads as the label of the next one.
    const rowsUnit = this.label('rowsUnit');
    sheet.table(
      [
        [this.label('validRows'), counts.validRows, rowsUnit],
        [this.label('warningRows'), counts.warningRows, rowsUnit],
        [this.label('errorRows'), counts.errorRows, rowsUnit],
      ],
      [null, count, null],
    );
    if (options.statusLine !== undefined && options.statusLine !== '') sheet.text(options.statusLine, PLAN_STYLES.note);
    sheet.keepTogether(0, sheet.row - 1);
    sheet.skip();
  }

  private keyFigures(): void {
    const { sheet, formats } = this;
    const changes = this.options.changes ?? null;
    const top = sheet.row;
    sheet.text(this.label('keyFiguresTitle'), PLAN_STYLES.section);
    const header = sheet.table([[this.label('keyFigureHeader'), this.label('keyFigureValue'), this.label('keyFigureChange')]], undefined, PLAN_STYLES.header);
    sheet.format({ row: header.row, col: 1, rows: 1, cols: 2 }, PLAN_STYLES.numberHeader);
    for (const figure of keyFigures(this.summary)) {
      const isAmount = figure.kind === 'amount';
      const delta = changes === null ? null : changes[figure.id];
      sheet.name(KEY_FIGURE_NAMES[figure.id], sheet.row, 1);
      sheet.table(
        [
          [
            this.label(`kf_${figure.id}`, { unit: this.unitLabel }),
            isAmount ? this.amount(figure.value) : figure.value,
            delta === null ? null : isAmount ? this.amount(delta) : delta,
          ],
        ],
        [null, isAmount ? formats.amount : formats.count, isAmount ? formats.amountDelta : formats.countDelta],
      );
    }
    sheet.keepTogether(top, sheet.row - 1);
    sheet.skip();
  }

  /**
   * A breakdown table: title, header, one row per line, the 合计 row (exact sums of the lines),
   * and for the SOE table the joint-project note, kept together on one printed page.
   */
  private breakdown(
    dimension: 'bySector' | 'byStage' | 'bySoe' | 'byDistrict' | 'byCategory' | 'bySizeBand',
    lines: readonly TableLine[],
  ): PlacedTable {
    const { sheet, formats } = this;
    const isSoe = dimension === 'bySoe';
    const top = sheet.row;
    sheet.text(this.label(`table_${dimension}`), PLAN_STYLES.section);
    const header: PlanCell[] = [
      this.label(`dim_${dimension}`),
      this.label('col_projects'),
      this.label('col_soes'),
      this.label('col_started'),
      this.label('col_completed'),
      this.label('withUnit', { label: this.label('col_total'), unit: this.unitLabel }),
      this.label('withUnit', { label: this.label('col_invested'), unit: this.unitLabel }),
      this.label('col_investedShare'),
      this.label('col_shareOfTotal'),
    ];
    if (isSoe) header.push(null, this.label('col_fullName'));
    const headerRange = sheet.table([header], undefined, PLAN_STYLES.header);
    sheet.format({ row: headerRange.row, col: COL.projects, rows: 1, cols: COL.shareOfTotal }, PLAN_STYLES.numberHeader);

    // Split SOE credit gives fractional counts.
    const count = isSoe && this.summary.soeAttribution === 'split' ? formats.fractionalCount : formats.count;
    const numberFormat = [null, count, formats.count, count, count, formats.amount, formats.amount, formats.share, formats.share, null, null];
    const rows = lines.map((line) => [line.label, ...this.figureCells(line.figures), ...(isSoe ? [null, line.fullName ?? null] : [])]);
    const body = sheet.table(rows, numberFormat.slice(0, header.length));
    sheet.table([[this.label('total'), ...this.totalCells(lines.map((line) => line.figures)), ...(isSoe ? [null, null] : [])]], numberFormat.slice(0, header.length), PLAN_STYLES.total);
    if (isSoe) sheet.text(this.jointNote(), PLAN_STYLES.note);
    sheet.keepTogether(top, sheet.row - 1);
    sheet.skip();
    return { top, firstLine: body.row, lines: lines.length, end: header.length };
  }

  /** Projects, SOEs, started, completed, total, invested, invested share, share of total. */
  private figureCells(figures: Figures): PlanCell[] {
    return [
      figures.projects,
      figures.soes,
      figures.started,
      figures.completed,
      this.amount(figures.totalWan),
      this.amount(figures.investedWan),
      figures.investedShare,
      figures.shareOfTotal,
    ];
  }

  /** The 合计 cells: exact sums of the lines (as `summarize` sums), distinct SOEs of the grand total. */
  private totalCells(lines: readonly Figures[]): PlanCell[] {
    const totalWan = sumWan(lines.map((line) => line.totalWan));
    const investedWan = sumWan(lines.map((line) => line.investedWan));
    const grandWan = this.summary.totals.totalWan;
    return [
      fsum(lines.map((line) => line.projects)),
      this.summary.totals.soes,
      fsum(lines.map((line) => line.started)),
      fsum(lines.map((line) => line.completed)),
      this.amount(totalWan),
      this.amount(investedWan),
      totalWan === 0 ? null : investedWan / totalWan,
      grandWan === 0 ? null : totalWan / grandWan,
    ];
  }

  private jointNote(): string {
    const note = this.summary.jointProjects;
    if (note.count === 0) return this.label('jointNone');
    if (note.attribution === 'split') return this.label('jointSplit', { count: note.count });
    const { decimals } = this.formats;
    return this.label('jointFull', {
      count: note.count,
      projects: formatNumber(note.projectsExcess, 0),
      total: formatNumber(this.amount(note.totalWanExcess), decimals),
      invested: formatNumber(this.amount(note.investedWanExcess), decimals),
      unit: this.unitLabel,
    });
  }

  private crossTabs(): void {
    const { sheet, formats, summary } = this;
    const { crossTab } = summary;
    const header = [this.label('dim_bySector'), ...crossTab.stages.map((stage) => this.label(`stage_${stage}`)), this.label('total')];
    const labels = crossTab.sectors.map((sector, i) => this.keyLabel(summary.bySector[i]?.key === null ? null : sector));

    const projectsTop = sheet.row;
    sheet.text(this.label('table_crossProjects'), PLAN_STYLES.section);
    sheet.table([header], undefined, PLAN_STYLES.header);
    const countFormat = header.map((_, i) => (i === 0 ? null : formats.count));
    sheet.table(crossTab.projects.map((cells, i) => [labels[i] ?? '', ...cells, fsum(cells)]), countFormat);
    const projectColumns = crossTab.stages.map((_, j) => fsum(crossTab.projects.map((cells) => cells[j] ?? 0)));
    sheet.table([[this.label('total'), ...projectColumns, fsum(projectColumns)]], countFormat, PLAN_STYLES.total);
    sheet.keepTogether(projectsTop, sheet.row - 1);
    sheet.skip();

    const totalTop = sheet.row;
    sheet.text(this.label('table_crossTotal', { unit: this.unitLabel }), PLAN_STYLES.section);
    sheet.table([header], undefined, PLAN_STYLES.header);
    const amountFormat = header.map((_, i) => (i === 0 ? null : formats.amount));
    sheet.table(
      crossTab.totalWan.map((cells, i) => [labels[i] ?? '', ...cells.map((wan) => this.amount(wan)), this.amount(sumWan(cells))]),
      amountFormat,
    );
    const totalColumns = crossTab.stages.map((_, j) => sumWan(crossTab.totalWan.map((cells) => cells[j] ?? 0)));
    sheet.table([[this.label('total'), ...totalColumns.map((wan) => this.amount(wan)), this.amount(sumWan(totalColumns))]], amountFormat, PLAN_STYLES.total);
    sheet.keepTogether(totalTop, sheet.row - 1);
    sheet.skip();
  }

  private reconciliation(checks: readonly ReconciliationCheck[]): void {
    const { sheet } = this;
    const failed = checks.filter((check) => !check.ok);
    if (failed.length === 0) {
      sheet.text(this.label('reconcileOk'), PLAN_STYLES.ok);
      return;
    }
    sheet.text(this.label('reconcileFail'), { ...PLAN_STYLES.error, bold: true });
    sheet.table(
      [
        [
          this.label('reconcileDimension'),
          this.label('diff_projects'),
          this.label('diff_started'),
          this.label('diff_completed'),
          this.label('diff_total', { unit: this.unitLabel }),
          this.label('diff_invested', { unit: this.unitLabel }),
        ],
      ],
      undefined,
      PLAN_STYLES.header,
    );
    // Differences keep the General format: a tiny mismatch must not round to 0.0.
    sheet.table(
      failed.map((check) => [
        this.label(`table_${check.dimension}`),
        check.projectsDiff,
        check.startedDiff,
        check.completedDiff,
        this.amount(check.totalWanDiff),
        check.investedWanDiff === null ? null : this.amount(check.investedWanDiff),
      ]),
      undefined,
      PLAN_STYLES.error,
    );
  }

  /* ----------------------------------------------------------------------------------------- */

  /** Total and invested by sector, clustered columns. */
  private amountChart(id: string, table: PlacedTable, title: LabelKey): void {
    if (table.lines === 0) return;
    this.sheet.sideChart({
      ...this.chartFrame(id, table, table.lines, title),
      type: 'columnClustered',
      series: [
        { name: this.label('col_total'), values: this.column(table, COL.total, table.lines) },
        { name: this.label('col_invested'), values: this.column(table, COL.invested, table.lines) },
      ],
      valueAxisTitle: this.unitLabel,
    });
  }

  /** Projects per line, columns. */
  private countChart(id: string, table: PlacedTable, title: LabelKey): void {
    if (table.lines === 0) return;
    this.sheet.sideChart({
      ...this.chartFrame(id, table, table.lines, title),
      type: 'columnClustered',
      series: [{ name: this.label('col_projects'), values: this.column(table, COL.projects, table.lines) }],
      valueAxisTitle: this.label('unitCount'),
    });
  }

  /** The top SOEs by total investment: the first rows of the SOE table, as bars from the top. */
  private soeChart(table: PlacedTable): void {
    const shown = Math.min(TOP_SOES, table.lines);
    if (shown === 0) return;
    this.sheet.sideChart({
      ...this.chartFrame('soe-top', table, shown, 'chart_soeTop', { n: shown }),
      type: 'barClustered',
      series: [{ name: this.label('col_total'), values: this.column(table, COL.total, shown) }],
      valueAxisTitle: this.unitLabel,
      reverseCategories: true,
    });
  }

  private chartFrame(
    id: string,
    table: PlacedTable,
    points: number,
    title: LabelKey,
    values: Readonly<Record<string, number>> = {},
  ): Pick<ChartSpec, 'id' | 'title' | 'categories' | 'showDataLabels' | 'position'> {
    return {
      id: `summary-${id}`,
      title: this.label(title, values),
      categories: this.column(table, COL.name, points),
      showDataLabels: points <= MAX_LABELLED_POINTS,
      position: { row: table.top, col: CHART_COL, rows: CHART_ROWS, cols: CHART_COLS },
    };
  }

  /** `rows` cells of one column of a table's data rows. */
  private column(table: PlacedTable, col: number, rows: number): PlanRange {
    return { row: table.firstLine, col, rows, cols: 1 };
  }

  /* ----------------------------------------------------------------------------------------- */

  private label(key: LabelKey, values?: Readonly<Record<string, string | number>>): string {
    return formatLabel(this.options.lang, key, values);
  }

  /** A breakdown key as shown: ledger text made plain, or （未填） for the blank-cell line. */
  private keyLabel(key: string | null): string {
    if (key === null) return this.label('blank');
    return (this.options.lang === 'en-US' ? termLabelEn(key) : null) ?? plainText(key);
  }

  /** An amount in 万元 in the display unit, exact (no -0). */
  private amount(wan: number): number {
    return this.unit.fromWan(wan);
  }
}
