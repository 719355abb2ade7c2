import { computeRace, RACE_INDICATOR_LABELS, RACE_INDICATORS, rankChangeText, toRaceJson, withRankChanges } from '../domain';
import type { Lang, RaceDistrict, RaceResult } from '../domain';
import { EXIT_CODES } from './CliError';
import { writeLines, type CliIo } from './cliIo';
import { formatCount } from './formatSummaryText';
import { formatTable, type TextColumn } from './formatTable';
import { parseRaceArgs, readRaceInputs } from './raceArgs';

/**
 * `ledger-stats rank <file> [--json] [--as-of YYYY-MM-DD] [--rules FILE.json]`: the 赛马 ranking of the districts
 * per group (`computeRace`), with each district's change in rank since the period baseline stored in the workbook
 * (`withRankChanges`; `null`/— without one). With `--json`, `{ asOf, groups: [{ group, districts: [{ district, score, rank, … }] }] }`
 * (docs/summary.schema.json `race`), notes on stderr; else one table per group, then the notes.
 * @returns exit code 0.
 * @throws CliError (exit 2) for bad arguments, an unreadable file or no ledger.
 */
export async function rankCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseRaceArgs(argv);
  const { read, asOf, rules, baselineRanks } = await readRaceInputs(args, io);
  const race = withRankChanges(computeRace({ rows: read.rows, columns: read.header?.columns ?? {} }, asOf, rules), baselineRanks);
  if (args.json) {
    io.stdout.write(`${JSON.stringify(toRaceJson(race), null, 2)}\n`);
    if (race.notes.length > 0) writeLines(io.stderr, race.notes.map((n) => n[args.lang]));
  } else {
    writeLines(io.stdout, formatRaceText(race, args.lang));
  }
  return EXIT_CODES.ok;
}

/** The ranking as text: a heading per group, a table of rank, district, indicators, score and change, then notes. */
export function formatRaceText(race: RaceResult, lang: Lang): string[] {
  const zh = lang === 'zh-CN';
  const columns: TextColumn[] = [
    { header: zh ? '排名' : 'Rank', align: 'right' },
    { header: zh ? '地区' : 'District', align: 'left' },
    ...RACE_INDICATORS.filter((k) => !race.dropped.includes(k)).map((k): TextColumn => ({ header: RACE_INDICATOR_LABELS[k][lang], align: 'right' })),
    { header: zh ? '得分' : 'Score', align: 'right' },
    { header: zh ? '名次变化' : 'Change', align: 'right' },
  ];
  const lines = [zh ? `赛马排名（截至${race.asOf}）` : `赛马 ranking (as of ${race.asOf})`];
  for (const g of race.groups) {
    lines.push('', g.group);
    if (g.districts.length === 0) {
      lines.push(zh ? '  （本组无地区）' : '  (no districts in this group)');
      continue;
    }
    lines.push(...formatTable(columns, g.districts.map((d) => rowOf(d, race, lang))));
  }
  const outside = race.outside;
  const unassigned = outside.unassigned.reduce((n, u) => n + u.projects, 0);
  lines.push(
    '',
    zh ? `市本级/跨区域项目${formatCount(outside.cityLevel)}个、未分组地区项目${formatCount(unassigned)}个，不参与排名。` : `${formatCount(outside.cityLevel)} city-level/cross-district and ${formatCount(unassigned)} ungrouped projects are not ranked.`,
  );
  for (const n of race.notes) lines.push(n[lang]);
  return lines;
}

function rowOf(d: RaceDistrict, race: RaceResult, lang: Lang): string[] {
  const value = { signed: formatCount(d.values.signed), started: formatCount(d.values.started), invested: (d.values.investedWan / 1e4).toFixed(2), rate: d.values.rate === null ? '—' : `${(d.values.rate * 100).toFixed(1)}%` };
  return [
    String(d.rank),
    d.district,
    ...RACE_INDICATORS.filter((k) => !race.dropped.includes(k)).map((k) => value[k]),
    d.score.toFixed(1),
    rankChangeText(d.rankChange, race.hasRankBaseline, lang),
  ];
}
