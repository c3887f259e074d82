// Kata: lru-cache (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check lru-cache   (or: npx vitest --watch lru-cache)
// Budget: O(1) per call; m calls on a new cache within 30·m steps of work, keys() within 4·size + 8.

export class LRUCache<K, V> {
  constructor(capacity: number) {
    // TODO: capacity is an integer >= 1 (TypeError if not a number, RangeError otherwise).
    throw new Error('TODO: lru-cache');
  }

  get size(): number {
    // TODO: the number of cached entries.
    throw new Error('TODO: lru-cache');
  }

  has(key: K): boolean {
    // TODO: whether key is cached; does not change the recency order.
    throw new Error('TODO: lru-cache');
  }

  get(key: K): V | undefined {
    // TODO: the value (a hit makes key the most recently used), or undefined.
    throw new Error('TODO: lru-cache');
  }

  put(key: K, value: V): K[] {
    // TODO: store as most recently used; evict the least recently used past capacity; return evicted keys.
    throw new Error('TODO: lru-cache');
  }

  delete(key: K): boolean {
    // TODO: remove key; true if it was cached.
    throw new Error('TODO: lru-cache');
  }

  keys(): K[] {
    // TODO: a new array of the keys, least recently used first; does not change the order.
    throw new Error('TODO: lru-cache');
  }
}

export class SizedLRUCache<K, V> {
  constructor(maxBytes: number) {
    // TODO: maxBytes is an integer >= 1 (TypeError if not a number, RangeError otherwise).
    throw new Error('TODO: lru-cache');
  }

  get size(): number {
    // TODO: the number of cached entries.
    throw new Error('TODO: lru-cache');
  }

  get bytes(): number {
    // TODO: the sum of the sizes of the cached entries.
    throw new Error('TODO: lru-cache');
  }

  has(key: K): boolean {
    // TODO: as LRUCache.has.
    throw new Error('TODO: lru-cache');
  }

  get(key: K): V | undefined {
    // TODO: as LRUCache.get.
    throw new Error('TODO: lru-cache');
  }

  put(key: K, value: V, bytes: number): K[] {
    // TODO: check bytes first (integer >= 1, at most maxBytes, else throw and change nothing); store
    // as most recently used; evict least recently used entries until the total fits; return them in order.
    throw new Error('TODO: lru-cache');
  }

  delete(key: K): boolean {
    // TODO: as LRUCache.delete (its bytes are freed).
    throw new Error('TODO: lru-cache');
  }

  keys(): K[] {
    // TODO: as LRUCache.keys.
    throw new Error('TODO: lru-cache');
  }
}
