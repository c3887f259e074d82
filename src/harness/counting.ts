/**
 * Operation counters for deterministic complexity checks: the suites count reads of the input
 * instead of timing anything, so the verdict is the same on every machine.
 */
export interface ReadCounter {
  reads: number;
}

/**
 * A read-only view of `values` that counts every indexed read (`a[i]`, `for…of`, spread).
 * Writes throw a TypeError, so a solution that mutates its input is caught as well.
 */
export function countingArray<T>(values: readonly T[], counter: ReadCounter): readonly T[] {
  return new Proxy(values as T[], {
    get(target, key, receiver) {
      if (typeof key === 'string' && isIndex(key)) counter.reads += 1;
      return Reflect.get(target, key, receiver);
    },
    set(_target, key) {
      throw new TypeError(`the input array is read-only (tried to set index ${String(key)})`);
    },
    deleteProperty(_target, key) {
      throw new TypeError(`the input array is read-only (tried to delete ${String(key)})`);
    },
  });
}

function isIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
