import { columnLetter } from '../../domain';
import { areaOf } from '../xlsxReadPort';

/**
 * A severity's marked cells gathered by column as they come (`add`, 0-based), then merged into `sqref` ranges (`ref`):
 * consecutive rows of one column become one range, so 50,000 marks down a column cost one short string.
 */
export class MarkRanges {
  private readonly byColumn = new Map<number, number[]>();

  add(col: number, row: number): void {
    const rows = this.byColumn.get(col);
    if (rows === undefined) this.byColumn.set(col, [row]);
    else rows.push(row);
  }

  ref(): string {
    const parts: string[] = [];
    for (const col of [...this.byColumn.keys()].sort((a, b) => a - b)) {
      // Sorted in place and repeats skipped (a full sheet marks 759,412 cells: no copies, no set of them).
      const rows = (this.byColumn.get(col) ?? []).sort((a, b) => a - b);
      const letter = columnLetter(col);
      let start = rows[0];
      rows.forEach((row, i) => {
        const next = rows[i + 1];
        if (start === undefined || next === row || next === row + 1) return;
        parts.push(start === row ? `${letter}${row + 1}` : `${letter}${start + 1}:${letter}${row + 1}`);
        start = next;
      });
    }
    return parts.join(' ');
  }
}

/**
 * Merge a severity's marked cells into `sqref` ranges (`MarkRanges`). Addresses that are not a cell are left out.
 * @example marksToRef(['F12', 'F13', 'B3']) // 'B3 F12:F13'
 */
export function marksToRef(addresses: Iterable<string>): string {
  const ranges = new MarkRanges();
  for (const address of addresses) {
    const cell = address.includes(':') ? null : areaOf(address);
    if (cell !== null) ranges.add(cell.left, cell.top);
  }
  return ranges.ref();
}
