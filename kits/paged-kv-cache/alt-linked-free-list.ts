/**
 * An alternative: the free stack is intrusive (each free block points at the next free one in an
 * Int32Array, as an OS page allocator does), the reference counts live in a Map of the blocks in
 * use, a sequence remembers the fill of its last block instead of its length, and the attention is
 * one pass with an online softmax (running maximum and rescaled sums, as in FlashAttention).
 */

export interface PagedKVCacheOptions {
  numBlocks: number;
  blockSize: number;
  headDim: number;
}

interface Seq {
  blocks: number[];
  /** Tokens in the last block, 0 when there is none; full blocks before it hold blockSize each. */
  fill: number;
}

const NONE = -1;

function count(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name}: expected a number`);
  if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`${name}: expected an integer >= 1`);
  return value;
}

function vector(x: unknown, d: number, name: string): number[] {
  if (!Array.isArray(x)) throw new TypeError(`${name}: expected an array`);
  if (x.length !== d) throw new RangeError(`${name}: expected ${d} numbers`);
  if (x.some((e) => typeof e !== 'number')) throw new TypeError(`${name}: expected numbers`);
  if (!x.every((e) => Number.isFinite(e))) throw new RangeError(`${name}: expected finite numbers`);
  return x as number[];
}

export class PagedKVCache {
  readonly numBlocks: number;
  readonly blockSize: number;
  readonly headDim: number;
  readonly keyPool: Float64Array;
  readonly valuePool: Float64Array;
  readonly #next: Int32Array;
  #head: number;
  #freeCount: number;
  readonly #refs = new Map<number, number>();
  readonly #seqs = new Map<string, Seq>();

  constructor(options: PagedKVCacheOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError('options: expected an object');
    this.numBlocks = count(options.numBlocks, 'numBlocks');
    this.blockSize = count(options.blockSize, 'blockSize');
    this.headDim = count(options.headDim, 'headDim');
    const size = this.numBlocks * this.blockSize * this.headDim;
    this.keyPool = new Float64Array(size);
    this.valuePool = new Float64Array(size);
    // 0 → 1 → 2 → … → none: block 0 is on top.
    this.#next = new Int32Array(this.numBlocks);
    for (let b = 0; b < this.numBlocks; b++) this.#next[b] = b + 1 < this.numBlocks ? b + 1 : NONE;
    this.#head = 0;
    this.#freeCount = this.numBlocks;
  }

  get numFreeBlocks(): number {
    return this.#freeCount;
  }

  addSequence(id: string): void {
    if (typeof id !== 'string') throw new TypeError('id: expected a string');
    if (this.#seqs.has(id)) throw new RangeError(`id: ${id} exists`);
    this.#seqs.set(id, { blocks: [], fill: 0 });
  }

  append(id: string, key: readonly number[], value: readonly number[]): number {
    const seq = this.#get(id, 'id');
    const k = vector(key, this.headDim, 'key');
    const v = vector(value, this.headDim, 'value');
    const n = seq.blocks.length;
    const last = n === 0 ? NONE : (seq.blocks[n - 1] as number);
    const full = n === 0 || seq.fill === this.blockSize;
    const shared = !full && (this.#refs.get(last) as number) > 1;
    if ((full || shared) && this.#head === NONE) throw new RangeError('out of blocks');
    if (full) {
      seq.blocks.push(this.#pop());
      seq.fill = 0;
    } else if (shared) {
      const mine = this.#pop();
      const from = last * this.blockSize * this.headDim;
      const to = mine * this.blockSize * this.headDim;
      const width = seq.fill * this.headDim;
      this.keyPool.set(this.keyPool.subarray(from, from + width), to);
      this.valuePool.set(this.valuePool.subarray(from, from + width), to);
      this.#refs.set(last, (this.#refs.get(last) as number) - 1);
      seq.blocks[n - 1] = mine;
    }
    const slot = (seq.blocks[seq.blocks.length - 1] as number) * this.blockSize + seq.fill;
    for (let c = 0; c < this.headDim; c++) {
      this.keyPool[slot * this.headDim + c] = k[c] as number;
      this.valuePool[slot * this.headDim + c] = v[c] as number;
    }
    seq.fill++;
    return slot;
  }

  fork(parentId: string, childId: string): void {
    const parent = this.#get(parentId, 'parentId');
    if (typeof childId !== 'string') throw new TypeError('childId: expected a string');
    if (this.#seqs.has(childId)) throw new RangeError(`childId: ${childId} exists`);
    const blocks: number[] = [];
    for (const b of parent.blocks) {
      this.#refs.set(b, (this.#refs.get(b) as number) + 1);
      blocks.push(b);
    }
    this.#seqs.set(childId, { blocks, fill: parent.fill });
  }

  free(id: string): void {
    const seq = this.#get(id, 'id');
    this.#seqs.delete(id);
    while (seq.blocks.length > 0) {
      const b = seq.blocks.pop() as number;
      const left = (this.#refs.get(b) as number) - 1;
      if (left > 0) {
        this.#refs.set(b, left);
      } else {
        this.#refs.delete(b);
        this.#next[b] = this.#head;
        this.#head = b;
        this.#freeCount++;
      }
    }
  }

  length(id: string): number {
    const seq = this.#get(id, 'id');
    return seq.blocks.length === 0 ? 0 : (seq.blocks.length - 1) * this.blockSize + seq.fill;
  }

  blockTable(id: string): number[] {
    return this.#get(id, 'id').blocks.slice();
  }

  slotOf(id: string, position: number): number {
    const n = this.length(id);
    if (typeof position !== 'number') throw new TypeError('position: expected a number');
    if (!(Number.isInteger(position) && position >= 0 && position < n)) {
      throw new RangeError(`position: expected an integer in [0, ${n})`);
    }
    const seq = this.#seqs.get(id) as Seq;
    const offset = position % this.blockSize;
    return (seq.blocks[(position - offset) / this.blockSize] as number) * this.blockSize + offset;
  }

  keys(id: string): number[][] {
    return this.#gather(id, this.keyPool);
  }

  values(id: string): number[][] {
    return this.#gather(id, this.valuePool);
  }

  #gather(id: string, pool: Float64Array): number[][] {
    const n = this.length(id);
    const out: number[][] = [];
    for (let p = 0; p < n; p++) {
      const at = this.slotOf(id, p) * this.headDim;
      const r: number[] = [];
      for (let c = 0; c < this.headDim; c++) r.push(pool[at + c] as number);
      out.push(r);
    }
    return out;
  }

  #get(id: string, name: string): Seq {
    if (typeof id !== 'string') throw new TypeError(`${name}: expected a string`);
    const seq = this.#seqs.get(id);
    if (seq === undefined) throw new RangeError(`${name}: unknown sequence ${id}`);
    return seq;
  }

  #pop(): number {
    const b = this.#head;
    this.#head = this.#next[b] as number;
    this.#freeCount--;
    this.#refs.set(b, 1);
    return b;
  }
}

/** Online softmax: one pass over the positions, rescaling the running sums when the maximum grows. */
export function pagedAttention(cache: PagedKVCache, id: string, query: readonly number[]): number[] {
  const n = cache.length(id);
  const d = cache.headDim;
  const q = vector(query, d, 'query');
  if (n === 0) throw new RangeError(`${id}: no positions to attend to`);
  const acc = new Float64Array(d);
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let p = 0; p < n; p++) {
    const at = cache.slotOf(id, p) * d;
    let s = 0;
    for (let c = 0; c < d; c++) s += (q[c] as number) * (cache.keyPool[at + c] as number);
    s /= Math.sqrt(d);
    const newMax = Math.max(max, s);
    const rescale = Math.exp(max - newMax);
    const w = Math.exp(s - newMax);
    sum = sum * rescale + w;
    for (let c = 0; c < d; c++) acc[c] = (acc[c] as number) * rescale + w * (cache.valuePool[at + c] as number);
    max = newMax;
  }
  return Array.from(acc, (x) => x / sum);
}
