import { computeLights, describeLightReason, toWarningsJson } from '../domain';
import type { Lang, LightsResult } from '../domain';
import { EXIT_CODES } from './CliError';
import { writeLines, type CliIo } from './cliIo';
import { formatCount } from './formatSummaryText';
import { formatTable } from './formatTable';
import { parseRaceArgs, readRaceInputs } from './raceArgs';

/**
 * `ledger-stats warn <file> [--json] [--as-of YYYY-MM-DD] [--rules FILE.json]`: the 红黄绿灯 lights
 * (`computeLights`). With `--json`, `{ asOf, counts: { red, yellow, green, unknown }, projects: [{ row, name,
 * district, light, reasons }] }` with the red and yellow projects (docs/summary.schema.json `warnings`), notes on
 * stderr; else the counts, the list and the notes as text.
 * @returns exit code 0.
 * @throws CliError (exit 2) for bad arguments, an unreadable file or no ledger.
 */
export async function warnCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseRaceArgs(argv);
  const { read, asOf, rules } = await readRaceInputs(args, io);
  const lights = computeLights({ rows: read.rows, columns: read.header?.columns ?? {} }, asOf, rules);
  if (args.json) {
    io.stdout.write(`${JSON.stringify(toWarningsJson(lights, args.lang), null, 2)}\n`);
    if (lights.notes.length > 0) writeLines(io.stderr, lights.notes.map((n) => n.message[args.lang]));
  } else {
    writeLines(io.stdout, formatWarningsText(lights, args.lang));
  }
  return EXIT_CODES.ok;
}

/** The lights as text: counts, then a table of the red and yellow projects with their reasons, then notes. */
export function formatWarningsText(lights: LightsResult, lang: Lang): string[] {
  const zh = lang === 'zh-CN';
  const c = lights.counts;
  const lines = [
    zh
      ? `红黄绿灯（截至${lights.asOf}）：红灯${formatCount(c.red)}个，黄灯${formatCount(c.yellow)}个，绿灯${formatCount(c.green)}个，未判定${formatCount(c.unknown)}个`
      : `Warnings (as of ${lights.asOf}): ${formatCount(c.red)} red, ${formatCount(c.yellow)} yellow, ${formatCount(c.green)} green, ${formatCount(c.unknown)} not judged`,
  ];
  if (lights.projects.length > 0) {
    const light = { red: zh ? '红' : 'red', yellow: zh ? '黄' : 'yellow' };
    lines.push(
      '',
      ...formatTable(
        [
          { header: zh ? '行' : 'Row', align: 'right' },
          { header: zh ? '灯' : 'Light', align: 'left' },
          { header: zh ? '地区' : 'District', align: 'left' },
          { header: zh ? '项目' : 'Project', align: 'left', maxWidth: 30 },
          { header: zh ? '原因' : 'Reasons', align: 'left' },
        ],
        lights.projects.map((p) => [String(p.sheetRow), light[p.light], p.district ?? '', p.name, p.reasons.map((r) => describeLightReason(r)[lang]).join(zh ? '；' : '; ')]),
      ),
    );
  }
  if (lights.notes.length > 0) lines.push('', ...lights.notes.map((n) => n.message[lang]));
  return lines;
}
