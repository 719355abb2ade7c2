import { DATE_1904_OFFSET_DAYS, type CellValue } from '../../domain';
import { PortError } from '../../workflows/workbookPort';
import { readDefinedNames, type DefinedName } from '../definedNames';
import { dateStylesOf, findEntry, readRelationships, readSharedStrings } from './readPackageParts';
import { SheetRowParser, type CellContext, type RowHandler } from './SheetRowParser';
import { attributeOf, startTags } from './xmlText';
import { ZipFormatError, type ZipArchive } from './zipDirectory';

/** A table (ListObject) on a worksheet. */
export interface XlsxTable {
  /** The name formulas use (`displayName`), as Excel's `Table.name` gives it. */
  readonly name: string;
  /** Its range, e.g. `B3:M120`. */
  readonly ref: string;
}

/** A worksheet as the workbook lists it. */
export interface XlsxSheet {
  readonly name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  readonly state: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml`. */
  readonly part: string;
  /** Position among the worksheets (0-based, tab order). */
  readonly tabIndex: number;
  /** The workbook's `sheetId` (ExcelJS's `Worksheet.id`), or -1 when absent. */
  readonly sheetId: number;
  readonly tables: readonly XlsxTable[];
}

/** An open .xlsx file: its worksheets, read row by row on demand. */
export interface XlsxReader {
  readonly path: string;
  /** Worksheets in tab order (chart sheets are not listed). */
  readonly sheets: readonly XlsxSheet[];
  /** True for a workbook in the 1904 date system (`<workbookPr date1904="1"/>`). */
  readonly date1904: boolean;
  /** The workbook's defined names (owner names, key-figure names, print titles…). */
  readonly definedNames: readonly DefinedName[];
  /**
   * Stream a worksheet's rows in order (rows without cells are not reported). Stops when
   * `onRow` returns `'stop'`. Memory: the shared strings (read once, on the first call) plus one
   * chunk of the sheet's XML. An error thrown by `onRow` passes through unchanged.
   * @throws PortError `file_unreadable` for a damaged part.
   */
  streamRows(sheet: XlsxSheet, onRow: RowHandler): Promise<void>;
  /**
   * The last row of a worksheet from its `<dimension>` (read from the part's first 64 KB of
   * compressed data), or `null` when the part does not say (ExcelJS's streaming writer omits it).
   */
  dimensionRows(sheet: XlsxSheet): Promise<number | null>;
  /** The size of a worksheet's XML, uncompressed, from the zip's central directory; `null` when the part is missing. */
  partBytes(sheet: XlsxSheet): number | null;
  /** Count a worksheet's `<row>` elements without parsing cells. */
  countRows(sheet: XlsxSheet): Promise<number>;
  /**
   * Let go of the shared strings read by `streamRows` or `sharedStrings` (the next call reads them again): for a
   * caller done with them (the CLI's refresh once the ledger is read; the rows keep the strings they hold). A full
   * sheet's table has a million entries.
   */
  releaseSharedStrings(): void;
  /** The shared strings (read now if they are not), by index; empty for a reader with `sharedStringRefs`. */
  sharedStrings(): Promise<readonly string[]>;
  close(): Promise<void>;
}

/** Options of a reader. */
export interface XlsxReaderOptions {
  /**
   * Give shared-string cells as references (`SHARED_STRING_REF`) and never read the shared strings: for a reader on a
   * worker thread whose receiver holds them (`resolveSharedStringRefs`), so that a full sheet's million strings are
   * held once, by the receiver, and cross the thread as short references.
   */
  readonly sharedStringRefs?: boolean;
}

/** Days between the 1904 system's day 0 (1904-01-01) and the 1900 system's (the domain's constant, re-exported). */
export { DATE_1904_OFFSET_DAYS };
/** Enough compressed data to reach a worksheet's `<dimension>`, which comes before `<sheetData>`. */
const DIMENSION_PROBE_BYTES = 64 * 1024;
/** A worksheet's root element, with its namespace prefix (the prefix of its `<row>` elements). */
const ROOT_TAG = /<([\w.-]+:)?worksheet[\s>]/;

/** A failure while opening or reading `path`, as the port's `file_unreadable` (a `PortError` passes through). */
export function unreadable(path: string, error: unknown): PortError {
  if (error instanceof PortError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const detail = typeof errno === 'string' ? errno : error instanceof Error ? error.message : String(error);
  return new PortError('file_unreadable', `${path}: ${detail}`, { cause: error });
}

/**
 * Open a workbook's zip with `openZip`, then the reader over it (`xlsxReaderOf`); the zip is closed again when the
 * workbook cannot be read. `path` names the workbook in messages.
 * @throws PortError `file_unreadable` (missing, unreadable, not a zip, damaged), `unsupported_format` when the zip is
 *   not an Excel workbook.
 */
export async function openXlsxOver(path: string, openZip: () => Promise<ZipArchive>, options: XlsxReaderOptions = {}): Promise<XlsxReader> {
  let zip: ZipArchive;
  try {
    zip = await openZip();
  } catch (error) {
    throw unreadable(path, error instanceof ZipFormatError ? new Error(`not a readable zip archive (${error.message})`) : error);
  }
  try {
    return await xlsxReaderOf(path, zip, options);
  } catch (error) {
    await zip.close();
    throw unreadable(path, error);
  }
}

/**
 * The reader over an open zip archive (from a file or from bytes): the package relationships (`_rels/.rels` names the
 * workbook part, wherever it is), the workbook part (sheets, visibility, date system) and each worksheet's tables. Cell
 * data is read only by `streamRows`. `path` names the workbook in messages (a file name for bytes).
 * @throws PortError `unsupported_format` when the zip is not an Excel workbook; whatever the archive throws.
 */
export async function xlsxReaderOf(path: string, zip: ZipArchive, options: XlsxReaderOptions = {}): Promise<XlsxReader> {
  const rootRels = await readRelationships(zip, '');
  const workbookPart = rootRels.find((r) => r.kind === 'officeDocument')?.part;
  const workbookEntry = workbookPart === undefined ? undefined : findEntry(zip, workbookPart);
  if (workbookPart === undefined || workbookEntry === undefined) {
    throw new PortError('unsupported_format', `${path}: no workbook part (not an .xlsx workbook)`);
  }
  const workbookXml = await zip.readText(workbookEntry);
  if (!/<(?:[\w.-]+:)?workbook[\s>]/.test(workbookXml) || /\.bin$/i.test(workbookPart)) {
    throw new PortError('unsupported_format', `${path}: ${workbookPart} is not a spreadsheetml workbook`);
  }
  const workbookRels = await readRelationships(zip, workbookPart);
  const byId = new Map(workbookRels.map((r) => [r.id, r]));
  const workbookPr = startTags(workbookXml, 'workbookPr')[0];
  const date1904Value = workbookPr === undefined ? undefined : attributeOf(workbookPr, 'date1904');
  const date1904 = date1904Value === '1' || date1904Value === 'true';

  const sheets: XlsxSheet[] = [];
  for (const tag of startTags(workbookXml, 'sheet')) {
    const name = attributeOf(tag, 'name');
    const rel = byId.get(attributeOf(tag, 'id', true) ?? '');
    if (name === undefined || rel === undefined || rel.kind !== 'worksheet') continue;
    const tables: XlsxTable[] = [];
    for (const tableRel of (await readRelationships(zip, rel.part)).filter((r) => r.kind === 'table')) {
      const entry = findEntry(zip, tableRel.part);
      if (entry === undefined) continue;
      const tableTag = startTags(await zip.readText(entry), 'table')[0];
      const tableName = tableTag === undefined ? undefined : (attributeOf(tableTag, 'displayName') ?? attributeOf(tableTag, 'name'));
      const ref = tableTag === undefined ? undefined : attributeOf(tableTag, 'ref');
      if (tableName !== undefined && ref !== undefined) tables.push({ name: tableName, ref });
    }
    const sheetId = Number(attributeOf(tag, 'sheetId') ?? -1);
    sheets.push({ name, state: attributeOf(tag, 'state') ?? 'visible', part: rel.part, tabIndex: sheets.length, sheetId: Number.isInteger(sheetId) ? sheetId : -1, tables });
  }

  const sharedStringsPart = workbookRels.find((r) => r.kind === 'sharedStrings')?.part;
  const stylesPart = workbookRels.find((r) => r.kind === 'styles')?.part;
  let context: Promise<CellContext> | null = null;
  const loadContext = async (): Promise<CellContext> => {
    const sstEntry = sharedStringsPart === undefined ? undefined : findEntry(zip, sharedStringsPart);
    const sharedStrings = options.sharedStringRefs === true ? null : sstEntry === undefined ? [] : await readSharedStrings(zip, sstEntry);
    // Which numbers are dates matters only in the 1904 system: the domain reads 1900-system serials.
    const stylesEntry = date1904 && stylesPart !== undefined ? findEntry(zip, stylesPart) : undefined;
    const dateStyles = stylesEntry === undefined ? new Set<number>() : dateStylesOf(await zip.readText(stylesEntry));
    return { sharedStrings, dateOffsetDays: date1904 ? DATE_1904_OFFSET_DAYS : 0, dateStyles };
  };
  const entryOf = (sheet: XlsxSheet) => {
    const entry = findEntry(zip, sheet.part);
    if (entry === undefined) throw new PortError('file_unreadable', `${path}: ${sheet.part} is missing`);
    return entry;
  };

  return {
    path,
    sheets,
    date1904,
    definedNames: readDefinedNames(workbookXml),
    async streamRows(sheet, onRow) {
      context ??= loadContext();
      let parser: SheetRowParser;
      try {
        parser = new SheetRowParser(await context, onRow);
      } catch (error) {
        throw unreadable(path, error);
      }
      const entry = entryOf(sheet);
      let failure: { readonly error: unknown } | null = null;
      try {
        await zip.streamText(entry, (text) => {
          try {
            return parser.push(text);
          } catch (error) {
            failure = { error };
            return false;
          }
        });
      } catch (error) {
        throw unreadable(path, error);
      }
      if (failure !== null) throw (failure as { readonly error: unknown }).error;
    },
    partBytes(sheet) {
      return findEntry(zip, sheet.part)?.uncompressedSize ?? null;
    },
    async dimensionRows(sheet) {
      const entry = findEntry(zip, sheet.part);
      if (entry === undefined) return null;
      let head = '';
      try {
        await zip.streamText(
          entry,
          (text) => {
            head += text;
            return !/<(?:[\w.-]+:)?(?:dimension|sheetData)[\s>]/.test(head);
          },
          DIMENSION_PROBE_BYTES,
        );
      } catch {
        return null;
      }
      const match = /<(?:[\w.-]+:)?dimension\s+ref="[A-Za-z]*(\d+)(?::[A-Za-z]*(\d+))?"/.exec(head);
      return match === null ? null : Number(match[2] ?? match[1]);
    },
    async countRows(sheet) {
      let count = 0;
      let carry = '';
      let open: string | null = null;
      try {
        await zip.streamText(entryOf(sheet), (text) => {
          // A tag cut by the chunk's end is counted with the next chunk.
          const buf = carry + text;
          const cut = buf.lastIndexOf('<');
          const body = cut < 0 ? buf : buf.slice(0, cut);
          carry = cut < 0 ? '' : buf.slice(cut);
          if (open === null) {
            const root = ROOT_TAG.exec(body);
            if (root === null) {
              carry = buf;
              return;
            }
            open = `<${root[1] ?? ''}row`;
          }
          for (let at = body.indexOf(open); at >= 0; at = body.indexOf(open, at + open.length)) {
            const next = body.charCodeAt(at + open.length);
            if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) count++;
          }
        });
      } catch (error) {
        throw unreadable(path, error);
      }
      return count;
    },
    releaseSharedStrings() {
      context = null;
    },
    async sharedStrings() {
      context ??= loadContext();
      return (await context).sharedStrings ?? [];
    },
    close: () => zip.close(),
  };
}

/** Read every row of a worksheet into memory, up to `limit` rows (by row index). For small sheets and previews. */
export async function readSheetGrid(reader: XlsxReader, sheet: XlsxSheet, limit = Number.POSITIVE_INFINITY): Promise<CellValue[][]> {
  const grid: CellValue[][] = [];
  if (limit <= 0) return grid;
  await reader.streamRows(sheet, (rowIndex, cells) => {
    if (rowIndex >= limit) return 'stop';
    while (grid.length < rowIndex) grid.push([]);
    grid[rowIndex] = cells;
    return rowIndex + 1 >= limit ? 'stop' : undefined;
  });
  return grid;
}
