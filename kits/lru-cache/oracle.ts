/**
 * The oracle: a brute-force cache. Every entry carries the time of its last use (a counter, not a
 * clock); every lookup is a linear search, every eviction a scan for the smallest time, and the
 * total size is summed afresh each time it is needed. Slow, and too plain to be wrong.
 */

/** How a JavaScript Map compares keys (SameValueZero): like ===, except that NaN equals NaN. */
export function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

interface Row<K, V> {
  key: K;
  value: V;
  bytes: number;
  lastUsed: number;
}

export class BruteForceCache<K, V> {
  readonly #rows: Row<K, V>[] = [];
  #clock = 0;

  /**
   * `limit` is the capacity (every entry counts 1) or, with `sized`, the most bytes in all;
   * a put of more than `limit` bytes then throws RangeError and changes nothing.
   */
  constructor(
    readonly limit: number,
    readonly sized: boolean,
  ) {}

  #index(key: K): number {
    for (let i = 0; i < this.#rows.length; i++) if (sameKey((this.#rows[i] as Row<K, V>).key, key)) return i;
    return -1;
  }

  #row(key: K): Row<K, V> | undefined {
    return this.#rows[this.#index(key)];
  }

  get size(): number {
    return this.#rows.length;
  }

  get bytes(): number {
    let sum = 0;
    for (const row of this.#rows) sum += row.bytes;
    return sum;
  }

  has(key: K): boolean {
    return this.#row(key) !== undefined;
  }

  get(key: K): V | undefined {
    const row = this.#row(key);
    if (row === undefined) return undefined;
    row.lastUsed = ++this.#clock;
    return row.value;
  }

  put(key: K, value: V, bytes = 1): K[] {
    const size = this.sized ? bytes : 1;
    if (size > this.limit) throw new RangeError(`oracle: ${size} bytes do not fit in ${this.limit}`);
    const row = this.#row(key);
    if (row === undefined) this.#rows.push({ key, value, bytes: size, lastUsed: ++this.#clock });
    else Object.assign(row, { value, bytes: size, lastUsed: ++this.#clock });
    const evicted: K[] = [];
    while ((this.sized ? this.bytes : this.size) > this.limit) {
      let oldest = 0;
      for (let i = 1; i < this.#rows.length; i++) {
        if ((this.#rows[i] as Row<K, V>).lastUsed < (this.#rows[oldest] as Row<K, V>).lastUsed) oldest = i;
      }
      evicted.push((this.#rows.splice(oldest, 1)[0] as Row<K, V>).key);
    }
    return evicted;
  }

  delete(key: K): boolean {
    const i = this.#index(key);
    if (i < 0) return false;
    this.#rows.splice(i, 1);
    return true;
  }

  keys(): K[] {
    return [...this.#rows].sort((a, b) => a.lastUsed - b.lastUsed).map((row) => row.key);
  }
}
