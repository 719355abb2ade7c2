import { columnLetter } from '../../domain';
import { areaOf } from '../xlsxReadPort';

/**
 * Merge a severity's marked cells into `sqref` ranges: consecutive rows of one column become
 * one range, so 50,000 marks down a column cost one short string. Addresses that are not a cell are left out.
 * @example marksToRef(['F12', 'F13', 'B3']) // 'B3 F12:F13'
 */
export function marksToRef(addresses: readonly string[]): string {
  const byColumn = new Map<number, number[]>();
  for (const address of addresses) {
    const cell = address.includes(':') ? null : areaOf(address);
    if (cell === null) continue;
    const rows = byColumn.get(cell.left) ?? [];
    rows.push(cell.top);
    byColumn.set(cell.left, rows);
  }
  const parts: string[] = [];
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byColumn.get(col))].sort((a, b) => a - b);
    const letter = columnLetter(col);
    let start = rows[0];
    rows.forEach((row, i) => {
      const next = rows[i + 1];
      if (start === undefined || next === row + 1) return;
      parts.push(start === row ? `${letter}${row + 1}` : `${letter}${start + 1}:${letter}${row + 1}`);
      start = next;
    });
  }
  return parts.join(' ');
}
