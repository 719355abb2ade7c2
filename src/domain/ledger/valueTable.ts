/**
 * Distinct values, each with the index it was first added at: how the compact stores keep a repeated value (a text,
 * an SOE list, a column) once and refer to it by a small number.
 */
export class ValueTable<T> {
  private readonly values: T[] = [];
  private readonly indexes = new Map<T, number>();

  /** The index of `value`, added now when it is new (by `Map` equality: texts by content, objects by identity). */
  indexOf(value: T): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indexes.set(value, index);
    }
    return index;
  }

  /** The value at `index` (as `indexOf` gave it). */
  valueAt(index: number): T {
    return this.values[index] as T;
  }
}
