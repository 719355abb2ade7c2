/**
 * The sample ledger (`assets/sample-ledger.xlsx`, built by `scripts/makeSampleLedger.ts`) for the shared workflow
 * suite: as a workbook both hosts open, and its summary JSON as `ledger-stats summarize --json` prints it (run in
 * process, through the CLI's `main`).
 */
import { join } from 'path';
import { main } from '../../../src/cli/main';
import { fakeFromXlsx } from '../../fakes/xlsxBridge';
import { excelWorkbook } from './excelHost';
import type { PortableWorkbook } from './workflowHost';

/** The sample ledger's path. */
export const SAMPLE_LEDGER = join(__dirname, '..', '..', '..', 'assets', 'sample-ledger.xlsx');

/** The sample ledger as Excel opens it (the .xlsx bridge), in the form both hosts open. */
export function sampleWorkbook(): PortableWorkbook {
  return excelWorkbook(fakeFromXlsx(SAMPLE_LEDGER, { displayLanguage: 'zh-CN' })).toPortable();
}

/**
 * `ledger-stats summarize <path> --json` without `race` and `warnings` (the CLI's only: the add-in's run report keeps
 * them apart), as the run report's `json` has it.
 * @throws when the command exits with another code than 0.
 */
export async function cliSummaryJson(path: string, now: Date): Promise<unknown> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (t: string) => void out.push(t) }, stderr: { write: (t: string) => void err.push(t) }, env: {}, now: () => now };
  const code = await main(['summarize', path, '--json', '--lang', 'zh-CN'], io);
  if (code !== 0) throw new Error(`summarize ${path} exited ${code}: ${err.join('')}`);
  const { race: _race, warnings: _warnings, ...figures } = JSON.parse(out.join('')) as Record<string, unknown>;
  return figures;
}
