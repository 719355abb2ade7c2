/**
 * Dev-time generator: reads ../shared/reference/*.csv and writes the committed TypeScript modules
 * `src/domain/reference/soeData.ts` and `src/domain/reference/regionData.ts`.
 * The project never reads ../shared at run time. Run with `npx tsx scripts/generateReference.ts`.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import type { Region, SoeAlias, SoeAliasRelation, SoeGroup, SoeStatus } from '../src/domain/reference/types';
import { SOE_ALIAS_RELATIONS } from '../src/domain/reference/types';

const REFERENCE_DIR = resolve(__dirname, '..', '..', 'shared', 'reference');
const OUT_DIR = resolve(__dirname, '..', 'src', 'domain', 'reference');

/** Parse RFC 4180 CSV: quoted fields may hold commas, line breaks and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  if (inQuotes) throw new Error('CSV ends inside a quoted field');
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Rows as records keyed by the header row; throws when a row has the wrong number of fields. */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(join(REFERENCE_DIR, file), 'utf8'));
  if (!header) throw new Error(`${file} is empty`);
  return rows.map((cells, i) => {
    if (cells.length !== header.length) {
      throw new Error(`${file} row ${i + 2}: ${cells.length} fields, expected ${header.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
  });
}

function field(row: Record<string, string>, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`missing column ${name}`);
  return value;
}

/** Split "中国旅游集团有限公司[香港中旅（集团）有限公司]" into the name and its bracketed second name. */
function splitFullName(raw: string): { fullName: string; altFullName: string | null } {
  const m = /^(.*?)\[(.*)\]$/.exec(raw);
  return m ? { fullName: (m[1] ?? '').trim(), altFullName: (m[2] ?? '').trim() } : { fullName: raw, altFullName: null };
}

function parseStatus(raw: string): { status: SoeStatus; successor: string | null } {
  if (raw.startsWith('current')) return { status: 'current', successor: null };
  const merged = /merged_[0-9-]+\s*->\s*(.+)$/.exec(raw);
  if (merged) return { status: 'merged', successor: (merged[1] ?? '').trim() };
  if (raw.startsWith('not_on_SASAC_list')) return { status: 'not_sasac_listed', successor: null };
  if (raw.startsWith('MOF-supervised')) return { status: 'mof_supervised', successor: null };
  throw new Error(`unknown status: ${raw}`);
}

function buildSoeGroups(): SoeGroup[] {
  const groups = readCsv('central-soes.csv').map((row): SoeGroup => {
    const { fullName, altFullName } = splitFullName(field(row, 'full_name'));
    const shortNames = field(row, 'short_names').split('|').map((s) => s.trim()).filter((s) => s !== '');
    const { status, successor } = parseStatus(field(row, 'status'));
    const seq = field(row, 'sasac_seq_2025');
    return {
      seq: seq === '' ? null : Number(seq),
      fullName,
      altFullName,
      shortName: shortNames[0] ?? fullName,
      shortNames,
      englishName: field(row, 'english_name'),
      status,
      successorFullName: successor,
      note: field(row, 'note'),
    };
  });
  const names = new Set(groups.map((g) => g.fullName));
  for (const g of groups) {
    if (g.successorFullName !== null && !names.has(g.successorFullName)) {
      throw new Error(`${g.fullName}: successor ${g.successorFullName} is not in the list`);
    }
  }
  return groups;
}

function buildSoeAliases(groups: readonly SoeGroup[]): SoeAlias[] {
  const names = new Set(groups.map((g) => g.fullName));
  return readCsv('soe-aliases.csv').map((row): SoeAlias => {
    const relation = field(row, 'relation').replace('not_SASAC_listed', 'not_sasac_listed') as SoeAliasRelation;
    if (!SOE_ALIAS_RELATIONS.includes(relation)) throw new Error(`unknown relation ${relation}`);
    const parentRaw = field(row, 'parent_full_name');
    const parent = parentRaw === '' ? null : splitFullName(parentRaw).fullName;
    if (parent !== null && !names.has(parent)) throw new Error(`alias ${field(row, 'alias')}: unknown parent ${parent}`);
    const verified = field(row, 'verified');
    const isFlagged = ['ambiguous', 'unresolved', 'uncertain', 'not_sasac_listed'].includes(relation);
    return {
      alias: field(row, 'alias'),
      parentFullName: parent,
      relation,
      verified: verified === 'yes' || verified === 'verified' ? 'yes' : verified === 'partly' ? 'partly' : 'no',
      note: isFlagged ? field(row, 'note') : '',
    };
  });
}

function buildRegions(): Region[] {
  return readCsv('dalian-regions.csv').map((row): Region => {
    const group = field(row, 'group');
    const code = field(row, 'admin_code');
    return {
      name: field(row, 'region'),
      group: group === '' || group.startsWith('(') ? null : group,
      aliases: field(row, 'aliases').split('|').map((s) => s.trim()).filter((s) => s !== ''),
      adminCode: code === '' ? null : code,
      isRegion: !field(row, 'unit_type').startsWith('not a region'),
    };
  });
}

/** An array literal with one entry per line (diff-friendly, compact). */
function literal(values: readonly unknown[]): string {
  return `[\n${values.map((v) => `  ${JSON.stringify(v)},`).join('\n')}\n]`;
}

function header(sources: readonly string[], provenance: string): string {
  return [
    '// GENERATED by scripts/generateReference.ts — do not edit by hand; edit the CSV and re-run',
    '// `npx tsx scripts/generateReference.ts`.',
    `// Source files: ${sources.map((s) => `shared/reference/${s}`).join(', ')}.`,
    `// Provenance: ${provenance}`,
    '// See shared/reference/DOMAIN.md §1–§2 for the sources cited per row.',
    '',
  ].join('\n');
}

function main(): void {
  const groups = buildSoeGroups();
  const aliases = buildSoeAliases(groups);
  const regions = buildRegions();

  const soeText = [
    header(
      ['central-soes.csv', 'soe-aliases.csv'],
      'SASAC 央企名录 copy of 2025-07-29 (gdvzz/logd docs/jobs/list-soe.md), reform log and listed-company table ' +
        '(DiamonWoo/Laosheng.top fuwu/yangqi.md), news texts in shared/seeds; historical rows map to their successor.',
    ),
    "import type { SoeAlias, SoeGroup } from './types';",
    '',
    `/** The SOE list: ${groups.filter((g) => g.status === 'current').length} current SASAC groups, then historical and non-SASAC central enterprises. */`,
    `export const SOE_GROUPS: readonly SoeGroup[] = ${literal(groups)};`,
    '',
    `/** The alias table (${aliases.length} rows): short names, subsidiaries, listed subsidiaries, flagged names. */`,
    `export const SOE_ALIASES: readonly SoeAlias[] = ${literal(aliases)};`,
    '',
  ].join('\n');
  const regionText = [
    header(
      ['dalian-regions.csv'],
      'GB/T 2260 county codes, zhwiki, Dalian government pages; the 赛马 grouping is an inference (DOMAIN.md §2).',
    ),
    "import type { Region } from './types';",
    '',
    `/** Dalian's ${regions.filter((r) => r.isRegion).length} 赛马 regions and the 市本级/跨区域 pseudo-region, with aliases. */`,
    `export const REGIONS: readonly Region[] = ${literal(regions)};`,
    '',
  ].join('\n');
  writeFileSync(join(OUT_DIR, 'soeData.ts'), soeText, 'utf8');
  writeFileSync(join(OUT_DIR, 'regionData.ts'), regionText, 'utf8');
  process.stdout.write(`soeData.ts: ${groups.length} groups, ${aliases.length} aliases; regionData.ts: ${regions.length} regions\n`);
}

if (require.main === module) main();
