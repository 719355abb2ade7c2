/**
 * The 赛马规则 sheet through the CLI's file port (issue 17): the first `ledger-stats refresh` creates it with the
 * default rules, the user edits a weight, and the next refresh ranks by the edit and leaves the sheet as it is.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/main';
import type { Grid } from '../../src/domain/ledger/types';
import { DEFAULT_RACE_RULES } from '../../src/domain/race/raceRules';
import { rulesSheetGrid } from '../../src/domain/race/rulesSheet';

const io = (): CliIo => ({ stdout: { write: () => undefined }, stderr: { write: () => undefined }, env: {} });

/** As in test/cli/race.test.ts: 中山区 leads 主城区 with 100 under the default weights, 西岗区 has 20. */
const GRID: Grid = [
  ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）', '所属地区', '签约时间', '计划开工时间', '实际开工时间', '计划竣工时间', '年度计划投资（万元）', '本年完成投资（万元）'],
  ['甲', '中国华能', '能源', '在建', 1000, '中山区', '2025-02', '2025-01', '2025-03', '2026-12', 400, 100],
  ['乙', '中国交建', '交通', '已签约', 800, '西岗区', '2025-03', '2025-05', null, '2027-06', null, null],
  ['丙', '中国中铁', '交通', '在建', 600, '中山', '2024-06', '2024-09', '2024-10', '2025-06', 200, 190],
];

/** The cells of a sheet as ExcelJS reads them (empty cells `null`). */
async function sheetValues(path: string, name: string): Promise<{ values: (string | number | null)[][]; isBold: (a1: string) => boolean; state: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  const values: (string | number | null)[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= 2; c++) {
      const v = sheet.getCell(r, c).value;
      cells.push(typeof v === 'string' || typeof v === 'number' ? v : null);
    }
    values.push(cells);
  }
  return { values, isBold: (a1) => sheet.getCell(a1).font?.bold === true, state: sheet.state };
}

/** Set one number cell of a sheet in the file's XML, as a user editing it in Excel would leave it. */
function setNumber(path: string, sheetName: string, a1: string, value: number): void {
  const files = unzipSync(readFileSync(path));
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const relId = new RegExp(`<sheet name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const target = new RegExp(`Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${relId}"`).exec(rels)?.[1];
  const part = `xl/${target}`;
  const xml = strFromU8(files[part]!);
  const edited = xml.replace(new RegExp(`<c r="${a1}"([^>]*)><v>[^<]*</v></c>`), `<c r="${a1}"$1><v>${value}</v></c>`);
  expect(edited).not.toBe(xml);
  files[part] = strToU8(edited);
  writeFileSync(path, zipSync(files));
}

describe('ledger-stats refresh and the 赛马规则 sheet', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-rules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the sheet with the defaults, then ranks by the user’s edit and never writes over it', async () => {
    const path = join(dir, 'ledger.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    GRID.forEach((cells) => sheet.addRow([...cells]));
    await workbook.xlsx.writeFile(path);

    expect(await main(['refresh', path, '--in-place', '--as-of', '2025-09-30'], io())).toBe(0);
    const created = await sheetValues(path, '赛马规则');
    expect(created.state).toBe('visible');
    expect(created.values).toEqual(rulesSheetGrid(DEFAULT_RACE_RULES).map((r) => r.map((v) => v ?? null)));
    expect(created.isBold('A1')).toBe(true);
    expect(created.isBold('A6')).toBe(false);
    const race = await sheetValues(path, '赛马');
    expect(race.values.flat()).toContain('已新建“赛马规则”工作表并填入默认规则：可在其中修改权重、分组和预警阈值，下次刷新起生效。');

    // The user sets 签约's weight to 0 (row 6: 签约 | 20).
    expect(created.values[5]).toEqual(['签约', 20]);
    setNumber(path, '赛马规则', 'B6', 0);
    expect(await main(['refresh', path, '--in-place', '--as-of', '2025-09-30'], io())).toBe(0);

    // Weights 0/30/30/20 (Σ 80): 中山区 30·1/1 + 30·290/290 + 20·1 = 80; 西岗区 had only 签约, now 0.
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(path);
    const raceSheet = after.getWorksheet('赛马')!;
    const scores: Record<string, unknown> = {};
    raceSheet.eachRow((row) => {
      const name = row.getCell(1).value;
      if (name === '中山区' || name === '西岗区') scores[name] = [row.getCell(6).value, row.getCell(7).value];
    });
    expect(scores).toEqual({ 中山区: [80, 1], 西岗区: [0, 2] });
    const kept = await sheetValues(path, '赛马规则');
    expect(kept.values[5]).toEqual(['签约', 0]);
    expect(after.worksheets.filter((s) => s.name.startsWith('赛马规则'))).toHaveLength(1);
    expect((await sheetValues(path, '赛马')).values.flat()).not.toContain('已新建“赛马规则”工作表并填入默认规则：可在其中修改权重、分组和预警阈值，下次刷新起生效。');
  });
});
