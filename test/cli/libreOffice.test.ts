/**
 * Another spreadsheet application reads what `ledger-stats refresh` writes: LibreOffice Calc,
 * headless, converts every sheet of the refreshed workbook to CSV ("as shown"), and the summary
 * sheet's key figures are there; a re-save to .xlsx keeps every native chart the CLI drew, bound
 * to the summary cells. CI installs LibreOffice (.ci/run); without `soffice` this test fails
 * rather than skips.
 */
import { spawn, spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { SummaryJson } from '../../src/domain/summarize/types';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeGridXlsx } from '../xlsx/xlsxFixtures';
import { ensureCliBuilt, ROOT, runCli } from './cliHarness';

const LO_TIMEOUT_MS = 120_000;
/**
 * CSV filter options: comma, double quote, UTF-8, from row 1, cell contents *as shown* (token 9,
 * so number formats apply), every sheet to its own `<name>-<sheet>.csv` (token 12 = -1, LibreOffice ≥ 7.2).
 */
const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';

let dir: string;
beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ledger-stats-lo-'));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function convertAllSheets(input: string, outDir: string, filter = CSV_ALL_SHEETS): Promise<{ code: number | null; output: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'lo-'));
  return new Promise((resolve, reject) => {
    const child = spawn('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, input], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), LO_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

/** The cells of a CSV text (RFC 4180 quoting). */
function csvCells(csv: string): string[] {
  const cells: string[] = [];
  for (const match of csv.matchAll(/"((?:[^"]|"")*)"|([^,\r\n]*)/g)) {
    if (match[0] !== '' || match[1] !== undefined) cells.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : (match[2] ?? ''));
  }
  return cells;
}

/** The numbers shown in the cells: "1,468.2" → 1468.2, "23" → 23 (text cells give none). */
function shownNumbers(csv: string): number[] {
  return csvCells(csv)
    .map((cell) => cell.trim().replace(/,/g, ''))
    .filter((cell) => /^-?\d+(\.\d+)?$/.test(cell))
    .map(Number);
}

describe('a refreshed workbook in LibreOffice Calc', () => {
  it('shows the summary sheet\u2019s key figures', async () => {
    expect(spawnSync('soffice', ['--version']).error).toBeUndefined();
    const input = join(dir, 'ledger.xlsx');
    await writeGridXlsx(input, [{ name: '台账', grid: realisticLedgerGrid(), merges: ['A1:L1', 'H4:I4'] }]);
    expect((await runCli(['refresh', input])).code).toBe(0);
    const json = JSON.parse((await runCli(['summarize', input, '--json'])).stdout) as SummaryJson;
    const refreshed = join(dir, 'ledger.summary.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(refreshed);
    const summarySheet = workbook.worksheets[1]!.name;

    const outDir = join(dir, 'csv');
    const converted = await convertAllSheets(refreshed, outDir);
    expect(converted.code).toBe(0);
    const csvName = readdirSync(outDir).find((n) => n === `ledger.summary-${summarySheet}.csv`);
    expect(csvName).toBeDefined();
    const csv = readFileSync(join(outDir, csvName!), 'utf8');
    const numbers = shownNumbers(csv);
    const shown = (value: number, tolerance: number): boolean => numbers.some((n) => Math.abs(n - value) <= tolerance);
    expect(shown(json.totals.projects, 0)).toBe(true);
    expect(shown(json.totals.soes, 0)).toBe(true);
    expect(shown(json.totals.started, 0)).toBe(true);
    // Amounts are shown rounded by their number format (1 decimal of 亿元 by default).
    expect(shown(json.totals.totalInvestment, 0.05 + 1e-9)).toBe(true);
    expect(shown(json.totals.investedToDate, 0.05 + 1e-9)).toBe(true);
    expect(csv).toMatch(/"1,468\.2"/);
  }, 240_000);

  it('keeps the native charts through a re-save to .xlsx, still bound to the summary cells', async () => {
    const input = join(dir, 'charts.xlsx');
    await writeGridXlsx(input, [{ name: '台账', grid: realisticLedgerGrid(), merges: ['A1:L1', 'H4:I4'] }]);
    expect((await runCli(['refresh', input])).code).toBe(0);
    const refreshed = join(dir, 'charts.summary.xlsx');
    const written = chartParts(refreshed);
    expect(written.length).toBeGreaterThanOrEqual(2);
    const outDir = join(dir, 'resaved');
    const converted = await convertAllSheets(refreshed, outDir, 'xlsx:Calc MS Excel 2007 XML');
    expect(converted.code).toBe(0);
    const resaved = chartParts(join(outDir, 'charts.summary.xlsx'));
    expect(resaved).toHaveLength(written.length);
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(refreshed);
    const summaryName = summary.worksheets[1]!.name;
    // LibreOffice writes the references unquoted: 汇总!$F$19:$F$25.
    for (const xml of resaved) expect(xml).toMatch(new RegExp(`<c:f>'?${summaryName}'?!\\$[A-Z]+\\$\\d+:`));
  }, 240_000);
});

describe('the refreshed sample printed through LibreOffice Calc', () => {
  it('prints 汇总 on at most 4 landscape A4 pages', async () => {
    const input = join(dir, 'sample.xlsx');
    copyFileSync(join(ROOT, 'assets', 'sample-ledger.xlsx'), input);
    expect((await runCli(['refresh', input])).code).toBe(0);
    const summaryOnly = join(dir, 'sample-summary-only.xlsx');
    writeFileSync(summaryOnly, onlySheetVisible(readFileSync(join(dir, 'sample.summary.xlsx')), '汇总'));
    const outDir = join(dir, 'pdf');
    const converted = await convertAllSheets(summaryOnly, outDir, 'pdf:calc_pdf_Export');
    expect(converted.code).toBe(0);
    const pdf = readFileSync(join(outDir, 'sample-summary-only.pdf')).toString('latin1');
    // One page object per printed page (the page tree's /Type /Pages nodes excluded); every media box (pages and
    // the page tree) is A4 landscape, 842 × 595 pt.
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(4);
    const boxes = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g) ?? [];
    expect(boxes.length).toBeGreaterThanOrEqual(pages.length);
    for (const box of boxes) {
      const [, w, h] = /([\d.]+) ([\d.]+)\s*\]$/.exec(box) ?? [];
      expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([842, 595]);
    }
  }, 240_000);
});

/**
 * The workbook with every sheet but `keep` hidden and `keep` the active tab, so that a PDF conversion prints that
 * sheet alone (LibreOffice prints neither hidden sheets nor, unless it is the active one, a sheet it must not show).
 */
function onlySheetVisible(xlsx: Buffer, keep: string): Uint8Array {
  const files = unzipSync(xlsx);
  let workbook = Buffer.from(files['xl/workbook.xml']!).toString('utf8');
  const names: string[] = [];
  workbook = workbook.replace(/<sheet\s[^>]*>/g, (element) => {
    const name = /\sname="([^"]*)"/.exec(element)?.[1] ?? '';
    names.push(name);
    const visible = element.replace(/\sstate="[^"]*"/, '');
    return name === keep ? visible : visible.replace('<sheet ', '<sheet state="hidden" ');
  });
  const active = names.indexOf(keep);
  workbook = /<bookViews>/.test(workbook)
    ? workbook.replace(/\sactiveTab="\d+"/g, '').replace('<workbookView', `<workbookView activeTab="${active}"`)
    : workbook.replace('<sheets>', `<bookViews><workbookView activeTab="${active}"/></bookViews><sheets>`);
  files['xl/workbook.xml'] = Buffer.from(workbook, 'utf8');
  return zipSync(files);
}

/** The chart parts of an .xlsx file, as text. */
function chartParts(path: string): string[] {
  const files = unzipSync(readFileSync(path));
  return Object.keys(files)
    .filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name))
    .map((name) => Buffer.from(files[name]!).toString('utf8'));
}
