import { sortedSoes } from '../diff/projectKey';
import { normalizeText } from '../ledger/normalizeText';
import type { ProjectRow } from '../ledger/types';
import { lookupRegion } from '../reference/lookupRegion';
import { districtOfText } from './districtOfText';
import { looseNameKey } from './looseNameKey';
import { createMergeIssue } from './mergeIssueMessages';
import type { ConflictField, DuplicateMatch, MergeDuplicate, MergedProject, MergeIssue, MergeOptions, MergeResult, MergeSource, ProjectSource } from './types';

/** A merged project while the merge runs. */
interface Entry {
  row: ProjectRow;
  /** Whether the row's values include an invested amount (its file has the column). */
  hasInvested: boolean;
  code: string | null;
  readonly sources: ProjectSource[];
  match: DuplicateMatch | null;
  /** Conflicting fields, in the order found; `null` until the first (most projects have none). */
  conflicts: ConflictField[] | null;
}

const DEFAULT_TOLERANCE = 1e-9;

/**
 * Merge the districts' ledgers, each read by the project's reader with its own header, unit and mapping, into
 * one ledger. Every counted row of every file is a project of the result, in input order, except a row of a
 * later file that is the same project as an earlier file's: the same explicit project code, or the same
 * normalised name (`nameKey`) and the same SOE set. That row is listed once, with both sources; the first
 * file's values win, and a total, stage or district that differs is a warning pointing at both rows. Rows with
 * the same SOEs whose names differ only by punctuation or a 项目 / 有限公司 suffix are `near_duplicate` warnings,
 * never merged. When a file's name (or else its title) names one district, its rows of another district are
 * `district_mismatch` warnings. What the kept row leaves blank (category, district, dates, progress columns, and
 * the invested amount when its file has no such column) is filled from the later row (`fillBlanks`). Duplicates inside one file are the reader's (`duplicate_project`): not redone.
 *
 * Issue codes: `duplicate_across_files` (info), `conflict_total`, `conflict_stage`, `conflict_district`,
 * `near_duplicate`, `district_mismatch` (warnings).
 * @throws TypeError when `sources` is not an array (a caller bug).
 */
export function mergeLedgers(sources: readonly MergeSource[], options: MergeOptions = {}): MergeResult {
  if (!Array.isArray(sources as unknown)) throw new TypeError('mergeLedgers: sources must be an array');
  const merge = createLedgerMerge(options);
  for (const source of sources) merge.add(source);
  return merge.finish();
}

/** `mergeLedgers` fed one file at a time, so that a caller can merge each file as soon as it and the files before it are read. */
export interface LedgerMerge {
  /** Merge the next file (files are added in the order `mergeLedgers` takes them). */
  add(source: MergeSource): void;
  /** What `mergeLedgers` returns for the files added so far. */
  finish(): MergeResult;
}

/**
 * Start a merge that takes the files one at a time: `add` each file in order, then `finish`; the result is the same
 * as `mergeLedgers` over the same files (it is `mergeLedgers`' own loop).
 */
export function createLedgerMerge(options: MergeOptions = {}): LedgerMerge {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const entries: Entry[] = [];
  const byKey = new Map<string, Entry>();
  const byCode = new Map<string, Entry>();
  const byLooseKey = new Map<string, Entry>();
  const issues: MergeIssue[] = [];
  const fileDistricts: (string | null)[] = [];

  const add = (source: MergeSource): void => {
    const fileIndex = fileDistricts.length;
    const fileDistrict = districtOfText(source.file) ?? districtOfText(source.title ?? '');
    fileDistricts.push(fileDistrict);
    const sheet = source.read.sheet;
    const hasInvested = source.read.header?.columns.investedToDate !== undefined;
    for (const row of source.read.rows) {
      const here: ProjectSource = { fileIndex, file: source.file, sheet, sheetRow: row.sheetRow };
      if (fileDistrict !== null && row.district !== null) {
        const district = lookupRegion(row.district)?.name ?? row.district;
        if (district !== fileDistrict) issues.push(createMergeIssue('district_mismatch', { name: row.name, district, fileDistrict }, [here]));
      }
      const code = codeKey(source.codes?.get(row.sheetRow));
      // The key of projectKey (name key, then the sorted SOE set), built without sorting for the usual single SOE.
      const soes = row.soes.length === 1 ? (row.soes[0]?.canonical ?? '') : sortedSoes(row.soes.map((s) => s.canonical)).join('、');
      const key = `${row.nameKey}\t${soes}`;
      const byItsCode = code === null ? undefined : byCode.get(code);
      const earlier = byItsCode ?? byKey.get(key);
      // Only another file's row is merged: rows of one file were already told apart by the reader.
      if (earlier !== undefined && earlier.sources[0]?.fileIndex !== fileIndex) {
        const match: DuplicateMatch = byItsCode === undefined ? 'name_soes' : 'code';
        addDuplicate(earlier, { row, hasInvested }, here, match, tolerance, issues);
        if (code !== null && earlier.code === null) {
          earlier.code = code;
          byCode.set(code, earlier);
        }
        continue;
      }
      const entry: Entry = { row, hasInvested, code, sources: [here], match: null, conflicts: null };
      const looseName = looseNameKey(row.nameKey);
      const looseKey = looseName === row.nameKey ? key : `${looseName}\t${soes}`;
      const similar = byLooseKey.get(looseKey);
      if (similar !== undefined && similar.row.nameKey !== row.nameKey && similar.sources[0]?.fileIndex !== fileIndex) {
        const first = similar.sources[0] as ProjectSource;
        issues.push(createMergeIssue('near_duplicate', { name: row.name, otherName: similar.row.name }, [first, here]));
      }
      entries.push(entry);
      if (!byKey.has(key)) byKey.set(key, entry);
      if (code !== null && !byCode.has(code)) byCode.set(code, entry);
      if (!byLooseKey.has(looseKey)) byLooseKey.set(looseKey, entry);
    }
  };

  return {
    add,
    finish() {
      const projects: MergedProject[] = entries.map((e) => ({ row: e.row, code: e.code, sources: e.sources }));
      const duplicates: MergeDuplicate[] = [];
      for (const e of entries) {
        if (e.match === null) continue;
        duplicates.push({ name: e.row.name, match: e.match, sources: e.sources, conflicts: e.conflicts ?? [] });
      }
      return { projects, duplicates, issues, fileDistricts };
    },
  };
}

/**
 * Record a later file's row as another source of `entry`, with its conflicting fields as issues; then fill what the
 * kept row leaves blank from the later row (a value is never replaced).
 */
function addDuplicate(
  entry: Entry,
  later: { readonly row: ProjectRow; readonly hasInvested: boolean },
  here: ProjectSource,
  match: DuplicateMatch,
  tolerance: number,
  issues: MergeIssue[],
): void {
  const { row } = later;
  const first = entry.sources[0] as ProjectSource;
  const pair = [first, here];
  const kept = entry.row;
  entry.sources.push(here);
  entry.match ??= match;
  issues.push(createMergeIssue('duplicate_across_files', { name: kept.name, byCode: match === 'code' }, pair));
  if (!sameAmount(kept.totalWan, row.totalWan, tolerance)) {
    addConflict(entry, 'totalInvestment');
    issues.push(createMergeIssue('conflict_total', { name: kept.name, keptWan: kept.totalWan, otherWan: row.totalWan }, pair));
  }
  if (kept.stage !== row.stage) {
    addConflict(entry, 'stage');
    issues.push(createMergeIssue('conflict_stage', { name: kept.name, kept: kept.stage, other: row.stage }, pair));
  }
  const keptDistrict = districtKey(kept.district);
  const otherDistrict = districtKey(row.district);
  if (keptDistrict !== null && otherDistrict !== null && keptDistrict !== otherDistrict) {
    addConflict(entry, 'district');
    issues.push(createMergeIssue('conflict_district', { name: kept.name, kept: keptDistrict, other: otherDistrict }, pair));
  }
  entry.row = fillBlanks(kept, row, !entry.hasInvested && later.hasInvested);
  entry.hasInvested ||= later.hasInvested;
}

/**
 * `kept` with its blank category, district, dates and progress columns taken from `other`, and `other`'s invested
 * amount when `takeInvested` (the kept row's file has no invested column): a 市直 ledger without 累计完成投资 does
 * not erase what the district reported. `kept` itself when nothing is blank.
 */
function fillBlanks(kept: ProjectRow, other: ProjectRow, takeInvested: boolean): ProjectRow {
  const filled: { -readonly [K in keyof ProjectRow]: ProjectRow[K] } = { ...kept };
  let changed = false;
  for (const field of ['category', 'district', 'startDate', 'completionDate'] as const) {
    if (kept[field] !== null || other[field] === null) continue;
    filled[field] = other[field];
    changed = true;
  }
  if (takeInvested && other.investedWan !== kept.investedWan) {
    filled.investedWan = other.investedWan;
    changed = true;
  }
  if (kept.progress === undefined && other.progress !== undefined) {
    filled.progress = other.progress;
    changed = true;
  }
  return changed ? filled : kept;
}

function addConflict(entry: Entry, field: ConflictField): void {
  entry.conflicts ??= [];
  if (!entry.conflicts.includes(field)) entry.conflicts.push(field);
}

function sameAmount(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/** The district's canonical name when the reference knows it, else its text; `null` for none. */
function districtKey(district: string | null): string | null {
  return district === null ? null : (lookupRegion(district)?.name ?? district);
}

/** A project code compared across files: NFKC, no spaces, upper case; `null` when blank. */
function codeKey(code: string | undefined): string | null {
  if (code === undefined) return null;
  const key = normalizeText(code).replace(/\s+/g, '').toUpperCase();
  return key === '' ? null : key;
}
