/** The typed arrays the compact stores keep their columns in. */
export type ColumnArray = Int16Array | Int32Array | Uint8Array | Uint32Array | Float64Array;

/**
 * A copy of `array` with room for `length` items (the rest zero), of the same kind: how the compact stores' columns
 * grow (by doubling, so a million pushes copy about two million items in all).
 */
export function grownArray<A extends ColumnArray>(array: A, length: number): A {
  const grown = new (array.constructor as new (length: number) => A)(length);
  grown.set(array);
  return grown;
}
