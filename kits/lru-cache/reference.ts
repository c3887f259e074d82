/**
 * A hash map from key to node plus a doubly linked list of the nodes in recency order: the map finds
 * a key in O(1), the list moves a node to the most recent end or drops the least recent one in O(1).
 * One sentinel node closes the list into a ring (sentinel.next is the least recently used entry,
 * sentinel.prev the most recently used), so linking and unlinking never test for null.
 * Both caches share that structure; they differ only in what the limit counts.
 */
interface Entry<K, V> {
  key: K;
  value: V;
  bytes: number;
  prev: Entry<K, V>;
  next: Entry<K, V>;
}

class RecencyList<K, V> {
  readonly #index = new Map<K, Entry<K, V>>();
  readonly #ring: Entry<K, V>;

  constructor() {
    const ring = {} as Entry<K, V>;
    ring.prev = ring;
    ring.next = ring;
    this.#ring = ring;
  }

  get size(): number {
    return this.#index.size;
  }

  find(key: K): Entry<K, V> | undefined {
    return this.#index.get(key);
  }

  /** Adds a new entry as the most recently used one. */
  add(key: K, value: V, bytes: number): void {
    const entry = { key, value, bytes } as Entry<K, V>;
    this.#index.set(key, entry);
    this.#append(entry);
  }

  /** Makes an entry the most recently used one. */
  touch(entry: Entry<K, V>): void {
    this.#unlink(entry);
    this.#append(entry);
  }

  remove(entry: Entry<K, V>): void {
    this.#unlink(entry);
    this.#index.delete(entry.key);
  }

  /** Removes the least recently used entry and returns it (the caller knows the list is not empty). */
  removeOldest(): Entry<K, V> {
    const oldest = this.#ring.next;
    this.remove(oldest);
    return oldest;
  }

  /** Keys from the least to the most recently used. */
  keys(): K[] {
    const keys: K[] = [];
    for (let entry = this.#ring.next; entry !== this.#ring; entry = entry.next) keys.push(entry.key);
    return keys;
  }

  #append(entry: Entry<K, V>): void {
    const last = this.#ring.prev;
    entry.prev = last;
    entry.next = this.#ring;
    last.next = entry;
    this.#ring.prev = entry;
  }

  #unlink(entry: Entry<K, V>): void {
    entry.prev.next = entry.next;
    entry.next.prev = entry.prev;
  }
}

/** A limit or a size: a number (else TypeError) that is an integer >= 1 (else RangeError). */
function checkCount(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be an integer >= 1, got ${value}`);
  return value;
}

/** At most `capacity` entries; putting a new key into a full cache evicts the least recently used one. */
export class LRUCache<K, V> {
  readonly #capacity: number;
  readonly #list = new RecencyList<K, V>();

  constructor(capacity: number) {
    this.#capacity = checkCount(capacity, 'LRUCache: capacity');
  }

  get size(): number {
    return this.#list.size;
  }

  /** Does not change the recency order. */
  has(key: K): boolean {
    return this.#list.find(key) !== undefined;
  }

  /** A hit makes the key the most recently used one. */
  get(key: K): V | undefined {
    const entry = this.#list.find(key);
    if (entry === undefined) return undefined;
    this.#list.touch(entry);
    return entry.value;
  }

  /** Stores the value as the most recently used entry; returns the evicted keys, least recent first. */
  put(key: K, value: V): K[] {
    const entry = this.#list.find(key);
    if (entry !== undefined) {
      // An update never grows the cache, so it never evicts.
      entry.value = value;
      this.#list.touch(entry);
      return [];
    }
    this.#list.add(key, value, 1);
    const evicted: K[] = [];
    if (this.#list.size > this.#capacity) evicted.push(this.#list.removeOldest().key);
    return evicted;
  }

  delete(key: K): boolean {
    const entry = this.#list.find(key);
    if (entry === undefined) return false;
    this.#list.remove(entry);
    return true;
  }

  /** Keys from the least to the most recently used; does not change the order. */
  keys(): K[] {
    return this.#list.keys();
  }
}

/**
 * At most `maxBytes` bytes in all: each entry has a size, and a put evicts least recently used
 * entries until the total fits again (model shards loaded on demand, evicted by memory).
 */
export class SizedLRUCache<K, V> {
  readonly #maxBytes: number;
  readonly #list = new RecencyList<K, V>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = checkCount(maxBytes, 'SizedLRUCache: maxBytes');
  }

  get size(): number {
    return this.#list.size;
  }

  /** The sum of the sizes of the cached entries. */
  get bytes(): number {
    return this.#bytes;
  }

  has(key: K): boolean {
    return this.#list.find(key) !== undefined;
  }

  get(key: K): V | undefined {
    const entry = this.#list.find(key);
    if (entry === undefined) return undefined;
    this.#list.touch(entry);
    return entry.value;
  }

  /**
   * Stores the value with its size as the most recently used entry (an existing key takes the new
   * value and size), then evicts from the least recent end until the total fits; returns the
   * evicted keys in that order. Checked before anything changes: a bad size, or one larger than the
   * whole cache, throws and leaves the cache as it was.
   */
  put(key: K, value: V, bytes: number): K[] {
    checkCount(bytes, 'SizedLRUCache.put: bytes');
    if (bytes > this.#maxBytes) {
      throw new RangeError(`SizedLRUCache.put: bytes ${bytes} is more than maxBytes ${this.#maxBytes}`);
    }
    const entry = this.#list.find(key);
    if (entry === undefined) this.#list.add(key, value, bytes);
    else {
      this.#bytes -= entry.bytes;
      entry.value = value;
      entry.bytes = bytes;
      this.#list.touch(entry);
    }
    this.#bytes += bytes;
    // The new entry is the most recent and fits on its own, so the loop stops before reaching it.
    const evicted: K[] = [];
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#list.removeOldest();
      this.#bytes -= oldest.bytes;
      evicted.push(oldest.key);
    }
    return evicted;
  }

  delete(key: K): boolean {
    const entry = this.#list.find(key);
    if (entry === undefined) return false;
    this.#list.remove(entry);
    this.#bytes -= entry.bytes;
    return true;
  }

  keys(): K[] {
    return this.#list.keys();
  }
}
