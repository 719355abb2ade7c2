import { formatDataDate } from '../ledger/findDataDate';
import { FIELD_LABELS, STAGE_LABELS } from '../ledger/fieldLabels';
import type { ProjectRow, RowProgress } from '../ledger/types';
import { describeSource } from './mergeIssueMessages';
import type { MergedProject, MergeResult, MergeUnit } from './types';

/** A cell of the merged ledger: a string is literal text (never a formula), a number a value. */
export type MergedCell = string | number | null;

/** The merged ledger as a sheet: optional title row, one header row, one row per project. */
export interface MergedLedgerGrid {
  /** Every row from sheet row 1. */
  readonly grid: readonly (readonly MergedCell[])[];
  /** 0-based index of the header row. */
  readonly headerRowIndex: number;
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
}

/** Options of `mergedLedgerGrid`. */
export interface MergedLedgerGridOptions {
  /** The unit of the amount columns (default 亿元). */
  readonly unit?: MergeUnit;
  /** The data date (YYYY-MM-DD) stated in the title row (截至…); no title row when absent. */
  readonly dataDate?: string;
}

const UNIT_TEXT: Readonly<Record<MergeUnit, string>> = { yi: '亿元', wan: '万元' };
const WAN_PER: Readonly<Record<MergeUnit, number>> = { yi: 10_000, wan: 1 };

/** The source column's header. */
export const SOURCE_HEADER = '来源';
/** The project code column's header (written when a source ledger has codes). */
export const CODE_HEADER = '项目代码';

interface Column {
  readonly header: string;
  readonly width: number;
  readonly value: (p: MergedProject, serial: number) => MergedCell;
}

const label = (field: keyof typeof FIELD_LABELS): string => FIELD_LABELS[field]['zh-CN'];

/**
 * The merged ledger as a grid the project's reader reads back as a ledger: a fixed column order (序号, 项目名称,
 * 合作央企, 所属领域, 项目阶段, 项目类别, 所属地区, 总投资, 累计完成投资, 开工时间, 竣工时间, then the progress columns
 * when a source has them, 项目代码 when one has codes, and 来源), amounts in `unit` with the unit in their header
 * (总投资（亿元）), SOEs by their canonical full names, stages by their canonical labels, and in 来源 every file,
 * sheet and row the project came from. An invested amount of 0 is left blank (the reader reads blank as 0, and an
 * explicit 0 would add a `construction_without_investment` warning no source had).
 * @example mergedLedgerGrid(mergeLedgers(sources)).grid[0] // → ['序号', '项目名称', '合作央企', …, '来源']
 */
export function mergedLedgerGrid(result: MergeResult, options: MergedLedgerGridOptions = {}): MergedLedgerGrid {
  const unit = options.unit ?? 'yi';
  const amount = (wan: number | null): MergedCell => (wan === null ? null : wan / WAN_PER[unit]);
  const date = (d: string | null | undefined): MergedCell => d ?? null;
  const progress = <K extends keyof RowProgress>(p: MergedProject, key: K): RowProgress[K] | null => p.row.progress?.[key] ?? null;
  const money = (text: string): string => `${text}（${UNIT_TEXT[unit]}）`;
  const columns: Column[] = [
    { header: label('serial'), width: 6, value: (_p, serial) => serial },
    { header: label('name'), width: 36, value: (p) => p.row.name },
    { header: label('soe'), width: 28, value: (p) => soeText(p.row) },
    { header: label('sector'), width: 12, value: (p) => p.row.sector },
    { header: label('stage'), width: 12, value: (p) => STAGE_LABELS[p.row.stage]['zh-CN'] },
    { header: label('category'), width: 12, value: (p) => p.row.category },
    { header: label('district'), width: 12, value: (p) => p.row.district },
    { header: money(label('totalInvestment')), width: 14, value: (p) => amount(p.row.totalWan) },
    { header: money(label('investedToDate')), width: 14, value: (p) => (p.row.investedWan === 0 ? null : amount(p.row.investedWan)) },
    { header: label('startDate'), width: 12, value: (p) => date(p.row.startDate) },
    { header: label('completionDate'), width: 14, value: (p) => date(p.row.completionDate) },
  ];
  if (result.projects.some((p) => p.row.progress !== undefined)) {
    columns.push(
      { header: label('signDate'), width: 12, value: (p) => date(progress(p, 'signDate')) },
      { header: label('plannedStartDate'), width: 12, value: (p) => date(progress(p, 'plannedStartDate')) },
      { header: label('actualStartDate'), width: 12, value: (p) => date(progress(p, 'actualStartDate')) },
      { header: label('plannedCompletionDate'), width: 12, value: (p) => date(progress(p, 'plannedCompletionDate')) },
      { header: money(label('annualPlanInvestment')), width: 14, value: (p) => amount(progress(p, 'annualPlanWan')) },
      { header: money(label('yearInvested')), width: 14, value: (p) => amount(progress(p, 'yearInvestedWan')) },
    );
  }
  if (result.projects.some((p) => p.code !== null)) columns.push({ header: CODE_HEADER, width: 20, value: (p) => p.code });
  columns.push({ header: SOURCE_HEADER, width: 40, value: (p) => p.sources.map((s) => describeSource(s)['zh-CN']).join('；') });

  const grid: MergedCell[][] = [];
  if (options.dataDate !== undefined) grid.push([`央地合作项目台账（合并，截至${formatDataDate(options.dataDate, 'zh-CN')}）`]);
  const headerRowIndex = grid.length;
  grid.push(columns.map((c) => c.header));
  result.projects.forEach((p, i) => grid.push(columns.map((c) => c.value(p, i + 1))));
  return { grid, headerRowIndex, columnWidths: columns.map((c) => c.width) };
}

/** The SOEs as one cell: a known group by its canonical full name (read back to the same group), else as written. */
function soeText(row: ProjectRow): string {
  return row.soes.map((s) => (s.isKnown ? s.canonical : s.raw)).join('、');
}
