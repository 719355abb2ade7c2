import * as cellTextModule from './cellText';
import * as normalizeTextModule from './normalizeText';
import type { CellValue } from './types';

// Performance: hot imports bound once to module constants. Under tsx/esbuild's CommonJS output each call to an
// imported function otherwise goes through an export getter, a measurable share of a 100,000-row read.
const { cellText, isBlankCell } = cellTextModule;
const { normalizeText } = normalizeTextModule;

/** What a row below the header is. Only `project` rows are read; the others are skipped and reported once. */
export type RowKind = 'project' | 'blank' | 'heading' | 'subtotal' | 'footnote';

/** Where the classifier looks. */
export interface RowLayout {
  /** Columns 0 … `leadColumns - 1` are "the first columns" (serial, name, and a merged A:C label). */
  readonly leadColumns: number;
  readonly nameIndex: number;
  /** The serial (序号) column, -1 when absent: a row with nothing but a serial number is blank. */
  readonly serialIndex: number;
  /** Columns whose text in a heading row would make it a project (SOE, stage); -1 when absent. */
  readonly soeIndex: number;
  readonly stageIndex: number;
  /** Normalised header text of the name column, to skip a repeated header row (page-break exports). */
  readonly nameHeaderKey: string;
}

/** The kind of a row and the text that decided it (the 合计/heading/footnote label). */
export interface RowClass {
  readonly kind: RowKind;
  readonly text: string;
}

const PROJECT: RowClass = { kind: 'project', text: '' };
const BLANK: RowClass = { kind: 'blank', text: '' };

// DOMAIN.md §5.3: 合计/小计/总计/其中 rows, in any of the first columns ("合计：N 个" with A:C merged).
const SUBTOTAL = /^(小计|合计|总计|共计|其中)|(小计|合计|总计)(\(.*\)|[:：].*)?$/;
const FOOTNOTE = /^(\*?注\d*|备注|说明|注释|附注|数据来源|资料来源|填报人|填表人|审核人|制表人|联系人|负责人)\s*[:：.、]/;
const HEADING = /^([一二三四五六七八九十百]+[、.,，]|[(][一二三四五六七八九十]+[)]|第[一二三四五六七八九十]+(部分|类|批|章|节))/;

/**
 * Classify a row below the header: `blank` (no value at all); `subtotal` (小计/合计/总计/共计/其中 in one of the
 * first columns); `footnote` (the first text starts with 注：/说明：/填报人：…); `heading` (a numbered section title
 * such as 一、… or （一）… first, with no SOE and no stage — amounts of a section total may follow — or a row
 * whose only text sits in a first column other than the name column, or a repeated header row); else `project`.
 */
export function classifyRow(row: readonly CellValue[], layout: RowLayout): RowClass {
  if (isPlainProjectRow(row, layout)) return PROJECT;
  let firstText = '';
  let nonBlank = 0;
  let onlyIndex = -1;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (isBlankCell(cell)) continue;
    if (c !== layout.serialIndex) {
      nonBlank++;
      onlyIndex = c;
    }
    if (c >= layout.leadColumns || typeof cell !== 'string') continue;
    // Performance: an ordinary project name (not a label) needs no normalisation here.
    if (!mayBeLabel(cell)) {
      if (firstText === '') firstText = ORDINARY;
      continue;
    }
    const text = normalizeText(cell).replace(/\s+/g, '');
    if (firstText === '') firstText = text;
    if (SUBTOTAL.test(text)) return { kind: 'subtotal', text: normalizeText(cell) };
  }
  if (nonBlank === 0) return isBlankCell(row[layout.serialIndex]) ? BLANK : serialOnly(row[layout.serialIndex], layout);
  if (firstText === '') return PROJECT;
  const label = firstText;
  if (label === ORDINARY) {
    if (nonBlank === 1 && onlyIndex < layout.leadColumns && onlyIndex !== layout.nameIndex) {
      return { kind: 'heading', text: normalizeText(cellText(row[onlyIndex])) };
    }
    return isRepeatedHeader(row, layout) ? { kind: 'heading', text: layout.nameHeaderKey } : PROJECT;
  }
  if (FOOTNOTE.test(label)) return { kind: 'footnote', text: label };
  const soeBlank = layout.soeIndex < 0 || isBlankCell(row[layout.soeIndex]);
  const stageBlank = layout.stageIndex < 0 || isBlankCell(row[layout.stageIndex]);
  if (HEADING.test(label) && soeBlank && stageBlank) return { kind: 'heading', text: label };
  if (nonBlank === 1 && onlyIndex < layout.leadColumns && onlyIndex !== layout.nameIndex) return { kind: 'heading', text: label };
  return isRepeatedHeader(row, layout) ? { kind: 'heading', text: label } : PROJECT;
}

/**
 * Performance fast path: no label-like text in the first columns, a name, and an SOE or a stage — the shape of
 * nearly every project row — is a project without looking at the other cells.
 */
function isPlainProjectRow(row: readonly CellValue[], layout: RowLayout): boolean {
  const lead = Math.min(layout.leadColumns, row.length);
  for (let c = 0; c < lead; c++) {
    const cell = row[c];
    if (typeof cell === 'string' && mayBeLabel(cell)) return false;
  }
  const name = row[layout.nameIndex];
  if (typeof name !== 'string' || isBlankCell(name)) return false;
  const hasSoeOrStage =
    (layout.soeIndex >= 0 && !isBlankCell(row[layout.soeIndex])) || (layout.stageIndex >= 0 && !isBlankCell(row[layout.stageIndex]));
  return hasSoeOrStage && !isRepeatedHeader(row, layout);
}

/** Marks a first text that is no label, without building its normalised form. */
const ORDINARY = '\u0000';

function isRepeatedHeader(row: readonly CellValue[], layout: RowLayout): boolean {
  const nameCell = row[layout.nameIndex];
  return (
    layout.nameHeaderKey !== '' &&
    typeof nameCell === 'string' &&
    nameCell.length <= layout.nameHeaderKey.length + 8 &&
    normalizeText(nameCell).replace(/\s+/g, '') === layout.nameHeaderKey
  );
}

/** A row with text only in the serial column may be a label there (合计, 一、…); a bare number is a blank row. */
function serialOnly(cell: CellValue, layout: RowLayout): RowClass {
  if (typeof cell !== 'string' || layout.serialIndex >= layout.leadColumns) return BLANK;
  const text = normalizeText(cell).replace(/\s+/g, '');
  if (SUBTOTAL.test(text)) return { kind: 'subtotal', text };
  if (FOOTNOTE.test(text)) return { kind: 'footnote', text };
  if (/^\d+$/.test(text)) return BLANK;
  return { kind: 'heading', text };
}

/** First characters of every label (合计, 注：, 一、, （一）, 第一部分…), full and half width, as a char-code table. */
const LABEL_START = charTable('小合总共其注备说附数资填审制联负*＊一二三四五六七八九十百(（第#＃');
const JI = '计'.charCodeAt(0);

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/**
 * Cheap pre-check before normalising and the regexes: a label starts (after spaces) with one of `LABEL_START`,
 * or contains 计 (…小计, …合计).
 */
function mayBeLabel(cell: string): boolean {
  let i = 0;
  while (i < cell.length && (cell.charCodeAt(i) <= 0x20 || cell.charCodeAt(i) === 0x3000)) i++;
  if (i < cell.length && LABEL_START[cell.charCodeAt(i)] === 1) return true;
  // Performance: a char-code scan, no substring or single-character strings.
  for (let j = i; j < cell.length; j++) if (cell.charCodeAt(j) === JI) return true;
  return false;
}
