import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { briefCommand, parseBriefArgs } from '../../src/cli/briefCommand';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/main';
import { draftBrief } from '../../src/domain/brief/draftBrief';
import { readLedger } from '../../src/domain/ledger/readLedger';
import type { Grid } from '../../src/domain/ledger/types';
import { summarize } from '../../src/domain/summarize/summarize';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';
import { EMPTY_STATE_DOC } from '../../src/workflows/stateSheet';
import { writeStateDoc } from '../../src/xlsx/ledgerStateSheet';

function captureIo(): CliIo & { out: () => string } {
  let out = '';
  return { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true }, env: {}, out: () => out };
}

/** A small ledger with a category column; amounts in 亿元. */
const GRID: Grid = [
  ['项目名称', '合作央企', '所属领域', '项目类别', '项目阶段', '总投资（亿元）', '累计完成投资（亿元）'],
  ['华能庄河海上风电', '中国华能', '能源', '省重点', '在建', 4_000, 100],
  ['太平湾风电母港', '招商局集团', '工业', '省重点', '前期', 952.7, 0],
  ['长海大桥', '中国交建', '交通', '市谋划', '竣工', 12.3, 12.3],
];

async function writeWorkbook(path: string, grid: Grid, decimals?: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  grid.forEach((cells) => sheet.addRow([...cells]));
  if (decimals !== undefined) writeStateDoc(workbook, { ...EMPTY_STATE_DOC, settings: { ...DEFAULT_SETTINGS, decimals } });
  await workbook.xlsx.writeFile(path);
}

describe('ledger-stats brief', () => {
  let dir: string;
  let plain: string;
  let withSettings: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-brief-'));
    plain = join(dir, 'ledger.xlsx');
    withSettings = join(dir, 'ledger.settings.xlsx');
    await writeWorkbook(plain, GRID);
    await writeWorkbook(withSettings, GRID, 2);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the exact-style paragraph, the same as draftBrief on the read ledger', async () => {
    const io = captureIo();
    expect(await briefCommand([plain], io)).toBe(0);
    const read = readLedger(GRID);
    expect(io.out()).toBe(`${draftBrief(summarize(read), { lang: 'zh-CN', rows: read.rows })}\n`);
    expect(io.out()).toContain('目前共有央地合作项目3个，合作覆盖3家央企，投资总额4965.0亿元。');
    expect(io.out()).toContain('省重点项目2个');
  });

  it('prints the rounded style in English', async () => {
    const io = captureIo();
    await briefCommand([plain, '--lang', 'en-US', '--style', 'rounded'], io);
    // 4,965 亿元 = 496.5 billion yuan, 0.7% below 500.
    expect(io.out()).toContain('a total investment of nearly 500 billion yuan');
    expect(io.out().split('\n')).toHaveLength(2);
  });

  it('uses the decimals stored in the workbook, unless overridden', async () => {
    const io = captureIo();
    await briefCommand([withSettings], io);
    expect(io.out()).toContain('投资总额4965.00亿元');
    const overridden = captureIo();
    await briefCommand([withSettings, '--decimals', '0', '--unit', 'wan'], overridden);
    expect(overridden.out()).toContain('投资总额49650000万元');
  });

  it("opens with the ledger's own date, or --as-of over it, and refuses a date that is not YYYY-MM-DD", async () => {
    const dated = join(dir, 'ledger.dated.xlsx');
    await writeWorkbook(dated, [['2025年大连市央地合作项目台账'], ['截至2025年10月底'], ...GRID]);
    const io = captureIo();
    expect(await briefCommand([dated], io)).toBe(0);
    expect(io.out().startsWith('截至2025年10月31日，共有央地合作项目3个')).toBe(true);
    const pinned = captureIo();
    expect(await briefCommand([dated, '--as-of', '2025-09-30', '--lang', 'en-US'], pinned)).toBe(0);
    expect(pinned.out().startsWith('As of 30 Sep 2025, the ledger lists 3 ')).toBe(true);
    await expect(briefCommand([dated, '--as-of', '2025-09-31'], captureIo())).rejects.toMatchObject({ exitCode: 2 });
    const json1 = captureIo();
    expect(await briefCommand([dated, '--json'], json1)).toBe(0);
    expect(JSON.parse(json1.out())).toEqual({ brief: io.out().trimEnd(), dataDate: '2025-10-31', lang: 'zh-CN', style: 'exact' });
    // summarize --json carries the same paragraph, dated the same way.
    const json = captureIo();
    expect(await main(['summarize', dated, '--json'], json)).toBe(0);
    expect((JSON.parse(json.out()) as { brief: string }).brief).toBe(io.out().trimEnd());
  });

  it('is dispatched by the CLI main as `ledger-stats brief`', async () => {
    const io = captureIo();
    expect(await main(['brief', plain, '--style', 'rounded'], io)).toBe(0);
    expect(io.out()).toContain('投资总额近5000亿元');
  });

  it('adds the paragraph to the summary JSON of `ledger-stats summarize --json` as brief', async () => {
    const io = captureIo();
    expect(await main(['summarize', plain, '--json'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { brief?: unknown; totals: { projects: number } };
    const read = readLedger(GRID);
    expect(json.brief).toBe(draftBrief(summarize(read), { lang: 'zh-CN', rows: read.rows }));
    expect(json.totals.projects).toBe(3);
  });

  it('fails with exit code 2 for a file without a ledger', async () => {
    const empty = join(dir, 'empty.xlsx');
    await writeWorkbook(empty, [['说明'], ['这里没有台账']]);
    await expect(briefCommand([empty], captureIo())).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('parseBriefArgs', () => {
  it('reads the file and the options', () => {
    expect(parseBriefArgs(['a.xlsx', '--style', 'rounded', '--lang', 'en-US', '--decimals', '2', '--unit', 'wan'])).toEqual({
      file: 'a.xlsx',
      style: 'rounded',
      lang: 'en-US',
      decimals: 2,
      displayUnit: 'wan',
    });
    expect(parseBriefArgs(['a.xlsx'])).toEqual({ file: 'a.xlsx', style: 'exact', lang: 'zh-CN' });
  });

  it.each([[[]], [['a.xlsx', 'b.xlsx']], [['a.xlsx', '--style', 'fancy']], [['a.xlsx', '--decimals', '1.5']], [['a.xlsx', '--unit', 'yuan']], [['a.xlsx', '--lang', 'fr']]])(
    'rejects %p with exit code 2',
    (argv) => {
      expect(() => parseBriefArgs(argv)).toThrow(expect.objectContaining({ exitCode: 2 }));
    },
  );
});
