import { cellText, isBlankCell } from './cellText';
import { columnIndexOf, columnLetter } from './columnLetter';
import { headerKey, matchHeaderText, unitOfText } from './matchHeaderText';
import { normalizeText } from './normalizeText';
import { REQUIRED_FIELDS } from './types';
import type { AmountUnit, CellValue, ColumnMapping, ColumnOverrides, ColumnRef, Field, Grid, HeaderInfo } from './types';

/** The header must start within this many rows from the top of the sheet (the reader buffers no more). */
export const HEADER_SEARCH_ROWS = 40;

/** A caller override that names no column of the header (the detected column is kept). */
export interface OverrideProblem {
  readonly field: Field;
  readonly value: string;
}

/** `findHeader` with the overrides that could not be applied. */
export interface HeaderDetection {
  readonly header: HeaderInfo | null;
  readonly overrideProblems: readonly OverrideProblem[];
}

/**
 * Find the ledger's header in the first `HEADER_SEARCH_ROWS` rows: the row (or pair of rows, for a two-row
 * header with merged group cells such as "投资情况（亿元）" over 总投资 | 累计完成投资) whose cells name the most
 * known columns (`HEADER_SYNONYMS`), at least two, one of them required. Title rows, "填报单位…" lines and a unit
 * line ("单位：亿元", kept as `sheetUnit`) may sit above it. `overrides` (a column letter or an exact header text
 * per field) replace what was detected. Returns `null` when no row looks like a header.
 * @example findHeader([['序号', '项目名称', '合作央企', '总投资（亿元）']])?.columns.totalInvestment?.unit // → 'yi'
 */
export function findHeader(grid: Grid, overrides?: ColumnOverrides): HeaderInfo | null {
  return detectHeader(grid, overrides ?? {}).header;
}

interface Candidate {
  readonly headerRowIndex: number;
  readonly headerRows: 1 | 2;
  readonly columns: readonly HeaderColumn[];
  readonly score: number;
}

interface HeaderColumn {
  readonly index: number;
  /** Header text as shown (two-row: "group/sub"), whitespace collapsed. */
  readonly header: string;
  /** Text used to match a field (the sub-header in a group). */
  readonly matchText: string;
  readonly unit: AmountUnit | null;
  /** Whether the column sits under a group cell whose own text may name the field ("总投资" over "合计"). */
  readonly groupText: string | null;
}

const TOTAL_LIKE = /^(合计|小计|总计|总额|金额|计|total)$/i;

/** `findHeader` with override problems, for the reader. Never throws. */
export function detectHeader(grid: Grid, overrides: ColumnOverrides): HeaderDetection {
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  const overrideTexts = overrideTextKeys(overrides);
  let best: Candidate | null = null;
  const singles = new Map<number, Candidate>();
  const singleAt = (r: number): Candidate => {
    let c = singles.get(r);
    if (c === undefined) {
      c = scoreCandidate(r, 1, singleRowColumns(grid[r] ?? []), overrideTexts);
      singles.set(r, c);
    }
    return c;
  };
  for (let r = 0; r < limit; r++) {
    const top = grid[r] ?? [];
    if (top.every(isBlankCell)) continue;
    const single = singleAt(r);
    let candidate = single;
    if (r + 1 < limit) {
      const nextAlone = singleAt(r + 1);
      // A title row over a one-row header scores like that header alone; only a pair that beats both rows
      // on their own (fields merged down from the top row plus sub-columns below) is a two-row header.
      // Performance: a pair is scored only when the row below holds a header word at all.
      if (nextAlone.score > 0) {
        const two = scoreCandidate(r, 2, twoRowColumns(top, grid[r + 1] ?? []), overrideTexts);
        if (two.score > single.score && two.score > nextAlone.score) candidate = two;
      }
    }
    if (best === null || candidate.score > best.score) best = candidate;
  }
  if (best === null || !isHeaderLike(best, overrideTexts)) return { header: null, overrideProblems: [] };

  const assigned = assignFields(best.columns);
  const problems = applyOverrides(assigned, best.columns, overrides);
  const mapping = withoutEmpty(assigned);
  const sheetUnit = findSheetUnit(grid, best, mapping);
  const header: HeaderInfo = {
    headerRowIndex: best.headerRowIndex,
    headerRows: best.headerRows,
    dataStartRowIndex: best.headerRowIndex + best.headerRows,
    columns: mapping,
    ...(sheetUnit === null ? {} : { sheetUnit }),
  };
  return { header, overrideProblems: problems };
}

function displayText(value: CellValue): string {
  return normalizeText(cellText(value)).replace(/\s+/g, ' ');
}

function singleRowColumns(row: readonly CellValue[]): HeaderColumn[] {
  const out: HeaderColumn[] = [];
  row.forEach((cell, index) => {
    // Header cells are text; a number or boolean in a row is data.
    if (typeof cell !== 'string' || isBlankCell(cell)) return;
    const header = displayText(cell);
    out.push({ index, header, matchText: header, unit: unitOfText(header), groupText: null });
  });
  return out;
}

/**
 * Merged cells arrive empty except their top-left cell. A top cell with text over a non-empty bottom cell opens a
 * group that spans to the right while the top stays empty and the bottom has text; a top cell over an empty bottom
 * is a header merged down over both rows.
 */
function twoRowColumns(top: readonly CellValue[], bottom: readonly CellValue[]): HeaderColumn[] {
  const out: HeaderColumn[] = [];
  const width = Math.max(top.length, bottom.length);
  let group: string | null = null;
  for (let index = 0; index < width; index++) {
    const t = isBlankCell(top[index]) ? '' : displayText(top[index]);
    const b = isBlankCell(bottom[index]) ? '' : displayText(bottom[index]);
    if (t !== '') group = b !== '' ? t : null;
    else if (b === '') group = null;
    if (b === '') {
      if (t !== '') out.push({ index, header: t, matchText: t, unit: unitOfText(t), groupText: null });
      continue;
    }
    const groupText = t !== '' ? t : group;
    out.push({
      index,
      header: groupText === null ? b : `${groupText}/${b}`,
      matchText: b,
      unit: unitOfText(b) ?? (groupText === null ? null : unitOfText(groupText)),
      groupText,
    });
  }
  return out;
}

interface ScoredColumn extends HeaderColumn {
  readonly field: Field | null;
  readonly score: number;
  readonly synonymLength: number;
}

function scoreColumn(col: HeaderColumn, overrideTexts: ReadonlyMap<string, Field>): ScoredColumn {
  const byOverride = overrideTexts.get(headerKey(col.header)) ?? overrideTexts.get(headerKey(col.matchText));
  if (byOverride !== undefined) return { ...col, field: byOverride, score: 3, synonymLength: 99 };
  let match = matchHeaderText(col.matchText);
  // A "合计" sub-column under "总投资" is the total itself; "其中…" sub-columns are parts and stay unmapped.
  if (match === null && col.groupText !== null && TOTAL_LIKE.test(col.matchText.replace(/\s+/g, ''))) {
    match = matchHeaderText(col.groupText);
  }
  return match === null
    ? { ...col, field: null, score: 0, synonymLength: 0 }
    : { ...col, field: match.field, score: match.score, synonymLength: match.synonymLength };
}

function scoreCandidate(
  headerRowIndex: number,
  headerRows: 1 | 2,
  columns: readonly HeaderColumn[],
  overrideTexts: ReadonlyMap<string, Field>,
): Candidate {
  const scored = columns.map((c) => scoreColumn(c, overrideTexts));
  const fields = new Set<Field>();
  let exact = 0;
  for (const c of scored) {
    if (c.field !== null && !fields.has(c.field)) {
      fields.add(c.field);
      if (c.score >= 2) exact++;
    }
  }
  // Distinct fields dominate; exact matches break ties (a data row rarely contains header words exactly).
  return { headerRowIndex, headerRows, columns: scored, score: fields.size * 100 + exact };
}

function isHeaderLike(candidate: Candidate, overrideTexts: ReadonlyMap<string, Field>): boolean {
  const fields = new Set<Field>();
  for (const c of candidate.columns as readonly ScoredColumn[]) if (c.field !== null) fields.add(c.field);
  const hasRequired = REQUIRED_FIELDS.some((f) => fields.has(f));
  return (fields.size >= 2 && hasRequired) || (overrideTexts.size > 0 && fields.size >= 1);
}

/** Best column per field: higher score, then longer synonym, then leftmost; each column holds one field. */
function assignFields(columns: readonly HeaderColumn[]): { [F in Field]?: ColumnRef | undefined } {
  const scored = (columns as readonly ScoredColumn[])
    .filter((c) => c.field !== null)
    .sort((a, b) => b.score - a.score || b.synonymLength - a.synonymLength || a.index - b.index);
  const mapping: Partial<Record<Field, ColumnRef>> = {};
  const used = new Set<number>();
  for (const c of scored) {
    if (c.field === null || mapping[c.field] !== undefined || used.has(c.index)) continue;
    mapping[c.field] = toRef(c);
    used.add(c.index);
  }
  return mapping;
}

/** The mapping without fields an override cleared (a column holds one field). */
function withoutEmpty(mapping: { [F in Field]?: ColumnRef | undefined }): ColumnMapping {
  const out: Partial<Record<Field, ColumnRef>> = {};
  for (const [field, ref] of Object.entries(mapping) as [Field, ColumnRef | undefined][]) if (ref !== undefined) out[field] = ref;
  return out;
}

function toRef(c: HeaderColumn): ColumnRef {
  return { index: c.index, letter: columnLetter(c.index), header: c.header, ...(c.unit === null ? {} : { unit: c.unit }) };
}

function overrideTextKeys(overrides: ColumnOverrides): Map<string, Field> {
  const out = new Map<string, Field>();
  for (const [field, value] of Object.entries(overrides) as [Field, string | undefined][]) {
    if (typeof value === 'string' && columnIndexOf(value) === null && headerKey(value) !== '') out.set(headerKey(value), field);
  }
  return out;
}

/** Apply caller overrides in place: a letter picks that column, a header text the column with that text. */
function applyOverrides(
  mapping: { [F in Field]?: ColumnRef | undefined },
  columns: readonly HeaderColumn[],
  overrides: ColumnOverrides,
): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  for (const [field, value] of Object.entries(overrides) as [Field, string | undefined][]) {
    if (typeof value !== 'string') continue;
    const letterIndex = columnIndexOf(value);
    let ref: ColumnRef | null = null;
    if (letterIndex !== null) {
      const col = columns.find((c) => c.index === letterIndex);
      ref = col === undefined ? { index: letterIndex, letter: columnLetter(letterIndex), header: '' } : toRef(col);
    } else {
      const key = headerKey(value);
      const col = columns.find((c) => headerKey(c.header) === key || headerKey(c.matchText) === key);
      if (col !== undefined) ref = toRef(col);
    }
    if (ref === null) {
      problems.push({ field, value });
      continue;
    }
    for (const f of Object.keys(mapping) as Field[]) if (mapping[f]?.index === ref.index) mapping[f] = undefined;
    mapping[field] = ref;
  }
  return problems;
}

/** A "单位：…" text above the header, or in a header cell that names no field, gives the sheet's unit. */
function findSheetUnit(grid: Grid, candidate: Candidate, mapping: ColumnMapping): AmountUnit | null {
  const mapped = new Set(Object.values(mapping).map((c) => c.index));
  const lastRow = candidate.headerRowIndex + candidate.headerRows - 1;
  for (let r = 0; r <= lastRow; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      if (r >= candidate.headerRowIndex && mapped.has(c)) continue;
      const cell = row[c];
      if (typeof cell !== 'string' || !/单位\s*[:：]/.test(cell)) continue;
      const unit = unitOfText(cell.slice(cell.search(/单位\s*[:：]/)));
      if (unit !== null) return unit;
    }
  }
  return null;
}
