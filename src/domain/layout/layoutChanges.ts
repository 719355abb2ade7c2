import { plainText } from '../brief/plainText';
import { changesByDistrict } from '../diff/changesByDistrict';
import type { LedgerDiff, SnapshotProject } from '../diff/types';
import type { Lang, Stage } from '../ledger/types';
import { soeGroupByFullName } from '../reference/lookupSoe';
import { fillTemplate } from './fillTemplate';
import { fitColumnWidths } from './fitColumnWidths';
import { formatLabel } from './formatLabel';
import { numberFormats } from './numberFormats';
import { pageSetupOf } from './paginate';
import { sheetAmountUnit } from './sheetAmountUnit';
import { PLAN_STYLES } from './planStyles';
import type { PlanBlock, PlanCell, PlanFormat, SheetPlan } from './types';

/** Options of `layoutChanges`. */
export interface ChangesLayoutOptions {
  readonly lang: Lang;
  /** This refresh's time, already formatted for `lang`. */
  readonly asOf: string;
  /** Display unit of amounts: 亿元 (billions on English sheets, `sheetAmountUnit`) or 万元. */
  readonly displayUnit: 'yi' | 'wan';
  /** Decimals shown for amounts. */
  readonly decimals: number;
  /** When the baseline was taken, already formatted for `lang`; absent when unknown. */
  readonly baselineAt?: string;
  /**
   * Group the changes by 所属地区 (a merged city ledger): a per-district count table after the key figures, and a
   * district column in every project list. Off (or absent) for a one-district ledger.
   */
  readonly byDistrict?: boolean;
}

/** The sheet's texts. `{…}` placeholders are filled by `fillTemplate`. */
const LABELS = {
  'zh-CN': {
    sheet: '变动',
    title: '本期变动（与本期基线相比）',
    times: '基线：{baseline}　本次刷新：{asOf}',
    unknownTime: '时间不详',
    unit: '单位：金额{unit}，项目数个，央企数家',
    first: [
      '暂无可比较的数据：这是本期第一次刷新，当前台账已存为本期基线。',
      '以后每次刷新，这里列出与基线相比新增、移除、阶段变动和投资变动的项目。',
      '点击“开始新一期”可把当时的台账设为新的基线。',
    ],
    nothing: '与本期基线相比没有变化。',
    counts: '与本期基线相比：新增项目{added}个，移除{removed}个，阶段变动{stages}个，投资变动{amounts}个。',
    keyFigures: '关键指标',
    figure: '指标',
    baseline: '基线',
    current: '本次',
    change: '变动',
    projects: '项目数',
    soes: '合作央企数',
    started: '已开工项目',
    completed: '已竣工项目',
    totalWan: '总投资',
    investedWan: '累计完成投资',
    added: '新增项目（{n}个）',
    removed: '移除项目（{n}个）',
    stageChanges: '阶段变动（{n}个）',
    amountChanges: '投资变动（{n}个）',
    none: '无',
    row: '行号',
    baselineRow: '基线行号',
    name: '项目名称',
    soe: '合作央企',
    stage: '项目阶段',
    from: '原阶段',
    to: '现阶段',
    totalBefore: '总投资（基线）',
    totalAfter: '总投资（本次）',
    totalDelta: '总投资变动',
    investedBefore: '累计完成投资（基线）',
    investedAfter: '累计完成投资（本次）',
    investedDelta: '累计完成投资变动',
    total: '合计',
    byDistrict: '分区县变动',
    district: '所属地区',
    noDistrict: '未填地区',
    addedCount: '新增',
    removedCount: '移除',
    stageCount: '阶段变化',
    amountCount: '投资变化',
    note: [
      '说明：项目按“规范化的项目名称 + 合作央企”匹配，同名项目再按行号对应。',
      '改名或更换合作央企的项目显示为一个移除项目和一个新增项目，不会自动合并。',
    ],
  },
  'en-US': {
    sheet: 'Changes',
    title: 'Changes this period (against the period baseline)',
    times: 'Baseline: {baseline}   This refresh: {asOf}',
    unknownTime: 'time unknown',
    unit: 'Amounts in {unit}',
    first: [
      'Nothing to compare with yet: this is the first refresh of the period, and the ledger as it is now is stored as the period baseline.',
      'From the next refresh on, this sheet lists the projects added, removed, with a stage change or with an investment change since the baseline.',
      '"Start a new period" makes the ledger of that moment the new baseline.',
    ],
    nothing: 'Nothing changed since the period baseline.',
    counts: 'Since the period baseline: {added} {added:project|projects} added, {removed} removed, {stages} with a stage change, {amounts} with an investment change.',
    keyFigures: 'Key figures',
    figure: 'Figure',
    baseline: 'Baseline',
    current: 'Now',
    change: 'Change',
    projects: 'Projects',
    soes: 'SOEs',
    started: 'Projects started',
    completed: 'Projects completed',
    totalWan: 'Total investment',
    investedWan: 'Invested to date',
    added: 'Projects added ({n})',
    removed: 'Projects removed ({n})',
    stageChanges: 'Stage changes ({n})',
    amountChanges: 'Investment changes ({n})',
    none: 'None',
    row: 'Row',
    baselineRow: 'Baseline row',
    name: 'Project',
    soe: 'SOEs',
    stage: 'Stage',
    from: 'From',
    to: 'To',
    totalBefore: 'Total investment (baseline)',
    totalAfter: 'Total investment (now)',
    totalDelta: 'Change in total investment',
    investedBefore: 'Invested to date (baseline)',
    investedAfter: 'Invested to date (now)',
    investedDelta: 'Change in invested to date',
    total: 'Total',
    byDistrict: 'Changes by district',
    district: 'District',
    noDistrict: 'No district',
    addedCount: 'Added',
    removedCount: 'Removed',
    stageCount: 'Stage changes',
    amountCount: 'Investment changes',
    note: [
      'Note: projects are matched by normalised project name plus SOEs, then by row number among projects with the same name.',
      'A project renamed or with other SOEs shows as one removed and one added project, never merged.',
    ],
  },
} as const;

type Labels = (typeof LABELS)[Lang];

const { title: TITLE_STYLE, section: SECTION_STYLE, header: HEADER_STYLE, numberHeader: NUMBER_HEADER_STYLE, total: TOTAL_STYLE, note: NOTE_STYLE } =
  PLAN_STYLES;

/**
 * Columns of the sheet: row (or the key figure), name, SOEs, then six amount / stage columns. Each is as wide as its
 * widest table text (CJK counted as two, `fitColumnWidths`) between these bounds.
 */
const MIN_WIDTHS: readonly number[] = [8, 12, 10, 10, 10, 10, 10, 10, 10];
const MAX_WIDTHS: readonly number[] = [30, 40, 36, 30];

/** The SOEs of a project as short display names joined by 、 (ledger text, made plain). */
function soeText(soes: readonly string[]): string {
  return soes.map((canonical) => plainText(soeGroupByFullName(canonical)?.shortName ?? canonical)).join('、');
}

/**
 * The 变动 / "Changes" sheet plan (role `changes`): what changed since the period baseline.
 * `diff` is `null` on the first refresh of a period: the sheet then says there is nothing to
 * compare with yet. Otherwise: the key figures (baseline, now, change), then the projects added,
 * removed, with a stage change, and with an investment change (per project and in total).
 * Amounts are converted from 万元 to the display unit here and shown with `decimals` decimals.
 * Ledger text (names, SOEs) is written as literal strings with control characters removed.
 */
export function layoutChanges(diff: LedgerDiff | null, options: ChangesLayoutOptions): SheetPlan {
  const labels: Labels = LABELS[options.lang];
  const unit = sheetAmountUnit(options.lang, options.displayUnit, options.decimals);
  const amount = unit.fromWan;
  const formats = numberFormats(unit.decimals);
  const amountFormat = formats.amount;
  const deltaAmountFormat = formats.amountDelta;
  const countFormat = formats.count;
  const deltaCountFormat = formats.countDelta;
  const stageName = (stage: Stage): string => formatLabel(options.lang, `stage_${stage}`);
  const byDistrict = options.byDistrict === true;
  const districtName = (project: SnapshotProject): string => plainText(project.district ?? labels.noDistrict);
  /** The district column after a project list's own columns, when grouping by district. */
  const withDistrict = (project: SnapshotProject, cells: PlanCell[]): PlanCell[] => (byDistrict ? [...cells, districtName(project)] : cells);
  const districtHeader = (cells: string[]): string[] => (byDistrict ? [...cells, labels.district] : cells);
  /** A row of a project list's formats or of its total, with an empty district cell when grouping by district. */
  const districtFormat = <T,>(cells: T[]): (T | null)[] => (byDistrict ? [...cells, null] : cells);

  const blocks: PlanBlock[] = [];
  const headerFormats: PlanFormat[] = [];
  let row = 0;
  // One text per row in column A, unmerged and unwrapped: it spills over the empty cells to its
  // right, and Excel never autofits the height of merged rows.
  const line = (text: string, style?: PlanBlock['style']): void => {
    blocks.push({ row, col: 0, values: [[text]], ...(style ? { style } : {}) });
    row += 1;
  };
  const table = (values: PlanCell[][], numberFormat: (string | null)[], style?: PlanBlock['style']): void => {
    if (values.length === 0) return;
    blocks.push({ row, col: 0, values, numberFormat, ...(style ? { style } : {}) });
    row += values.length;
  };
  /** A header row; the headers over numbers (`numberCols`) right-aligned like them, so each reads as its column's. */
  const header = (cells: string[], numberCols: readonly number[]): void => {
    for (const col of numberCols) headerFormats.push({ range: { row, col, rows: 1, cols: 1 }, style: NUMBER_HEADER_STYLE });
    table([cells], cells.map(() => null), HEADER_STYLE);
  };

  line(labels.title, TITLE_STYLE);
  line(fillTemplate(labels.times, { baseline: options.baselineAt ?? labels.unknownTime, asOf: options.asOf }));
  line(fillTemplate(labels.unit, { unit: unit.label }));
  row += 1;

  if (diff === null) {
    for (const text of labels.first) line(text, NOTE_STYLE);
    return plan(labels, blocks, headerFormats, options.lang);
  }

  line(
    diff.hasChanges
      ? fillTemplate(labels.counts, {
          added: diff.added.length,
          removed: diff.removed.length,
          stages: diff.stageChanges.length,
          amounts: diff.amountChanges.length,
        })
      : labels.nothing,
    { bold: true },
  );
  row += 1;

  line(labels.keyFigures, SECTION_STYLE);
  header([labels.figure, labels.baseline, labels.current, labels.change], [1, 2, 3]);
  table(
    (['projects', 'soes', 'started', 'completed'] as const).map((id) => [labels[id], diff.previous[id], diff.current[id], diff.deltas[id]]),
    [null, countFormat, countFormat, deltaCountFormat],
  );
  table(
    (['totalWan', 'investedWan'] as const).map((id) => [labels[id], amount(diff.previous[id]), amount(diff.current[id]), amount(diff.deltas[id])]),
    [null, amountFormat, amountFormat, deltaAmountFormat],
  );
  row += 1;

  if (byDistrict && diff.hasChanges) {
    const districts = changesByDistrict(diff);
    line(labels.byDistrict, SECTION_STYLE);
    if (districts.length === 0) {
      line(labels.none);
    } else {
      header([labels.district, labels.addedCount, labels.removedCount, labels.stageCount, labels.amountCount], [1, 2, 3, 4]);
      const countFormats = [null, countFormat, countFormat, countFormat, countFormat];
      table(
        districts.map((d) => [d.district === null ? labels.noDistrict : plainText(d.district), d.added, d.removed, d.stageChanges, d.amountChanges]),
        countFormats,
      );
      table([[labels.total, diff.added.length, diff.removed.length, diff.stageChanges.length, diff.amountChanges.length]], countFormats, TOTAL_STYLE);
    }
    row += 1;
  }

  const projectRows = (projects: readonly SnapshotProject[]): PlanCell[][] =>
    projects.map((p) => withDistrict(p, [p.sheetRow, plainText(p.name), soeText(p.soes), stageName(p.stage), amount(p.totalWan), amount(p.investedWan)]));
  const projectSection = (title: string, rowLabel: string, projects: readonly SnapshotProject[]): void => {
    line(fillTemplate(title, { n: projects.length }), SECTION_STYLE);
    if (projects.length === 0) {
      line(labels.none);
    } else {
      header(districtHeader([rowLabel, labels.name, labels.soe, labels.stage, labels.totalWan, labels.investedWan]), [0, 4, 5]);
      table(projectRows(projects), districtFormat(['0', null, null, null, amountFormat, amountFormat]));
    }
    row += 1;
  };
  projectSection(labels.added, labels.row, diff.added);
  projectSection(labels.removed, labels.baselineRow, diff.removed);

  line(fillTemplate(labels.stageChanges, { n: diff.stageChanges.length }), SECTION_STYLE);
  if (diff.stageChanges.length === 0) {
    line(labels.none);
  } else {
    header(districtHeader([labels.row, labels.name, labels.soe, labels.from, labels.to]), [0]);
    table(
      diff.stageChanges.map((c) => withDistrict(c.current, [c.current.sheetRow, plainText(c.current.name), soeText(c.current.soes), stageName(c.from), stageName(c.to)])),
      districtFormat(['0', null, null, null, null]),
    );
  }
  row += 1;

  line(fillTemplate(labels.amountChanges, { n: diff.amountChanges.length }), SECTION_STYLE);
  if (diff.amountChanges.length === 0) {
    line(labels.none);
  } else {
    header(
      districtHeader([labels.row, labels.name, labels.soe, labels.totalBefore, labels.totalAfter, labels.totalDelta, labels.investedBefore, labels.investedAfter, labels.investedDelta]),
      [0, 3, 4, 5, 6, 7, 8],
    );
    const columnFormats = districtFormat(['0', null, null, amountFormat, amountFormat, deltaAmountFormat, amountFormat, amountFormat, deltaAmountFormat]);
    table(
      diff.amountChanges.map((c) => withDistrict(c.current, [
        c.current.sheetRow,
        plainText(c.current.name),
        soeText(c.current.soes),
        amount(c.totalWan.before),
        amount(c.totalWan.after),
        amount(c.totalWan.delta),
        amount(c.investedWan.before),
        amount(c.investedWan.after),
        amount(c.investedWan.delta),
      ])),
      columnFormats,
    );
    const { totalWan, investedWan } = diff.amountChangeTotals;
    table(
      [districtFormat([labels.total, null, null, amount(totalWan.before), amount(totalWan.after), amount(totalWan.delta), amount(investedWan.before), amount(investedWan.after), amount(investedWan.delta)])],
      columnFormats,
      TOTAL_STYLE,
    );
  }
  row += 1;

  for (const text of labels.note) line(text, NOTE_STYLE);
  return plan(labels, blocks, headerFormats, options.lang);
}

function plan(labels: Labels, blocks: PlanBlock[], formats: PlanFormat[], lang: Lang): SheetPlan {
  // Printed like the other owned sheets; its title row repeats on every page.
  const pageSetup = pageSetupOf({ lang, title: labels.title }, [], { first: 0, last: 0 });
  const columnWidths = fitColumnWidths(blocks, [], MIN_WIDTHS, MAX_WIDTHS);
  return { role: 'changes', name: labels.sheet, blocks, formats, merges: [], columnWidths, charts: [], pageSetup };
}
