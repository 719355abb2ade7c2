import { existsSync, realpathSync } from 'fs';
import { readdir, stat } from 'fs/promises';
import { basename, dirname, join, resolve } from 'path';
import type { Worker } from 'worker_threads';
import { createLedgerMerge, describeMergeIssueCode, describeSource, mergedLedgerGrid } from '../domain';
import type { AmountUnit, Lang, LedgerIssue, MergeDuplicate, MergeIssue, MergeResult, MergeUnit, ProjectSource } from '../domain';
import { commonDataDate, MERGED_SHEET, type MergeFileRead } from '../workflows/readMergeSource';
import { detectInputFormat } from '../xlsx/detectInputFormat';
import { createMergeWorkerPool, MergeWorkerLostError, mergeWorkerCount, type MergeReadHooks, type MergeWorkerPool } from '../xlsx/mergeWorkerPool';
import { readMergeFile } from '../xlsx/readMergeFile';
import { streamSourceInWorker } from '../xlsx/streamLedgerSheetInWorker';
import { writeGridWorkbook } from '../xlsx/writer/writeGridWorkbook';
import { EXIT_CODES, inputError, toCliError } from './CliError';
import { writeLines, type CliIo } from './cliIo';
import { cliBilingual } from './cliText';
import { formatYi } from './formatSummaryText';
import { parseLang, parseOptions } from './parseCliArgs';
import { orderedReadProgress } from './orderedReadProgress';
import { readProgress, type ReadProgress } from './readProgress';

/** Arguments of `ledger-stats merge`. */
export interface MergeArgs {
  /** The files and folders as given. */
  readonly inputs: readonly string[];
  readonly output: string;
  readonly unit: MergeUnit;
  readonly json: boolean;
  readonly lang: Lang;
  readonly force: boolean;
}

const TEXT = {
  'zh-CN': {
    needInputs: '参数错误：merge 需要至少一个台账文件或文件夹，以及 -o <输出.xlsx>。',
    needOutput: '参数错误：merge 需要 -o <输出.xlsx>。',
    badUnit: '--unit 只能是 亿元（yi）或 万元（wan）。',
    outputExtension: '输出文件名须以 .xlsx 结尾：{path}',
    noWorkbooks: '没有找到要合并的工作簿（.xlsx、.xlsm、.xls）：{path}',
    notWorkbook: 'merge 只合并 .xlsx、.xlsm 和 .xls 工作簿：{path}',
    outputIsInput: '输出文件是要合并的文件之一：{path}。请用 -o 换一个文件名。',
    fileLine: '{file} › {sheet}：读取 {rowsRead} 行，计入项目 {projects} 个，总投资单位 {unit}{district}；错误 {errors} 条，警告 {warnings} 条',
    districtOf: '，属 {district}',
    unitAssumed: '万元（未注明）',
    mergeIssues: '合并发现的问题（{n}）',
    duplicates: '跨文件重复项目 {n} 个（只计入一次，以第一个文件为准）',
    wrote: '已写入 {path} › {sheet}：项目 {projects} 个，总投资 {total} 亿元（{files} 个文件，{rows} 个项目行，重复 {duplicateRows} 行）',
    hasErrors: '有文件存在数据错误（该行不计入），运行 ledger-stats validate <文件> 查看明细。',
  },
  'en-US': {
    needInputs: 'Invalid arguments: merge needs at least one ledger file or folder, and -o <out.xlsx>.',
    needOutput: 'Invalid arguments: merge needs -o <out.xlsx>.',
    badUnit: '--unit must be yi (亿元) or wan (万元).',
    outputExtension: 'The output file name must end in .xlsx: {path}',
    noWorkbooks: 'No workbook (.xlsx, .xlsm, .xls) to merge in {path}',
    notWorkbook: 'merge reads .xlsx, .xlsm and .xls workbooks only: {path}',
    outputIsInput: 'The output is one of the files to merge: {path}. Choose another name with -o.',
    fileLine: '{file} › {sheet}: {rowsRead} rows read, {projects} projects counted, totals in {unit}{district}; {errors} errors, {warnings} warnings',
    districtOf: ', district {district}',
    unitAssumed: '万元 (assumed)',
    mergeIssues: 'Found by the merge ({n})',
    duplicates: '{n} projects reported by several files (counted once, the first file’s values kept)',
    wrote: 'Wrote {path} › {sheet}: {projects} projects, total investment {total} 亿元 ({files} files, {rows} project rows, {duplicateRows} duplicate rows)',
    hasErrors: 'Some files have rows with errors (not counted); run ledger-stats validate <file> for the details.',
  },
} as const;
type TextId = keyof (typeof TEXT)['zh-CN'];

const fill = (template: string, values: Readonly<Record<string, string | number>> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
const bilingual = (id: TextId, values?: Readonly<Record<string, string | number>>): { 'zh-CN': string; 'en-US': string } => ({
  'zh-CN': fill(TEXT['zh-CN'][id], values),
  'en-US': fill(TEXT['en-US'][id], values),
});

const UNIT_NAMES: Readonly<Record<string, MergeUnit>> = { yi: 'yi', 亿元: 'yi', 亿: 'yi', wan: 'wan', 万元: 'wan', 万: 'wan' };
const UNIT_TEXT: Readonly<Record<AmountUnit, string>> = { yuan: '元', wan: '万元', yi: '亿元' };
const WORKBOOK_EXTENSION = /\.(?:xlsx|xlsm|xls)$/i;

/**
 * Parse `merge <file|folder>… -o <out.xlsx> [--unit yi|wan] [--json] [--force] [--lang zh-CN|en-US]` (the
 * arguments after the command word).
 * @throws CliError (exit 2) for a bad or missing argument.
 */
export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  const { values, positionals } = parseOptions(argv, {
    output: { type: 'string', short: 'o' },
    unit: { type: 'string' },
    json: { type: 'boolean' },
    force: { type: 'boolean' },
    lang: { type: 'string' },
  });
  if (positionals.length === 0) throw inputError(bilingual('needInputs'));
  if (values.output === undefined) throw inputError(bilingual('needOutput'));
  if (!/\.xlsx$/i.test(values.output)) throw inputError(bilingual('outputExtension', { path: values.output }));
  const unit = UNIT_NAMES[values.unit ?? 'yi'];
  if (unit === undefined) throw inputError(bilingual('badUnit'));
  return { inputs: positionals, output: values.output, unit, json: values.json === true, lang: parseLang(values.lang), force: values.force === true };
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return join(dirname(resolve(path)), basename(path));
  }
}

/**
 * The files to merge, in order: each file as given, each folder's workbooks (.xlsx, .xlsm, .xls; not Office's
 * `~$` lock files or hidden files) sorted by name, leaving out the output itself (a former merge in the folder) and
 * a file already listed (given twice, or both by name and in its folder).
 * @throws CliError (exit 2) for a folder without workbooks, a file that is not a workbook, or the output given as an input.
 */
export async function listMergeFiles(inputs: readonly string[], output: string): Promise<string[]> {
  const out = realPath(output);
  const files: string[] = [];
  const listed = new Set<string>();
  const add = (path: string): void => {
    const real = realPath(path);
    if (listed.has(real)) return;
    listed.add(real);
    files.push(path);
  };
  for (const input of inputs) {
    const isFolder = await stat(input).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      if (realPath(input) === out) throw inputError(bilingual('outputIsInput', { path: input }));
      if (!WORKBOOK_EXTENSION.test(input)) throw inputError(bilingual('notWorkbook', { path: input }));
      add(input);
      continue;
    }
    const names = (await readdir(input, { withFileTypes: true }))
      .filter((e) => e.isFile() && WORKBOOK_EXTENSION.test(e.name) && !e.name.startsWith('~$') && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => join(input, name))
      .filter((path) => realPath(path) !== out);
    if (names.length === 0) throw inputError(bilingual('noWorkbooks', { path: input }));
    names.forEach(add);
  }
  return files;
}

/** How a file is read: in this thread, or on a worker of the pool. */
type ReadMergeFile = (path: string, format: 'xlsx' | 'xls', progress: ReadProgress) => Promise<MergeFileRead>;

/** The read's progress callbacks over the CLI's progress bar (`total` known once the source is chosen). */
function progressHooks(progress: ReadProgress): Required<MergeReadHooks> {
  let total: number | null = null;
  return {
    onSourceRows: (rows) => {
      total = rows;
      progress.onSourceRows(rows);
    },
    onProgress: (rows) => progress.onProgress(rows, total !== null && total > 0 ? Math.min(1, rows / total) : null),
  };
}

/** In this thread, the rows of a large sheet unzipped and parsed on a worker (`streamSourceInWorker`), as every command reads. */
const readInThread: ReadMergeFile = (path, format, progress) => readMergeFile(path, format, { streamSource: streamSourceInWorker, ...progressHooks(progress) });

/**
 * In this thread, rows and all, as one of the pool's readers: the pool is the parallelism, so a large sheet does not
 * start a worker of `streamSourceInWorker` besides the pool's.
 */
const readHere: ReadMergeFile = (path, format, progress) => readMergeFile(path, format, progressHooks(progress));

/**
 * On the next free worker of `pool` (the sheet's rows read on that worker too). When the worker itself is lost while
 * reading (it stopped or threw outside the read), the file is read again in this thread: a failure is then the file's
 * own, reported as reading it in this thread reports it, never the thread's.
 */
const readInPool =
  (pool: MergeWorkerPool): ReadMergeFile =>
  (path, format, progress) =>
    pool.read(path, format, progressHooks(progress)).catch((error: unknown) => {
      if (error instanceof MergeWorkerLostError) return readInThread(path, format, progress);
      throw error;
    });

/** One file, read the way every command reads a ledger (`readLedgerSource` over the .xlsx or .xls read port). */
async function readFile(path: string, read: ReadMergeFile, progress: ReadProgress): Promise<MergeFileRead> {
  try {
    const format = await detectInputFormat(path);
    if (format === 'csv') throw inputError(bilingual('notWorkbook', { path }));
    const file = await read(path, format, progress);
    if (file.ledger.read.header === null) throw inputError(cliBilingual('ledgerNotFound', { path }));
    return file;
  } catch (error) {
    throw toCliError(error, { path });
  } finally {
    progress.done();
  }
}

/** Options of `readMergeFiles`. */
export interface ReadMergeFilesOptions {
  /** Workers besides this thread (0: one file after the other here); `mergeWorkerCount` by default. */
  readonly workers?: number;
  /** Starts one worker (tests); the compiled `mergeFileWorker.js` by default. */
  readonly startWorker?: () => Worker;
  /** Called with each file's read in the files' order, as soon as it and the files before it are read. */
  readonly onFile?: (file: MergeFileRead) => void;
}

/** A file's read as it ended. */
type ReadOutcome = { readonly ok: true; readonly file: MergeFileRead } | { readonly ok: false; readonly error: unknown };

/**
 * Read every file (`readFile`), the results in the files' order. Several files are read at once: each worker of a
 * pool (`mergeWorkerCount`: one reader per core, at least 2, this thread being one) and this thread take the next
 * file in turn and read it whole (unzip, XML and the domain's reader), so the reads share the cores; a worker's read
 * crosses back by structured clone. The progress bar follows the files' order (`orderedReadProgress`). A single file,
 * or running from sources, is read in this thread, one file after the other. Whatever the order the reads end in,
 * the failure thrown is the first file's in the files' order, as one read after the other would throw; no file is
 * started after a failure.
 */
export async function readMergeFiles(paths: readonly string[], io: CliIo, lang: Lang, options: ReadMergeFilesOptions = {}): Promise<MergeFileRead[]> {
  const { workers = mergeWorkerCount(paths.length), startWorker, onFile = () => undefined } = options;
  const progressOf = orderedReadProgress(paths.length, () => readProgress(io, lang));
  if (workers === 0) {
    const files: MergeFileRead[] = [];
    for (const [i, path] of paths.entries()) {
      const file = await readFile(path, readInThread, progressOf(i));
      onFile(file);
      files.push(file);
    }
    return files;
  }
  const pool = createMergeWorkerPool(workers, startWorker);
  const settle: ((outcome: ReadOutcome) => void)[] = [];
  const outcomes = paths.map(() => new Promise<ReadOutcome>((resolve) => settle.push(resolve)));
  let next = 0;
  const lane = async (read: ReadMergeFile): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const outcome = await readFile(paths[i] as string, read, progressOf(i)).then(
        (file): ReadOutcome => ({ ok: true, file }),
        (error: unknown): ReadOutcome => ({ ok: false, error }),
      );
      if (!outcome.ok) next = paths.length;
      settle[i]?.(outcome);
    }
  };
  // The workers' lanes take the first files: this thread's lane starts reading at once, a worker only once started.
  const lanes = [...Array.from({ length: workers }, () => lane(readInPool(pool))), lane(readHere)];
  try {
    const files: MergeFileRead[] = [];
    for (const outcome of outcomes) {
      const ended = await outcome;
      if (!ended.ok) throw ended.error;
      onFile(ended.file);
      files.push(ended.file);
    }
    return files;
  } finally {
    await pool.close();
    // This thread's lane ends its file (a worker's lane ends with the pool): nothing reads on after the command.
    await Promise.all(lanes);
  }
}

/** The unit the file's total column was read in, and whether the reader had to assume it. */
function unitOf(file: MergeFileRead): { readonly total: AmountUnit; readonly assumed: boolean } {
  const header = file.ledger.read.header;
  const unit = header?.columns.totalInvestment?.unit ?? header?.sheetUnit;
  return unit === undefined ? { total: 'wan', assumed: true } : { total: unit, assumed: false };
}

const count = (issues: readonly LedgerIssue[], severity: LedgerIssue['severity']): number => issues.filter((i) => i.severity === severity).length;
const jsonSource = (s: ProjectSource) => ({ file: s.file, sheet: s.sheet, sheetRow: s.sheetRow });
const jsonDuplicate = (d: MergeDuplicate) => ({ name: d.name, match: d.match, sources: d.sources.map(jsonSource), conflicts: d.conflicts });
const jsonMergeIssue = (issue: MergeIssue, lang: Lang) => ({
  code: issue.code,
  severity: issue.severity,
  message: issue.message[lang],
  ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion[lang] }),
  sources: issue.sources.map(jsonSource),
});
const jsonReadIssue = (issue: LedgerIssue, lang: Lang) => ({
  sheetRow: issue.sheetRow,
  column: issue.column === null ? null : `${issue.column.letter} ${issue.column.header}`,
  code: issue.code,
  severity: issue.severity,
  message: issue.message[lang],
});

/**
 * The merge report as JSON: per file (rows read, projects, unit, the reader's issues, the duplicates it is part of),
 * then every duplicate and the merge's own findings (each naming its files), once.
 */
function mergeJson(args: MergeArgs, files: readonly MergeFileRead[], result: MergeResult) {
  const totalWan = result.projects.reduce((s, p) => s + p.row.totalWan, 0);
  const investedWan = result.projects.reduce((s, p) => s + p.row.investedWan, 0);
  return {
    output: args.output,
    sheet: MERGED_SHEET,
    unit: args.unit,
    projects: result.projects.length,
    /** 亿元, unrounded, as the summary JSON states amounts. */
    totalInvestment: totalWan / 10_000,
    investedToDate: investedWan / 10_000,
    files: files.map((file, i) => {
      const { read } = file.ledger;
      return {
        file: file.source.file,
        sheet: file.ledger.sheet,
        rowsRead: file.rowsRead,
        dataRows: read.counts.dataRows,
        projects: read.rows.length,
        unit: unitOf(file),
        district: result.fileDistricts[i] ?? null,
        errors: count(read.issues, 'error'),
        warnings: count(read.issues, 'warning'),
        issues: read.issues.map((issue) => jsonReadIssue(issue, args.lang)),
        duplicates: result.duplicates.filter((d) => d.sources.some((s) => s.fileIndex === i)).map(jsonDuplicate),
      };
    }),
    duplicates: result.duplicates.map(jsonDuplicate),
    issues: result.issues.map((issue) => jsonMergeIssue(issue, args.lang)),
  };
}

/** The merge report as text lines: one line per file, the merge's warnings, then what was written. */
function mergeText(args: MergeArgs, files: readonly MergeFileRead[], result: MergeResult): string[] {
  const t = TEXT[args.lang];
  const lines: string[] = [];
  files.forEach((file, i) => {
    const { read } = file.ledger;
    const unit = unitOf(file);
    const district = result.fileDistricts[i];
    lines.push(
      fill(t.fileLine, {
        file: file.source.file,
        sheet: file.ledger.sheet,
        rowsRead: file.rowsRead,
        projects: read.rows.length,
        unit: unit.assumed ? t.unitAssumed : UNIT_TEXT[unit.total],
        district: district === null || district === undefined ? '' : fill(t.districtOf, { district }),
        errors: count(read.issues, 'error'),
        warnings: count(read.issues, 'warning'),
      }),
    );
  });
  if (result.duplicates.length > 0) {
    lines.push('', fill(t.duplicates, { n: result.duplicates.length }));
    for (const d of result.duplicates) lines.push(`  ${d.name}：${d.sources.map((s) => describeSource(s)[args.lang]).join(args.lang === 'zh-CN' ? '；' : '; ')}`);
  }
  const findings = result.issues.filter((i) => i.severity !== 'info');
  if (findings.length > 0) {
    lines.push('', fill(t.mergeIssues, { n: findings.length }));
    for (const issue of findings) {
      const suggestion = issue.suggestion === undefined ? '' : `  ${issue.suggestion[args.lang]}`;
      lines.push(`  ${describeMergeIssueCode(issue.code, args.lang)} · ${issue.message[args.lang]}${suggestion}`);
    }
  }
  const totalWan = result.projects.reduce((s, p) => s + p.row.totalWan, 0);
  const rows = files.reduce((s, f) => s + f.ledger.read.rows.length, 0);
  lines.push(
    '',
    fill(t.wrote, {
      path: args.output,
      sheet: MERGED_SHEET,
      projects: result.projects.length,
      total: formatYi(totalWan, 2),
      files: files.length,
      rows,
      duplicateRows: rows - result.projects.length,
    }),
  );
  if (files.some((f) => f.ledger.read.issues.some((i) => i.severity === 'error'))) lines.push(t.hasErrors);
  return lines;
}

/**
 * `ledger-stats merge <file|folder>… -o <city.xlsx>`: read every district's ledger with the project's reader (each
 * with its own stored settings, header, unit and mapping: `readMergeSource`), merge them (`mergeLedgers`: a project
 * reported by several files listed once, conflicts, near-duplicates and rows of another district as warnings) and
 * write the merged ledger, amounts in `--unit` (亿元 by default), with a 来源 column, as a new workbook whose only
 * sheet is 合并台账: a ledger every command reads (`summarize city.xlsx` gives the city's figures). Prints one line
 * per file and the merge's findings, or with `--json` the report (`mergeJson`).
 * @returns 1 when any file has an error-severity issue (its row is not counted), else 0.
 * @throws CliError (exit 2) for bad arguments, an unreadable file or one without a ledger, an existing output
 *   without `--force`, or a write that fails; nothing is written then.
 */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseMergeArgs(argv);
  if (!args.force && existsSync(args.output)) throw inputError(cliBilingual('outputExists', { path: args.output }));
  const paths = await listMergeFiles(args.inputs, args.output);
  // Each file is merged as soon as it and the files before it are read, while the later files are being read.
  const merge = createLedgerMerge();
  const files = await readMergeFiles(paths, io, args.lang, { onFile: (file) => merge.add(file.source) });
  const result = merge.finish();
  const dataDate = commonDataDate(files);
  const sheet = mergedLedgerGrid(result, { unit: args.unit, ...(dataDate === undefined ? {} : { dataDate }) });
  try {
    await writeGridWorkbook(args.output, { name: MERGED_SHEET, ...sheet });
  } catch (error) {
    throw toCliError(error, { path: args.output });
  }
  if (args.json) io.stdout.write(`${JSON.stringify(mergeJson(args, files, result), null, 2)}\n`);
  else writeLines(io.stdout, mergeText(args, files, result));
  return files.some((f) => f.ledger.read.issues.some((i) => i.severity === 'error')) ? EXIT_CODES.issues : EXIT_CODES.ok;
}
