import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { DEFAULT_SETTINGS, type LedgerSettings } from '../../src/workflows/workbookPort';
import { EMPTY_STATE_DOC } from '../../src/workflows/stateSheet';
import { writeStateDoc } from '../../src/xlsx/ledgerStateSheet';

/** A workbook of the corpus: its file name and what makes it awkward. */
export interface AwkwardWorkbook {
  readonly name: string;
  /** What a reader must get right, in a few words. */
  readonly trap: string;
  /** Projects the ledger holds that a correct read counts. */
  readonly projects: number;
}

const HEADER = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '累计完成投资（亿元）', '开工时间'];
const SOES = ['中国华能', '中国电信', '招商局集团', '中国交建', '三峡集团'];
const SECTORS = ['能源', '交通', '工业', '新型基础设施'];
const STAGES = ['在建', '前期', '竣工', '谋划'];

/** `count` ledger rows, the same for the same `seed`. */
function projects(count: number, seed: number): (string | number | Date)[][] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + seed;
    return [`项目${seed}-${i + 1}`, SOES[k % SOES.length]!, SECTORS[k % SECTORS.length]!, STAGES[k % STAGES.length]!, 10 + ((k * 37) % 200) / 4, (k * 13) % 10, new Date(Date.UTC(2020 + (k % 5), k % 12, 1))];
  });
}

function addRows(sheet: ExcelJS.Worksheet, rows: readonly (readonly unknown[])[], from = 1): void {
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null || value === undefined) return;
      const cell = sheet.getCell(from + r, c + 1);
      cell.value = value as ExcelJS.CellValue;
      if (value instanceof Date) cell.numFmt = 'yyyy-mm';
    }),
  );
}

/** Rewrite parts of a saved package (XML text in, XML text out). */
function patchPackage(bytes: Uint8Array, patch: (name: string, xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) out[name] = name.endsWith('.xml') ? strToU8(patch(name, strFromU8(data))) : data;
  return zipSync(out);
}

async function save(workbook: ExcelJS.Workbook, path: string, patch?: (name: string, xml: string) => string): Promise<void> {
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  writeFileSync(path, patch === undefined ? bytes : patchPackage(bytes, patch));
}

function ledgerSheet(workbook: ExcelJS.Workbook, name: string, rows: readonly (readonly unknown[])[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  addRows(sheet, [HEADER, ...rows]);
  return sheet;
}

/**
 * Write the corpus of awkward workbooks into `dir`: each one a trap that made two commands (or the
 * CLI and the add-in) disagree, or a reader return the wrong text, number or date.
 */
export async function writeAwkwardWorkbooks(dir: string): Promise<AwkwardWorkbook[]> {
  const corpus: AwkwardWorkbook[] = [];

  // A 1-row ledger before a 50-row one: chooseSource takes the one with more rows.
  let wb = new ExcelJS.Workbook();
  ledgerSheet(wb, '样表', projects(1, 1));
  ledgerSheet(wb, '台账', projects(50, 2));
  await save(wb, join(dir, 'several-sheets.xlsx'));
  corpus.push({ name: 'several-sheets.xlsx', trap: 'a 1-row ledger sheet before a 50-row one', projects: 50 });

  // The header on row 33, under a long preamble.
  wb = new ExcelJS.Workbook();
  const deep = wb.addWorksheet('台账');
  addRows(deep, Array.from({ length: 32 }, (_, i) => [i === 0 ? '大连市央地合作项目台账' : `说明第${i}条`]));
  addRows(deep, [HEADER, ...projects(12, 3)], 33);
  await save(wb, join(dir, 'deep-header.xlsx'));
  corpus.push({ name: 'deep-header.xlsx', trap: 'the header on row 33', projects: 12 });

  // A table beats a larger plain sheet.
  wb = new ExcelJS.Workbook();
  ledgerSheet(wb, '旧台账', projects(20, 4));
  const withTable = wb.addWorksheet('本期');
  withTable.getCell('A1').value = '本期台账';
  withTable.addTable({
    name: 'LedgerTable',
    ref: 'B3',
    headerRow: true,
    columns: HEADER.map((name) => ({ name })),
    rows: projects(6, 5),
  });
  await save(wb, join(dir, 'table.xlsx'));
  corpus.push({ name: 'table.xlsx', trap: 'a table on one sheet and a larger plain sheet', projects: 6 });

  // A stored mapping (the total's header is not one the reader knows), allowed lists and split attribution.
  wb = new ExcelJS.Workbook();
  const mapped = wb.addWorksheet('台账');
  addRows(mapped, [['项目名称', '合作央企', '所属领域', '项目阶段', '计划盘子', '累计完成投资（亿元）'], ...projects(8, 6).map((r) => r.slice(0, 6)), ['联合项目', '中国华能、三峡集团', '能源', '在建', 40, 1]]);
  const settings: LedgerSettings = { ...DEFAULT_SETTINGS, mapping: { totalInvestment: 'E' }, allowedSectors: ['能源', '交通'], soeAttribution: 'split', decimals: 2 };
  writeStateDoc(wb, { ...EMPTY_STATE_DOC, settings });
  await save(wb, join(dir, 'stored-mapping.xlsx'));
  corpus.push({ name: 'stored-mapping.xlsx', trap: 'a mapping, allowed sectors and split attribution stored in the state sheet', projects: 9 });

  // Phonetic runs in the shared strings (Excel adds them to CJK text typed with an IME).
  wb = new ExcelJS.Workbook();
  ledgerSheet(wb, '台账', projects(10, 7));
  await save(wb, join(dir, 'phonetic.xlsx'), (name, xml) =>
    name === 'xl/sharedStrings.xml' ? xml.replace(/<si><t>中国华能<\/t><\/si>/g, '<si><t>中国华能</t><rPh sb="0" eb="4"><t>ZHONGGUO</t></rPh><phoneticPr fontId="1"/></si>') : xml,
  );
  corpus.push({ name: 'phonetic.xlsx', trap: 'phonetic runs on 中国华能', projects: 10 });

  // Inline strings of several runs (as other programs write them).
  wb = new ExcelJS.Workbook();
  ledgerSheet(wb, '台账', projects(10, 8));
  await save(wb, join(dir, 'rich-text.xlsx'), (name, xml) => {
    if (name !== 'xl/worksheets/sheet1.xml') return xml;
    // Every SOE cell (column B, below the header) becomes an inline string of two runs.
    return xml.replace(/<c r="(B(?:[2-9]|1\d))"([^>]*?) t="s"><v>\d+<\/v><\/c>/g, (_whole, ref: string, attrs: string) => {
      const row = Number(ref.slice(1));
      const soe = SOES[(row - 2 + 8) % SOES.length]!;
      return `<c r="${ref}"${attrs} t="inlineStr"><is><r><t>${soe.slice(0, 2)}</t></r><r><rPr><b/></rPr><t>${soe.slice(2)}</t></r></is></c>`;
    });
  });
  corpus.push({ name: 'rich-text.xlsx', trap: 'SOE names as inline strings of two runs', projects: 10 });

  // The 1904 date system.
  wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  // Started in 2019 (text), completed in 2021 (a date): read as a 1900 serial, 2021 becomes 2017, before the start.
  const dated = wb.addWorksheet('台账');
  addRows(dated, [[...HEADER, '竣工时间'], ...projects(10, 9).map((r, i) => [...r.slice(0, 6), '2019-01', new Date(Date.UTC(2021, i % 12, 1))])]);
  await save(wb, join(dir, 'date1904.xlsx'));
  corpus.push({ name: 'date1904.xlsx', trap: 'completion dates in the 1904 date system', projects: 10 });

  // Totals as formulas: most with a cached value, three never calculated.
  wb = new ExcelJS.Workbook();
  const formulas = ledgerSheet(wb, '台账', projects(10, 10));
  for (let r = 2; r <= 11; r++) {
    const total = formulas.getCell(r, 5).value as number;
    formulas.getCell(r, 5).value = r <= 4 ? { formula: `${total}*1` } : { formula: `${total}*1`, result: total };
  }
  await save(wb, join(dir, 'formulas.xlsx'));
  corpus.push({ name: 'formulas.xlsx', trap: 'totals as formulas, three without a cached value', projects: 7 });

  return corpus;
}
