import * as cellTextModule from '../ledger/cellText';
import * as matchSoesModule from '../ledger/matchSoes';
import * as normalizeTextModule from '../ledger/normalizeText';
import * as parseAmountModule from '../ledger/parseAmount';
import type { AmountParse } from '../ledger/parseAmount';
import * as parseLedgerDateModule from '../ledger/parseLedgerDate';
import type { DateParse, DateSystem } from '../ledger/parseLedgerDate';
import * as parseStageModule from '../ledger/parseStage';
import * as placeholdersModule from '../ledger/placeholders';
import * as lookupRegionModule from '../reference/lookupRegion';
import type { SoeAliasRelation } from '../reference/types';
import type { AmountUnit, CellValue, ColumnMapping, ColumnRef, LedgerDate, ProjectRow, RowProgress, SoeRef, Stage } from '../ledger/types';
import { FORMULA_NOT_CALCULATED } from '../ledger/types';
import * as createIssueModule from './createIssue';
import type { IssueAt } from './createIssue';
import { ISSUE_SEVERITY, type IssueCode, type IssueParams } from './issueMessages';
import type { IssueSink } from './issueStore';
import type { LedgerIssue } from './types';

// Performance: hot imports bound once to module constants. Under tsx/esbuild's CommonJS output each call to an
// imported function otherwise goes through an export getter, a measurable share of a 100,000-row read.
const { cellText, isBlankCell } = cellTextModule;
const { matchSoeCell } = matchSoesModule;
const { normalizeText } = normalizeTextModule;
const { parseAmount } = parseAmountModule;
const { compareLedgerDates, dateCellIn1900, parseLedgerDate } = parseLedgerDateModule;
const { parseStage } = parseStageModule;
const { isPlaceholder } = placeholdersModule;
const { lookupRegion } = lookupRegionModule;
const { createIssue } = createIssueModule;

/** What `validateRow` needs to know about the sheet, built once per read. */
export interface RowContext {
  readonly columns: ColumnMapping;
  /** Unit of each amount column (its header's, else the unit line's, else 万元). */
  readonly totalUnit: AmountUnit;
  readonly investedUnit: AmountUnit;
  /** Units of 年度计划投资 and 本年完成投资 (issue 17); 万元 when not given. */
  readonly annualPlanUnit?: AmountUnit;
  readonly yearInvestedUnit?: AmountUnit;
  /** Allowed sector / district keys (see `allowedKey`), `null` for no check. */
  readonly allowedSectors: ReadonlySet<string> | null;
  readonly allowedDistricts: ReadonlySet<string> | null;
  /** The workbook's date system (`ReadOptions.dateSystem`); absent: 1900. */
  readonly dateSystem?: DateSystem;
  /**
   * Where the row's issues go, unbuilt (`IssueStore`), in the order found: then `RowResult.issues` is empty and the
   * sink's owner sorts the row's issues by column. Absent: each issue is built and returned, sorted.
   */
  readonly issueSink?: IssueSink;
}

/** The outcome for one project row: the row when it has no error, and every issue of the row in column order. */
export interface RowResult {
  readonly row: ProjectRow | null;
  readonly issues: readonly LedgerIssue[];
  readonly hasWarning: boolean;
}

/** Issues of one row as they are found, with error and warning tallies. A plain object (hot path: one per row). */
interface RowIssues {
  /** Where the issues go instead of `list` (`RowContext.issueSink`). */
  sink: IssueSink | null;
  list: LedgerIssue[] | null;
  errors: number;
  warnings: number;
}

function addIssue<C extends IssueCode>(issues: RowIssues, code: C, params: IssueParams[C], at: IssueAt): void {
  if (issues.sink !== null) issues.sink.add(code, params, at);
  else if (issues.list === null) issues.list = [createIssue(code, params, at)];
  else issues.list.push(createIssue(code, params, at));
  const severity = ISSUE_SEVERITY[code];
  if (severity === 'error') issues.errors++;
  else if (severity === 'warning') issues.warnings++;
}

function sortedIssues(issues: RowIssues): readonly LedgerIssue[] {
  const list = issues.list;
  if (list === null) return NO_ISSUES;
  if (list.length > 1) list.sort(byColumn);
  return list;
}

const NO_ISSUES: readonly LedgerIssue[] = Object.freeze([]);
const SCRATCH: RowIssues = { sink: null, list: null, errors: 0, warnings: 0 };

/**
 * Parse and check one project row (DOMAIN.md §5, issue 4 §3–§4). Errors (the row is excluded): a required value
 * missing or a placeholder (`required_missing`), an unreadable total (`amount_invalid`, `amount_range`,
 * `amount_foreign_currency`), a negative amount (`amount_negative`), an unknown stage (`stage_unknown`).
 * Warnings (counted): `amount_approximate`, `invested_unreadable` (counted as 0), `soe_unknown`, `soe_not_sasac`,
 * `date_invalid`, `date_ambiguous`, `sector_not_allowed`, `district_not_allowed`, and, on rows without errors,
 * `invested_exceeds_total`, `dates_reversed`, `completed_without_date`, `invested_before_start` and
 * `construction_without_investment` (only for an explicit 0; a blank cell is "not reported", not zero).
 * Duplicates and outliers need the whole sheet and are checked by the reader.
 */
export function validateRow(rowCells: readonly CellValue[], sheetRow: number, ctx: RowContext): RowResult {
  // A 1904-system grid: the date fields' serials as 1900 serials, in a copy (issues then show the dates' 1900
  // serials, as the .xlsx reader gives them); amounts and every other field are left as they are.
  const cells = ctx.dateSystem === 1904 ? datesIn1900(rowCells, ctx.columns) : rowCells;
  // Performance: one scratch tally reused by every row (validateRow is synchronous and not re-entrant); the
  // issue list itself is a fresh array per row, created only when the row has an issue.
  const issues = SCRATCH;
  issues.sink = ctx.issueSink ?? null;
  issues.list = null;
  issues.errors = 0;
  issues.warnings = 0;
  const cols = ctx.columns;
  if (cells.includes(FORMULA_NOT_CALCULATED)) {
    if (notCalculated(cells, sheetRow, cols, issues)) return { row: null, issues: sortedIssues(issues), hasWarning: false };
  }
  // Performance: no closures here — tsx/esbuild's keepNames wraps each one in a defineProperty call per row.

  // Name: as written (trimmed, spaces collapsed; Ⅳ, Ⅴ kept). Sector: width-normalised.
  const nameCol = cols.name;
  const nameValue = cellOf(cells, nameCol);
  let name: string | null = null;
  let nameNormal = '';
  if (nameCol !== undefined) {
    name = displayText(nameValue);
    nameNormal = normalizeText(name);
    if (name === '' || isPlaceholder(nameNormal)) name = missing(issues, sheetRow, 'name', nameCol, nameValue);
  }

  const soeCol = cols.soe;
  let soes: readonly SoeRef[] | null = null;
  if (soeCol !== undefined) {
    const value = cells[soeCol.index];
    const match = matchSoeCell(value);
    if (match.refs.length === 0) missing(issues, sheetRow, 'soe', soeCol, value);
    else soes = match.refs;
    for (const f of match.findings) {
      if (f.kind === 'not_sasac') {
        addIssue(issues, 'soe_not_sasac', { name: f.raw, fullName: f.candidates[0]?.fullName ?? f.raw }, at(sheetRow, soeCol, value));
      } else {
        const reason = f.relation === null ? 'unknown' : flaggedReason(f.relation);
        addIssue(issues, 'soe_unknown', { name: f.raw, reason, candidates: f.candidates.map(shortNameOf) }, at(sheetRow, soeCol, value));
      }
    }
  }

  const sectorCol = cols.sector;
  let sector: string | null = null;
  if (sectorCol !== undefined) {
    const value = cells[sectorCol.index];
    sector = normalizeText(cellText(value));
    if (sector === '' || isPlaceholder(sector)) sector = missing(issues, sheetRow, 'sector', sectorCol, value);
    else if (ctx.allowedSectors !== null && !ctx.allowedSectors.has(allowedKey(sector))) {
      addIssue(issues, 'sector_not_allowed', { value: sector }, at(sheetRow, sectorCol, value));
    }
  }

  const stageCol = cols.stage;
  let stage: Stage | null = null;
  let stageRaw = '';
  if (stageCol !== undefined) {
    const value = cells[stageCol.index];
    const parsed = parseStage(value);
    stageRaw = displayText(value);
    if (parsed.kind === 'missing') missing(issues, sheetRow, 'stage', stageCol, value);
    else if (parsed.kind === 'unknown') addIssue(issues, 'stage_unknown', { raw: stageRaw, suggestion: parsed.suggestion }, at(sheetRow, stageCol, value));
    else stage = parsed.stage;
  }

  const totalCol = cols.totalInvestment;
  let totalWan = NaN;
  let totalApprox = false;
  if (totalCol !== undefined) {
    const value = cells[totalCol.index];
    // Performance: a plain non-negative number needs no parsing and no result object.
    const fastWan = typeof value === 'number' && value >= 0 ? scaleToWan(value, ctx.totalUnit) : NaN;
    if (fastWan < Infinity) {
      totalWan = fastWan;
    } else {
      const parsed = parseAmount(value, ctx.totalUnit);
      const ok = parsed.kind === 'missing' ? missing(issues, sheetRow, 'totalInvestment', totalCol, value) : checkAmount(parsed, totalCol, ctx.totalUnit, value, true, issues, sheetRow);
      if (ok !== null) {
        totalWan = ok.wan;
        totalApprox = ok.isApproximate;
      }
    }
  }

  // Invested to date is optional: blank or absent is 0; unreadable is a warning and counts as 0.
  const investedCol = cols.investedToDate;
  let investedWan = 0;
  let investedApprox = false;
  let isInvestedExplicit = false;
  if (investedCol !== undefined) {
    const value = cells[investedCol.index];
    const fastWan = typeof value === 'number' && value >= 0 ? scaleToWan(value, ctx.investedUnit) : NaN;
    if (fastWan < Infinity) {
      investedWan = fastWan;
      isInvestedExplicit = true;
    } else {
      const parsed = parseAmount(value, ctx.investedUnit);
      const ok = parsed.kind === 'missing' ? null : checkAmount(parsed, investedCol, ctx.investedUnit, value, false, issues, sheetRow);
      if (ok !== null) {
        investedWan = ok.wan;
        investedApprox = ok.isApproximate;
        isInvestedExplicit = true;
      }
    }
  }

  const start = readDate(cols.startDate, cells, issues, sheetRow);
  const completion = readDate(cols.completionDate, cells, issues, sheetRow);
  const category = optionalText(cellOf(cells, cols.category));
  const districtCol = cols.district;
  let district: string | null = null;
  if (districtCol !== undefined) {
    const value = cells[districtCol.index];
    district = districtOf(value);
    if (district !== null && ctx.allowedDistricts !== null && !ctx.allowedDistricts.has(allowedKey(district))) {
      addIssue(issues, 'district_not_allowed', { value: district }, at(sheetRow, districtCol, value));
    }
  }

  const startDate: LedgerDate | null = start.kind === 'ok' ? start.start : null;
  let completionDate: LedgerDate | null = completion.kind === 'ok' ? (completion.end ?? completion.start) : null;
  // A 建设起止年限 range in the start column also gives the completion date when the sheet gives none.
  if (start.kind === 'ok' && start.end !== undefined && completion.kind === 'missing') completionDate = start.end;

  // NaN total: the column is absent or the cell was unreadable (already reported).
  if (issues.errors > 0 || name === null || soes === null || sector === null || stage === null || !(totalWan >= 0)) {
    return { row: null, issues: sortedIssues(issues), hasWarning: issues.warnings > 0 };
  }

  // Cross-field warnings, on rows without errors only.
  const investedRaw = cellOf(cells, investedCol);
  if (investedCol !== undefined && investedWan > totalWan) {
    addIssue(issues, 'invested_exceeds_total', { investedWan, totalWan, investedUnit: ctx.investedUnit, totalUnit: ctx.totalUnit }, at(sheetRow, investedCol, investedRaw));
  }
  if (startDate !== null && completionDate !== null && compareLedgerDates(completionDate, startDate) < 0) {
    const col = cols.completionDate ?? cols.startDate ?? null;
    addIssue(issues, 'dates_reversed', { start: startDate, completion: completionDate }, at(sheetRow, col, cellOf(cells, col ?? undefined)));
  }
  if (stage === 'completed' && cols.completionDate !== undefined && completion.kind === 'missing' && completionDate === null) {
    addIssue(issues, 'completed_without_date', { stageRaw }, at(sheetRow, cols.completionDate, cellOf(cells, cols.completionDate)));
  }
  const isStarted = stage === 'construction' || stage === 'completed';
  if (!isStarted && investedCol !== undefined && investedWan > 0) {
    addIssue(issues, 'invested_before_start', { stageRaw, investedWan, unit: ctx.investedUnit }, at(sheetRow, investedCol, investedRaw));
  }
  if (stage === 'construction' && investedCol !== undefined && isInvestedExplicit && investedWan === 0) {
    addIssue(issues, 'construction_without_investment', { stageRaw }, at(sheetRow, investedCol, investedRaw));
  }

  const row: { -readonly [K in keyof ProjectRow]: ProjectRow[K] } = {
    sheetRow,
    name,
    nameKey: keyOfNormal(nameNormal),
    soes,
    sector,
    stage,
    stageRaw,
    category,
    district,
    totalWan: totalWan,
    investedWan,
    startDate,
    completionDate,
    isApproximate: totalApprox || investedApprox,
  };
  // Performance: the property is added to the literal, not spread into a copy: a row made by `{ ...row, progress }`
  // was 10 times slower to read in every later pass (measured on 100,000 rows under tsx).
  if (hasProgressColumn(cols)) row.progress = readProgress(cells, ctx, issues, sheetRow);
  return { row, issues: sortedIssues(issues), hasWarning: issues.warnings > 0 };
}

/** The date fields, whose numbers are serials in the workbook's date system. */
const DATE_FIELDS = ['startDate', 'completionDate', 'signDate', 'plannedStartDate', 'actualStartDate', 'plannedCompletionDate'] as const;

/** A copy of a 1904-system row with the date fields' cells as 1900-system cells (`dateCellIn1900`). */
function datesIn1900(cells: readonly CellValue[], cols: ColumnMapping): readonly CellValue[] {
  let copy: CellValue[] | null = null;
  for (const field of DATE_FIELDS) {
    const col = cols[field];
    if (col === undefined) continue;
    const value = cells[col.index];
    if (value === undefined) continue;
    const moved = dateCellIn1900(value, 1904);
    if (moved === value) continue;
    copy ??= cells.slice();
    copy[col.index] = moved;
  }
  return copy ?? cells;
}

function hasProgressColumn(cols: ColumnMapping): boolean {
  return (
    cols.signDate !== undefined ||
    cols.plannedStartDate !== undefined ||
    cols.actualStartDate !== undefined ||
    cols.plannedCompletionDate !== undefined ||
    cols.annualPlanInvestment !== undefined ||
    cols.yearInvested !== undefined
  );
}

/**
 * The optional issue-17 columns of a row without errors: dates as `readDate` reads them (with its warnings), amounts
 * in their column's unit; an unreadable amount is `invested_unreadable` and `null` (not 0: a missing plan is no plan).
 */
function readProgress(cells: readonly CellValue[], ctx: RowContext, issues: RowIssues, sheetRow: number): RowProgress {
  const cols = ctx.columns;
  return {
    signDate: dateStart(readDate(cols.signDate, cells, issues, sheetRow)),
    plannedStartDate: dateStart(readDate(cols.plannedStartDate, cells, issues, sheetRow)),
    actualStartDate: dateStart(readDate(cols.actualStartDate, cells, issues, sheetRow)),
    plannedCompletionDate: dateEnd(readDate(cols.plannedCompletionDate, cells, issues, sheetRow)),
    annualPlanWan: optionalAmount(cols.annualPlanInvestment, cells, ctx.annualPlanUnit ?? 'wan', issues, sheetRow),
    yearInvestedWan: optionalAmount(cols.yearInvested, cells, ctx.yearInvestedUnit ?? 'wan', issues, sheetRow),
  };
}

function dateStart(parsed: DateParse): LedgerDate | null {
  return parsed.kind === 'ok' ? parsed.start : null;
}

function dateEnd(parsed: DateParse): LedgerDate | null {
  return parsed.kind === 'ok' ? (parsed.end ?? parsed.start) : null;
}

function optionalAmount(col: ColumnRef | undefined, cells: readonly CellValue[], unit: AmountUnit, issues: RowIssues, sheetRow: number): number | null {
  if (col === undefined) return null;
  const value = cells[col.index];
  if (typeof value === 'number' && value >= 0) return scaleToWan(value, unit);
  const parsed = parseAmount(value, unit);
  if (parsed.kind === 'missing') return null;
  return checkAmount(parsed, col, unit, value, false, issues, sheetRow)?.wan ?? null;
}

type RequiredField = 'name' | 'soe' | 'sector' | 'stage' | 'totalInvestment';

/**
 * A row with a formula that was never calculated in a mapped column: not counted (its figures are
 * unknown), one `formula_not_calculated` per such column. False when no mapped column has one.
 */
function notCalculated(cells: readonly CellValue[], sheetRow: number, cols: ColumnMapping, issues: RowIssues): boolean {
  let found = false;
  for (const col of Object.values(cols)) {
    if (col !== undefined && cells[col.index] === FORMULA_NOT_CALCULATED) {
      addIssue(issues, 'formula_not_calculated', { header: col.header }, { sheetRow, column: col, raw: null });
      found = true;
    }
  }
  return found;
}

function missing(issues: RowIssues, sheetRow: number, field: RequiredField, col: ColumnRef, value: CellValue): null {
  const raw = isBlankCell(value) ? '' : normalizeText(cellText(value));
  addIssue(issues, 'required_missing', { field, header: col.header, raw }, { sheetRow, column: col, raw: value });
  return null;
}

function at(sheetRow: number, column: ColumnRef | null, raw: CellValue): IssueAt {
  return { sheetRow, column, raw };
}

function cellOf(cells: readonly CellValue[], col: ColumnRef | undefined): CellValue {
  return col === undefined ? undefined : cells[col.index];
}

function byColumn(a: LedgerIssue, b: LedgerIssue): number {
  return (a.column?.index ?? -1) - (b.column?.index ?? -1);
}

function shortNameOf(g: { readonly shortName: string }): string {
  return g.shortName;
}

/** Same scaling as `parseAmount` for a number cell (元 divides, so 12 元 is exactly 0.0012 万元). */
function scaleToWan(n: number, unit: AmountUnit): number {
  const wan = unit === 'wan' ? n : unit === 'yi' ? n * 1e4 : n / 1e4;
  return wan === 0 ? 0 : wan;
}

interface AmountOk {
  readonly wan: number;
  readonly isApproximate: boolean;
}

/** Shared amount rules; an unreadable total is an error, an unreadable invested amount a warning. */
function checkAmount(
  parsed: Exclude<AmountParse, { kind: 'missing' }>,
  col: ColumnRef,
  unit: AmountUnit,
  value: CellValue,
  isTotal: boolean,
  issues: RowIssues,
  sheetRow: number,
): AmountOk | null {
  const at = { sheetRow, column: col, raw: value };
  const header = col.header;
  if (parsed.kind === 'invalid') {
    const raw = displayText(value);
    if (!isTotal) addIssue(issues, 'invested_unreadable', { header, raw }, at);
    else if (parsed.reason === 'range') addIssue(issues, 'amount_range', { header, raw }, at);
    else if (parsed.reason === 'currency') addIssue(issues, 'amount_foreign_currency', { header, raw }, at);
    else addIssue(issues, 'amount_invalid', { header, raw }, at);
    return null;
  }
  if (parsed.wan < 0) {
    addIssue(issues, 'amount_negative', { header, raw: displayText(value) }, at);
    return null;
  }
  if (parsed.isApproximate) addIssue(issues, 'amount_approximate', { header, raw: displayText(value), wan: parsed.wan, unit }, at);
  return parsed;
}

function readDate(col: ColumnRef | undefined, cells: readonly CellValue[], issues: RowIssues, sheetRow: number): DateParse {
  if (col === undefined) return MISSING_DATE;
  const value = cells[col.index];
  const parsed = parseLedgerDate(value);
  if (parsed.kind === 'invalid') {
    addIssue(issues, 'date_invalid', { header: col.header, raw: displayText(value) }, { sheetRow, column: col, raw: value });
  } else if (parsed.kind === 'ok' && parsed.isAmbiguous) {
    const read = parsed.start;
    const params = { header: col.header, raw: displayText(value), read, alternative: `${read.slice(0, 4)}-10` };
    addIssue(issues, 'date_ambiguous', params, { sheetRow, column: col, raw: value });
  }
  return parsed;
}

const MISSING_DATE: DateParse = { kind: 'missing' };

function optionalText(value: CellValue): string | null {
  if (isBlankCell(value)) return null;
  const text = normalizeText(cellText(value));
  return text === '' || isPlaceholder(text) ? null : text;
}

const districtMemo = new Map<string, string | null>();

/** District: width-normalised, then the region's canonical name when the alias table knows it (金州区 → 金普新区). */
function districtOf(value: CellValue): string | null {
  if (isBlankCell(value)) return null;
  const raw = cellText(value);
  const cached = districtMemo.get(raw);
  if (cached !== undefined) return cached;
  const text = optionalText(value);
  const district = text === null ? null : (lookupRegion(text)?.name ?? text);
  if (districtMemo.size > 10_000) districtMemo.clear();
  districtMemo.set(raw, district);
  return district;
}

/** Text as written for display: trimmed, runs of whitespace collapsed to one space. */
function displayText(value: CellValue): string {
  const text = cellText(value);
  return HAS_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

const HAS_SPACE = /\s/;
const HAS_UPPER_OR_SPACE = /[\sA-Z]/;

/** The duplicate-detection key of a project name: NFKC, no spaces, lower case. */
export function nameKeyOf(name: string): string {
  return keyOfNormal(normalizeText(name));
}

function keyOfNormal(n: string): string {
  return HAS_UPPER_OR_SPACE.test(n) ? n.replace(/\s+/g, '').toLowerCase() : n;
}

/** Key of a sector or district for allowed-list checks: NFKC, no spaces, lower case. */
export function allowedKey(value: string): string {
  return normalizeText(value).replace(/\s+/g, '').toLowerCase();
}

function flaggedReason(relation: SoeAliasRelation): 'ambiguous' | 'unresolved' | 'uncertain' | 'not_sasac_listed' {
  return relation === 'unresolved' || relation === 'uncertain' || relation === 'not_sasac_listed' ? relation : 'ambiguous';
}
