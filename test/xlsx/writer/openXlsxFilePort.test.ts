import { strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../../src/domain';
import { refresh } from '../../../src/workflows/refresh';
import { PortError } from '../../../src/workflows/workbookPort';
import { STATE_FORMAT_VERSION, STATE_MARKER } from '../../../src/workflows/stateSheet';
import { readDefinedNames } from '../../../src/xlsx/definedNames';
import { readStateDoc } from '../../../src/xlsx/ledgerStateSheet';
import { openXlsxFilePort, type SheetRowSource } from '../../../src/xlsx/writer/openXlsxFilePort';
import { realisticLedgerGrid } from '../../fixtures/realisticLedger';
import { gridWorkbook } from '../xlsxFixtures';
import { richWorkbook } from './richWorkbook';

const NOW = (): Date => new Date('2025-09-30T06:00:00Z');
const text = (files: Unzipped, name: string): string => Buffer.from(files[name] ?? new Uint8Array()).toString('utf8');

/** Rows served from the grids the fixture was built from (this test is about the writer, not the reader). */
function gridRows(grids: Record<string, readonly (readonly CellValue[])[]>): SheetRowSource {
  return {
    async streamRows(name, onRow) {
      const grid = grids[name] ?? [];
      for (let r = 0; r < grid.length; r++) {
        if ((grid[r] ?? []).length === 0) continue;
        if (onRow(r, [...(grid[r] ?? [])]) === 'stop') return;
      }
    },
  };
}

/** Rows read back from a written file with ExcelJS (for a second refresh of the output). */
async function fileRows(path: string): Promise<SheetRowSource> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const grids: Record<string, CellValue[][]> = {};
  for (const sheet of workbook.worksheets) {
    const grid: CellValue[][] = [];
    sheet.eachRow((row, n) => {
      grid[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => {
        if (v === undefined || v === null) return null;
        if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
        if (typeof v === 'object' && 'result' in v) return (v.result as CellValue) ?? null;
        if (typeof v === 'object' && 'text' in v) return String(v.text);
        return v as CellValue;
      });
    });
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    grids[sheet.name] = grid;
  }
  return gridRows(grids);
}

/** The hidden workbook-scoped owner names of a workbook part, name → formula. */
function ownerNames(workbookXml: string): Record<string, string> {
  const names = readDefinedNames(workbookXml).filter((n) => n.name.startsWith('_LedgerStats_Owner_'));
  expect(names.every((n) => n.hidden && n.localSheetId === null)).toBe(true);
  return Object.fromEntries(names.map((n) => [n.name, n.formula]));
}

/** Parts a refresh may change: the workbook's structure, styles, and the ledger sheet (its issue marks). */
const CHANGED = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-stats-writer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function refreshFile(input: string, output: string, rows: SheetRowSource): Promise<void> {
  const port = await openXlsxFilePort(input, rows);
  const report = await refresh(port, { now: NOW, displayLanguage: 'zh-CN' });
  expect(report.error).toBeNull();
  await port.save(output);
}

describe('openXlsxFilePort', () => {
  it('copies every part it does not own byte for byte: charts, pivots, macros, add-in parts, custom XML', async () => {
    const input = join(dir, 'rich.xlsm');
    const output = join(dir, 'out.xlsm');
    const grids = await richWorkbook(input);
    await refreshFile(input, output, gridRows(grids));
    const before = unzipSync(readFileSync(input));
    const after = unzipSync(readFileSync(output));
    const kept = Object.keys(before).filter((name) => !CHANGED.has(name));
    expect(kept).toEqual(expect.arrayContaining(['xl/vbaProject.bin', 'xl/charts/chart1.xml', 'xl/pivotTables/pivotTable1.xml', 'xl/webextensions/webextension1.xml', 'customXml/item1.xml']));
    for (const name of kept) expect([name, Buffer.from(after[name] ?? []).equals(Buffer.from(before[name] ?? []))]).toEqual([name, true]);
    expect(text(after, '[Content_Types].xml')).toContain('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>');
    expect(text(after, 'xl/workbook.xml')).toContain('<definedName name="预算" localSheetId="2">\'图\'!$B$2:$B$3</definedName>');
    expect(text(after, 'xl/workbook.xml')).toContain('<pivotCache cacheId="1" r:id="rIdPc"/>');
    // A full recalculation on open, so the user's formulas into the replaced sheets are current; calcPr stays before pivotCaches.
    expect(text(after, 'xl/workbook.xml')).toMatch(/<calcPr[^>]* fullCalcOnLoad="1"\/>.*<pivotCaches>/);
    // The ledger sheet changes only after its cells: everything up to </sheetData> is the same bytes.
    const ledgerBefore = text(before, 'xl/worksheets/sheet1.xml');
    const cut = ledgerBefore.indexOf('</sheetData>');
    expect(text(after, 'xl/worksheets/sheet1.xml').slice(0, cut)).toBe(ledgerBefore.slice(0, cut));
  });

  it('appends styles without moving an existing index', async () => {
    const input = join(dir, 'rich.xlsm');
    const output = join(dir, 'out.xlsm');
    await refreshFile(input, output, gridRows(await richWorkbook(input)));
    const section = (xml: string, name: string): string => new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? '';
    const before = text(unzipSync(readFileSync(input)), 'xl/styles.xml');
    const after = text(unzipSync(readFileSync(output)), 'xl/styles.xml');
    for (const name of ['fonts', 'fills', 'borders', 'cellXfs']) {
      expect(section(after, name).startsWith(section(before, name))).toBe(true);
    }
    expect(section(after, 'cellXfs').length).toBeGreaterThan(section(before, 'cellXfs').length);
  });

  it('leaves a user sheet named 汇总 alone and writes its own sheets, the state and the marks', async () => {
    const input = join(dir, 'rich.xlsm');
    const output = join(dir, 'out.xlsx');
    await refreshFile(input, output, gridRows(await richWorkbook(input)));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '汇总', '图', '汇总 (2)', '校验结果', '变动', '_ledger_stats']);
    expect(workbook.getWorksheet('汇总')!.getCell('A1').value).toBe('我自己的汇总，不要动');
    expect(workbook.getWorksheet('汇总 (2)')!.getCell('A1').value).toBe('央地合作项目统计汇总');
    const state = workbook.getWorksheet('_ledger_stats')!;
    expect(state.state).toBe('veryHidden');
    expect([state.getCell('A1').value, state.getCell('B1').value]).toEqual([STATE_MARKER, STATE_FORMAT_VERSION]);
    const doc = readStateDoc(workbook);
    expect(doc.lastRefresh).toBe(NOW().toISOString());
    expect(doc.snapshot).not.toBeNull();
    expect(doc.marks.length).toBeGreaterThan(0);
    expect(doc.marks.every((m) => m.sheet === '台账')).toBe(true);
    const files = unzipSync(readFileSync(output));
    expect(text(files, 'xl/worksheets/sheet1.xml')).toContain('<formula>TRUE</formula>');
    expect(ownerNames(text(files, 'xl/workbook.xml'))).toEqual({
      _LedgerStats_Owner_summary: "'汇总 (2)'!$A$1",
      _LedgerStats_Owner_validation: "'校验结果'!$A$1",
      _LedgerStats_Owner_changes: "'变动'!$A$1",
    });
  });

  it('draws the summary charts as DrawingML bound to the summary cells, with cached values', async () => {
    const input = join(dir, 'rich.xlsm');
    const output = join(dir, 'out.xlsx');
    await refreshFile(input, output, gridRows(await richWorkbook(input)));
    const files = unzipSync(readFileSync(output));
    const charts = Object.keys(files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n) && n !== 'xl/charts/chart1.xml');
    expect(charts.length).toBeGreaterThanOrEqual(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const summary = workbook.getWorksheet('汇总 (2)')!;
    for (const chart of charts) {
      const xml = text(files, chart);
      const ref = /<c:val><c:numRef><c:f>'汇总 \(2\)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)<\/c:f>/.exec(xml);
      expect(ref).not.toBeNull();
      const [, col, from] = ref as unknown as [string, string, string];
      const first = /<c:numCache>.*?<c:pt idx="0"><c:v>([^<]*)<\/c:v>/.exec(xml)?.[1];
      expect(Number(first)).toBeCloseTo(Number(summary.getCell(`${col}${from}`).value), 9);
    }
    const sheetPart = Object.keys(files).find((n) => text(files, n).includes('央地合作项目统计汇总') && n.startsWith('xl/worksheets/sheet'));
    expect(text(files, sheetPart!)).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
  });

  it('replaces its own sheets, charts and marks on a second refresh, and keeps the user chart', async () => {
    const input = join(dir, 'rich.xlsm');
    const first = join(dir, 'first.xlsm');
    await refreshFile(input, first, gridRows(await richWorkbook(input)));
    const chartParts = (path: string): string[] => Object.keys(unzipSync(readFileSync(path))).filter((n) => /^xl\/(charts|drawings)\//.test(n)).sort();
    const once = chartParts(first);
    await refreshFile(first, first, await fileRows(first));
    const files = unzipSync(readFileSync(first));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(first);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '汇总', '图', '汇总 (2)', '校验结果', '变动', '_ledger_stats']);
    // The old summary's drawing and charts are gone, the new ones took their place: as many parts as after the first refresh.
    expect(chartParts(first)).toHaveLength(once.length);
    expect(once.length).toBeGreaterThan(4);
    expect(text(files, 'xl/charts/chart1.xml')).toContain("'图'!$B$2:$B$3");
    expect((text(files, 'xl/worksheets/sheet1.xml').match(/<formula>TRUE<\/formula>/g) ?? []).length).toBe(2);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(text(files, 'xl/workbook.xml').match(/<sheet /g)).toHaveLength(7);
  });

  it('streams a source\u2019s rows as it reads its grid, and names an unknown source', async () => {
    const input = join(dir, 'rich.xlsm');
    const grids = await richWorkbook(input);
    const port = await openXlsxFilePort(input, gridRows(grids));
    const { sheet, grid } = await port.readGrid({ kind: 'sheet', name: '台账' });
    const streamed: CellValue[][] = [];
    let named = '';
    await port.streamRows({ kind: 'sheet', name: '台账' }, {
      onSource: (name) => (named = name),
      onRow: (rowIndex, cells) => (streamed[rowIndex] = [...cells]),
    });
    expect(sheet).toBe('台账');
    expect(named).toBe('台账');
    expect(grid.length).toBe(grids['台账']!.length);
    expect(streamed).toEqual(grid.map((row) => (row.length === 0 ? undefined : row)));
    await expect(port.readGrid({ kind: 'table', name: 'NoSuchTable' })).rejects.toMatchObject({ code: 'source_not_found' });
    expect((await port.listSheets()).map((s) => s.name)).toEqual(['台账', '汇总', '图']);
  });

  it('lists a sheet\u2019s tables and reads a table\u2019s area, rows above it blank and cells left of it null', async () => {
    const input = join(dir, 'table.xlsx');
    const grid: CellValue[][] = [['标题'], [], [null, 'a', 'b'], [null, 1, 2], [null, 3, 4], ['below']];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('T');
    sheet.addTable({ name: '台账表', ref: 'B3', headerRow: true, columns: [{ name: 'a' }, { name: 'b' }], rows: [[1, 2], [3, 4]] });
    sheet.getCell('A1').value = '标题';
    sheet.getCell('A6').value = 'below';
    await workbook.xlsx.writeFile(input);
    const port = await openXlsxFilePort(input, gridRows({ T: grid }));
    expect((await port.listSheets())[0]?.tables).toEqual(['台账表']);
    const read = await port.readGrid({ kind: 'table', name: '台账表' });
    expect(read).toEqual({ sheet: 'T', grid: [[], [], [null, 'a', 'b'], [null, 1, 2], [null, 3, 4]] });
  });

  it('drops calcChain.xml, its relationship and its content type when it replaces a sheet (Excel rebuilds it)', async () => {
    const input = join(dir, 'rich.xlsm');
    const first = join(dir, 'first.xlsm');
    await refreshFile(input, first, gridRows(await richWorkbook(input)));
    const files = unzipSync(readFileSync(first));
    files['xl/calcChain.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B5" i="6"/></calcChain>');
    files['xl/_rels/workbook.xml.rels'] = strToU8(
      text(files, 'xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rIdCc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
    );
    files['[Content_Types].xml'] = strToU8(
      text(files, '[Content_Types].xml').replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
    );
    writeFileSync(first, zipSync(files));
    const second = join(dir, 'second.xlsm');
    await refreshFile(first, second, await fileRows(first));
    const after = unzipSync(readFileSync(second));
    expect(after['xl/calcChain.xml']).toBeUndefined();
    expect(text(after, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(text(after, '[Content_Types].xml')).not.toContain('calcChain');
    // Every relationship of the workbook points at a part that exists.
    for (const [, target] of text(after, 'xl/_rels/workbook.xml.rels').matchAll(/Target="([^"]+)"/g)) {
      const part = target!.startsWith('../') ? target!.slice(3) : `xl/${target}`;
      expect([part, after[part] !== undefined]).toEqual([part, true]);
    }
    // Every content-type override names a part that exists, and every XML part has a content type.
    const overrides = [...text(after, '[Content_Types].xml').matchAll(/PartName="\/([^"]+)"/g)].map((m) => m[1]!);
    for (const part of overrides) expect([part, after[part] !== undefined]).toEqual([part, true]);
    for (const part of Object.keys(after).filter((n) => /^xl\/(worksheets|charts|drawings)\/[^/]+\.xml$/.test(n))) expect(overrides).toContain(part);
  });

  it('writes into a minimal hand-built package without styles.xml: adds the part, its relationship and its content type', async () => {
    const input = join(dir, 'minimal.xlsx');
    const grid = realisticLedgerGrid();
    const cell = (v: CellValue, ref: string): string =>
      typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : v === null ? '' : `<c r="${ref}" t="inlineStr"><is><t>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
    const rows = grid.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, `${String.fromCharCode(65 + c)}${r + 1}`)).join('')}</row>`).join('');
    writeFileSync(
      input,
      zipSync({
        '[Content_Types].xml': strToU8(
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
        '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        'xl/workbook.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`),
      }),
    );
    const output = join(dir, 'minimal.out.xlsx');
    await refreshFile(input, output, gridRows({ 台账: grid }));
    const after = unzipSync(readFileSync(output));
    expect(text(after, 'xl/styles.xml')).toContain('<cellXfs count="');
    expect(text(after, 'xl/_rels/workbook.xml.rels')).toContain('relationships/styles" Target="styles.xml"');
    expect(text(after, '[Content_Types].xml')).toContain('<Override PartName="/xl/styles.xml"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['台账', '汇总', '校验结果', '变动', '_ledger_stats']);
    expect(workbook.getWorksheet('汇总')!.getCell('A1').font?.bold).toBe(true);
  });

  it('finds a ledger whose header is below row 30, within the preview window every command uses', async () => {
    const input = join(dir, 'deep.xlsx');
    const grid: CellValue[][] = [...Array.from({ length: 32 }, (_, i): CellValue[] => [`说明 ${i + 1}`]), ...realisticLedgerGrid()];
    await gridWorkbook([{ name: '台账', grid }]).xlsx.writeFile(input);
    const port = await openXlsxFilePort(input, gridRows({ 台账: grid }));
    const report = await refresh(port, { now: NOW });
    expect(report.error).toBeNull();
    expect(report.summary?.totals.projects).toBeGreaterThan(0);
  });

  it('leaves the output untouched and no temporary file when the write fails', async () => {
    const input = join(dir, 'rich.xlsm');
    const grids = await richWorkbook(input);
    const port = await openXlsxFilePort(input, gridRows(grids));
    await refresh(port, { now: NOW });
    const missing = join(dir, 'no-such-dir', 'out.xlsx');
    await expect(port.save(missing)).rejects.toBeInstanceOf(PortError);
    await expect(port.save(missing)).rejects.toMatchObject({ code: 'write_failed' });
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['rich.xlsm']);
  });
});
