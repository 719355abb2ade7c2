import { basename } from 'path';
import { diffLedgers, LABELS, snapshotOf, soeGroupByFullName, toDiffJson } from '../domain';
import type { Lang, LedgerDiff, SnapshotProject, Stage } from '../domain';
import { EXIT_CODES, inputError, toCliError } from './CliError';
import { writeLines, type CliIo } from './cliIo';
import { cliBilingual } from './cliText';
import { formatTable } from './formatTable';
import { formatAmount } from './formatSummaryText';
import { parseLang, parseMapping, parseOptions } from './parseCliArgs';
import { readLedgerWithProgress } from './readLedgerWithProgress';

/** Arguments of `ledger-stats diff`. */
export interface DiffArgs {
  readonly previous: string;
  readonly current: string;
  readonly json: boolean;
  readonly lang: Lang;
  readonly sheet?: string;
  readonly mapping?: Readonly<Record<string, string>>;
}

/**
 * Parse `diff <old> <new> [--json] [--lang zh-CN|en-US] [--sheet name] [--mapping json]`
 * (the arguments after the command word).
 * @throws CliError (exit 2) for a bad or missing argument.
 */
export function parseDiffArgs(argv: readonly string[]): DiffArgs {
  const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' }, lang: { type: 'string' }, sheet: { type: 'string' }, mapping: { type: 'string' } });
  const [previous, current, ...rest] = positionals;
  if (previous === undefined || current === undefined) {
    throw inputError({ 'zh-CN': '参数错误：diff 需要两个文件：<旧文件> <新文件>。', 'en-US': 'Invalid arguments: diff needs two files: <old> <new>.' });
  }
  if (rest.length > 0) throw inputError(cliBilingual('extraArguments', { args: rest.join(' ') }));
  const lang = parseLang(values.lang);
  return {
    previous,
    current,
    json: values.json === true,
    lang,
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    ...(values.mapping === undefined ? {} : { mapping: parseMapping(values.mapping) }),
  };
}

const TEXT = {
  'zh-CN': {
    title: '台账变动：{previous} → {current}',
    nothing: '没有变化。',
    figure: '指标',
    before: '旧',
    after: '新',
    change: '变动',
    projects: '项目数（个）',
    soes: '合作央企（家）',
    started: '已开工（个）',
    completed: '已竣工（个）',
    totalWan: '总投资（亿元）',
    investedWan: '累计完成投资（亿元）',
    added: '新增项目（{n}个）',
    removed: '移除项目（{n}个）',
    stageChanges: '阶段变动（{n}个）',
    amountChanges: '投资变动（{n}个）',
    row: '行号',
    oldRow: '原行号',
    name: '项目名称',
    soe: '合作央企',
    stage: '阶段',
    from: '原阶段',
    to: '现阶段',
    total: '合计',
  },
  'en-US': {
    title: 'Ledger changes: {previous} → {current}',
    nothing: 'Nothing changed.',
    figure: 'Figure',
    before: 'Old',
    after: 'New',
    change: 'Change',
    projects: 'Projects',
    soes: 'SOEs',
    started: 'Started',
    completed: 'Completed',
    totalWan: 'Total investment (bn yuan)',
    investedWan: 'Invested to date (bn yuan)',
    added: 'Projects added ({n})',
    removed: 'Projects removed ({n})',
    stageChanges: 'Stage changes ({n})',
    amountChanges: 'Investment changes ({n})',
    row: 'Row',
    oldRow: 'Old row',
    name: 'Project',
    soe: 'SOEs',
    stage: 'Stage',
    from: 'From',
    to: 'To',
    total: 'Total',
  },
} as const;

const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

/** 万元 → 亿元 (English: billion yuan, `formatAmount`) with `decimals` decimals; `signed` adds "+" to a positive value. */
function amount(lang: Lang, wan: number, decimals: number, signed = false): string {
  const clean = formatAmount(wan, decimals, lang);
  return signed && wan > 0 ? `+${clean}` : clean;
}
const signedCount = (n: number): string => (n > 0 ? `+${n}` : String(n));
const soeText = (soes: readonly string[]): string => soes.map((c) => soeGroupByFullName(c)?.shortName ?? c).join('、');

/**
 * The diff as text lines: the key figures (old, new, change), then the projects added, removed,
 * with a stage change and with an investment change. Amounts in 亿元 at `decimals` (English: billion yuan, one decimal more).
 */
export function formatDiffText(diff: LedgerDiff, options: { lang: Lang; previous: string; current: string; decimals: number }): string[] {
  const t = TEXT[options.lang];
  // Stage names as on the add-in's 变动 sheet.
  const stage = (s: Stage): string => LABELS[options.lang][`stage_${s}`];
  const d = options.decimals;
  const yi = (wan: number, decimals: number, signed = false): string => amount(options.lang, wan, decimals, signed);
  const lines = [fill(t.title, { previous: options.previous, current: options.current }), ''];
  if (!diff.hasChanges) lines.push(t.nothing, '');
  const counts = (['projects', 'soes', 'started', 'completed'] as const).map((id) => [t[id], String(diff.previous[id]), String(diff.current[id]), signedCount(diff.deltas[id])]);
  const amounts = (['totalWan', 'investedWan'] as const).map((id) => [t[id], yi(diff.previous[id], d), yi(diff.current[id], d), yi(diff.deltas[id], d, true)]);
  lines.push(
    ...formatTable(
      [
        { header: t.figure, align: 'left' },
        { header: t.before, align: 'right' },
        { header: t.after, align: 'right' },
        { header: t.change, align: 'right' },
      ],
      [...counts, ...amounts],
    ),
  );
  const projectTable = (title: string, rowLabel: string, projects: readonly SnapshotProject[]): void => {
    if (projects.length === 0) return;
    lines.push('', fill(title, { n: projects.length }));
    lines.push(
      ...formatTable(
        [
          { header: rowLabel, align: 'right' },
          { header: t.name, align: 'left', maxWidth: 40 },
          { header: t.soe, align: 'left', maxWidth: 30 },
          { header: t.stage, align: 'left' },
          { header: t.totalWan, align: 'right' },
          { header: t.investedWan, align: 'right' },
        ],
        projects.map((p) => [String(p.sheetRow), p.name, soeText(p.soes), stage(p.stage), yi(p.totalWan, d), yi(p.investedWan, d)]),
      ),
    );
  };
  projectTable(t.added, t.row, diff.added);
  projectTable(t.removed, t.oldRow, diff.removed);
  if (diff.stageChanges.length > 0) {
    lines.push('', fill(t.stageChanges, { n: diff.stageChanges.length }));
    lines.push(
      ...formatTable(
        [
          { header: t.row, align: 'right' },
          { header: t.name, align: 'left', maxWidth: 40 },
          { header: t.from, align: 'left' },
          { header: t.to, align: 'left' },
        ],
        diff.stageChanges.map((c) => [String(c.current.sheetRow), c.current.name, stage(c.from), stage(c.to)]),
      ),
    );
  }
  if (diff.amountChanges.length > 0) {
    lines.push('', fill(t.amountChanges, { n: diff.amountChanges.length }));
    const { totalWan, investedWan } = diff.amountChangeTotals;
    lines.push(
      ...formatTable(
        [
          { header: t.row, align: 'right' },
          { header: t.name, align: 'left', maxWidth: 40 },
          { header: `${t.totalWan} ${t.before}`, align: 'right' },
          { header: t.after, align: 'right' },
          { header: t.change, align: 'right' },
          { header: `${t.investedWan} ${t.before}`, align: 'right' },
          { header: t.after, align: 'right' },
          { header: t.change, align: 'right' },
        ],
        diff.amountChanges.map((c) => [
          String(c.current.sheetRow),
          c.current.name,
          yi(c.totalWan.before, d),
          yi(c.totalWan.after, d),
          yi(c.totalWan.delta, d, true),
          yi(c.investedWan.before, d),
          yi(c.investedWan.after, d),
          yi(c.investedWan.delta, d, true),
        ]),
        [['', t.total, yi(totalWan.before, d), yi(totalWan.after, d), yi(totalWan.delta, d, true), yi(investedWan.before, d), yi(investedWan.after, d), yi(investedWan.delta, d, true)]],
      ),
    );
  }
  return lines;
}

/**
 * `ledger-stats diff <old> <new>`: compare two versions of a ledger (the workbooks that arrive by
 * email month after month), matched like the add-in's 变动 sheet (`diffLedgers`). Each file is read
 * the way `refresh` reads it (`readLedgerFile`: its stored settings, source choice, reader). Prints
 * the changes as text (in the new file's decimals), or with `--json` the diff JSON (`toDiffJson`:
 * amounts in 亿元, unrounded).
 * @returns exit code 0 whether or not anything changed.
 * @throws CliError (exit 2) for bad arguments, an unreadable file or no ledger.
 */
export async function diffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseDiffArgs(argv);
  const read = async (path: string) => {
    try {
      const file = await readLedgerWithProgress(path, args, io);
      if (file.read.header === null) throw inputError(cliBilingual('ledgerNotFound', { path }));
      return file;
    } catch (error) {
      throw toCliError(error, { path, ...(args.sheet === undefined ? {} : { sheet: args.sheet }) });
    }
  };
  const previous = await read(args.previous);
  const current = await read(args.current);
  const diff = diffLedgers(snapshotOf(previous.read), snapshotOf(current.read));
  if (args.json) {
    io.stdout.write(`${JSON.stringify(toDiffJson(diff), null, 2)}\n`);
  } else {
    writeLines(io.stdout, formatDiffText(diff, { lang: args.lang, previous: basename(args.previous), current: basename(args.current), decimals: current.settings.decimals }));
  }
  return EXIT_CODES.ok;
}
