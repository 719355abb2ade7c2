import { open } from 'fs/promises';
import { PortError } from '../../workflows/workbookPort';
import { readZipEntries, readZipEntryText, type ZipEntry } from '../zipIndex';
import { REL_TYPES, xmlAttributes } from './xmlText';

/** A zip entry with the CRC-32 its central-directory record gives (needed to copy it without inflating). */
export interface PackageEntry extends ZipEntry {
  readonly crc: number;
}

/** One relationship of a part, with its target resolved to a part name. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part (`xl/worksheets/sheet1.xml`), or the raw target for an external one. */
  readonly part: string;
  readonly isExternal: boolean;
}

/** A `<sheet>` of the workbook part. */
export interface WorkbookSheet {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  readonly state: string;
  /** The worksheet part (`xl/worksheets/sheet1.xml`); `null` for a chart sheet or a dangling id. */
  readonly part: string | null;
  /** The `<sheet …/>` element exactly as the workbook part has it. */
  readonly element: string;
}

/** An .xlsx package as read from its zip directory and its small structural parts. */
export interface XlsxPackage {
  readonly path: string;
  /** Entries in the order of their data in the file. */
  readonly entries: readonly PackageEntry[];
  readonly byName: ReadonlyMap<string, PackageEntry>;
  readonly workbookPart: string;
  readonly workbookXml: string;
  readonly contentTypesXml: string;
  /** Relationships by source part ('' for the package's own `_rels/.rels`). */
  readonly rels: ReadonlyMap<string, readonly Relationship[]>;
  readonly sheets: readonly WorkbookSheet[];
}

/** The `.rels` part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; '' → `_rels/.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The source part of a `.rels` part (the inverse of `relsPartOf`), or `null` for another name. */
function sourceOfRels(relsPart: string): string | null {
  const match = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPart);
  return match === null ? null : `${match[1] ?? ''}${match[2] ?? ''}`;
}

/** Resolve a relationship target against its source part's folder. */
export function resolveTarget(source: string, target: string): string {
  const clean = target.split('#')[0] ?? '';
  if (clean.startsWith('/')) return clean.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const piece of clean.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(decodeURIComponent(piece));
  }
  return parts.join('/');
}

/** Parse a `.rels` part. */
export function parseRels(source: string, xml: string): Relationship[] {
  return (xml.match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []).map((tag) => {
    const a = xmlAttributes(tag);
    const isExternal = a.TargetMode === 'External';
    return { id: a.Id ?? '', type: a.Type ?? '', part: isExternal ? (a.Target ?? '') : resolveTarget(source, a.Target ?? ''), isExternal };
  });
}

async function readCrcs(path: string, entries: readonly ZipEntry[]): Promise<PackageEntry[]> {
  const file = await open(path, 'r');
  try {
    const record = Buffer.alloc(20);
    const result: PackageEntry[] = [];
    for (const entry of entries) {
      await file.read(record, 0, 20, entry.centralOffset);
      result.push({ ...entry, crc: record.readUInt32LE(16) });
    }
    return result;
  } finally {
    await file.close();
  }
}

/** The text of a part, or `null` when the package has no such part. */
export async function readPartText(pkg: Pick<XlsxPackage, 'path' | 'byName'>, part: string): Promise<string | null> {
  const entry = pkg.byName.get(part);
  return entry === undefined ? null : readZipEntryText(pkg.path, entry);
}

/**
 * Read an .xlsx package's structure: the zip directory (with CRCs), every relationship part,
 * `[Content_Types].xml`, and the workbook part found through `_rels/.rels`.
 * @throws PortError `file_unreadable` when the file is not a zip or has no workbook part.
 */
export async function readXlsxPackage(path: string): Promise<XlsxPackage> {
  const listed = await readZipEntries(path);
  if (listed === null) throw new PortError('file_unreadable', `${path}: not a zip archive`);
  const entries = (await readCrcs(path, listed)).sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const pkg = { path, byName };
  const rels = new Map<string, Relationship[]>();
  for (const entry of entries) {
    const source = sourceOfRels(entry.name);
    if (source === null) continue;
    rels.set(source, parseRels(source, (await readPartText(pkg, entry.name)) ?? ''));
  }
  const workbookPart = rels.get('')?.find((r) => r.type === REL_TYPES.officeDocument)?.part ?? 'xl/workbook.xml';
  const workbookXml = await readPartText(pkg, workbookPart);
  const contentTypesXml = await readPartText(pkg, '[Content_Types].xml');
  if (workbookXml === null || contentTypesXml === null) throw new PortError('file_unreadable', `${path}: no workbook part`);
  const workbookRels = rels.get(workbookPart) ?? [];
  const sheets = (workbookXml.match(/<(?:\w+:)?sheet\s[^>]*>/g) ?? []).map((element) => {
    const a = xmlAttributes(element);
    const relId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
    const rel = workbookRels.find((r) => r.id === relId && r.type === REL_TYPES.worksheet);
    return { name: a.name ?? '', sheetId: Number(a.sheetId), relId, state: a.state ?? 'visible', part: rel?.part ?? null, element };
  });
  return { path, entries, byName, workbookPart, workbookXml, contentTypesXml, rels, sheets };
}
