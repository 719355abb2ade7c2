import { createReadStream } from 'fs';
import { open } from 'fs/promises';
import { extname } from 'path';
import type { CellValue } from '../domain';
import { PortError } from '../workflows/workbookPort';

/** What to do after a CSV row: go on (`undefined`) or stop reading. */
export type CsvRowDecision = undefined | 'stop';

/** How a CSV file is encoded and separated, as sniffed from its first 64 KB. */
export interface CsvDialect {
  readonly encoding: 'utf-8' | 'utf-16le' | 'gb18030';
  readonly delimiter: ',' | '\t' | ';';
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Sniff the encoding and the delimiter. Chinese offices save CSV from Excel as GB18030 (ANSI)
 * unless they pick "CSV UTF-8", and Excel's "Unicode text" is tab-separated UTF-16LE.
 */
export function sniffCsvDialect(head: Buffer, extension: string): CsvDialect {
  let encoding: CsvDialect['encoding'] = 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
  else if (!(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      encoding = 'gb18030';
    }
  }
  if (extension === '.tsv') return { encoding, delimiter: '\t' };
  const text = new TextDecoder(encoding).decode(head);
  const lines = text.split(/\r?\n/).slice(0, 10);
  const counts = { ',': 0, '\t': 0, ';': 0 };
  for (const line of lines) {
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
    }
  }
  const delimiter = counts['\t'] > counts[','] && counts['\t'] >= counts[';'] ? '\t' : counts[';'] > counts[','] ? ';' : ',';
  return { encoding, delimiter };
}

/**
 * Stream a CSV (or TSV) file's rows (RFC 4180 quoting, CRLF or LF, a BOM dropped). Every cell
 * is text, as typed; the domain parses amounts and dates from text. Blank lines are reported as
 * empty rows so that `rowIndex + 1` is the line's row number in a spreadsheet.
 * @returns the dialect used.
 * @throws PortError `file_unreadable` when the file cannot be read.
 */
export async function readCsvRows(
  path: string,
  onRow: (rowIndex: number, cells: CellValue[]) => CsvRowDecision,
  options: { readonly onBytes?: (bytesRead: number) => void } = {},
): Promise<CsvDialect> {
  let head: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw new PortError('file_unreadable', `${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  const dialect = sniffCsvDialect(head, extname(path).toLowerCase());
  const decoder = new TextDecoder(dialect.encoding);
  const delimiter = dialect.delimiter;

  let rowIndex = 0;
  let cells: CellValue[] = [];
  let field = '';
  let quoted = false;
  /** The previous character was a quote inside a quoted field (an escaped quote or the closing one). */
  let quotePending = false;
  let atFieldStart = true;
  let stopped = false;
  let first = true;
  /** The previous chunk ended with CR: a LF starting this chunk belongs to it. */
  let skipLf = false;
  let visitorError: { error: unknown } | null = null;

  const endField = (): void => {
    cells.push(field === '' ? null : field);
    field = '';
    atFieldStart = true;
  };
  const endRow = (): void => {
    endField();
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    try {
      if (onRow(rowIndex++, cells) === 'stop') stopped = true;
    } catch (error) {
      visitorError = { error };
      stopped = true;
    }
    cells = [];
  };

  const consume = (text: string): void => {
    let start = 0;
    let i = 0;
    if (skipLf && text.charCodeAt(0) === 10) i = 1;
    skipLf = false;
    for (; i < text.length && !stopped; i++) {
      const ch = text.charCodeAt(i);
      if (quoted) {
        if (quotePending) {
          quotePending = false;
          if (ch === 34) {
            field += '"';
            continue;
          }
          quoted = false;
          // fall through: the character after the closing quote is handled as unquoted
        } else if (ch === 34) {
          quotePending = true;
          continue;
        } else {
          // copy runs of plain characters in one slice
          start = i;
          while (i + 1 < text.length && text.charCodeAt(i + 1) !== 34) i++;
          field += text.slice(start, i + 1);
          continue;
        }
      }
      if (ch === 34 && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (text[i] === delimiter) {
        endField();
      } else if (ch === 10) {
        endRow();
      } else if (ch === 13) {
        if (i + 1 === text.length) skipLf = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
        endRow();
      } else {
        atFieldStart = false;
        start = i;
        while (i + 1 < text.length) {
          const next = text.charCodeAt(i + 1);
          if (next === 10 || next === 13 || text[i + 1] === delimiter) break;
          i++;
        }
        field += text.slice(start, i + 1);
      }
    }
  };

  try {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    let bytesRead = 0;
    for await (const chunk of stream) {
      bytesRead += (chunk as Buffer).length;
      options.onBytes?.(bytesRead);
      let text = decoder.decode(chunk as Buffer, { stream: true });
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      consume(text);
      if (stopped) {
        stream.destroy();
        break;
      }
    }
    if (!stopped) consume(decoder.decode());
  } catch (error) {
    throw new PortError('file_unreadable', `${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!stopped && (field !== '' || cells.length > 0 || quoted)) endRow();
  if (visitorError !== null) throw (visitorError as { error: unknown }).error;
  return dialect;
}
