import { PortError } from '../workflows/workbookPort';
import { readZipEntries, readZipEntryText, type ZipEntry } from './zipIndex';

/** A worksheet as the workbook part lists it, before any cell is read. */
export interface XlsxSheetEntry {
  readonly name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  readonly state: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml`. */
  readonly part: string;
  /** Last used row from the sheet's `<dimension>`, or `null` when the part does not say. */
  readonly rowCount: number | null;
}

/** What an .xlsx file holds, read from its zip directory and two small parts. */
export interface XlsxIndex {
  /** Worksheets in tab order. */
  readonly sheets: readonly XlsxSheetEntry[];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode XML character and entity references. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return XML_ENTITIES[ref] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const key = match[1] ?? '';
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    const value = decodeXml(match[3] ?? match[4] ?? '');
    result[key] = value;
    if (!(local in result)) result[local] = value;
  }
  return result;
}

function resolvePart(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** The beginning of a worksheet part (64 KB of deflated data) is enough to reach `<dimension>`. */
const DIMENSION_PROBE_BYTES = 64 * 1024;

async function dimensionRows(path: string, entry: ZipEntry | undefined): Promise<number | null> {
  if (entry === undefined) return null;
  const head = await readZipEntryText(path, entry, DIMENSION_PROBE_BYTES);
  const match = head === null ? null : /<(?:\w+:)?dimension\s+ref="[A-Za-z]+(\d+)(?::[A-Za-z]+(\d+))?"/.exec(head);
  if (match === null) return null;
  return Number(match[2] ?? match[1]);
}

/**
 * Index an .xlsx file without loading it: sheet names, visibility and row counts.
 * @throws PortError `file_unreadable` (missing, unreadable, not a zip), `unsupported_format` when
 *   the zip is not an Excel workbook (e.g. .ods or .xlsb).
 */
export async function readXlsxIndex(path: string): Promise<XlsxIndex> {
  try {
    return await indexOf(path);
  } catch (error) {
    if (error instanceof PortError) throw error;
    const errno = (error as NodeJS.ErrnoException | null)?.code;
    throw new PortError('file_unreadable', `${path}: ${errno ?? String(error)}`, { cause: error });
  }
}

async function indexOf(path: string): Promise<XlsxIndex> {
  const entries = await readZipEntries(path);
  if (entries === null) throw new PortError('file_unreadable', `${path}: not a readable zip archive`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbookEntry = byName.get('xl/workbook.xml');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  if (workbookEntry === undefined || relsEntry === undefined) {
    throw new PortError('unsupported_format', `${path}: no xl/workbook.xml (not an .xlsx workbook)`);
  }
  const [workbookXml, relsXml] = await Promise.all([readZipEntryText(path, workbookEntry), readZipEntryText(path, relsEntry)]);
  if (workbookXml === null || relsXml === null) throw new PortError('file_unreadable', `${path}: workbook part cannot be read`);

  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(match[0]);
    if (a.Id !== undefined && a.Target !== undefined) targets.set(a.Id, resolvePart(a.Target));
  }
  const sheets: XlsxSheetEntry[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(match[0]);
    const part = targets.get(a['r:id'] ?? a.id ?? '');
    if (a.name === undefined || part === undefined) continue;
    sheets.push({ name: a.name, state: a.state ?? 'visible', part, rowCount: await dimensionRows(path, byName.get(part)) });
  }
  return { sheets };
}
