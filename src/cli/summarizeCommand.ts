import { basename } from 'path';
import { computeLights, computeRace, DEFAULT_RACE_RULES, draftBrief, summarize, toRaceJson, toSummaryJson, toWarningsJson, withRankChanges } from '../domain';
import { EXIT_CODES, inputError } from './CliError';
import type { CliIo } from './cliIo';
import { writeLines } from './cliIo';
import { cliBilingual } from './cliText';
import { formatSummaryText } from './formatSummaryText';
import { baselineRanks, resolveAsOf } from './raceArgs';
import { readRulesSheet } from './readRulesSheet';
import { resolveDataDate } from '../workflows/dataDate';
import type { CliArgs } from './parseCliArgs';
import { readLedgerWithProgress } from './readLedgerWithProgress';
import { allZeroWarning } from './allZeroWarning';
import { writeJson } from './writeJson';

type RunArgs = Extract<CliArgs, { kind: 'run' }>;

/**
 * `ledger-stats summarize <file>`: read the ledger the way `refresh` does (stored settings, source
 * choice, reader: `readLedgerFile`), summarise it and print the key figures and breakdown tables,
 * or with `--json` exactly the summary JSON document of `refresh` (docs/summary.schema.json). The
 * language is `--lang`, else the workbook's stored language, else zh-CN.
 * @returns exit code 0; 1 (with a warning on stderr) when a `--mapping` gives an all-zero report (`allZeroWarning`).
 * @throws CliError (exit 2) when the file cannot be read or holds no ledger.
 */
export async function summarizeCommand(args: RunArgs, io: CliIo): Promise<number> {
  const file = await readLedgerWithProgress(args.file, args, io, { countRows: io.stderr.isTTY === true });
  if (file.read.header === null) throw inputError(cliBilingual('ledgerNotFound', { path: args.file }));
  const { settings } = file;
  const lang = args.langGiven ? args.lang : (settings.lang ?? args.lang);
  const summary = summarize(file.read, { soeAttribution: settings.soeAttribution });
  if (args.json) {
    // The briefing paragraph travels in the JSON as `brief` (docs/summary.schema.json), in the workbook's unit and decimals, as `refresh` drafts it.
    // `--as-of` is in `settings` already (checked by readLedgerWithProgress's asOfOverride).
    const dataDate = resolveDataDate(settings, file.read).date;
    const brief = draftBrief(summary, { lang, style: 'exact', displayUnit: settings.displayUnit, decimals: settings.decimals, rows: file.read.rows, dataDate });
    // 赛马 and 红黄绿灯 (issue 17) as of the report's data date, else the end of the last complete month; the change in
    // rank against the period baseline stored in the workbook, as the refresh shows it on the 赛马 sheet.
    const asOf = resolveAsOf(dataDate, io.now);
    const input = { rows: file.read.rows, columns: file.read.header.columns };
    const rules = (await readRulesSheet(args.file)) ?? DEFAULT_RACE_RULES;
    const race = toRaceJson(withRankChanges(computeRace(input, asOf, rules), baselineRanks(file.snapshot)));
    const warnings = toWarningsJson(computeLights(input, asOf, rules), lang);
    // The issues are written a few thousand at a time (`writeJson`): the same text, never one string of all of them.
    writeJson(io.stdout, { ...toSummaryJson(summary, { lang }), brief, race, warnings });
  } else {
    writeLines(io.stdout, formatSummaryText(summary, { lang, file: basename(args.file), decimals: settings.decimals }));
  }
  const warning = allZeroWarning(summary, file.read.counts, args.mapping !== undefined, lang);
  if (warning !== null) {
    io.stderr.write(`${warning}\n`);
    return EXIT_CODES.issues;
  }
  return EXIT_CODES.ok;
}
