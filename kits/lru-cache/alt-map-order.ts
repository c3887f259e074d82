/**
 * A JavaScript Map alone: it iterates in insertion order, so deleting a key and setting it again
 * moves it to the end. The first key of the map is then the least recently used one, and
 * `map.keys().next()` reads it in O(1) without walking the rest.
 */

/** A limit or a size: a number (else TypeError) that is an integer >= 1 (else RangeError). */
function positiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what}: expected a number, got ${typeof value}`);
  if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`${what}: expected an integer >= 1, got ${value}`);
  return value;
}

/** The first (least recently set) key of a non-empty map. */
function firstKey<K>(map: Map<K, unknown>): K {
  return map.keys().next().value as K;
}

export class LRUCache<K, V> {
  readonly #capacity: number;
  readonly #values = new Map<K, V>();

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
    const value = this.#values.get(key) as V;
    this.#values.delete(key);
    this.#values.set(key, value);
    return value;
  }

  put(key: K, value: V): K[] {
    const fresh = !this.#values.delete(key);
    this.#values.set(key, value);
    if (!fresh || this.#values.size <= this.#capacity) return [];
    const oldest = firstKey(this.#values);
    this.#values.delete(oldest);
    return [oldest];
  }

  delete(key: K): boolean {
    return this.#values.delete(key);
  }

  keys(): K[] {
    return [...this.#values.keys()];
  }
}

export class SizedLRUCache<K, V> {
  readonly #maxBytes: number;
  readonly #entries = new Map<K, { value: V; bytes: number }>();
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
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  put(key: K, value: V, bytes: number): K[] {
    positiveInteger(bytes, 'SizedLRUCache put bytes');
    if (bytes > this.#maxBytes)
      throw new RangeError(`SizedLRUCache put: ${bytes} bytes do not fit in ${this.#maxBytes}`);
    this.delete(key);
    this.#entries.set(key, { value, bytes });
    this.#total += bytes;
    const evicted: K[] = [];
    while (this.#total > this.#maxBytes) {
      const oldest = firstKey(this.#entries);
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
    return this.#entries.delete(key);
  }

  keys(): K[] {
    return Array.from(this.#entries.keys());
  }
}
