/**
 * The reference: vLLM's original block manager in miniature. Physical blocks carry a reference
 * count; the free blocks sit on a stack (block 0 on top of a fresh cache); a sequence is a block
 * table plus a length. A fork copies the table and counts every block once more (no data is
 * copied); an append into a last block that is shared copies that block first (copy-on-write).
 * append, slotOf and numFreeBlocks are O(1) (plus the copy of at most blockSize slots); fork and
 * free are O(blocks of the sequence); keys, values and attention are O(length · headDim).
 */

export interface PagedKVCacheOptions {
  numBlocks: number;
  blockSize: number;
  headDim: number;
}

interface Sequence {
  table: number[];
  length: number;
}

function checkCount(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

function checkId(id: unknown, name: string): string {
  if (typeof id !== 'string') throw new TypeError(`${name} must be a string, got ${typeof id}`);
  return id;
}

function checkVector(vector: unknown, headDim: number, name: string): readonly number[] {
  if (!Array.isArray(vector)) throw new TypeError(`${name} must be an array of ${headDim} numbers`);
  if (vector.length !== headDim) throw new RangeError(`${name} must have ${headDim} entries, got ${vector.length}`);
  for (const x of vector) {
    if (typeof x !== 'number') throw new TypeError(`${name} must hold numbers, got ${typeof x}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name} must hold finite numbers, got ${x}`);
  }
  return vector;
}

export class PagedKVCache {
  readonly numBlocks: number;
  readonly blockSize: number;
  readonly headDim: number;
  /** Slot s holds its key at [s·headDim, (s + 1)·headDim); slot = block·blockSize + offset. */
  readonly keyPool: Float64Array;
  readonly valuePool: Float64Array;
  readonly #refCounts: Int32Array;
  /** The free blocks; the top (the end of the array) is handed out next. */
  readonly #free: number[] = [];
  readonly #sequences = new Map<string, Sequence>();

  constructor(options: PagedKVCacheOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    this.numBlocks = checkCount(options.numBlocks, 'numBlocks');
    this.blockSize = checkCount(options.blockSize, 'blockSize');
    this.headDim = checkCount(options.headDim, 'headDim');
    const slots = this.numBlocks * this.blockSize;
    this.keyPool = new Float64Array(slots * this.headDim);
    this.valuePool = new Float64Array(slots * this.headDim);
    this.#refCounts = new Int32Array(this.numBlocks);
    // Pushed from the last block down, so block 0 is on top: a fresh cache hands out 0, 1, 2, …
    for (let block = this.numBlocks - 1; block >= 0; block--) this.#free.push(block);
  }

  get numFreeBlocks(): number {
    return this.#free.length;
  }

  addSequence(id: string): void {
    checkId(id, 'id');
    if (this.#sequences.has(id)) throw new RangeError(`sequence ${id} already exists`);
    // No block yet: the first append allocates it.
    this.#sequences.set(id, { table: [], length: 0 });
  }

  /** Writes one token's key and value at the end of the sequence; returns the slot written. */
  append(id: string, key: readonly number[], value: readonly number[]): number {
    const seq = this.#sequence(id);
    checkVector(key, this.headDim, 'key');
    checkVector(value, this.headDim, 'value');
    const offset = seq.length % this.blockSize;
    if (offset === 0) {
      // The last block is full (or there is none): a new block, nothing to copy.
      seq.table.push(this.#allocate());
    } else {
      const last = seq.table[seq.table.length - 1] as number;
      if ((this.#refCounts[last] as number) > 1) {
        // Copy-on-write: the shared last block is copied (its filled slots) into a private one.
        const fresh = this.#allocate();
        this.#copySlots(last, fresh, offset);
        this.#refCounts[last] = (this.#refCounts[last] as number) - 1;
        seq.table[seq.table.length - 1] = fresh;
      }
    }
    const slot = (seq.table[seq.table.length - 1] as number) * this.blockSize + offset;
    this.keyPool.set(key, slot * this.headDim);
    this.valuePool.set(value, slot * this.headDim);
    seq.length += 1;
    return slot;
  }

  /** The child shares every block of the parent: one more reference each, no copy, no allocation. */
  fork(parentId: string, childId: string): void {
    const parent = this.#sequence(parentId, 'parentId');
    checkId(childId, 'childId');
    if (this.#sequences.has(childId)) throw new RangeError(`sequence ${childId} already exists`);
    for (const block of parent.table) this.#refCounts[block] = (this.#refCounts[block] as number) + 1;
    this.#sequences.set(childId, { table: [...parent.table], length: parent.length });
  }

  /** Drops the sequence; a block whose count falls to 0 goes back on the stack, last block first. */
  free(id: string): void {
    const seq = this.#sequence(id);
    // The sequence is dropped, so its table can be emptied as it is walked.
    while (seq.table.length > 0) {
      const block = seq.table.pop() as number;
      const count = (this.#refCounts[block] as number) - 1;
      this.#refCounts[block] = count;
      if (count === 0) this.#free.push(block);
    }
    this.#sequences.delete(id);
  }

  length(id: string): number {
    return this.#sequence(id).length;
  }

  blockTable(id: string): number[] {
    return [...this.#sequence(id).table];
  }

  slotOf(id: string, position: number): number {
    const seq = this.#sequence(id);
    if (typeof position !== 'number') throw new TypeError(`position must be a number, got ${typeof position}`);
    if (!Number.isInteger(position) || position < 0 || position >= seq.length) {
      throw new RangeError(`position must be an integer in [0, ${seq.length}), got ${position}`);
    }
    const block = seq.table[Math.floor(position / this.blockSize)] as number;
    return block * this.blockSize + (position % this.blockSize);
  }

  keys(id: string): number[][] {
    return this.#rows(this.#sequence(id), this.keyPool);
  }

  values(id: string): number[][] {
    return this.#rows(this.#sequence(id), this.valuePool);
  }

  #sequence(id: string, name = 'id'): Sequence {
    checkId(id, name);
    const seq = this.#sequences.get(id);
    if (seq === undefined) throw new RangeError(`${name}: no sequence ${id}`);
    return seq;
  }

  #allocate(): number {
    const block = this.#free.pop();
    if (block === undefined) throw new RangeError('out of blocks: every block is in use');
    this.#refCounts[block] = 1;
    return block;
  }

  #copySlots(from: number, to: number, count: number): void {
    const src = from * this.blockSize * this.headDim;
    const dst = to * this.blockSize * this.headDim;
    const end = src + count * this.headDim;
    this.keyPool.set(this.keyPool.subarray(src, end), dst);
    this.valuePool.set(this.valuePool.subarray(src, end), dst);
  }

  #rows(seq: Sequence, pool: Float64Array): number[][] {
    const rows: number[][] = [];
    for (let position = 0; position < seq.length; position++) {
      const block = seq.table[Math.floor(position / this.blockSize)] as number;
      const start = (block * this.blockSize + (position % this.blockSize)) * this.headDim;
      rows.push(Array.from(pool.subarray(start, start + this.headDim)));
    }
    return rows;
  }
}

/** softmax(q·kᵀ/√headDim)·V over the sequence's positions, read from the pools through its table. */
export function pagedAttention(cache: PagedKVCache, id: string, query: readonly number[]): number[] {
  const n = cache.length(id);
  checkVector(query, cache.headDim, 'query');
  if (n === 0) throw new RangeError(`sequence ${id} is empty: attention needs at least one position`);
  const d = cache.headDim;
  const scale = 1 / Math.sqrt(d);
  const scores = new Float64Array(n);
  let max = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < n; p++) {
    const base = cache.slotOf(id, p) * d;
    let dot = 0;
    for (let c = 0; c < d; c++) dot += (query[c] as number) * (cache.keyPool[base + c] as number);
    scores[p] = dot * scale;
    max = Math.max(max, dot * scale);
  }
  let total = 0;
  for (let p = 0; p < n; p++) {
    scores[p] = Math.exp((scores[p] as number) - max);
    total += scores[p] as number;
  }
  const out = new Array<number>(d).fill(0);
  for (let p = 0; p < n; p++) {
    const base = cache.slotOf(id, p) * d;
    const weight = (scores[p] as number) / total;
    for (let c = 0; c < d; c++) out[c] = (out[c] as number) + weight * (cache.valuePool[base + c] as number);
  }
  return out;
}
