/**
 * Node-only bridge between .xlsx files and the fake Excel, for tests that hand one workbook from
 * the CLI to the add-in and back: `fakeFromXlsx` opens a file in the fake as Excel would show it,
 * `fakeToXlsx` saves the fake's workbook as a file. Never import it from a browser bundle (it uses
 * fs; `fakeExcel.ts` itself stays free of Node APIs).
 *
 * What crosses, both ways: worksheets in tab order with their visibility; cell values (numbers,
 * text, booleans, error texts; dates as the serial numbers the file stores, the date system itself
 * only by `fakeToXlsx`'s option; an error value without a formula becomes its text); formulas, with their
 * cached values on the way out; number formats; workbook- and sheet-scoped defined names with
 * their `hidden` flag (a name's comment is not carried); print-title rows; conditional formats of the expression kind
 * (Office.js `Custom`: formula, range, priority, fill colour; stop-if-true is read but not
 * written, as ExcelJS drops it); tables (name and range); the active sheet.
 * What does not: other formatting, merged cells, charts, add-in settings, custom XML
 * parts, other kinds of conditional format.
 *
 *   const fake = fakeFromXlsx('in.xlsx', { apiVersion: '1.16' });
 *   fake.install(globalThis); await refresh(createOfficeWorkbookPort()); fake.uninstall();
 *   await fakeToXlsx(fake, 'out.xlsx');
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import { readFileSync, writeFileSync } from 'fs';
import { posix } from 'path';
import { attributeOf, decodeCellText, decodeXml, startTags, textOfRuns } from '../../src/xlsx/reader/xmlText';
import { colToLetters, parseRef, quoteSheetName, type Rect } from './excel/address';
import { newSheet, readValue, setContent, sheetIdFor, type Content, type Visibility, type WorkbookState } from './excel/state';
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from './fakeExcel';

/** Options of `fakeFromXlsx`: the fake's own options (its `sheets` and `initialize` come from the file). */
export interface FakeFromXlsxOptions extends Omit<FakeExcelOptions, 'sheets' | 'initialize'> {
  /**
   * A formula whose value in the fake (its small evaluator, `excel/formula.ts`) differs from the
   * value cached in the file, e.g. `SUBTOTAL(9,H6:H16)` (not in the evaluator): `'cached'` (the
   * default) stores the cached value as a constant, so the add-in reads what the file's author saw;
   * `'throw'` fails, naming the cell. A formula without a cached value always stays a formula.
   */
  readonly unevaluable?: 'cached' | 'throw';
}

/** Built-in number formats (ECMA-376 Part 1, §18.8.30) as Office.js's `numberFormat` gives them in en-US. */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  14: 'm/d/yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yyyy h:mm',
  49: '@',
};

const VISIBILITY: Readonly<Record<string, Visibility>> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const PRINT_TITLES = '_xlnm.Print_Titles';
const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** A cell as the file holds it: its value (cached, for a formula) and its formula text without "=". */
interface FileCell {
  readonly row: number;
  readonly col: number;
  readonly value: string | number | boolean | null;
  readonly formula: string | null;
  readonly style: number;
}

interface FileConditionalFormat {
  readonly ranges: Rect[];
  readonly formula: string;
  readonly priority: number;
  readonly stopIfTrue: boolean;
  readonly fill: string | null;
}

interface FileTable {
  /** The name formulas use (`displayName`), as Office.js's `Table.name` gives it. */
  readonly name: string;
  readonly range: Rect;
  readonly showHeaders: boolean;
}

interface FileSheet {
  readonly name: string;
  readonly visibility: Visibility;
  readonly cells: FileCell[];
  readonly conditionalFormats: FileConditionalFormat[];
  readonly tables: FileTable[];
}

interface FileName {
  readonly name: string;
  readonly formula: string;
  /** Index into the workbook's sheets, or null for a workbook-scoped name. */
  readonly sheetIndex: number | null;
  readonly hidden: boolean;
}

/** Package parts by name, as text. */
class Package {
  constructor(private readonly files: Unzipped) {}

  text(part: string): string | null {
    const bytes = this.files[part.replace(/^\//, '')];
    return bytes === undefined ? null : strFromU8(bytes);
  }

  /** Relationships of `part` as id → target part name (resolved against the part's folder). */
  relationships(part: string): Map<string, { type: string; target: string }> {
    const folder = posix.dirname(part);
    const xml = this.text(posix.join(folder, '_rels', `${posix.basename(part)}.rels`)) ?? '';
    const out = new Map<string, { type: string; target: string }>();
    for (const tag of startTags(xml, 'Relationship')) {
      const id = attributeOf(tag, 'Id');
      const target = attributeOf(tag, 'Target');
      if (id === undefined || target === undefined || attributeOf(tag, 'TargetMode') === 'External') continue;
      out.set(id, { type: attributeOf(tag, 'Type') ?? '', target: target.startsWith('/') ? target.slice(1) : posix.join(folder, target) });
    }
    return out;
  }
}

/** The elements `<local …>…</local>` (or self-closed) of a part, each as its whole text. */
function elements(xml: string, local: string): string[] {
  const pattern = new RegExp(`<${local}(?=[\\s/>])(?:[^>]*/>|[^>]*>[\\s\\S]*?</${local}>)`, 'g');
  return xml.match(pattern) ?? [];
}

/** The text between an element's start and end tags ("" when self-closed or absent). */
function innerText(element: string | undefined): string {
  if (element === undefined || element.endsWith('/>')) return '';
  const start = element.indexOf('>') + 1;
  const end = element.lastIndexOf('</');
  return end < start ? '' : element.slice(start, end);
}

function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** `#RRGGBB` of an ARGB or RGB hex colour. */
function hexColor(rgb: string): string {
  return `#${rgb.slice(-6).toUpperCase()}`;
}

/** Number format code of each cell format (`cellXfs` index), and fill colour of each differential format (`dxfs` index). */
function readStyles(xml: string | null): { formats: (string | null)[]; dxfFills: (string | null)[] } {
  if (xml === null) return { formats: [], dxfFills: [] };
  const custom = new Map<number, string>();
  for (const tag of startTags(xml, 'numFmt')) {
    const code = attributeOf(tag, 'formatCode');
    if (code !== undefined) custom.set(Number(attributeOf(tag, 'numFmtId')), code);
  }
  const cellXfs = elements(xml, 'cellXfs')[0] ?? '';
  const formats = startTags(cellXfs, 'xf').map((tag) => {
    const id = Number(attributeOf(tag, 'numFmtId') ?? '0');
    return custom.get(id) ?? BUILT_IN_FORMATS[id] ?? null;
  });
  const dxfs = elements(xml, 'dxfs')[0] ?? '';
  const dxfFills = elements(dxfs, 'dxf').map((dxf) => {
    const fill = elements(dxf, 'fill')[0] ?? '';
    // A differential fill's solid colour is its bgColor (ECMA-376 Part 1, §18.8.32); some writers use fgColor.
    const color = startTags(fill, 'bgColor')[0] ?? startTags(fill, 'fgColor')[0];
    const rgb = color === undefined ? undefined : attributeOf(color, 'rgb');
    return rgb === undefined ? null : hexColor(rgb);
  });
  return { formats, dxfFills };
}

/** 0-based row and column of a cell reference such as "AB12". */
function cellPosition(ref: string): { row: number; col: number } {
  const x = parseRef(ref);
  if (x === null) throw new Error(`fakeFromXlsx: bad cell reference '${ref}'`);
  return { row: x.r0, col: x.c0 };
}

function readCells(xml: string, sharedStrings: readonly string[], sheet: string): FileCell[] {
  const cells: FileCell[] = [];
  const sheetData = elements(xml, 'sheetData')[0] ?? '';
  let nextRow = 0;
  for (const rowElement of elements(sheetData, 'row')) {
    const rowTag = startTags(rowElement, 'row')[0] ?? '';
    const rowNumber = attributeOf(rowTag, 'r');
    const row = rowNumber === undefined ? nextRow : Number(rowNumber) - 1;
    nextRow = row + 1;
    let nextCol = 0;
    for (const c of elements(innerText(rowElement), 'c')) {
      const tag = startTags(c, 'c')[0] ?? '';
      const ref = attributeOf(tag, 'r');
      const col = ref === undefined ? nextCol : cellPosition(ref).col;
      nextCol = col + 1;
      const type = attributeOf(tag, 't') ?? 'n';
      const fElement = elements(c, 'f')[0];
      if (fElement !== undefined && attributeOf(startTags(fElement, 'f')[0] ?? '', 't') === 'shared' && innerText(fElement) === '') {
        throw new Error(`fakeFromXlsx: ${sheet}!${colToLetters(col)}${row + 1} shares a formula, which this bridge does not translate`);
      }
      const formula = fElement === undefined ? null : decodeXml(innerText(fElement));
      const v = elements(c, 'v')[0];
      const raw = v === undefined ? null : decodeCellText(innerText(v));
      let value: FileCell['value'] = null;
      if (type === 'inlineStr') value = textOfRuns(innerText(elements(c, 'is')[0]), '');
      else if (raw === null) value = null;
      else if (type === 's') value = sharedStrings[Number(raw)] ?? '';
      else if (type === 'b') value = raw === '1' || raw === 'true';
      else if (type === 'str' || type === 'e') value = raw;
      else if (type === 'd') value = (Date.parse(raw.length <= 10 || /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`) - EPOCH_1900) / MS_PER_DAY;
      else value = Number(raw);
      if (value === null && formula === null) continue;
      cells.push({ row, col, value, formula: formula === '' ? null : formula, style: Number(attributeOf(tag, 's') ?? '0') });
    }
  }
  return cells;
}

function readConditionalFormats(xml: string, dxfFills: readonly (string | null)[]): FileConditionalFormat[] {
  const out: FileConditionalFormat[] = [];
  for (const cf of elements(xml, 'conditionalFormatting')) {
    const ranges = (attributeOf(startTags(cf, 'conditionalFormatting')[0] ?? '', 'sqref') ?? '')
      .split(/\s+/)
      .filter((ref) => ref !== '')
      .map((ref) => parseRef(ref))
      .filter((x): x is Rect => x !== null);
    for (const rule of elements(cf, 'cfRule')) {
      const tag = startTags(rule, 'cfRule')[0] ?? '';
      if (attributeOf(tag, 'type') !== 'expression') continue;
      const dxf = attributeOf(tag, 'dxfId');
      out.push({
        ranges,
        formula: decodeXml(innerText(elements(rule, 'formula')[0])),
        priority: Number(attributeOf(tag, 'priority') ?? '0'),
        stopIfTrue: isTrue(attributeOf(tag, 'stopIfTrue')),
        fill: dxf === undefined ? null : (dxfFills[Number(dxf)] ?? null),
      });
    }
  }
  return out.sort((a, b) => a.priority - b.priority);
}

/** The tables (ListObjects) of a worksheet, from its `<tablePart>` relationships. */
function readTables(pkg: Package, part: string, xml: string): FileTable[] {
  const rels = pkg.relationships(part);
  const tables: FileTable[] = [];
  for (const tag of startTags(xml, 'tablePart')) {
    const target = rels.get(attributeOf(tag, 'id', true) ?? '')?.target;
    const tableXml = target === undefined ? null : pkg.text(target);
    const table = tableXml === null ? undefined : startTags(tableXml, 'table')[0];
    const range = table === undefined ? null : parseRef(attributeOf(table, 'ref') ?? '');
    if (table === undefined || range === null) continue;
    tables.push({ name: attributeOf(table, 'displayName') ?? attributeOf(table, 'name') ?? '', range, showHeaders: attributeOf(table, 'headerRowCount') !== '0' });
  }
  return tables;
}

/** Whether the fake's value of a formula is the value the file cached. */
function sameValue(fake: string | number | boolean, cached: string | number | boolean): boolean {
  if (typeof fake === 'number' && typeof cached === 'number') return Math.abs(fake - cached) <= 1e-9 * Math.max(1, Math.abs(cached));
  return fake === cached;
}

/**
 * Open an .xlsx file in a new fake Excel, as Excel would show it (see the module comment for what
 * is carried). Date cells hold the serial numbers the file stores: in a 1904-system workbook these
 * count from 1904-01-01, as the file's `<v>` does, and the fake is in the 1904 date system
 * (`date1904`, from `<workbookPr date1904="1"/>`; `workbook.functions.date` follows it).
 * @throws Error for a file the bridge cannot represent: no workbook part, a namespace-prefixed
 *   worksheet, a shared formula's dependent cell, or with `unevaluable: 'throw'` a formula the fake
 *   evaluates differently from the file.
 */
export function fakeFromXlsx(path: string, options: FakeFromXlsxOptions = {}): FakeExcel {
  const pkg = new Package(unzipSync(readFileSync(path)));
  const officeDocument = [...pkg.relationships('').values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = officeDocument?.target ?? 'xl/workbook.xml';
  const workbookXml = pkg.text(workbookPart);
  if (workbookXml === null) throw new Error(`fakeFromXlsx: ${path} has no workbook part`);
  const rels = pkg.relationships(workbookPart);
  const sharedPart = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const sharedXml = sharedPart === undefined ? null : pkg.text(sharedPart);
  const sharedStrings = sharedXml === null ? [] : elements(sharedXml, 'si').map((si) => textOfRuns(innerText(si), ''));
  const stylesPart = [...rels.values()].find((r) => r.type.endsWith('/styles'))?.target;
  const { formats, dxfFills } = readStyles(stylesPart === undefined ? null : pkg.text(stylesPart));

  const sheets: FileSheet[] = [];
  for (const tag of startTags(workbookXml, 'sheet')) {
    const target = rels.get(attributeOf(tag, 'id', true) ?? '')?.target;
    const xml = target === undefined ? null : pkg.text(target);
    const name = attributeOf(tag, 'name') ?? '';
    if (target === undefined || xml === null) throw new Error(`fakeFromXlsx: sheet '${name}' has no part`);
    if (/^\s*(?:<\?xml[^>]*\?>\s*)?<[\w.-]+:worksheet/.test(xml)) throw new Error(`fakeFromXlsx: sheet '${name}' uses a namespace prefix`);
    sheets.push({
      name,
      visibility: VISIBILITY[attributeOf(tag, 'state') ?? 'visible'] ?? 'Visible',
      cells: readCells(xml, sharedStrings, name),
      conditionalFormats: readConditionalFormats(xml, dxfFills),
      tables: readTables(pkg, target, xml),
    });
  }
  const names: FileName[] = elements(elements(workbookXml, 'definedNames')[0] ?? '', 'definedName').map((element) => {
    const tag = startTags(element, 'definedName')[0] ?? '';
    const local = attributeOf(tag, 'localSheetId');
    return {
      name: attributeOf(tag, 'name') ?? '',
      formula: decodeXml(innerText(element)),
      sheetIndex: local === undefined ? null : Number(local),
      hidden: isTrue(attributeOf(tag, 'hidden')),
    };
  });
  const activeTab = Number(attributeOf(startTags(workbookXml, 'workbookView')[0] ?? '', 'activeTab') ?? '0');

  const date1904 = options.date1904 ?? isTrue(attributeOf(startTags(workbookXml, 'workbookPr')[0] ?? '', 'date1904'));
  return createFakeExcel({
    ...options,
    date1904,
    initialize: (w) => seedWorkbook(w, { sheets, names, formats, activeTab }, options.unevaluable ?? 'cached'),
  });
}

function seedWorkbook(
  w: WorkbookState,
  file: { sheets: FileSheet[]; names: FileName[]; formats: (string | null)[]; activeTab: number },
  unevaluable: 'cached' | 'throw',
): void {
  w.sheets = [];
  w.counters.sheet = 0;
  for (const source of file.sheets) {
    w.counters.sheet += 1;
    const sheet = newSheet(sheetIdFor(w.counters.sheet), source.name);
    sheet.visibility = source.visibility;
    for (const cell of source.cells) {
      const content: Content | undefined = cell.formula !== null ? { f: `=${cell.formula}` } : (cell.value ?? undefined);
      setContent(sheet, cell.row, cell.col, content);
      const format = file.formats[cell.style];
      if (format !== null && format !== undefined && format !== 'General') sheet.formats.numberFormat.setCell(cell.row, cell.col, format);
    }
    for (const cf of source.conditionalFormats) {
      for (const range of cf.ranges) {
        w.counters.cf += 1;
        sheet.conditionalFormats.push({
          id: `{CF${String(w.counters.cf).padStart(6, '0')}}`,
          type: 'Custom',
          rect: range,
          priority: sheet.conditionalFormats.length,
          stopIfTrue: cf.stopIfTrue,
          rule: { formula: `=${cf.formula}`, formula1: null, formula2: null, operator: null },
          format: { fillColor: cf.fill, fontColor: null, fontBold: null },
        });
      }
    }
    for (const table of source.tables) {
      w.counters.table += 1;
      sheet.tables.push({ id: String(w.counters.table), name: table.name, rect: table.range, showHeaders: table.showHeaders });
    }
    w.sheets.push(sheet);
  }
  w.activeSheetId = w.sheets[file.activeTab]?.id ?? w.sheets[0]?.id ?? '';
  w.names = [];
  for (const name of file.names) {
    const sheet = name.sheetIndex === null ? null : (w.sheets[name.sheetIndex] ?? null);
    if (name.name === PRINT_TITLES && sheet !== null) {
      // `'汇总'!$1:$3` (possibly with columns after a comma): the fake keeps the rows only.
      const rows = /\$?(\d+):\$?(\d+)/.exec(name.formula);
      if (rows !== null) sheet.print = { ...sheet.print, titleRows: `$${rows[1]}:$${rows[2]}` };
      continue;
    }
    if (name.name.startsWith('_xlnm.')) continue;
    w.names.push({ name: name.name, formula: `=${name.formula}`, sheetId: sheet?.id ?? null, visible: !name.hidden, comment: '' });
  }
  // Cached values: the whole workbook is in, so formulas that read other sheets evaluate now.
  file.sheets.forEach((source, i) => {
    const sheet = w.sheets[i]!;
    for (const cell of source.cells) {
      if (cell.formula === null || cell.value === null) continue;
      const fake = readValue(w, sheet, cell.row, cell.col);
      if (sameValue(fake, cell.value)) continue;
      const at = `${source.name}!${colToLetters(cell.col)}${cell.row + 1}`;
      if (unevaluable === 'throw') throw new Error(`fakeFromXlsx: ${at} =${cell.formula} is ${String(fake)} in the fake, ${String(cell.value)} in the file`);
      setContent(sheet, cell.row, cell.col, cell.value);
    }
  });
}

// ---------------------------------------------------------------- fake → file

/** An ExcelJS cell value for a fake value (error texts as ExcelJS errors). */
function errorOrValue(value: string | number | boolean): ExcelJS.CellValue {
  return typeof value === 'string' && /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA)$/.test(value) ? { error: value as ExcelJS.CellErrorValue['error'] } : value;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Options of `fakeToXlsx`. */
export interface FakeToXlsxOptions {
  /**
   * Write a workbook in the 1904 date system (default: the fake's own, `FakeExcel.date1904`). The
   * fake's serials are the file's, so the date system must match them.
   */
  readonly date1904?: boolean;
}

/**
 * Save the fake's workbook as an .xlsx file (see the module comment for what is carried): every
 * formula with the value the fake gives it as the cached value, so a reader of cached values (the
 * CLI) sees what the add-in saw. Written with ExcelJS; the defined names are then written into
 * `xl/workbook.xml` directly, because ExcelJS keeps neither `hidden` nor names that are not ranges.
 */
export async function fakeToXlsx(fake: FakeExcel, path: string, options: FakeToXlsxOptions = {}): Promise<void> {
  const snapshot = fake.snapshot();
  const workbook = new ExcelJS.Workbook();
  if ((options.date1904 ?? fake.date1904) === true) workbook.properties.date1904 = true;
  const state: Record<string, ExcelJS.WorksheetState> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };
  for (const sheet of snapshot.sheets) {
    const ws = workbook.addWorksheet(sheet.name, { state: state[sheet.visibility] ?? 'visible' });
    const valueAt = (r: number, c: number): ExcelJS.CellValue => {
      const value = sheet.values[r]?.[c] ?? '';
      const formula = sheet.formulas[`${colToLetters(c)}${r + 1}`];
      if (formula === undefined) return value === '' ? null : errorOrValue(value);
      return { formula: formula.replace(/^=/, ''), result: errorOrValue(value) } as ExcelJS.CellFormulaValue;
    };
    sheet.values.forEach((row, r) =>
      row.forEach((_value, c) => {
        const value = valueAt(r, c);
        if (value === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value;
        const format = sheet.numberFormats[`${colToLetters(c)}${r + 1}`];
        if (format !== undefined) cell.numFmt = format;
      }),
    );
    for (const table of sheet.tables) {
      // ExcelJS writes a table's cells itself: the same values (formulas with their results) again.
      const range = parseRef(table.address);
      if (range === null) continue;
      const rows: ExcelJS.CellValue[][] = [];
      for (let r = range.r0 + 1; r <= range.r1; r++) rows.push(Array.from({ length: range.c1 - range.c0 + 1 }, (_, i) => valueAt(r, range.c0 + i)));
      ws.addTable({ name: table.name, ref: `${colToLetters(range.c0)}${range.r0 + 1}`, headerRow: true, columns: table.headers.map((h) => ({ name: String(h) })), rows });
    }
    for (const cf of sheet.conditionalFormats) {
      if (cf.type !== 'Custom' || cf.rule.formula === undefined) continue;
      ws.addConditionalFormatting({
        ref: cf.address,
        rules: [
          {
            type: 'expression',
            priority: cf.priority + 1,
            formulae: [cf.rule.formula.replace(/^=/, '')],
            style: cf.format.fill === undefined ? {} : { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${cf.format.fill.slice(1)}` } } },
          } as ExcelJS.ConditionalFormattingRule,
        ],
      });
    }
  }
  const active = snapshot.sheets.findIndex((s) => s.name === snapshot.activeSheet);
  workbook.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: Math.max(0, active), visibility: 'visible' }];

  const names = fake.definedNames.map((n) => {
    const local = n.scope === null ? '' : ` localSheetId="${snapshot.sheets.findIndex((s) => s.name === n.scope)}"`;
    return `<definedName name="${escapeXml(n.name)}"${local}${n.visible ? '' : ' hidden="1"'}>${escapeXml(n.formula.replace(/^=/, ''))}</definedName>`;
  });
  snapshot.sheets.forEach((sheet, i) => {
    const titles = fake.printSettings(sheet.name).titleRows;
    if (titles !== null) names.push(`<definedName name="${PRINT_TITLES}" localSheetId="${i}">${escapeXml(`${quoteSheetName(sheet.name)}!${titles}`)}</definedName>`);
  });

  const files = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    if (name !== 'xl/workbook.xml') {
      out[name] = data;
      continue;
    }
    const xml = strFromU8(data).replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, '');
    out[name] = strToU8(names.length === 0 ? xml : xml.replace('</sheets>', `</sheets><definedNames>${names.join('')}</definedNames>`));
  }
  writeFileSync(path, zipSync(out));
}

