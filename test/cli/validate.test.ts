import { join } from 'path';
import { main } from '../../src/cli/main';

const SAMPLE = join(__dirname, '..', '..', 'assets', 'sample-ledger.xlsx');

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => void out.push(t) }, stderr: { write: (t: string) => void err.push(t) }, env: {} },
    stdout: () => out.join(''),
  };
}

interface JsonIssue {
  readonly code: string;
  readonly sheetRow: number | null;
  readonly message: string;
}

describe('validate', () => {
  // The sample's amount columns are 投资情况(亿元)/总投资 (H) and /累计完成投资 (I): row 36 has 236 and 220,
  // row 15 '约30', row 10 3.2 invested at 前期工作.
  it('states amounts in the ledger column’s unit (亿元), as the ledger and the summary do', async () => {
    const run = fakeIo();
    expect(await main(['validate', SAMPLE, '--lang', 'zh-CN'], run.io)).toBe(1);
    const text = run.stdout();
    expect(text).toContain('累计完成投资 236 亿元大于总投资 220 亿元');
    expect(text).toContain("为约数 '约30'，按 30 亿元计入");
    expect(text).toContain('但累计完成投资为 3.2 亿元');
    expect(text).not.toContain('万元');
  });

  it('writes English amounts in billion or million yuan', async () => {
    const run = fakeIo();
    expect(await main(['validate', SAMPLE, '--lang', 'en-US'], run.io)).toBe(1);
    const text = run.stdout();
    expect(text).toContain('Invested to date 23.6 billion yuan exceeds total investment 22 billion yuan');
    expect(text).toContain('but 320 million yuan is invested to date');
    expect(text).not.toMatch(/万元|hundred million/);
  });

  it('gives the same unit in --json', async () => {
    const run = fakeIo();
    expect(await main(['validate', SAMPLE, '--json', '--lang', 'zh-CN'], run.io)).toBe(1);
    const issues = JSON.parse(run.stdout()) as JsonIssue[];
    const row36 = issues.find((i) => i.code === 'invested_exceeds_total');
    expect(row36).toMatchObject({ sheetRow: 36, message: '累计完成投资 236 亿元大于总投资 220 亿元' });
    expect(issues.filter((i) => i.message.includes('万元'))).toEqual([]);
  });
});
