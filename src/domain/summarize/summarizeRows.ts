import { STAGES, STARTED_STAGES, type ProjectRow } from '../ledger/types';
import type { LedgerIssue } from '../validate/types';
import { fsum } from './fsum';
import { reconcile } from './reconcile';
import { sizeBandIndexOfYuan } from './sizeBandOf';
import { ExactSums } from './ExactSums';
import { KeyTable, PairTable, SoeTable } from './KeyTable';
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
 * One pass over the rows interns keys to small integer ids and adds into typed arrays; each row
 * goes to two lines, from which the others are rolled up (`RowSums`).
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

const STAGE_COUNT = STAGES.length;
const BAND_COUNT = SIZE_BANDS.length;
const STARTED_INDEXES: readonly number[] = STAGES.flatMap((stage, index) => (STARTED_STAGES.includes(stage) ? [index] : []));
const COMPLETED_INDEXES: readonly number[] = [STAGES.indexOf('completed')];

/**
 * Stage index by the code's length: the five stage codes have five different lengths, so one
 * array read and one comparison find a row's stage, where a Map lookup costs several times more.
 */
const STAGE_BY_LENGTH: number[] = [];
STAGES.forEach((stage, index) => {
  if (STAGE_BY_LENGTH[stage.length] !== undefined) throw new Error(`summarize: stage codes must differ in length (${stage})`);
  STAGE_BY_LENGTH[stage.length] = index;
});
// Read per row; a module constant, not the import (see `yuanOf`).
const STAGE_CODES: readonly string[] = [...STAGES];

/** Index of `stage` in `STAGES`, or -1 when it is not a stage code. */
function stageIndexOf(stage: unknown): number {
  if (typeof stage !== 'string') return -1;
  const index = STAGE_BY_LENGTH[stage.length];
  return index !== undefined && STAGE_CODES[index] === stage ? index : -1;
}

/**
 * A chunk ends before its absolute amount sum could reach 2^52 元, so every plain float64
 * partial sum inside `LineTotals`, and every sum of such partial sums, is an integer below 2^53,
 * hence exact. Real ledgers never get near (2^52 元 ≈ 4.5 × 10⁷ 亿元); the check costs one
 * addition per row.
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
const FIXED_LINES = BAND_LINE + BAND_COUNT;
/**
 * A sector's lines: its own, its five cross-tab lines (one per stage), then one cell line per
 * stage × size band, which is the only one rows are added to.
 */
const CROSS_TAB_OFFSET = 1;
const CELL_OFFSET = CROSS_TAB_OFFSET + STAGE_COUNT;
const SECTOR_SPAN = CELL_OFFSET + STAGE_COUNT * BAND_COUNT;

function accumulate(rows: readonly ProjectRow[], attribution: SoeAttribution): Sums {
  const sums = new RowSums(attribution === 'split');
  for (let r = 0; r < rows.length; r += 1) sums.add(rows[r] as ProjectRow);
  return sums.finish();
}

/**
 * The running sums of `accumulate`. A row is added to two lines only: its cell (sector × stage ×
 * size band) and its district × category pair, plus its SOEs' lines. Every other line (grand
 * total, stage, size band, sector, cross-tab, district, category) is a sum of cells or pairs,
 * rolled up when a chunk ends (amounts, exact: see `CHUNK_LIMIT`) and at the end (project counts
 * and distinct SOEs). That is 2 line updates and 2 distinct-SOE marks per row instead of 7 and 6.
 * One method call per row: V8 optimises `add` as a hot function and keeps it optimised from one
 * summary to the next, where a long loop inside one function would be recompiled (on-stack).
 */
class RowSums {
  private readonly totals = new LineTotals();
  private readonly sectors = new KeyTable(this.totals, SECTOR_SPAN);
  private readonly districts = new KeyTable(this.totals);
  private readonly categories = new KeyTable(this.totals);
  private readonly pairs = new PairTable(this.totals);
  private readonly soes = new SoeTable(this.totals);
  private readonly soeJointByN = new Map<number, LineTotals>();
  private readonly excess = new ExactSums(2);
  private rowSoeIds = new Int32Array(8);
  private jointCount = 0;
  private projectsExcess = 0;
  private chunkWeight = 0;

  constructor(private readonly isSplit: boolean) {
    this.totals.allocate(FIXED_LINES);
  }

  add(row: ProjectRow): void {
    const stageIndex = stageIndexOf(row.stage);
    if (stageIndex < 0) {
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

    const sectors = this.sectors;
    const cell = (sectors.lines[sectors.idOf(row.sector)] as number) + CELL_OFFSET + stageIndex * BAND_COUNT + bandIndexOf(totalYuan);
    const pair = this.pairs.lineOf(this.districts.idOf(row.district), this.categories.idOf(row.category));
    this.addToLine(cell, stageIndex, totalYuan, investedYuan);
    this.addToLine(pair, stageIndex, totalYuan, investedYuan);
    const refs = row.soes;
    if (refs.length === 1) {
      // Most projects name one SOE: no list of ids, no repeat check, no joint bookkeeping.
      const ref = refs[0] as ProjectRow['soes'][number];
      const soeId = this.soes.idOf(ref);
      this.markSoe(cell, pair, soeId);
      this.addToLine(this.soes.lines[soeId] as number, stageIndex, totalYuan, investedYuan);
    } else {
      this.addSoes(refs, cell, pair, stageIndex, totalYuan, investedYuan);
    }
    // A huge row went into zeroed chunk cells (exact); it leaves before the next row comes.
    if (isHuge) this.flush();
  }

  /** Add a row to a line. Reads the arrays from `totals` each time: interning may have grown them. */
  private addToLine(line: number, stageIndex: number, totalYuan: number, investedYuan: number): void {
    const { counts, total, invested } = this.totals;
    counts[line * STAGE_COUNT + stageIndex] = (counts[line * STAGE_COUNT + stageIndex] as number) + 1;
    total[line] = (total[line] as number) + totalYuan;
    invested[line] = (invested[line] as number) + investedYuan;
  }

  /**
   * Mark SOE `soeId` on the row's cell and pair. Only the lines rolled up from them report
   * distinct SOEs, so the bits are set without counting (`rollUpSoes` counts).
   */
  private markSoe(cell: number, pair: number, soeId: number): void {
    const { totals } = this;
    const { seen, seenLines, seenWords } = totals;
    if (cell < seenLines && pair < seenLines && soeId < seenWords * 32) {
      const word = soeId >>> 5;
      const bit = 1 << (soeId & 31);
      seen[cell * seenWords + word] = (seen[cell * seenWords + word] as number) | bit;
      seen[pair * seenWords + word] = (seen[pair * seenWords + word] as number) | bit;
    } else {
      totals.markSoe(cell, soeId);
      totals.markSoe(pair, soeId);
    }
  }

  /** Credit a row naming no SOE, or several, to its SOEs' lines, in full or split, and keep the joint-project note. */
  private addSoes(
    refs: ProjectRow['soes'],
    cell: number,
    pair: number,
    stageIndex: number,
    totalYuan: number,
    investedYuan: number,
  ): void {
    const partners = this.internSoes(refs);
    for (let s = 0; s < partners; s += 1) {
      const soeId = this.rowSoeIds[s] as number;
      this.markSoe(cell, pair, soeId);
      const soeLine = this.soes.lines[soeId] as number;
      if (!this.isSplit || partners === 1) {
        this.addToLine(soeLine, stageIndex, totalYuan, investedYuan);
      } else {
        this.jointCounts(partners).countAt(soeLine, stageIndex);
        // Amounts split in whole 元; the first `yuan mod n` partners get 1 元 more.
        const { total, invested } = this.totals;
        total[soeLine] = (total[soeLine] as number) + splitShare(totalYuan, partners, s);
        invested[soeLine] = (invested[soeLine] as number) + splitShare(investedYuan, partners, s);
      }
    }
    if (partners >= 2) this.jointCount += 1;
    // How much more (or, for a row naming no SOE, less) the SOE table credits than the row itself.
    const extra = (this.isSplit ? Math.min(partners, 1) : partners) - 1;
    if (extra !== 0) this.addExcess(extra, totalYuan, investedYuan);
  }

  finish(): Sums {
    this.flush();
    this.rollUpCounts();
    this.rollUpSoes();
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
      const id = this.soes.idOf(ref);
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

  /** End the chunk: roll its amounts up from cells and pairs, then fold every line into the exact sums. */
  private flush(): void {
    const { totals } = this;
    this.rollUp((from, to) => {
      totals.total[to] = (totals.total[to] as number) + (totals.total[from] as number);
      totals.invested[to] = (totals.invested[to] as number) + (totals.invested[from] as number);
    });
    totals.flush();
    this.chunkWeight = 0;
  }

  /** Project counts per stage, rolled up from cells and pairs once all rows are in. */
  private rollUpCounts(): void {
    const { counts } = this.totals;
    this.rollUp((from, to) => {
      for (let stage = 0; stage < STAGE_COUNT; stage += 1) {
        counts[to * STAGE_COUNT + stage] = (counts[to * STAGE_COUNT + stage] as number) + (counts[from * STAGE_COUNT + stage] as number);
      }
    });
  }

  /** Distinct SOEs of every rolled-up line: each SOE marked on a cell or pair is marked on the lines it rolls up to. */
  private rollUpSoes(): void {
    const { totals } = this;
    const soeCount = this.soes.canonical.length;
    this.rollUp((from, to) => totals.unionSoes(from, to, soeCount));
  }

  /**
   * Call `add(from, to)` for every line `from` that rolls up into line `to`: a cell into its
   * cross-tab line and size band; a cross-tab line into its sector and stage; a sector into the
   * grand total; a pair into its district and category. Sources come before the lines they
   * feed, so sums (and unions) reach the grand total in one pass.
   */
  private rollUp(add: (from: number, to: number) => void): void {
    for (const sector of this.sectors.lines) {
      for (let stage = 0; stage < STAGE_COUNT; stage += 1) {
        const crossTab = sector + CROSS_TAB_OFFSET + stage;
        for (let band = 0; band < BAND_COUNT; band += 1) {
          const cell = sector + CELL_OFFSET + stage * BAND_COUNT + band;
          add(cell, crossTab);
          add(cell, BAND_LINE + band);
        }
        add(crossTab, STAGE_LINE + stage);
        add(crossTab, sector);
      }
      add(sector, TOTAL_LINE);
    }
    const { pairs } = this;
    for (let i = 0; i < pairs.lines.length; i += 1) {
      const pair = pairs.lines[i] as number;
      add(pair, this.districts.lines[pairs.first[i] as number] as number);
      add(pair, this.categories.lines[pairs.second[i] as number] as number);
    }
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
