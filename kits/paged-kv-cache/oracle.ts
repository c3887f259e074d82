/**
 * Oracles for the paged-kv-cache kata, sharing nothing with any solution.
 *
 * ContiguousCache keeps every sequence's keys and values as plain arrays of rows (a fork copies
 * them), which is what paging must be indistinguishable from. Its block bookkeeping is the
 * prompt's rules written out as plainly as possible: a reference count per block kept in an array,
 * the free stack as an array whose end is the top, a block table per sequence; the count of free
 * blocks is recounted from the reference counts rather than kept, so a leak shows as a mismatch.
 */

export interface OracleSequence {
  keys: number[][];
  values: number[][];
  table: number[];
}

export class ContiguousCache {
  readonly refCounts: number[];
  readonly stack: number[] = [];
  readonly sequences = new Map<string, OracleSequence>();

  constructor(
    readonly numBlocks: number,
    readonly blockSize: number,
    readonly headDim: number,
  ) {
    this.refCounts = Array.from({ length: numBlocks }, () => 0);
    for (let b = numBlocks - 1; b >= 0; b--) this.stack.push(b);
  }

  /** Blocks with a reference count of 0, recounted. */
  get numFreeBlocks(): number {
    return this.refCounts.filter((c) => c === 0).length;
  }

  addSequence(id: string): void {
    if (this.sequences.has(id)) throw new RangeError('exists');
    this.sequences.set(id, { keys: [], values: [], table: [] });
  }

  append(id: string, key: readonly number[], value: readonly number[]): number {
    const seq = this.get(id);
    if (key.length !== this.headDim || value.length !== this.headDim) throw new RangeError('headDim');
    const n = seq.keys.length;
    const offset = n % this.blockSize;
    const needsBlock = offset === 0 || (this.refCounts[seq.table.at(-1) as number] as number) > 1;
    if (needsBlock && this.stack.length === 0) throw new RangeError('out of blocks');
    if (offset === 0) {
      const b = this.stack.pop() as number;
      this.refCounts[b] = 1;
      seq.table.push(b);
    } else if ((this.refCounts[seq.table.at(-1) as number] as number) > 1) {
      const old = seq.table.at(-1) as number;
      const b = this.stack.pop() as number;
      this.refCounts[b] = 1;
      this.refCounts[old] = (this.refCounts[old] as number) - 1;
      seq.table[seq.table.length - 1] = b;
    }
    seq.keys.push([...key]);
    seq.values.push([...value]);
    return (seq.table[Math.floor(n / this.blockSize)] as number) * this.blockSize + offset;
  }

  fork(parentId: string, childId: string): void {
    const parent = this.get(parentId);
    if (this.sequences.has(childId)) throw new RangeError('exists');
    for (const b of parent.table) this.refCounts[b] = (this.refCounts[b] as number) + 1;
    this.sequences.set(childId, {
      keys: parent.keys.map((row) => [...row]),
      values: parent.values.map((row) => [...row]),
      table: [...parent.table],
    });
  }

  free(id: string): void {
    const seq = this.get(id);
    for (const b of [...seq.table].reverse()) {
      this.refCounts[b] = (this.refCounts[b] as number) - 1;
      if (this.refCounts[b] === 0) this.stack.push(b);
    }
    this.sequences.delete(id);
  }

  slotOf(id: string, position: number): number {
    const seq = this.get(id);
    return (seq.table[Math.floor(position / this.blockSize)] as number) * this.blockSize + (position % this.blockSize);
  }

  get(id: string): OracleSequence {
    const seq = this.sequences.get(id);
    if (seq === undefined) throw new RangeError('unknown');
    return seq;
  }
}

/** softmax(q·kᵀ/√d)·V in float64 over contiguous rows, the maximum score subtracted first. */
export function attentionOracle(keys: number[][], values: number[][], query: readonly number[]): number[] {
  const d = query.length;
  const scores = keys.map((k) => k.reduce((sum, x, c) => sum + x * (query[c] as number), 0) / Math.sqrt(d));
  const max = Math.max(...scores);
  const weights = scores.map((s) => Math.exp(s - max));
  const total = weights.reduce((a, b) => a + b, 0);
  const out = Array.from({ length: d }, () => 0);
  values.forEach((v, p) => {
    for (let c = 0; c < d; c++) out[c] = (out[c] as number) + ((weights[p] as number) / total) * (v[c] as number);
  });
  return out;
}
