import { STAGES, type Stage } from '../ledger/types';
import { projectKey, sortedSoes } from './projectKey';
import { SNAPSHOT_VERSION, type SnapshotData, type SnapshotProject, type SnapshotRank } from './types';

const isStage = (value: unknown): value is Stage => typeof value === 'string' && (STAGES as readonly string[]).includes(value);
const isAmount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function parseProject(entry: unknown): SnapshotProject | null {
  if (!Array.isArray(entry) || entry.length !== 7) return null;
  const [name, nameKey, soes, sheetRow, stage, totalWan, investedWan] = entry as unknown[];
  if (typeof name !== 'string' || !(nameKey === null || typeof nameKey === 'string') || !isStringArray(soes)) return null;
  if (typeof sheetRow !== 'number' || !Number.isInteger(sheetRow) || sheetRow < 1) return null;
  if (!isStage(stage) || !isAmount(totalWan) || !isAmount(investedWan)) return null;
  const sorted = sortedSoes(soes);
  return { key: projectKey(nameKey ?? name, sorted), name, soes: sorted, sheetRow, stage, totalWan, investedWan };
}

/** The recorded ranks (`"r"`), or `undefined` when there are none or any entry is malformed (they are only an extra). */
function parseRanks(value: unknown): SnapshotRank[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ranks: SnapshotRank[] = [];
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 3) return undefined;
    const [district, group, rank] = entry as unknown[];
    if (typeof district !== 'string' || typeof group !== 'string' || typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1) return undefined;
    ranks.push({ district, group, rank });
  }
  return ranks;
}

/** The recorded districts (`"d"`: names, then an index per project), or `undefined` when absent or malformed (they are only an extra). */
function parseDistricts(value: unknown, count: number): (string | null)[] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [names, indices] = value as unknown[];
  if (!isStringArray(names) || !Array.isArray(indices) || indices.length !== count) return undefined;
  const districts: (string | null)[] = [];
  for (const index of indices) {
    if (index === -1) districts.push(null);
    else if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < names.length) districts.push(names[index] ?? null);
    else return undefined;
  }
  return districts;
}

/**
 * Read a snapshot written by `makeSnapshot`. Tolerant: absent, empty, malformed JSON, another
 * format version, or any malformed project entry gives `null` (no baseline), never an exception.
 * Ranks (`"r"`) and districts (`"d"`) are read when present and well-formed; otherwise the snapshot has none.
 */
export function parseSnapshot(text: string | null | undefined): SnapshotData | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null; // a damaged baseline is treated as no baseline: the next refresh stores a fresh one
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { v, at, sheet, p, r, d } = raw as Record<string, unknown>;
  if (v !== SNAPSHOT_VERSION || !Array.isArray(p)) return null;
  if (!(at === undefined || at === null || typeof at === 'string')) return null;
  if (!(sheet === undefined || sheet === null || typeof sheet === 'string')) return null;
  const projects: SnapshotProject[] = [];
  const districts = parseDistricts(d, p.length);
  for (const [index, entry] of p.entries()) {
    const project = parseProject(entry);
    if (project === null) return null;
    const district = districts?.[index];
    projects.push(typeof district === 'string' ? { ...project, district } : project);
  }
  const ranks = parseRanks(r);
  return { version: SNAPSHOT_VERSION, takenAt: at ?? null, sheet: sheet ?? null, projects, ...(ranks === undefined ? {} : { ranks }) };
}
