import { existsSync, realpathSync } from 'fs';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { basename, dirname, join, parse, resolve } from 'path';
import { countIssuesBySeverity, type Lang } from '../domain';
import { refresh, type RefreshProgress, type RefreshStage, type RunReport } from '../workflows/refresh';
import type { RunError } from '../workflows/runError';
import type { LedgerSettings } from '../workflows/workbookPort';
import { detectInputFormat } from '../xlsx/detectInputFormat';
import { readXlsxIndex } from '../xlsx/readXlsxIndex';
import { streamSourceInWorker } from '../xlsx/streamLedgerSheetInWorker';
import { openXlsxReader, type XlsxReader } from '../xlsx/reader/openXlsxReader';
import { openXlsxFilePort, type SheetRowSource } from '../xlsx/writer/openXlsxFilePort';
import { CliError, EXIT_CODES, inputError, toCliError } from './CliError';
import type { CliIo } from './cliIo';
import { writeLines } from './cliIo';
import { cliBilingual, cliText, type CliTextId } from './cliText';
import type { CliArgs } from './parseCliArgs';
import { createProgressBar, PROGRESS_MIN_ROWS, SILENT_PROGRESS, type ProgressBar } from './progressBar';
import { asOfOverride } from './readLedgerWithProgress';
import { allZeroWarning } from './allZeroWarning';

type RunArgs = Extract<CliArgs, { kind: 'run' }>;

/** Redraw interval of the status line while a step that reports no progress runs. */
const TICK_MS = 500;

/**
 * The default output beside the input: `ledger.xlsx` → `ledger.summary.xlsx`. A macro-enabled
 * workbook keeps its extension (`ledger.xlsm` → `ledger.summary.xlsm`): its macros are kept, and
 * Excel refuses to open a macro-enabled package named .xlsx.
 */
export function defaultOutputPath(input: string): string {
  const { dir, name, ext } = parse(input);
  return join(dir, `${name}.summary${ext.toLowerCase() === '.xlsm' ? ext : '.xlsx'}`);
}

function samePath(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return join(realpathSync(dirname(resolve(p))), basename(p));
    }
  };
  try {
    return real(a) === real(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** A status line that ticks while a long step runs, when the workbook is large and stderr a terminal. */
function stepStatus(bar: ProgressBar, lang: Lang): { step(id: CliTextId, fraction?: number | null): void; stop(): void } {
  let label = '';
  let startedAt = Date.now();
  let fraction: number | null = null;
  const draw = (): void => bar.update(fraction, `${label} ${Math.round((Date.now() - startedAt) / 1000)}s`);
  const timer = bar === SILENT_PROGRESS ? null : setInterval(draw, TICK_MS);
  timer?.unref();
  return {
    step(id, f = null) {
      const text = cliText(lang, id);
      if (text !== label) startedAt = Date.now();
      label = text;
      fraction = f;
      draw();
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      bar.done();
    },
  };
}

/**
 * The project's streaming reader as the rows of the file port; the ledger itself is parsed on a worker thread when it
 * is large (`streamSourceInWorker`, as `summarize` reads it), so that unzipping and parsing overlap with the
 * domain's reader.
 */
export function rowSource(reader: XlsxReader): SheetRowSource {
  const sheet = (name: string) => reader.sheets.find((s) => s.name === name);
  return {
    async streamRows(name, onRow) {
      const found = sheet(name);
      if (found !== undefined) await reader.streamRows(found, onRow);
    },
    async rowCount(name) {
      const found = sheet(name);
      return found === undefined ? null : reader.dimensionRows(found);
    },
    async streamSource(name, area, onRow) {
      const found = sheet(name);
      if (found === undefined) return;
      try {
        await streamSourceInWorker(reader, { sheet: found, area }, { onSource: () => undefined, onRow });
      } finally {
        // The rows keep the strings they hold; the table itself is not needed until another sheet is read, which
        // reads it again (a full sheet's is a million entries).
        reader.releaseSharedStrings();
      }
    },
  };
}

/** A sheet's name as the workbook spells it (Excel sheet names are case-insensitive). */
function findSheetName(sheets: readonly { name: string }[], wanted: string): string {
  return sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase())?.name ?? wanted;
}

function runErrorToCliError(error: RunError, args: RunArgs, sheets: readonly string[]): CliError {
  switch (error.code) {
    case 'source_not_found':
      return inputError(cliBilingual('sheetNotFound', { sheet: args.sheet ?? '', sheets: sheets.join('、') }));
    case 'ledger_not_found':
      return inputError(cliBilingual('ledgerNotFound', { path: args.file }));
    case 'internal':
      return new CliError(EXIT_CODES.internal, error.message);
    default:
      return inputError(error.message);
  }
}

/**
 * `ledger-stats refresh <file.xlsx>`: run the same `refresh` workflow and layout plans as the
 * add-in through the .xlsx file port (`openXlsxFilePort`: the ledger is streamed, never loaded
 * whole), and save the result to a new file (`<name>.summary.xlsx`, or `-o`), or over the input
 * with `--in-place`, atomically. Every part of the input the CLI does not own (charts, pivots,
 * macros, add-in settings, custom XML, styles) is copied unchanged; the summary gets native charts.
 * The input is never written otherwise. The state (`src/workflows/stateSheet.ts`) is read and written back in the
 * very hidden state sheet, or, with `--drop-state`, removed with the issue marks and the add-in's marks helper.
 * @returns exit code 0; 1 (with a warning) when a `--mapping` gives an all-zero report.
 * @throws CliError (exit 2) for an unreadable input, no ledger, or an output that cannot be written.
 */
export async function refreshCommand(args: RunArgs, io: CliIo): Promise<number> {
  const { file, lang } = args;
  const format = await detectInputFormat(file);
  if (format === 'xls') return refreshXls(args, io);
  if (format !== 'xlsx') throw inputError(cliBilingual('refreshNeedsXlsx', { path: file }));
  const output = args.inPlace ? file : (args.output ?? defaultOutputPath(file));
  if (!args.inPlace && samePath(output, file)) throw inputError(cliBilingual('outputIsInput', { path: file }));
  if (!args.inPlace && !/\.xls[xm]$/i.test(output)) throw inputError(cliBilingual('outputExtension', { path: output }));
  // A former summary is not overwritten by surprise: that takes --force (or --in-place, which says so).
  if (!args.inPlace && !args.force && existsSync(output)) throw inputError(cliBilingual('outputExists', { path: output }));

  const index = await readXlsxIndex(file);
  const userSheets = index.sheets.filter((s) => s.state !== 'veryHidden').map((s) => s.name);
  const largest = Math.max(0, ...index.sheets.map((s) => s.rowCount ?? 0));
  const bar = largest > PROGRESS_MIN_ROWS ? createProgressBar(io.stderr, 'ledger-stats') : SILENT_PROGRESS;
  const status = stepStatus(bar, lang);
  let reader: XlsxReader | null = null;
  try {
    status.step('loading');
    reader = await openXlsxReader(file);
    const port = await openXlsxFilePort(file, rowSource(reader));
    const settings: Partial<LedgerSettings> = {
      ...(args.langGiven ? { lang } : {}),
      ...(args.mapping === undefined ? {} : { mapping: args.mapping }),
      ...(args.soeAttribution === undefined ? {} : { soeAttribution: args.soeAttribution }),
      ...asOfOverride(args),
      ...(args.sheet === undefined ? {} : { source: { kind: 'sheet' as const, name: findSheetName(index.sheets, args.sheet) } }),
    };
    const onProgress = (p: RefreshProgress): void => status.step(`stage_${p.stage}` as `stage_${RefreshStage}`, p.fraction ?? null);
    // Only what is printed is kept of the run report: its rows and issues (a million of each on a full sheet) are
    // garbage while the package is written.
    const { lines, warning } = describeRun(await refresh(port, { settings, displayLanguage: lang, onProgress }), args, output, userSheets);
    if (args.dropState) await port.dropState();
    status.step('saving');
    // The run's rows and issues stay reachable until the event loop turns (measured on a 100,000-row refresh: 108 MB
    // live after the run, 43 MB after a setImmediate); the package is written after that turn, without them.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await port.save(output);
    } catch (error) {
      throw toCliError(error, { path: output });
    }
    status.stop();

    writeLines(io.stdout, lines);
    if (warning !== null) {
      io.stderr.write(`${warning}\n`);
      return EXIT_CODES.issues;
    }
    return EXIT_CODES.ok;
  } catch (error) {
    status.stop();
    throw toCliError(error, { path: file, ...(args.sheet === undefined ? {} : { sheet: args.sheet }), sheets: userSheets });
  } finally {
    await reader?.close();
  }
}

/**
 * What `refresh` prints about a run: the lines for stdout, and the all-zero warning (`allZeroWarning`) or `null`.
 * @throws CliError for a failed run.
 */
function describeRun(report: RunReport, args: RunArgs, output: string, userSheets: readonly string[]): { lines: string[]; warning: string | null } {
  const { lang } = args;
  if (!report.ok) throw runErrorToCliError(report.error ?? { code: 'internal', message: cliBilingual('internalError', { detail: 'refresh failed' }), detail: '' }, args, userSheets);
  const lines = [cliText(lang, 'wrote', { path: output })];
  lines.push(cliText(lang, 'sheetsWritten', { summary: report.sheets.summary ?? '—', validation: report.sheets.validation ?? '—' }));
  for (const note of report.notes) lines.push(note.message[lang]);
  const counts = report.read?.counts;
  // Counted from the issues' locations: a compact read's issues are not built for it.
  const { error: errors, warning: warnings } = countIssuesBySeverity(report.issues);
  if (counts !== undefined) lines.push(cliText(lang, 'issuesLine', { errors, warnings, info: counts.skippedRows }));
  const warning = report.summary === null || counts === undefined ? null : allZeroWarning(report.summary, counts, args.mapping !== undefined, lang);
  return { lines, warning };
}

/**
 * `refresh` of an old .xls: its sheets are written as an .xlsx (`convertXlsToXlsx`, in a temporary folder) and
 * refreshed from there into `<name>.summary.xlsx` beside the .xls (or `-o`); the .xls itself is never written,
 * so `--in-place` is refused. The output says that the result is an .xlsx.
 */
async function refreshXls(args: RunArgs, io: CliIo): Promise<number> {
  if (args.inPlace) throw inputError(cliBilingual('xlsInPlace', { path: args.file }));
  const output = args.output ?? defaultOutputPath(args.file);
  const dir = await mkdtemp(join(tmpdir(), 'ledger-stats-xls-'));
  try {
    const converted = join(dir, `${parse(args.file).name}.xlsx`);
    try {
      // Loaded here, for an .xls only: SheetJS takes about 0.4 s to load, a tenth of a 100,000-row .xlsx refresh.
      const { convertXlsToXlsx } = await import('../xlsx/convertXlsToXlsx');
      await convertXlsToXlsx(args.file, converted);
    } catch (error) {
      throw toCliError(error, { path: args.file });
    }
    writeLines(io.stdout, [cliText(args.lang, 'xlsConverted', { path: args.file, output })]);
    return await refreshCommand({ ...args, file: converted, output }, io);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
