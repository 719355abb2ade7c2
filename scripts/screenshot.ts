/**
 * Writes docs/summary.png, the picture of the refreshed sample's 汇总 sheet that the README shows: the sample
 * ledger refreshed by the CLI (`ledger-stats refresh`, in Chinese), every sheet but 汇总 hidden (hidden sheets do not
 * print), printed to PDF by LibreOffice Calc with the sheet's own page setup (landscape A4, one page wide), and the
 * first page rendered at 80 dpi by poppler's pdftoppm. Needs `soffice` and `pdftoppm` on the PATH.
 * The 生成时间 line shows the time of the run.
 * Run: npm run screenshot (npx tsx scripts/screenshot.ts [out.png])
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { unzipSync, zipSync } from 'fflate';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { main } from '../src/cli/main';

const ROOT = join(__dirname, '..');
const SHEET = '汇总';
const DPI = 80;

/** The workbook with every sheet hidden but `keep`, which becomes the active tab. */
function showOnly(xlsx: Uint8Array, keep: string): Uint8Array {
  const parts = unzipSync(xlsx);
  const entry = parts['xl/workbook.xml'];
  if (entry === undefined) throw new Error('no xl/workbook.xml in the refreshed workbook');
  let xml = Buffer.from(entry).toString('utf8');
  let index = -1;
  let active = -1;
  xml = xml.replace(/<sheet\s[^>]*>/g, (sheet) => {
    index += 1;
    const plain = sheet.replace(/\sstate="[^"]*"/, '');
    if (/\sname="([^"]*)"/.exec(sheet)?.[1] !== keep) return plain.replace('<sheet ', '<sheet state="hidden" ');
    active = index;
    return plain;
  });
  if (active < 0) throw new Error(`no sheet ${keep} in the refreshed workbook`);
  const view = `<workbookView activeTab="${active}"`;
  xml = xml.includes('<workbookView')
    ? xml.replace(/\sactiveTab="\d+"/g, '').replace('<workbookView', view)
    : xml.replace('<sheets>', `<bookViews>${view}/></bookViews><sheets>`);
  parts['xl/workbook.xml'] = Buffer.from(xml, 'utf8');
  return zipSync(parts);
}

/** Run a tool; its output is shown when it fails. */
function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 180_000 });
  if (result.error !== undefined) throw new Error(`${command}: ${result.error.message} (is it installed?)`);
  if (result.status !== 0) throw new Error(`${command} exited with ${String(result.status)}:\n${result.stdout}${result.stderr}`);
}

async function screenshot(out: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-stats-screenshot-'));
  try {
    const ledger = join(dir, 'sample.xlsx');
    copyFileSync(join(ROOT, 'assets', 'sample-ledger.xlsx'), ledger);
    const said: string[] = [];
    const io = { stdout: { write: (t: string) => void said.push(t) }, stderr: { write: (t: string) => void said.push(t) }, env: {} };
    const code = await main(['refresh', ledger, '--lang', 'zh-CN'], io);
    if (code !== 0) throw new Error(`ledger-stats refresh exited with ${code}:\n${said.join('')}`);

    const summary = join(dir, 'summary.xlsx');
    writeFileSync(summary, showOnly(readFileSync(join(dir, 'sample.summary.xlsx')), SHEET));
    // A profile of its own, so that a LibreOffice already running (another user, a test) does not take the job.
    run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, summary]);
    run('pdftoppm', ['-png', '-r', String(DPI), '-f', '1', '-l', '1', '-singlefile', join(dir, 'summary.pdf'), join(dir, 'page')]);
    copyFileSync(join(dir, 'page.png'), out);
    console.log(`${out}: ${Math.round(statSync(out).size / 1024)} KB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

screenshot(resolve(process.argv[2] ?? join(ROOT, 'docs', 'summary.png'))).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
