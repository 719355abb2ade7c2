import { grownArray } from './grownArray';
import type { CellValue } from './types';

/**
 * A column of cell values that grows: numbers in a typed array (8 bytes each, where an array of numbers keeps each
 * as an object of its own), anything else aside by index. Issue 15: the raw cells of a full sheet's rows and issues.
 */
export class CellColumn {
  private numbers = new Float64Array(1024);
  private size = 0;
  /** Values that are not numbers (NaN included), by index; `numbers` holds NaN there. */
  private readonly others = new Map<number, CellValue>();

  get length(): number {
    return this.size;
  }

  push(value: CellValue): void {
    if (this.size === this.numbers.length) this.numbers = grownArray(this.numbers, this.numbers.length * 2);
    // A new index has no entry aside to remove (`set` removes one).
    const index = this.size++;
    if (typeof value === 'number' && !Number.isNaN(value)) {
      this.numbers[index] = value;
    } else {
      this.numbers[index] = NaN;
      this.others.set(index, value);
    }
  }

  /** The value at `index`; `undefined` past the end. */
  get(index: number): CellValue {
    if (index >= this.size) return undefined;
    const number = this.numbers[index] as number;
    if (!Number.isNaN(number)) return number;
    return this.others.get(index);
  }

  /** Replace the value at `index` (below `length`). */
  set(index: number, value: CellValue): void {
    if (typeof value === 'number' && !Number.isNaN(value)) {
      this.numbers[index] = value;
      this.others.delete(index);
    } else {
      this.numbers[index] = NaN;
      this.others.set(index, value);
    }
  }
}
