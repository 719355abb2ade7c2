/**
 * The real CLI (`node bin/ledger-stats.js`, compiled build/) run as a child process on fixture
 * workbooks built here with ExcelJS, as a user runs `npx ledger-stats …`.
 */
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CellValue } from '../../src/domain/ledger/types';
import type { SummaryJson, SummaryJsonIssue } from '../../src/domain/summarize/types';
import { STATE_MARKER } from '../../src/workflows/stateSheet';
import { readZipEntries, readZipEntryText } from '../../src/xlsx/zipIndex';
import { realisticLedgerExpected, realisticLedgerGrid } from '../fixtures/realisticLedger';
import { writeEncryptedLikeFile, writeGridXlsx, writeLegacyXlsLikeFile } from '../xlsx/xlsxFixtures';
import { summarySchemaErrors } from '../helpers/summarySchema';
import { ensureCliBuilt, ROOT, runCli, type CliRun } from './cliHarness';

const INJECTION = "=cmd|' /C calc'!A0";
/** Merged ranges of `realisticLedgerGrid()` (title, two-row header, section headings, 合计 A:C, footnote). */
const REALISTIC_MERGES = ['A1:L1', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:G5', 'H4:I4', 'J4:J5', 'K4:K5', 'L4:L5', 'A6:L6', 'A21:L21', 'A38:C38', 'A39:L39'];
const HEADER = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）', '累计完成投资（万元）'];
const CLEAN: CellValue[][] = [
  ['项目台账'],
  HEADER,
  [1, '华能庄河海上风电场址Ⅳ2项目', '中国华能', '能源', '在建', 500_000, 300_000],
  [2, '中粮油脂大连饲料蛋白加工项目', '中粮集团', '工业', '在建', 300_000, 120_000],
  [3, '大连湾海底隧道', '中国交建', '交通', '竣工', 1_250_000, 1_250_000],
];

let dir: string;
const file = (name: string): string => join(dir, name);
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** One error line on stderr, nothing on stdout, exit 2, no stack trace. */
function expectOneLineFailure(run: CliRun, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^ledger-stats: /);
  expect(lines[0]).toMatch(pattern);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** Every numeric cell value (or cached formula result) of a sheet. */
function numbersOf(sheet: ExcelJS.Worksheet): number[] {
  const numbers: number[] = [];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
      if (typeof value === 'number') numbers.push(value);
    }),
  );
  return numbers;
}

beforeAll(async () => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ledger-stats-cli-'));
  await writeGridXlsx(file('realistic.xlsx'), [{ name: '台账', grid: realisticLedgerGrid(), merges: REALISTIC_MERGES }]);
  await writeGridXlsx(file('clean.xlsx'), [{ name: 'Sheet1', grid: CLEAN }]);
  await writeGridXlsx(file('multi.xlsx'), [
    { name: '填表说明', grid: [['请按月填报'], ['金额单位：万元']] },
    { name: '台账', grid: CLEAN },
  ]);
  await writeGridXlsx(file('injection.xlsx'), [
    {
      name: '台账',
      grid: [
        HEADER,
        [1, INJECTION, '中国华能', '能源', '在建', 500_000, 300_000],
        [2, INJECTION, '中国华能', '能源', '在建', 500_000, 300_000],
        [3, '+SUM(1,2)', '中粮集团', '@工业', '暂缓', 300_000, 0],
      ],
    },
  ]);
  await writeGridXlsx(file('malformed.xlsx'), [
    {
      name: '台账',
      grid: [
        HEADER,
        [1, { richText: [{ text: '富' }, { text: '文本项目' }] }, '中国华能', '能源', '在建', { formula: '1/0', result: { error: '#DIV/0!' } }, 0],
        [2, { text: '链接项目', hyperlink: 'https://example.com' }, '中粮集团', '工业', true, 1e308, -1e308],
        [3, '日期当金额', '中国交建', '交通', '竣工', new Date(Date.UTC(2024, 0, 1)), { formula: 'A1' }],
        [4, 'x'.repeat(40_000), '\u0001\u0007控制字符', '😀', '在建', '１２，３４５', '约'],
        [5, { error: '#N/A' }, { error: '#REF!' }, null, '在建', Number.MAX_SAFE_INTEGER, '-'],
        [6, '  ', '中国中铁', '交通', '在建', '12亿美元', '待定'],
      ],
    },
  ]);
  const csv = realisticLedgerGrid()
    .map((row) => row.map((v) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(','))
    .join('\r\n');
  writeFileSync(file('realistic.csv'), `\ufeff${csv}\r\n`);
  writeEncryptedLikeFile(file('protected.xlsx'));
  writeLegacyXlsLikeFile(file('legacy.xls'));
  await writeGridXlsx(file('spreadsheet.ods'), [{ name: 'S', grid: [['x']] }]);
  writeFileSync(file('notes.pdf'), '%PDF-1.4\n');
  writeFileSync(file('empty.xlsx'), '');
  writeFileSync(file('corrupt.xlsx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
  mkdirSync(file('folder.xlsx'));
}, 240_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('ledger-stats summarize', () => {
  it('prints exactly the summary JSON with --json, with the ledger\u2019s figures', async () => {
    const run = await runCli(['summarize', file('realistic.xlsx'), '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as SummaryJson;
    expect(json.totals.projects).toBe(realisticLedgerExpected.projects);
    expect(json.totals.soes).toBe(realisticLedgerExpected.distinctSoes);
    expect(json.totals.started).toBe(realisticLedgerExpected.started);
    expect(json.totals.totalInvestment).toBeCloseTo(realisticLedgerExpected.totalWan / 10_000, 6);
    expect(json.totals.investedToDate).toBeCloseTo(realisticLedgerExpected.investedWan / 10_000, 6);
    expect(json.source).toMatchObject({ sheet: '台账', headerRows: 2, dataRows: realisticLedgerExpected.dataRows });
  });

  it('prints JSON that conforms to docs/summary.schema.json', async () => {
    for (const name of ['realistic.xlsx', 'clean.xlsx', 'malformed.xlsx']) {
      const run = await runCli(['summarize', file(name), '--json', '--lang', 'en-US']);
      expect(run.code).toBe(0);
      expect(summarySchemaErrors(JSON.parse(run.stdout))).toEqual([]);
    }
  });

  it('prints the key figures in the briefings\u2019 order and the breakdown tables as aligned text', async () => {
    const run = await runCli(['summarize', file('realistic.xlsx')]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const labels = ['项目个数', '合作央企', '总投资', '已开工项目', '累计完成投资'].map((label) => lines.findIndex((l) => l.trimStart().startsWith(label)));
    expect(labels.every((i) => i > 0)).toBe(true);
    expect([...labels].sort((a, b) => a - b)).toEqual(labels);
    expect(lines[labels[0]!]).toMatch(/ 23 个$/);
    expect(lines[labels[2]!]).toMatch(/ 1468\.2 亿元$/);
    for (const title of ['按领域', '按项目阶段', '按投资规模', '按地区', '按项目类别', '按合作央企']) expect(lines).toContain(title);
  });

  it('speaks English with --lang en-US', async () => {
    const run = await runCli(['summarize', file('realistic.xlsx'), '--lang', 'en-US']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}Projects +23$/m);
    expect(run.stdout).toContain('By sector');
  });

  it('reads a CSV export of the same ledger to the same figures', async () => {
    const [xlsx, csv] = await Promise.all([runCli(['summarize', file('realistic.xlsx'), '--json']), runCli(['summarize', file('realistic.csv'), '--json'])]);
    expect(csv.code).toBe(0);
    const a = JSON.parse(xlsx.stdout) as SummaryJson;
    const b = JSON.parse(csv.stdout) as SummaryJson;
    expect(b.totals).toEqual(a.totals);
    expect(b.bySector).toEqual(a.bySector);
  });

  it('finds the ledger sheet by its header, and reads the sheet given with --sheet', async () => {
    const auto = JSON.parse((await runCli(['summarize', file('multi.xlsx'), '--json'])).stdout) as SummaryJson;
    expect(auto.source.sheet).toBe('台账');
    expect(auto.totals.projects).toBe(3);
    const named = await runCli(['summarize', file('multi.xlsx'), '--sheet', '台账', '--json']);
    expect((JSON.parse(named.stdout) as SummaryJson).totals).toEqual(auto.totals);
  });

  it('applies --mapping and --soe-attribution', async () => {
    const run = await runCli(['summarize', file('clean.xlsx'), '--json', '--mapping', '{"totalInvestment":"G"}', '--soe-attribution', 'split']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as SummaryJson;
    expect(json.totals.totalInvestment).toBeCloseTo(167, 6); // 累计完成投资 read as 总投资: 30 + 12 + 125 亿元
    expect(json.jointProjects.attribution).toBe('split');
  });

  it('never crashes on malformed cells', async () => {
    for (const command of ['summarize', 'validate']) {
      const run = await runCli([command, file('malformed.xlsx')]);
      expect([0, 1]).toContain(run.code);
      expect(run.stderr).toBe('');
    }
  });
});

describe('ledger-stats validate', () => {
  it('groups the issues by severity and exits 1 when any is an error', async () => {
    const run = await runCli(['validate', file('realistic.xlsx')]);
    expect(run.code).toBe(1);
    const errors = run.stdout.indexOf('错误 (4)');
    const warnings = run.stdout.indexOf('警告 (');
    const info = run.stdout.indexOf('提示');
    expect(errors).toBeGreaterThanOrEqual(0);
    expect(warnings).toBeGreaterThan(errors);
    expect(info).toBeGreaterThan(warnings);
    for (const row of realisticLedgerExpected.errorSheetRows) expect(run.stdout).toContain(`第 ${row} 行`);
  });

  it('exits 0 when no issue is an error', async () => {
    const run = await runCli(['validate', file('clean.xlsx')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('共 0 个错误');
  });

  it('prints the issues array with --json', async () => {
    const run = await runCli(['validate', file('realistic.xlsx'), '--json', '--lang', 'en-US']);
    expect(run.code).toBe(1);
    const issues = JSON.parse(run.stdout) as SummaryJsonIssue[];
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.sheetRow)).toEqual(realisticLedgerExpected.errorSheetRows);
    expect(issues.find((i) => i.code === 'duplicate_project')?.sheetRow).toBe(realisticLedgerExpected.duplicateSheetRow);
  });
});

describe('ledger-stats errors', () => {
  it.each([
    ['a missing file', ['summarize', 'no-such-file.xlsx'], /找不到文件/],
    ['a password-protected workbook', ['summarize', 'protected.xlsx'], /密码保护/],
    ['a legacy .xls workbook', ['validate', 'legacy.xls'], /\.xls/],
    ['an OpenDocument spreadsheet', ['summarize', 'spreadsheet.ods'], /不支持的文件格式/],
    ['an unknown format', ['summarize', 'notes.pdf'], /不支持的文件格式/],
    ['an empty file', ['summarize', 'empty.xlsx'], /文件为空/],
    ['a damaged workbook', ['summarize', 'corrupt.xlsx'], /已损坏/],
    ['a directory', ['summarize', 'folder.xlsx'], /目录/],
    ['a sheet that does not exist', ['summarize', 'multi.xlsx', '--sheet', '汇总表'], /找不到工作表“汇总表”.*填表说明、台账/],
    ['an unknown option', ['summarize', 'clean.xlsx', '--bogus'], /参数错误/],
    ['an unknown command', ['tally', 'clean.xlsx'], /未知命令/],
    ['a bad --mapping', ['summarize', 'clean.xlsx', '--mapping', '{"nonsense":"A"}'], /--mapping/],
    ['refresh of a CSV file', ['refresh', 'realistic.csv'], /refresh/],
  ])('reports %s in one line and exits 2', async (_name, args, pattern) => {
    expectOneLineFailure(await runCli(args, { cwd: dir }), pattern);
  });

  it('reports errors in English with --lang en-US', async () => {
    expectOneLineFailure(await runCli(['summarize', 'protected.xlsx', '--lang', 'en-US'], { cwd: dir }), /password-protected/);
    expectOneLineFailure(await runCli(['summarize', 'multi.xlsx', '--sheet', 'X', '--lang=en-US'], { cwd: dir }), /No sheet named "X"/);
  });

  it('reports a workbook without any ledger header', async () => {
    await writeGridXlsx(file('noledger.xlsx'), [{ name: 'S', grid: [['说明'], ['没有表头']] }]);
    expectOneLineFailure(await runCli(['summarize', file('noledger.xlsx')]), /没有找到台账/);
  });
});

describe('ledger-stats refresh', () => {
  let input: string;
  let output: string;
  let before: string;
  let json: SummaryJson;
  let run: CliRun;

  beforeAll(async () => {
    input = file('refresh-me.xlsx');
    copyFileSync(file('realistic.xlsx'), input);
    before = sha256(input);
    run = await runCli(['refresh', input]);
    output = file('refresh-me.summary.xlsx');
    json = JSON.parse((await runCli(['summarize', input, '--json'])).stdout) as SummaryJson;
  }, 120_000);

  it('writes <name>.summary.xlsx and never modifies the input', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(output);
    expect(existsSync(output)).toBe(true);
    expect(sha256(input)).toBe(before);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes summary cells that equal the JSON figures, a validation sheet and a very hidden state sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe('台账');
    const summary = workbook.worksheets[1]!;
    const numbers = numbersOf(summary);
    const has = (value: number): boolean => numbers.some((n) => Math.abs(n - value) < 1e-6);
    expect(has(json.totals.projects)).toBe(true);
    expect(has(json.totals.soes)).toBe(true);
    expect(has(json.totals.started)).toBe(true);
    expect(has(json.totals.totalInvestment) || has(json.totals.totalInvestment * 10_000)).toBe(true);
    expect(has(json.totals.investedToDate) || has(json.totals.investedToDate * 10_000)).toBe(true);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(4);
    const state = workbook.worksheets.find((w) => w.getCell('A1').value === STATE_MARKER);
    expect(state?.state).toBe('veryHidden');
  });

  it('writes to -o, and over the input only with --in-place, replacing its own sheets', async () => {
    const out = file('custom-out.xlsx');
    expect((await runCli(['refresh', input, '-o', out])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(sha256(input)).toBe(before);
    const again = await runCli(['refresh', out, '--in-place']);
    expect(again.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const visible = workbook.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);
    expect(visible).toHaveLength(new Set(visible).size);
    expect(visible.length).toBe(
      (await (async () => {
        const first = new ExcelJS.Workbook();
        await first.xlsx.readFile(output);
        return first.worksheets.filter((w) => w.state !== 'veryHidden').length;
      })()),
    );
  });

  it('refuses to overwrite the input without --in-place', async () => {
    expectOneLineFailure(await runCli(['refresh', input, '-o', input]), /--in-place/);
    expect(sha256(input)).toBe(before);
  });

  it('writes ledger text that looks like a formula as a string cell, never a formula', async () => {
    const out = file('injection.summary.xlsx');
    const result = await runCli(['refresh', file('injection.xlsx')]);
    expect(result.code).toBe(0);
    const entries = (await readZipEntries(out)) ?? [];
    const sheets = entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
    expect(sheets.length).toBeGreaterThanOrEqual(3);
    // The owned sheets carry ledger text as inline strings (the ledger's own shared strings are copied unchanged).
    let inline = 0;
    for (const entry of sheets) {
      const xml = (await readZipEntryText(out, entry))!;
      if (xml.includes(`<is><t>${INJECTION}</t></is>`) || xml.includes(`<is><t xml:space="preserve">${INJECTION}</t></is>`)) inline++;
      for (const formula of xml.match(/<f[ >][^<]*<\/f>/g) ?? []) {
        expect(formula).not.toContain('cmd');
        expect(formula).not.toContain('SUM(1,2)');
      }
    }
    expect(inline).toBeGreaterThanOrEqual(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    let found = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value === INJECTION) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            found++;
          }
        }),
      );
    }
    expect(found).toBeGreaterThanOrEqual(2);
  });
});

describe('a long ledger', () => {
  const ROWS = 60_000;
  let big: string;

  beforeAll(async () => {
    big = file('long.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: big, useSharedStrings: true });
    const sheet = writer.addWorksheet('台账');
    sheet.addRow(['长台账']).commit();
    sheet.addRow(HEADER).commit();
    for (let i = 1; i <= ROWS; i++) {
      sheet.addRow([i, `项目${i}`, i % 7 === 0 ? '中国华能、中国中铁' : '中粮集团', ['能源', '工业', '交通'][i % 3], i % 5 === 0 ? '竣工' : '在建', 1000 + (i % 97), i % 11 === 0 ? '待定' : 10]).commit();
    }
    sheet.commit();
    await writer.commit();
  }, 120_000);

  it('streams on a worker thread to the same result as in one thread, and draws no progress bar when stderr is not a terminal', async () => {
    const [worker, single] = await Promise.all([
      runCli(['summarize', big, '--json']),
      runCli(['summarize', big, '--json'], { env: { LEDGER_STATS_NO_WORKER: '1' } }),
    ]);
    expect(worker.code).toBe(0);
    expect(worker.stderr).toBe('');
    expect(worker.stdout).toBe(single.stdout);
    expect((JSON.parse(worker.stdout) as SummaryJson).totals.projects).toBe(ROWS);
  }, 120_000);

  it('draws a progress bar on a terminal', async () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin', 'ledger-stats.js'))} validate ${JSON.stringify(big)} --json > /dev/null`;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/读取 \[[█░]{30}\] +\d+%/);
  }, 120_000);
});

describe('the sample ledger', () => {
  it('summarizes without errors from a fresh checkout (the README\u2019s first command)', async () => {
    const run = await runCli(['summarize', 'assets/sample-ledger.xlsx']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('项目个数');
  });

  it('has a handful of deliberate problems for validate to find', async () => {
    const run = await runCli(['validate', 'assets/sample-ledger.xlsx', '--json']);
    expect(run.code).toBe(1);
    const codes = new Set((JSON.parse(run.stdout) as SummaryJsonIssue[]).map((i) => i.code));
    for (const code of ['amount_approximate', 'required_missing', 'stage_unknown', 'duplicate_project', 'invested_exceeds_total', 'dates_reversed', 'soe_unknown']) {
      expect(codes).toContain(code);
    }
  });
});
