import { STAGES, STARTED_STAGES, type ProjectRow } from '../ledger/types';
import type { LedgerIssue } from '../validate/types';
import { fsum } from './fsum';
import { reconcile } from './reconcile';
import { sizeBandIndexOfYuan } from './sizeBandOf';
import { ExactSums } from './ExactSums';
import { KeyTable, SoeTable } from './KeyTable';
import { LineTotals } from './LineTotals';
import { toYuan, yuanToWan } from './sumWan';
import { SummarizeInputError } from './SummarizeInputError';
import {
  SIZE_BANDS,
  SOE_ATTRIBUTIONS,
  type BreakdownLine,
  type CrossTab,
  type Figures,
  type JointProjectsNote,
  type SizeBandLine,
  type SoeAttribution,
  type SoeLine,
  type StageLine,
  type Summary,
  type SummarySource,
} from './types';

/** Options of `summarizeRows`. */
export interface SummarizeRowsOptions {
  /** How joint projects are credited in the SOE table (default `full`). */
  readonly soeAttribution?: SoeAttribution;
  /**
   * The ledger has a district column even if every cell is blank. Without it, `byDistrict` is
   * present only when some row has a district.
   */
  readonly hasDistrict?: boolean;
  /** As `hasDistrict`, for the category column. */
  readonly hasCategory?: boolean;
  /** Where the rows came from; default: an unnamed sheet in which every row is a valid data row. */
  readonly source?: SummarySource;
  /** Issues to carry in the summary (default none). */
  readonly issues?: readonly LedgerIssue[];
}

/**
 * Summarise counted project rows: grand total, breakdowns by sector, stage, SOE, district,
 * category and size band, the sector × stage cross-tab, the joint-project note and the
 * reconciliation checks. `summarize` is the same over a `LedgerRead`.
 *
 * Amounts are 万元, each taken to whole 元 and summed as integers (`sumWan`), so the result is
 * the same bit for bit for any order of `rows`. A project naming several SOEs counts once
 * everywhere except in `bySoe` (see `SoeAttribution`). With `split`, a project's amount is
 * divided among its n partners in whole 元; the remainder (< n 元) goes to the first-named
 * partners, so the SOE table still sums exactly to the grand total. Project, started and
 * completed counts are split 1/n.
 * One pass over the rows interns keys to small integer ids and adds into typed arrays.
 * @throws SummarizeInputError `invalid_option` for an unknown attribution, `invalid_stage` /
 *   `invalid_amount` for a row that breaks the `ProjectRow` contract.
 */
export function summarizeRows(rows: readonly ProjectRow[], options: SummarizeRowsOptions = {}): Summary {
  const attribution = options.soeAttribution ?? 'full';
  if (!SOE_ATTRIBUTIONS.includes(attribution)) {
    throw new SummarizeInputError('invalid_option', `summarize: unknown soeAttribution "${String(attribution)}"`);
  }
  const sums = accumulate(rows, attribution);
  return assemble(sums, {
    attribution,
    hasDistrict: options.hasDistrict === true || sums.districts.hasValue,
    hasCategory: options.hasCategory === true || sums.categories.hasValue,
    source: options.source ?? defaultSource(rows.length),
    issues: options.issues ?? [],
  });
}

/* ------------------------------------------------------------------------------------------- */
/* One pass: keys to small integer ids, amounts to whole 元, sums into typed arrays.            */
/* ------------------------------------------------------------------------------------------- */

const STAGE_INDEX = new Map<string, number>(STAGES.map((stage, index) => [stage, index]));
const STAGE_COUNT = STAGES.length;
const STARTED_INDEXES: readonly number[] = STAGES.flatMap((stage, index) => (STARTED_STAGES.includes(stage) ? [index] : []));
const COMPLETED_INDEXES: readonly number[] = [STAGES.indexOf('completed')];

/**
 * A chunk ends before its absolute amount sum could reach 2^52 元, so every plain float64
 * partial sum inside `LineTotals` is an integer below 2^53, hence exact. Real ledgers never get
 * near (2^52 元 ≈ 4.5 × 10⁷ 亿元); the check costs one addition per row.
 */
const CHUNK_LIMIT = 2 ** 52;
/** A row of this weight or more is added alone, in a chunk of its own (adding to 0 is exact). */
const HUGE_WEIGHT = 2 ** 50;

// Imported functions used per row are bound once: CommonJS interop (tsx/esbuild) turns every
// use of an imported binding into a getter call, which V8 does not inline in this loop.
const yuanOf = toYuan;
const bandIndexOf = sizeBandIndexOfYuan;

interface Sums {
  readonly totals: LineTotals;
  readonly sectors: KeyTable;
  readonly districts: KeyTable;
  readonly categories: KeyTable;
  readonly soes: SoeTable;
  /** `split` only, per partner count n ≥ 2: the joint projects each SOE line is named in. */
  readonly soeJointByN: Map<number, LineTotals>;
  /** The SOE table's credited amounts minus the rows' own, in 元: accumulator 0 total, 1 invested. */
  readonly excess: ExactSums;
  readonly jointCount: number;
  readonly projectsExcess: number;
}

/** Fixed lines: the grand total, the five stages, the four size bands. */
const TOTAL_LINE = 0;
const STAGE_LINE = 1;
const BAND_LINE = STAGE_LINE + STAGE_COUNT;
const FIXED_LINES = BAND_LINE + SIZE_BANDS.length;
/** A sector owns its line and, right after it, its five cross-tab lines (one per stage). */
const SECTOR_SPAN = 1 + STAGE_COUNT;
/** Per row: total, stage, band, sector, district, category lines (distinct SOEs tracked), then the cross-tab line. */
const TRACKED_LINES = 6;

function accumulate(rows: readonly ProjectRow[], attribution: SoeAttribution): Sums {
  const sums = new RowSums(attribution === 'split');
  for (let r = 0; r < rows.length; r += 1) sums.add(rows[r] as ProjectRow);
  return sums.finish();
}

/**
 * The running sums of `accumulate`. One method call per row: V8 optimises `add` as a hot function
 * and keeps it optimised from one summary to the next, where a long loop inside one function
 * would be recompiled (on-stack) at every call.
 */
class RowSums {
  private readonly totals = new LineTotals();
  private readonly sectors = new KeyTable(this.totals, SECTOR_SPAN);
  private readonly districts = new KeyTable(this.totals);
  private readonly categories = new KeyTable(this.totals);
  private readonly soes = new SoeTable(this.totals);
  private readonly soeJointByN = new Map<number, LineTotals>();
  private readonly excess = new ExactSums(2);
  private readonly rowLines = new Int32Array(TRACKED_LINES + 1);
  private rowSoeIds = new Int32Array(8);
  private jointCount = 0;
  private projectsExcess = 0;
  private chunkWeight = 0;

  constructor(private readonly isSplit: boolean) {
    this.totals.allocate(FIXED_LINES);
  }

  add(row: ProjectRow): void {
    const { totals, rowLines } = this;
    const stageIndex = STAGE_INDEX.get(row.stage);
    if (stageIndex === undefined) {
      throw new SummarizeInputError('invalid_stage', `summarize: row ${row.sheetRow} has unknown stage "${String(row.stage)}"`);
    }
    const totalYuan = yuanOf(row.totalWan);
    const investedYuan = yuanOf(row.investedWan);
    const weight = Math.abs(totalYuan) + Math.abs(investedYuan);
    if (!(weight < Infinity)) {
      throw new SummarizeInputError(
        'invalid_amount',
        `summarize: row ${row.sheetRow} has a non-finite amount (total ${String(row.totalWan)}, invested ${String(row.investedWan)} 万元)`,
      );
    }
    const isHuge = weight >= HUGE_WEIGHT;
    if (isHuge || this.chunkWeight + weight >= CHUNK_LIMIT) this.flush();
    this.chunkWeight += weight;

    const sectorLine = this.sectors.lineOf(row.sector);
    rowLines[0] = TOTAL_LINE;
    rowLines[1] = STAGE_LINE + stageIndex;
    rowLines[2] = BAND_LINE + bandIndexOf(totalYuan);
    rowLines[3] = sectorLine;
    rowLines[4] = this.districts.lineOf(row.district);
    rowLines[5] = this.categories.lineOf(row.category);
    rowLines[6] = sectorLine + 1 + stageIndex;
    const partners = this.internSoes(row.soes);

    // Interning may have grown the arrays, so they are read from `totals` only now.
    const { counts, total, invested } = totals;
    for (let k = 0; k <= TRACKED_LINES; k += 1) {
      const line = rowLines[k] as number;
      const cell = line * STAGE_COUNT + stageIndex;
      counts[cell] = (counts[cell] as number) + 1;
      total[line] = (total[line] as number) + totalYuan;
      invested[line] = (invested[line] as number) + investedYuan;
    }
    for (let s = 0; s < partners; s += 1) {
      const soeId = this.rowSoeIds[s] as number;
      const { seen, seenLines, seenSoes } = totals;
      for (let k = 0; k < TRACKED_LINES; k += 1) {
        const line = rowLines[k] as number;
        if (line < seenLines && soeId < seenSoes) {
          const cell = line * seenSoes + soeId;
          if (seen[cell] === 0) {
            seen[cell] = 1;
            totals.soes[line] = (totals.soes[line] as number) + 1;
          }
        } else {
          totals.markSoeOutside(line, soeId);
        }
      }
      const soeLine = this.soes.lines[soeId] as number;
      if (!this.isSplit || partners === 1) {
        const cell = soeLine * STAGE_COUNT + stageIndex;
        counts[cell] = (counts[cell] as number) + 1;
        total[soeLine] = (total[soeLine] as number) + totalYuan;
        invested[soeLine] = (invested[soeLine] as number) + investedYuan;
      } else {
        this.jointCounts(partners).countAt(soeLine, stageIndex);
        // Amounts split in whole 元; the first `yuan mod n` partners get 1 元 more.
        total[soeLine] = (total[soeLine] as number) + splitShare(totalYuan, partners, s);
        invested[soeLine] = (invested[soeLine] as number) + splitShare(investedYuan, partners, s);
      }
    }
    if (partners >= 2) this.jointCount += 1;
    // How much more (or, for a row naming no SOE, less) the SOE table credits than the row itself.
    const extra = (this.isSplit ? Math.min(partners, 1) : partners) - 1;
    if (extra !== 0) this.addExcess(extra, totalYuan, investedYuan);
    // A huge row went into zeroed chunk cells (exact); it leaves before the next row comes.
    if (isHuge) this.flush();
  }

  finish(): Sums {
    this.flush();
    const { totals, sectors, districts, categories, soes, soeJointByN, excess, jointCount, projectsExcess } = this;
    return { totals, sectors, districts, categories, soes, soeJointByN, excess, jointCount, projectsExcess };
  }

  /** The row's SOEs into `rowSoeIds`, distinct by canonical name (a repeat is ignored); returns their number. */
  private internSoes(refs: ProjectRow['soes']): number {
    if (refs.length > this.rowSoeIds.length) this.rowSoeIds = new Int32Array(refs.length);
    const ids = this.rowSoeIds;
    let partners = 0;
    for (let s = 0; s < refs.length; s += 1) {
      const ref = refs[s] as ProjectRow['soes'][number];
      const id = this.soes.idOf(ref.canonical, ref.shortName, ref.isKnown);
      let isRepeat = false;
      for (let t = 0; t < partners; t += 1) if (ids[t] === id) isRepeat = true;
      if (!isRepeat) ids[partners++] = id;
    }
    return partners;
  }

  private jointCounts(partners: number): LineTotals {
    let joint = this.soeJointByN.get(partners);
    if (joint === undefined) this.soeJointByN.set(partners, (joint = new LineTotals(0)));
    return joint;
  }

  private addExcess(extra: number, totalYuan: number, investedYuan: number): void {
    this.projectsExcess += extra;
    const sign = extra > 0 ? 1 : -1;
    for (let k = 0; k < Math.abs(extra); k += 1) {
      this.excess.add(0, sign * totalYuan);
      this.excess.add(1, sign * investedYuan);
    }
  }

  private flush(): void {
    this.totals.flush();
    this.chunkWeight = 0;
  }
}

/** Partner `index`'s share of `yuan` split n ways in whole 元; the first `yuan mod n` partners get 1 元 more. */
function splitShare(yuan: number, n: number, index: number): number {
  const base = Math.floor(yuan / n);
  const remainder = yuan - base * n;
  return index < remainder ? base + 1 : base;
}

/* ------------------------------------------------------------------------------------------- */
/* Assembly: lines, sorting, cross-tab, note, reconciliation.                                  */
/* ------------------------------------------------------------------------------------------- */

interface AssembleContext {
  readonly attribution: SoeAttribution;
  readonly hasDistrict: boolean;
  readonly hasCategory: boolean;
  readonly source: SummarySource;
  readonly issues: readonly LedgerIssue[];
}

function assemble(sums: Sums, context: AssembleContext): Summary {
  const { totals } = sums;
  const grandTotalWan = totals.totalWan(TOTAL_LINE);
  const lineFigures = (line: number): Figures =>
    figures(
      {
        projects: totals.projects(line),
        soes: totals.soeCount(line),
        started: totals.projects(line, STARTED_INDEXES),
        completed: totals.projects(line, COMPLETED_INDEXES),
        totalWan: totals.totalWan(line),
        investedWan: totals.investedWan(line),
      },
      grandTotalWan,
    );
  const keyedLines = (table: KeyTable): { line: number; figures: BreakdownLine }[] =>
    table.keys
      .map((key, i) => {
        const line = table.lines[i] as number;
        return { line, figures: { key, ...lineFigures(line) } };
      })
      .sort((a, b) => compareLines(a.figures, b.figures));

  const sectorLines = keyedLines(sums.sectors);
  const bySector = sectorLines.map((entry) => entry.figures);
  const crossTab: CrossTab = {
    sectors: bySector.map((line) => line.key ?? ''),
    stages: STAGES,
    projects: sectorLines.map(({ line }) => STAGES.map((_, j) => totals.projects(line + 1 + j))),
    totalWan: sectorLines.map(({ line }) => STAGES.map((_, j) => totals.totalWan(line + 1 + j))),
  };
  const parts = {
    totals: lineFigures(TOTAL_LINE),
    bySector,
    byStage: STAGES.map((key, index): StageLine => ({ key, ...lineFigures(STAGE_LINE + index) })),
    byDistrict: context.hasDistrict ? keyedLines(sums.districts).map((entry) => entry.figures) : null,
    byCategory: context.hasCategory ? keyedLines(sums.categories).map((entry) => entry.figures) : null,
    bySizeBand: SIZE_BANDS.map((key, index): SizeBandLine => ({ key, ...lineFigures(BAND_LINE + index) })),
    crossTab,
  };
  const jointProjects: JointProjectsNote = {
    attribution: context.attribution,
    count: sums.jointCount,
    projectsExcess: sums.projectsExcess,
    totalWanExcess: yuanToWan(sums.excess.value(0)),
    investedWanExcess: yuanToWan(sums.excess.value(1)),
  };
  return {
    source: context.source,
    soeAttribution: context.attribution,
    ...parts,
    bySoe: soeLines(sums, grandTotalWan),
    jointProjects,
    reconciliation: reconcile(parts),
    issues: context.issues,
  };
}

function soeLines(sums: Sums, grandTotalWan: number): SoeLine[] {
  const { totals, soes, soeJointByN } = sums;
  // With `split`, a joint project with n partners credits 1/n; counts are kept per n and divided
  // only here, so the result is exact and independent of row order.
  const credit = (line: number, stages?: readonly number[]): number => {
    const parts = [totals.projects(line, stages)];
    for (const [n, joint] of soeJointByN) parts.push(joint.projects(line, stages) / n);
    return fsum(parts);
  };
  return soes.canonical
    .map((key, id) => {
      const line = soes.lines[id] as number;
      return {
        key,
        shortName: soes.shortName[id] as string,
        isKnown: soes.isKnown[id] as boolean,
        ...figures(
          {
            projects: credit(line),
            soes: 1,
            started: credit(line, STARTED_INDEXES),
            completed: credit(line, COMPLETED_INDEXES),
            totalWan: totals.totalWan(line),
            investedWan: totals.investedWan(line),
          },
          grandTotalWan,
        ),
      };
    })
    .sort(compareLines);
}

function figures(base: Omit<Figures, 'investedShare' | 'shareOfTotal'>, grandTotalWan: number): Figures {
  return {
    ...base,
    investedShare: base.totalWan === 0 ? null : base.investedWan / base.totalWan,
    shareOfTotal: grandTotalWan === 0 ? null : base.totalWan / grandTotalWan,
  };
}

/** Total investment descending, then key in code-unit order (locale-independent); blank key last. */
function compareLines(a: { key: string | null; totalWan: number }, b: { key: string | null; totalWan: number }): number {
  if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
  if (a.totalWan !== b.totalWan) return a.totalWan > b.totalWan ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function defaultSource(rowCount: number): SummarySource {
  return {
    sheet: '',
    headerRows: 0,
    dataRows: rowCount,
    unit: null,
    counts: { dataRows: rowCount, validRows: rowCount, warningRows: 0, errorRows: 0, skippedRows: 0 },
  };
}
