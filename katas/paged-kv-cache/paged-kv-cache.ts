// Kata: paged-kv-cache (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check paged-kv-cache   (or: npx vitest --watch paged-kv-cache)
// Budget: append at most 12·headDim + 40 steps (plus 2·blockSize·headDim when it copies a block),
// fork and free at most 3·b + 30 (b = blocks in the sequence's table), slotOf, length and
// numFreeBlocks at most 20, pagedAttention at most 10·n·headDim + 10·n + 50 (n = its length).

export interface PagedKVCacheOptions {
  numBlocks: number;
  blockSize: number;
  headDim: number;
}

export class PagedKVCache {
  readonly numBlocks: number;
  readonly blockSize: number;
  readonly headDim: number;
  /** Slot s holds its key at [s·headDim, (s + 1)·headDim); slot = block·blockSize + offset. */
  readonly keyPool: Float64Array;
  readonly valuePool: Float64Array;

  constructor(options: PagedKVCacheOptions) {
    // TODO: check the options; pools of numBlocks·blockSize·headDim zeros; every block free, 0 on top.
    throw new Error('TODO: paged-kv-cache');
  }

  get numFreeBlocks(): number {
    // TODO: the number of blocks on the free stack.
    throw new Error('TODO: paged-kv-cache');
  }

  addSequence(id: string): void {
    // TODO: a new empty sequence (no block yet).
    throw new Error('TODO: paged-kv-cache');
  }

  append(id: string, key: readonly number[], value: readonly number[]): number {
    // TODO: a new block when the last is full (or none); copy-on-write when the last is shared; return the slot.
    throw new Error('TODO: paged-kv-cache');
  }

  fork(parentId: string, childId: string): void {
    // TODO: the child shares the parent's blocks (one more reference each), nothing is copied.
    throw new Error('TODO: paged-kv-cache');
  }

  free(id: string): void {
    // TODO: one reference fewer on each block, last block first; a block at 0 goes on top of the stack.
    throw new Error('TODO: paged-kv-cache');
  }

  length(id: string): number {
    // TODO: the number of tokens appended to the sequence (a fork inherits the parent's).
    throw new Error('TODO: paged-kv-cache');
  }

  blockTable(id: string): number[] {
    // TODO: a copy of the sequence's block table.
    throw new Error('TODO: paged-kv-cache');
  }

  slotOf(id: string, position: number): number {
    // TODO: blockTable[floor(position / blockSize)] · blockSize + position % blockSize.
    throw new Error('TODO: paged-kv-cache');
  }

  keys(id: string): number[][] {
    // TODO: the sequence's keys, position 0 first, as new arrays.
    throw new Error('TODO: paged-kv-cache');
  }

  values(id: string): number[][] {
    // TODO: the sequence's values, position 0 first, as new arrays.
    throw new Error('TODO: paged-kv-cache');
  }
}

export function pagedAttention(cache: PagedKVCache, id: string, query: readonly number[]): number[] {
  // TODO: softmax(query·Kᵀ/√headDim)·V over the sequence's positions, read through its block table.
  throw new Error('TODO: paged-kv-cache');
}
