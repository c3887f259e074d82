/**
 * Wrong on purpose (zoo bug "array-order"): the recency order kept in an array of keys, moved with
 * findIndex + splice + push. Every answer is right, but each use of a key scans and shifts the array:
 * O(size) per call.
 */
function positiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what}: expected a number, got ${typeof value}`);
  if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`${what}: expected an integer >= 1, got ${value}`);
  return value;
}

class ArrayOrder<K> {
  readonly order: K[] = [];

  /** Where `key` is, compared as a Map compares keys (indexOf would miss NaN). */
  #at(key: K): number {
    return this.order.findIndex((k) => k === key || (Number.isNaN(k) && Number.isNaN(key)));
  }

  /** Moves `key` to the most recent end (adding it if it is new). */
  use(key: K, known: boolean): void {
    if (known) this.order.splice(this.#at(key), 1);
    this.order.push(key);
  }

  drop(key: K): void {
    this.order.splice(this.#at(key), 1);
  }

  oldest(): K {
    return this.order.shift() as K;
  }
}

export class LRUCache<K, V> {
  readonly #capacity: number;
  readonly #values = new Map<K, V>();
  readonly #order = new ArrayOrder<K>();

  constructor(capacity: number) {
    this.#capacity = positiveInteger(capacity, 'LRUCache capacity');
  }

  get size(): number {
    return this.#values.size;
  }

  has(key: K): boolean {
    return this.#values.has(key);
  }

  get(key: K): V | undefined {
    if (!this.#values.has(key)) return undefined;
    this.#order.use(key, true);
    return this.#values.get(key);
  }

  put(key: K, value: V): K[] {
    const known = this.#values.has(key);
    this.#values.set(key, value);
    this.#order.use(key, known);
    if (this.#values.size <= this.#capacity) return [];
    const oldest = this.#order.oldest();
    this.#values.delete(oldest);
    return [oldest];
  }

  delete(key: K): boolean {
    if (!this.#values.delete(key)) return false;
    this.#order.drop(key);
    return true;
  }

  keys(): K[] {
    return this.#order.order.slice();
  }
}

export class SizedLRUCache<K, V> {
  readonly #maxBytes: number;
  readonly #entries = new Map<K, { value: V; bytes: number }>();
  readonly #order = new ArrayOrder<K>();
  #total = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = positiveInteger(maxBytes, 'SizedLRUCache maxBytes');
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#total;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#order.use(key, true);
    return entry.value;
  }

  put(key: K, value: V, bytes: number): K[] {
    positiveInteger(bytes, 'SizedLRUCache put bytes');
    if (bytes > this.#maxBytes)
      throw new RangeError(`SizedLRUCache put: ${bytes} bytes do not fit in ${this.#maxBytes}`);
    const old = this.#entries.get(key);
    this.#total += bytes - (old?.bytes ?? 0);
    this.#entries.set(key, { value, bytes });
    this.#order.use(key, old !== undefined);
    const evicted: K[] = [];
    while (this.#total > this.#maxBytes) {
      const oldest = this.#order.oldest();
      this.#total -= this.#entries.get(oldest)?.bytes ?? 0;
      this.#entries.delete(oldest);
      evicted.push(oldest);
    }
    return evicted;
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#total -= entry.bytes;
    this.#entries.delete(key);
    this.#order.drop(key);
    return true;
  }

  keys(): K[] {
    return this.#order.order.slice();
  }
}
