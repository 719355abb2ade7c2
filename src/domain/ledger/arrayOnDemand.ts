/**
 * A read-only array of `count` items whose item `i` is `itemAt(i)`, built each time it is read and never kept: an
 * array to every reader (`Array.isArray`, indexes, `length`, iteration, `map`/`filter`, `toEqual`), at the memory of
 * none of its items. Writes are refused. Items are built anew on every read, so two reads of one index give equal
 * but not identical objects. Needs `Proxy` (not in Internet Explorer): only the Node.js paths use it (issue 15).
 */
export function arrayOnDemand<T>(count: number, itemAt: (index: number) => T): T[] {
  const target: T[] = [];
  target.length = count;
  // An array index is a canonical decimal integer ("0", "17", not "017" or "1e3"), read here digit by digit: this runs
  // on every read of an item, and `String(Number(key)) === key` made a string each time.
  const indexOf = (key: string | symbol): number => {
    if (typeof key !== 'string') return -1;
    const length = key.length;
    if (length === 0 || length > 15 || (length > 1 && key.charCodeAt(0) === 48)) return -1;
    let index = 0;
    for (let i = 0; i < length; i++) {
      const digit = key.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return -1;
      index = index * 10 + digit;
    }
    return index < count ? index : -1;
  };
  return new Proxy(target, {
    get: (t, key, receiver) => {
      const index = indexOf(key);
      return index >= 0 ? itemAt(index) : (Reflect.get(t, key, receiver) as unknown);
    },
    has: (t, key) => indexOf(key) >= 0 || Reflect.has(t, key),
    getOwnPropertyDescriptor: (t, key) => {
      const index = indexOf(key);
      return index >= 0 ? { value: itemAt(index), writable: false, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(t, key);
    },
    ownKeys: (t) => [...Array.from({ length: count }, (_, i) => String(i)), ...Reflect.ownKeys(t)],
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
