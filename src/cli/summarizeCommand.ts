import { basename } from 'path';
import { draftBrief, summarize, toSummaryJson } from '../domain';
import { DEFAULT_SETTINGS } from '../workflows/workbookPort';
import { EXIT_CODES, inputError } from './CliError';
import type { CliIo } from './cliIo';
import { writeLines } from './cliIo';
import { cliBilingual } from './cliText';
import { formatSummaryText } from './formatSummaryText';
import type { CliArgs } from './parseCliArgs';
import { readLedgerWithProgress } from './readLedgerWithProgress';

type RunArgs = Extract<CliArgs, { kind: 'run' }>;

/**
 * `ledger-stats summarize <file>`: stream the ledger, summarise it and print the key figures and
 * breakdown tables, or with `--json` exactly the summary JSON document (docs/summary.schema.json).
 * @returns exit code 0.
 * @throws CliError (exit 2) when the file cannot be read or holds no ledger.
 */
export async function summarizeCommand(args: RunArgs, io: CliIo): Promise<number> {
  const file = await readLedgerWithProgress(args.file, args, io, { countRows: io.stderr.isTTY === true });
  if (file.read.header === null) throw inputError(cliBilingual('ledgerNotFound', { path: args.file }));
  const summary = summarize(file.read, { soeAttribution: args.soeAttribution ?? DEFAULT_SETTINGS.soeAttribution });
  if (args.json) {
    // The briefing paragraph travels in the JSON as `brief` (docs/summary.schema.json), in the default unit and decimals.
    const brief = draftBrief(summary, { lang: args.lang, displayUnit: DEFAULT_SETTINGS.displayUnit, decimals: DEFAULT_SETTINGS.decimals, rows: file.read.rows });
    io.stdout.write(`${JSON.stringify({ ...toSummaryJson(summary, { lang: args.lang }), brief }, null, 2)}\n`);
  } else {
    writeLines(io.stdout, formatSummaryText(summary, { lang: args.lang, file: basename(args.file), decimals: DEFAULT_SETTINGS.decimals }));
  }
  return EXIT_CODES.ok;
}
