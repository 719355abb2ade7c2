import { displayWidth, padDisplay, truncateDisplay } from '../domain';

/** A column of a text table. */
export interface TextColumn {
  readonly header: string;
  readonly align: 'left' | 'right';
  /** Cut longer cells to this display width (default: no limit). */
  readonly maxWidth?: number;
}

/**
 * Lay out rows as an aligned text table, padding by display width so that columns line up
 * under CJK text. Columns are separated by two spaces; a rule of "─" follows the header and
 * precedes the rows listed in `footerRows` (e.g. a 合计 line).
 * @example formatTable([{ header: '领域', align: 'left' }, { header: '项目数', align: 'right' }], [['能源', '12']])
 */
export function formatTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[], footerRows: readonly (readonly string[])[] = [], indent = '  '): string[] {
  const fit = (text: string, c: number): string => {
    const max = columns[c]?.maxWidth;
    return max === undefined ? text : truncateDisplay(text, max);
  };
  const all = [columns.map((col) => col.header), ...rows, ...footerRows].map((row) => row.map(fit));
  const widths = columns.map((_, c) => Math.max(...all.map((row) => displayWidth(row[c] ?? ''))));
  const line = (row: readonly string[]): string =>
    indent +
    columns
      .map((col, c) => padDisplay(row[c] ?? '', widths[c] ?? 0, col.align))
      .join('  ')
      .trimEnd();
  const total = widths.reduce((a, b) => a + b, 0) + 2 * Math.max(0, columns.length - 1);
  const rule = indent + '─'.repeat(total);
  const [header = [], ...rest] = all;
  const body = rest.slice(0, rows.length).map(line);
  const footer = rest.slice(rows.length).map(line);
  return [line(header), rule, ...body, ...(footer.length > 0 ? [rule, ...footer] : [])];
}
