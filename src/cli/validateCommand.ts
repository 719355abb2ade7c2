import { countIssuesBySeverity, summarize, toSummaryJson } from '../domain';
import { EXIT_CODES } from './CliError';
import type { CliIo } from './cliIo';
import { writeLines } from './cliIo';
import { issueLines } from './formatIssuesText';
import { writeJson } from './writeJson';
import type { CliArgs } from './parseCliArgs';
import { readLedgerWithProgress } from './readLedgerWithProgress';

type RunArgs = Extract<CliArgs, { kind: 'run' }>;

/**
 * `ledger-stats validate <file>`: read the ledger the way `refresh` does (`readLedgerFile`: stored
 * settings, source choice, reader) and print its issues grouped by severity, or with `--json` the
 * issues array (the `issues` of the summary JSON).
 * @returns 1 when any issue has error severity, else 0.
 * @throws CliError (exit 2) when the file cannot be read or holds no ledger.
 */
export async function validateCommand(args: RunArgs, io: CliIo): Promise<number> {
  const file = await readLedgerWithProgress(args.file, args, io, { countRows: io.stderr.isTTY === true });
  const { read } = file;
  if (args.json) {
    // The same issue objects as in `summarize --json`, so one schema describes both.
    const json = toSummaryJson(summarize(read, { soeAttribution: file.settings.soeAttribution }), { lang: args.lang });
    writeJson(io.stdout, json.issues);
  } else {
    writeLines(io.stdout, issueLines(read, args.lang));
  }
  return countIssuesBySeverity(read.issues).error > 0 ? EXIT_CODES.issues : EXIT_CODES.ok;
}
