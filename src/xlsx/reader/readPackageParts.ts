import { attributeOf, rootPrefix, startTags, textOfRuns } from './xmlText';
import type { ZipArchive, ZipEntry } from './zipArchive';

/** A relationship of a part, its target resolved to a part name (`xl/worksheets/sheet1.xml`). */
export interface PartRelationship {
  readonly id: string;
  /** The relationship type's last segment, e.g. `worksheet`, `officeDocument`, `table`. */
  readonly kind: string;
  readonly part: string;
}

/** The part a relative target points at, seen from the folder of `source` (`''` for the package root). */
export function resolveTarget(sourceFolder: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = sourceFolder === '' ? [] : sourceFolder.split('/');
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** The folder of a part name: `xl/workbook.xml` → `xl`. */
export function folderOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash);
}

/** The relationships part of a part (OPC: `<folder>/_rels/<name>.rels`; the package's own is `_rels/.rels`). */
export function relsPartOf(part: string): string {
  const folder = folderOf(part);
  const name = part.slice(folder === '' ? 0 : folder.length + 1);
  return `${folder === '' ? '' : `${folder}/`}_rels/${name}.rels`;
}

/** Find an entry by part name; zip names are case-sensitive, OPC part names are not. */
export function findEntry(zip: ZipArchive, part: string): ZipEntry | undefined {
  const exact = zip.entries.get(part);
  if (exact !== undefined) return exact;
  const lower = part.toLowerCase();
  for (const [name, entry] of zip.entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

/** The internal relationships of `part` (none when it has no relationships part). */
export async function readRelationships(zip: ZipArchive, part: string): Promise<PartRelationship[]> {
  const entry = findEntry(zip, relsPartOf(part));
  if (entry === undefined) return [];
  const xml = await zip.readText(entry);
  const folder = part === '' ? '' : folderOf(part);
  const rels: PartRelationship[] = [];
  for (const tag of startTags(xml, 'Relationship')) {
    const id = attributeOf(tag, 'Id');
    const type = attributeOf(tag, 'Type');
    const target = attributeOf(tag, 'Target');
    if (id === undefined || type === undefined || target === undefined || attributeOf(tag, 'TargetMode') === 'External') continue;
    rels.push({ id, kind: type.slice(type.lastIndexOf('/') + 1), part: resolveTarget(folder, target) });
  }
  return rels;
}

/**
 * A text cut from a larger one as a string of its own. V8 gives a cut of 13 characters or more as a view of the text
 * it was cut from, which then stays in memory as long as the cut does: every shared string kept the whole decoded
 * chunk of XML it came from (a full sheet's million names kept the whole 60 MB part; measured +57 MB of heap once the
 * rows held the table's strings). Copied through a buffer where Node.js's `Buffer` exists (about 0.1 µs a string);
 * in a browser (small workbooks only) the text is kept as it is.
 */
const ownCopy: (text: string) => string =
  typeof Buffer === 'function' ? (text) => (text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le')) : (text) => text;

/**
 * Read a shared-string table part (`<sst>`) as it inflates: each `<si>` becomes its text, runs
 * concatenated and phonetic runs left out (`textOfRuns`). Holds one chunk and the strings.
 */
export async function readSharedStrings(zip: ZipArchive, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let carry = '';
  let open = '';
  let close = '';
  let prefix: string | null = null;
  await zip.streamText(entry, (text) => {
    const buf = carry === '' ? text : carry + text;
    if (prefix === null) {
      prefix = rootPrefix(buf, 'sst');
      if (prefix === null) {
        carry = buf;
        return;
      }
      open = `<${prefix}si`;
      close = `</${prefix}si>`;
    }
    let at = 0;
    for (;;) {
      const start = buf.indexOf(open, at);
      if (start < 0) {
        at = Math.max(at, buf.length - open.length);
        break;
      }
      const gt = buf.indexOf('>', start);
      if (gt < 0) {
        at = start;
        break;
      }
      if (buf.charCodeAt(gt - 1) === 0x2f /* <si/> */) {
        strings.push('');
        at = gt + 1;
        continue;
      }
      const end = buf.indexOf(close, gt);
      if (end < 0) {
        at = start;
        break;
      }
      strings.push(ownCopy(textOfRuns(buf.slice(gt + 1, end), prefix)));
      at = end + close.length;
    }
    carry = at >= buf.length ? '' : buf.slice(at);
  });
  return strings;
}

/** Built-in number formats that show a date or time (ECMA-376 Part 1, §18.8.30; 27–36 and 50–58 are the East Asian date formats). */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** True when a format code shows a date or time: a y, m, d, h or s outside quotes, escapes and [colour]/[condition] brackets. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  const section = bare.split(';')[0] ?? '';
  return /[ymdhs]/i.test(section) && !/^General$/i.test(section.trim());
}

/** Indexes of the cell formats (`<cellXfs>` entries) whose number format shows a date. */
export function dateStylesOf(stylesXml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const tag of startTags(stylesXml, 'numFmt')) {
    const id = Number(attributeOf(tag, 'numFmtId'));
    const code = attributeOf(tag, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const styles = new Set<number>();
  const xfsStart = /<(?:[\w.-]+:)?cellXfs[\s>]/.exec(stylesXml);
  if (xfsStart === null) return styles;
  const xfsEnd = stylesXml.search(/<\/(?:[\w.-]+:)?cellXfs>/);
  const xfs = stylesXml.slice(xfsStart.index, xfsEnd < 0 ? undefined : xfsEnd);
  startTags(xfs, 'xf').forEach((tag, index) => {
    const id = Number(attributeOf(tag, 'numFmtId') ?? '0');
    const code = custom.get(id);
    if (code === undefined ? isBuiltInDateFormat(id) : isDateFormatCode(code)) styles.add(index);
  });
  return styles;
}
