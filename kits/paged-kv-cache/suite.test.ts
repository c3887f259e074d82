import { fc, test } from '../../src/harness/prop.ts';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/paged-kv-cache';
import { PagedKVCache, pagedAttention } from '@impl/paged-kv-cache';
import {
  type Attention,
  type CacheClass,
  type CacheLike,
  IDS,
  firstDifference,
  runOps,
  runOracle,
  scenario,
} from './inputs.ts';
import { attentionOracle } from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

type Cache = InstanceType<typeof PagedKVCache>;

function cache(numBlocks: number, blockSize: number, headDim: number): Cache {
  return new PagedKVCache({ numBlocks, blockSize, headDim });
}

/** Appends the tokens [t] (key [t], value [10·t]) to a headDim-1 sequence; returns the slots. */
function put(c: Cache, id: string, ...tokens: number[]): number[] {
  return tokens.map((t) => c.append(id, [t], [10 * t]));
}

/** Everything observable about a cache, to check that a bad call changed nothing. */
function snapshot(c: Cache) {
  const sequences: Record<string, unknown> = {};
  for (const id of IDS) {
    try {
      sequences[id] = { length: c.length(id), table: c.blockTable(id), keys: c.keys(id), values: c.values(id) };
    } catch {
      // not a live sequence
    }
  }
  return { free: c.numFreeBlocks, sequences };
}

/** The example of the prompt up to the failed append: a = [0, 1, 3] (4 tokens), b = [0, 2] (4 tokens), no block free. */
function promptState(): Cache {
  const c = cache(4, 2, 1);
  c.addSequence('a');
  put(c, 'a', 1, 2, 3);
  c.fork('a', 'b');
  put(c, 'b', 4);
  put(c, 'a', 5, 6);
  return c;
}

/** The prompt's tolerance for attention outputs: within 1e-9, relative (1e-9 absolute near 0). */
function expectClose(got: number | undefined, want: number, what: string): void {
  expect(got, what).toBeTypeOf('number');
  const ok = Math.abs((got as number) - want) <= 1e-9 * Math.max(1, Math.abs(want));
  expect(ok, `${what}: ${got}, expected ${want} within 1e-9`).toBe(true);
}

const NOT_STRINGS: readonly unknown[] = [undefined, 1, null, {}];
const showArg = (x: unknown): string =>
  typeof x === 'bigint'
    ? `${x}n`
    : typeof x === 'string'
      ? `'${x}'`
      : x !== null && typeof x === 'object'
        ? JSON.stringify(x, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
        : String(x);

describe('paged-kv-cache: worked examples', () => {
  test("the prompt's example: 4 blocks of 2, a gets 0 1, fork b, b copies block 1 into 2, a takes 3, b runs out, free a, b takes 1", () => {
    const c = cache(4, 2, 1);
    c.addSequence('a');
    expect(put(c, 'a', 1, 2, 3), 'a appends 1, 2, 3').toEqual([0, 1, 2]);
    expect(c.blockTable('a')).toEqual([0, 1]);
    expect(c.numFreeBlocks, 'numFreeBlocks after a has 3 tokens').toBe(2);
    c.fork('a', 'b');
    expect(c.blockTable('b'), 'the fork shares the table').toEqual([0, 1]);
    expect(c.length('b')).toBe(3);
    expect(c.numFreeBlocks, 'a fork takes no block').toBe(2);
    expect(c.append('b', [4], [40]), "append('b', [4]): copy-on-write into block 2, slot 5").toBe(5);
    expect(c.blockTable('b')).toEqual([0, 2]);
    expect(c.numFreeBlocks).toBe(1);
    expect(c.keys('a'), "a's keys after b's append").toEqual([[1], [2], [3]]);
    expect(c.keys('b')).toEqual([[1], [2], [3], [4]]);
    expect(c.values('b')).toEqual([[10], [20], [30], [40]]);
    expect(c.append('a', [5], [50]), 'a writes in place into block 1 (count 1 now)').toBe(3);
    expect(c.blockTable('a')).toEqual([0, 1]);
    expect(c.append('a', [6], [60]), 'a takes block 3').toBe(6);
    expect(c.numFreeBlocks).toBe(0);
    expect(() => c.append('b', [7], [70]), "append('b') with no free block").toThrow(RangeError);
    expect(c.length('b'), 'b unchanged after the failed append').toBe(4);
    c.free('a');
    expect(c.numFreeBlocks, 'free(a) returns blocks 3 and 1, block 0 stays with b').toBe(2);
    expect(c.append('b', [7], [70]), 'b takes block 1, the top of the stack').toBe(2);
    expect(c.blockTable('b')).toEqual([0, 2, 1]);
    expect(c.slotOf('b', 2)).toBe(4);
    expect(c.slotOf('b', 4)).toBe(2);
    expect(c.keys('b')).toEqual([[1], [2], [3], [4], [7]]);
    expect(c.values('b')).toEqual([[10], [20], [30], [40], [70]]);
  });

  test('a fresh cache hands out blocks 0, 1, 2, … in order: blockSize 1, three sequences', () => {
    const c = cache(5, 1, 1);
    for (const id of ['a', 'b', 'c']) c.addSequence(id);
    expect([
      c.append('b', [1], [1]),
      c.append('a', [2], [2]),
      c.append('c', [3], [3]),
      c.append('b', [4], [4]),
    ]).toEqual([0, 1, 2, 3]);
    expect(c.blockTable('b')).toEqual([0, 3]);
  });

  test('addSequence takes no block: numFreeBlocks stays numBlocks until the first append', () => {
    const c = cache(3, 4, 2);
    expect(c.numFreeBlocks, 'a new cache').toBe(3);
    c.addSequence('a');
    c.addSequence('b');
    expect(c.numFreeBlocks, 'after two addSequence').toBe(3);
    expect(c.length('a')).toBe(0);
    expect(c.blockTable('a')).toEqual([]);
    expect(c.keys('a')).toEqual([]);
    expect(c.values('a')).toEqual([]);
    c.append('a', [1, 2], [3, 4]);
    expect(c.numFreeBlocks, 'after the first append').toBe(2);
  });

  test('a new block is taken exactly when length is a multiple of blockSize: blockSize 3, seven appends', () => {
    const c = cache(4, 3, 1);
    c.addSequence('a');
    const free: number[] = [];
    const slots: number[] = [];
    for (let t = 0; t < 7; t++) {
      slots.push(c.append('a', [t], [t]));
      free.push(c.numFreeBlocks);
    }
    expect(free, 'numFreeBlocks after each append').toEqual([3, 3, 3, 2, 2, 2, 1]);
    expect(slots).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(c.blockTable('a')).toEqual([0, 1, 2]);
  });

  test('slotOf is blockTable[⌊p / blockSize⌋]·blockSize + p mod blockSize, and slot s holds its key at keyPool[s·headDim …]', () => {
    const c = cache(4, 3, 2);
    for (const id of ['x', 'y']) c.addSequence(id);
    c.append('x', [1, 1], [-1, -1]); // block 0
    c.append('y', [2, 2], [-2, -2]); // block 1
    for (let t = 3; t <= 7; t++) c.append('x', [t, t], [-t, -t]); // fills block 0, then block 2
    expect(c.blockTable('x')).toEqual([0, 2]);
    expect(c.length('x')).toBe(6);
    expect(
      Array.from({ length: 6 }, (_, p) => c.slotOf('x', p)),
      'slots of x',
    ).toEqual([0, 1, 2, 6, 7, 8]);
    expect(c.slotOf('y', 0)).toBe(3);
    for (let p = 0; p < 6; p++) {
      const s = c.slotOf('x', p);
      const key = Array.from(c.keyPool.subarray(s * 2, s * 2 + 2));
      const value = Array.from(c.valuePool.subarray(s * 2, s * 2 + 2));
      expect({ key, value }, `x position ${p}, slot ${s}`).toEqual({ key: c.keys('x')[p], value: c.values('x')[p] });
    }
    expect(Array.from(c.keyPool.subarray(6, 8)), 'slot 3 holds y[0]').toEqual([2, 2]);
    expect(c.keyPool.length, 'keyPool has numBlocks·blockSize·headDim numbers').toBe(24);
    expect(c.valuePool.length).toBe(24);
    expect([c.numBlocks, c.blockSize, c.headDim]).toEqual([4, 3, 2]);
  });

  test('append returns the slot it wrote, and keys and values are exactly what was appended', () => {
    const c = cache(2, 2, 3);
    c.addSequence('a');
    const k = [0.1, -2.5, 1e-300];
    const v = [3, Number.MIN_VALUE, -0.75];
    expect(c.append('a', k, v)).toBe(0);
    expect(c.append('a', [4, 5, 6], [7, 8, 9])).toBe(1);
    expect(c.keys('a')).toEqual([k, [4, 5, 6]]);
    expect(c.values('a')).toEqual([v, [7, 8, 9]]);
    expect(Array.from(c.valuePool.subarray(0, 6))).toEqual([...v, 7, 8, 9]);
  });

  test('blockTable, keys and values return new arrays: changing them does not change the cache', () => {
    const c = cache(3, 1, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2);
    const table = c.blockTable('a');
    table.push(9);
    table[0] = 7;
    const keys = c.keys('a');
    (keys[0] as number[])[0] = 99;
    keys.push([5]);
    const values = c.values('a');
    (values[1] as number[])[0] = 99;
    expect(c.blockTable('a')).toEqual([0, 1]);
    expect(c.keys('a')).toEqual([[1], [2]]);
    expect(c.values('a')).toEqual([[10], [20]]);
    expect(c.append('a', [3], [30]), 'the next block is still 2').toBe(2);
  });
});

describe('paged-kv-cache: fork and copy-on-write', () => {
  test('fork shares every block and copies nothing: same table, same length, numFreeBlocks unchanged', () => {
    const c = cache(6, 2, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2, 3, 4, 5);
    c.fork('a', 'b');
    expect(c.blockTable('b')).toEqual([0, 1, 2]);
    expect(c.length('b')).toBe(5);
    expect(c.keys('b')).toEqual([[1], [2], [3], [4], [5]]);
    expect(c.numFreeBlocks).toBe(3);
    expect(Array.from({ length: 5 }, (_, p) => c.slotOf('b', p))).toEqual([0, 1, 2, 3, 4]);
  });

  test('copy-on-write: an append into a shared, partly filled last block copies its filled slots (keys and values) into a new block', () => {
    const c = cache(4, 4, 2);
    c.addSequence('p');
    c.append('p', [1, 2], [3, 4]);
    c.append('p', [5, 6], [7, 8]);
    c.fork('p', 'q');
    expect(c.append('q', [9, 9], [9, 9]), 'q writes slot 2 of block 1').toBe(6);
    expect(c.blockTable('q')).toEqual([1]);
    expect(c.blockTable('p')).toEqual([0]);
    expect(Array.from(c.keyPool.subarray(8, 14)), 'block 1 slots 0, 1 (copies) and 2').toEqual([1, 2, 5, 6, 9, 9]);
    expect(Array.from(c.valuePool.subarray(8, 14))).toEqual([3, 4, 7, 8, 9, 9]);
    expect(c.keys('q')).toEqual([
      [1, 2],
      [5, 6],
      [9, 9],
    ]);
    expect(c.keys('p'), 'p keeps its two tokens').toEqual([
      [1, 2],
      [5, 6],
    ]);
    expect(c.numFreeBlocks).toBe(2);
    expect(c.append('p', [0, 1], [0, 1]), 'p now owns block 0 alone: writes in place, slot 2').toBe(2);
    expect(c.numFreeBlocks, 'no copy for p').toBe(2);
  });

  test('a full shared last block is not copied: the appending sequence takes a new block and both keep the full one', () => {
    const c = cache(4, 2, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2);
    c.fork('a', 'b');
    expect(c.append('b', [3], [30]), 'b takes block 1').toBe(2);
    expect(c.blockTable('b')).toEqual([0, 1]);
    expect(c.blockTable('a')).toEqual([0]);
    expect(c.numFreeBlocks).toBe(2);
    expect(c.append('a', [4], [40]), 'a takes block 2; block 0 is still shared').toBe(4);
    expect(c.blockTable('a')).toEqual([0, 2]);
    expect(c.keys('a')).toEqual([[1], [2], [4]]);
    expect(c.keys('b')).toEqual([[1], [2], [3]]);
    c.free('a');
    expect(c.keys('b'), 'block 0 survives free(a)').toEqual([[1], [2], [3]]);
    expect(c.numFreeBlocks).toBe(2);
  });

  test('the parent may append first after a fork: the parent copies, the child keeps the old block', () => {
    const c = cache(3, 3, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2);
    c.fork('a', 'b');
    expect(c.append('a', [3], [30]), 'a copies block 0 into block 1').toBe(5);
    expect(c.blockTable('a')).toEqual([1]);
    expect(c.blockTable('b')).toEqual([0]);
    expect(c.append('b', [4], [40]), 'b owns block 0 alone now').toBe(2);
    expect(c.keys('a')).toEqual([[1], [2], [3]]);
    expect(c.keys('b')).toEqual([[1], [2], [4]]);
    expect(c.numFreeBlocks).toBe(1);
  });

  test('a block shared three ways is copied by the first two writers and kept by the last: fork a → b, a → c', () => {
    const c = cache(5, 2, 1);
    c.addSequence('a');
    put(c, 'a', 1);
    c.fork('a', 'b');
    c.fork('b', 'c');
    expect(c.append('c', [3], [30]), 'c copies into block 1').toBe(3);
    expect(c.append('a', [2], [20]), 'a copies into block 2').toBe(5);
    expect(c.append('b', [4], [40]), 'b is the last owner of block 0: in place').toBe(1);
    expect([c.blockTable('a'), c.blockTable('b'), c.blockTable('c')]).toEqual([[2], [0], [1]]);
    expect([c.keys('a'), c.keys('b'), c.keys('c')]).toEqual([
      [[1], [2]],
      [[1], [4]],
      [[1], [3]],
    ]);
    expect(c.numFreeBlocks).toBe(2);
  });

  test('a fork of an empty sequence: both start empty and take their own blocks', () => {
    const c = cache(3, 2, 1);
    c.addSequence('a');
    c.fork('a', 'b');
    expect(c.length('b')).toBe(0);
    expect(c.numFreeBlocks).toBe(3);
    expect(c.append('b', [1], [1])).toBe(0);
    expect(c.append('a', [2], [2])).toBe(2);
    expect(c.keys('a')).toEqual([[2]]);
    expect(c.keys('b')).toEqual([[1]]);
  });

  test('the child of a fork has its own table: appends to the child never change the parent', () => {
    const c = cache(6, 1, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2);
    c.fork('a', 'b');
    put(c, 'b', 3, 4);
    expect(c.blockTable('a')).toEqual([0, 1]);
    expect(c.length('a')).toBe(2);
    expect(c.blockTable('b')).toEqual([0, 1, 2, 3]);
    put(c, 'a', 5);
    expect(c.blockTable('b'), 'b after a appends').toEqual([0, 1, 2, 3]);
    expect(c.keys('a')).toEqual([[1], [2], [5]]);
  });
});

describe('paged-kv-cache: free', () => {
  test('free walks the table from the last block to the first: the first block ends on top of the stack', () => {
    const c = cache(4, 1, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2, 3);
    c.free('a');
    expect(c.numFreeBlocks).toBe(4);
    c.addSequence('b');
    expect(put(c, 'b', 1, 2, 3, 4), 'b gets 0, 1, 2, then 3').toEqual([0, 1, 2, 3]);
  });

  test('a freed block is the next one handed out (a stack, not a queue): free b, then c takes b’s block', () => {
    const c = cache(5, 1, 1);
    for (const id of ['a', 'b', 'c']) c.addSequence(id);
    put(c, 'a', 1);
    put(c, 'b', 2);
    put(c, 'a', 3);
    c.free('b');
    expect(c.append('c', [4], [40]), "c reuses block 1, b's").toBe(1);
    expect(c.append('c', [5], [50]), 'then the untouched block 3').toBe(3);
    c.free('a');
    c.free('c');
    c.addSequence('d');
    expect(put(c, 'd', 1, 2, 3, 4, 5), 'after free(a) [0, 2] and free(c) [1, 3]').toEqual([1, 3, 0, 2, 4]);
  });

  test('free keeps blocks still used by a fork: free the parent, the child reads the same keys; free the child, all blocks return', () => {
    const c = cache(4, 2, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2, 3);
    c.fork('a', 'b');
    c.free('a');
    expect(c.numFreeBlocks, 'blocks 0 and 1 still belong to b').toBe(2);
    expect(c.keys('b')).toEqual([[1], [2], [3]]);
    c.addSequence('c');
    put(c, 'c', 8, 9, 7);
    expect(c.keys('b'), 'c took the free blocks 2 and 3 and overwrote nothing of b').toEqual([[1], [2], [3]]);
    expect(c.blockTable('c')).toEqual([2, 3]);
    expect(c.append('b', [4], [40]), 'b owns block 1 alone: in place').toBe(3);
    c.free('b');
    c.free('c');
    expect(c.numFreeBlocks, 'no leak').toBe(4);
  });

  test('freeing the child keeps the parent: fork a → b, b copies, free b, a appends in place', () => {
    const c = cache(3, 2, 1);
    c.addSequence('a');
    put(c, 'a', 1);
    c.fork('a', 'b');
    put(c, 'b', 2);
    c.free('b');
    expect(c.numFreeBlocks).toBe(2);
    expect(c.keys('a')).toEqual([[1]]);
    expect(c.append('a', [3], [30]), 'a owns block 0 alone').toBe(1);
  });

  test('no leak: freeing every sequence of a family of forks returns all blocks, in any order', () => {
    for (const order of [
      ['a', 'b', 'c'],
      ['c', 'b', 'a'],
      ['b', 'a', 'c'],
    ]) {
      const c = cache(8, 2, 1);
      c.addSequence('a');
      put(c, 'a', 1, 2, 3);
      c.fork('a', 'b');
      put(c, 'b', 4, 5);
      c.fork('b', 'c');
      put(c, 'a', 6);
      put(c, 'c', 7);
      for (const id of order) c.free(id);
      expect(c.numFreeBlocks, `free in the order ${order}`).toBe(8);
    }
  });

  test('an id can be added again after free: it starts empty', () => {
    const c = cache(2, 2, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2, 3);
    c.free('a');
    c.addSequence('a');
    expect(c.length('a')).toBe(0);
    expect(c.keys('a')).toEqual([]);
    expect(c.append('a', [5], [5])).toBe(0);
  });
});

describe('paged-kv-cache: out of blocks', () => {
  test('append that needs a new block when none is free throws RangeError and changes nothing', () => {
    const c = cache(2, 2, 1);
    c.addSequence('a');
    c.addSequence('b');
    put(c, 'a', 1, 2);
    put(c, 'b', 3, 4);
    const before = snapshot(c);
    expect(() => c.append('a', [5], [50]), 'append to a full a with 0 free blocks').toThrow(RangeError);
    expect(snapshot(c), 'state after the failed append').toEqual(before);
    c.free('b');
    expect(c.append('a', [5], [50]), 'after free(b), a takes block 1').toBe(2);
    expect(c.keys('a')).toEqual([[1], [2], [5]]);
  });

  test('a copy-on-write when no block is free throws RangeError and changes nothing: the counts too', () => {
    const d = cache(2, 3, 1);
    d.addSequence('a');
    put(d, 'a', 1, 2);
    d.fork('a', 'b');
    d.addSequence('z');
    put(d, 'z', 9);
    const before = snapshot(d);
    expect(() => d.append('b', [3], [30]), 'b must copy block 0 but no block is free').toThrow(RangeError);
    expect(snapshot(d), 'state after the failed copy-on-write').toEqual(before);
    expect(() => d.append('a', [3], [30]), 'a must copy too').toThrow(RangeError);
    d.free('z');
    expect(d.append('b', [3], [30]), 'with block 1 free, b copies into it').toBe(5);
    expect(d.append('a', [4], [40]), 'a owns block 0 alone now').toBe(2);
    expect(d.keys('a')).toEqual([[1], [2], [4]]);
    expect(d.keys('b')).toEqual([[1], [2], [3]]);
    d.free('a');
    d.free('b');
    expect(d.numFreeBlocks, 'no block leaked by the failed calls').toBe(2);
  });

  test('fork never runs out of blocks: fork with 0 free blocks succeeds', () => {
    const c = promptState();
    expect(c.numFreeBlocks).toBe(0);
    c.fork('a', 'c');
    expect(c.keys('c')).toEqual([[1], [2], [3], [5], [6]]);
    expect(c.blockTable('c')).toEqual([0, 1, 3]);
  });
});

describe('paged-kv-cache: pagedAttention', () => {
  test("the prompt's example: scores 0 and ln 3 after the 1/√4 scale, weights 1/4 and 3/4 → [7, 3, 0, 0]", () => {
    const s = cache(1, 2, 4);
    s.addSequence('s');
    s.append('s', [0, 0, 0, 0], [4, 0, 0, 0]);
    s.append('s', [Math.log(3), 0, 0, 0], [8, 4, 0, 0]);
    const out = pagedAttention(s, 's', [2, 0, 0, 0]);
    expect(out.length).toBe(4);
    for (const [c, want] of [7, 3, 0, 0].entries()) expectClose(out[c], want, `output[${c}]`);
  });

  test('one position: the output is its value', () => {
    const s = cache(2, 2, 2);
    s.addSequence('s');
    s.append('s', [5, -3], [0.25, -7]);
    const out = pagedAttention(s, 's', [1, 2]);
    expectClose(out[0], 0.25, 'out[0]');
    expectClose(out[1], -7, 'out[1]');
  });

  test('scores of 10^6 stay finite: the largest score is subtracted before exp (q = [1000], keys [1000], [999]; headDim 4, scores 5·10^5)', () => {
    const s = cache(1, 2, 1);
    s.addSequence('s');
    s.append('s', [1000], [1]);
    s.append('s', [999], [2]);
    const out = pagedAttention(s, 's', [1000]);
    expectClose(out[0], 1, 'weight e^-1000 on the second value');
    const low = pagedAttention(s, 's', [-1000]);
    expectClose(low[0], 2, 'q = [-1000]: scores -10^6 and -999000, all weight on the second');
    const wide = cache(1, 2, 4);
    wide.addSequence('w');
    wide.append('w', [1000, 0, 0, 0], [1, 0, 0, 0]);
    wide.append('w', [998, 0, 0, 0], [2, 0, 0, 0]);
    const out4 = pagedAttention(wide, 'w', [1000, 0, 0, 0]);
    expectClose(out4[0], 1 / (1 + Math.exp(-1000)), 'headDim 4: scores 5·10^5 and 499000 after the 1/√4 scale');
    expectClose(out4[1], 0, 'headDim 4: output[1]');
  });

  test('attention reads through the block table: after copy-on-write and reuse of freed blocks it equals the contiguous oracle', () => {
    const c = cache(6, 2, 2);
    for (const id of ['a', 'z']) c.addSequence(id);
    c.append('z', [9, 9], [9, 9]);
    c.append('a', [1, 0], [1, 2]);
    c.append('a', [0, 1], [3, 4]);
    c.append('a', [1, 1], [5, 6]);
    c.fork('a', 'b');
    c.append('b', [-1, 2], [7, 8]);
    c.free('z');
    c.append('b', [2, -1], [-1, -2]);
    const q = [0.5, -1.5];
    for (const id of ['a', 'b']) {
      const want = attentionOracle(c.keys(id), c.values(id), q);
      const got = pagedAttention(c, id, q);
      expect(got.length).toBe(2);
      for (let i = 0; i < 2; i++)
        expectClose(got[i], want[i] as number, `${id}: output[${i}], table ${c.blockTable(id)}`);
    }
    expect(c.blockTable('b'), 'b: block 1 shared, block 3 its copy, block 0 reused after free(z)').toEqual([1, 3, 0]);
  });

  test('pagedAttention does not change the cache', () => {
    const c = promptState();
    const before = snapshot(c);
    pagedAttention(c, 'a', [1]);
    pagedAttention(c, 'b', [-2]);
    expect(snapshot(c)).toEqual(before);
  });
});

describe('paged-kv-cache: bad input', () => {
  test("options that are not an object throw TypeError: undefined, null, 4, 'x'", () => {
    for (const x of [undefined, null, 4, 'x']) {
      expect(() => new PagedKVCache(x as never), `new PagedKVCache(${showArg(x)})`).toThrow(TypeError);
    }
  });

  test("numBlocks, blockSize or headDim missing or not a number throws TypeError: missing, '4', null, 4n, true", () => {
    for (const field of ['numBlocks', 'blockSize', 'headDim']) {
      for (const x of ['missing', '4', null, 4n, true]) {
        const options: Record<string, unknown> = { numBlocks: 2, blockSize: 2, headDim: 2 };
        if (x === 'missing') delete options[field];
        else options[field] = x;
        expect(() => new PagedKVCache(options as never), `${field}: ${showArg(x)}`).toThrow(TypeError);
      }
    }
  });

  test('numBlocks, blockSize or headDim that is not an integer >= 1 throws RangeError: 0, -1, 2.5, NaN, Infinity', () => {
    for (const field of ['numBlocks', 'blockSize', 'headDim']) {
      for (const x of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        const options = { numBlocks: 2, blockSize: 2, headDim: 2, [field]: x };
        expect(() => new PagedKVCache(options), `${field}: ${x}`).toThrow(RangeError);
      }
    }
  });

  test('an id that is not a string throws TypeError in every method and in pagedAttention: undefined, 1, null, {}', () => {
    for (const x of NOT_STRINGS) {
      const c = promptState();
      const before = snapshot(c);
      const bad = x as string;
      const calls: [string, () => unknown][] = [
        ['addSequence', () => c.addSequence(bad)],
        ['append', () => c.append(bad, [1], [1])],
        ['fork parentId', () => c.fork(bad, 'c')],
        ['fork childId', () => c.fork('a', bad)],
        ['free', () => c.free(bad)],
        ['length', () => c.length(bad)],
        ['blockTable', () => c.blockTable(bad)],
        ['slotOf', () => c.slotOf(bad, 0)],
        ['keys', () => c.keys(bad)],
        ['values', () => c.values(bad)],
        ['pagedAttention', () => pagedAttention(c, bad, [1])],
      ];
      for (const [name, call] of calls) expect(call, `${name} with the id ${showArg(x)}`).toThrow(TypeError);
      expect(snapshot(c), `state after the calls with ${showArg(x)}`).toEqual(before);
    }
  });

  test('an id that names no sequence throws RangeError: append, fork, free, length, blockTable, slotOf, keys, values, pagedAttention', () => {
    const c = promptState();
    const before = snapshot(c);
    const calls: [string, () => unknown][] = [
      ['append', () => c.append('zz', [1], [1])],
      ['fork', () => c.fork('zz', 'c')],
      ['free', () => c.free('zz')],
      ['length', () => c.length('zz')],
      ['blockTable', () => c.blockTable('zz')],
      ['slotOf', () => c.slotOf('zz', 0)],
      ['keys', () => c.keys('zz')],
      ['values', () => c.values('zz')],
      ['pagedAttention', () => pagedAttention(c, 'zz', [1])],
    ];
    for (const [name, call] of calls) expect(call, `${name}('zz')`).toThrow(RangeError);
    expect(snapshot(c)).toEqual(before);
    expect(() => c.length('c'), "the fork to 'c' above did not happen").toThrow(RangeError);
  });

  test('a double free throws RangeError and frees nothing twice', () => {
    const c = cache(4, 1, 1);
    c.addSequence('a');
    put(c, 'a', 1, 2);
    c.fork('a', 'b');
    c.free('a');
    expect(() => c.free('a'), "free('a') again").toThrow(RangeError);
    expect(c.numFreeBlocks, "b's blocks stay in use").toBe(2);
    expect(c.keys('b')).toEqual([[1], [2]]);
    c.addSequence('c');
    expect(put(c, 'c', 3, 4), 'c gets the free blocks 2 and 3, not b’s').toEqual([2, 3]);
    expect(c.keys('b')).toEqual([[1], [2]]);
    expect(() => c.length('a'), 'a freed sequence is unknown').toThrow(RangeError);
  });

  test('addSequence of an existing id, and fork to an existing child (the parent itself too), throw RangeError and change nothing', () => {
    const c = promptState();
    const before = snapshot(c);
    expect(() => c.addSequence('a'), "addSequence('a')").toThrow(RangeError);
    expect(() => c.fork('a', 'b'), "fork('a', 'b')").toThrow(RangeError);
    expect(() => c.fork('a', 'a'), "fork('a', 'a')").toThrow(RangeError);
    expect(snapshot(c), 'state after the refused calls').toEqual(before);
    c.free('b');
    c.free('a');
    expect(c.numFreeBlocks, 'the refused fork counted no block').toBe(4);
  });

  test("append with a key or value that is not an array, or holds a non-number, throws TypeError and changes nothing: undefined, 'ab', {0: 1}, ['1'], [null], [1n]", () => {
    for (const x of [undefined, 'ab', { 0: 1, length: 1 }, ['1'], [null], [1n]]) {
      for (const which of ['key', 'value']) {
        const c = cache(3, 2, 1);
        c.addSequence('a');
        put(c, 'a', 1);
        const before = snapshot(c);
        const args = which === 'key' ? [x, [1]] : [[1], x];
        expect(() => c.append('a', args[0] as number[], args[1] as number[]), `${which} ${showArg(x)}`).toThrow(
          TypeError,
        );
        expect(snapshot(c), `state after a bad ${which}`).toEqual(before);
      }
    }
  });

  test('append with a key or value of the wrong length, or holding NaN or ±Infinity, throws RangeError and changes nothing', () => {
    for (const x of [[], [1, 2, 3], [1, Number.NaN], [Number.POSITIVE_INFINITY, 1], [1, Number.NEGATIVE_INFINITY]]) {
      for (const which of ['key', 'value']) {
        const c = cache(3, 1, 2);
        c.addSequence('a');
        c.append('a', [1, 1], [1, 1]);
        const before = snapshot(c);
        const args = which === 'key' ? [x, [1, 1]] : [[1, 1], x];
        expect(() => c.append('a', args[0] as number[], args[1] as number[]), `${which} [${x}] with headDim 2`).toThrow(
          RangeError,
        );
        expect(snapshot(c), `state after a bad ${which}`).toEqual(before);
        expect(c.append('a', [2, 2], [2, 2]), 'the next append takes block 1').toBe(1);
      }
    }
  });

  test("slotOf with a position that is not a number throws TypeError: undefined, '0', null", () => {
    const c = promptState();
    for (const x of [undefined, '0', null])
      expect(() => c.slotOf('a', x as unknown as number), `slotOf('a', ${showArg(x)})`).toThrow(TypeError);
  });

  test('slotOf with a position that is not an integer in [0, length) throws RangeError: -1, 4, 1.5, NaN, Infinity for length 4', () => {
    const c = promptState();
    for (const x of [-1, 4, 5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => c.slotOf('b', x), `slotOf('b', ${x})`).toThrow(RangeError);
    }
    expect(c.slotOf('b', 3), 'the last position is fine').toBe(5);
    const e = cache(1, 1, 1);
    e.addSequence('e');
    expect(() => e.slotOf('e', 0), 'an empty sequence has no position 0').toThrow(RangeError);
  });

  test('pagedAttention with a bad query: not an array or a non-number → TypeError; wrong length or non-finite → RangeError', () => {
    const c = promptState();
    for (const x of [undefined, 'a', ['1'], [null]]) {
      expect(() => pagedAttention(c, 'a', x as unknown as number[]), `query ${showArg(x)}`).toThrow(TypeError);
    }
    for (const x of [[], [1, 2], [Number.NaN], [Number.NEGATIVE_INFINITY]]) {
      expect(() => pagedAttention(c, 'a', x), `query [${x}]`).toThrow(RangeError);
    }
  });

  test('pagedAttention over a sequence of length 0 throws RangeError', () => {
    const c = cache(2, 2, 1);
    c.addSequence('e');
    expect(() => pagedAttention(c, 'e', [1])).toThrow(RangeError);
    c.addSequence('a');
    put(c, 'a', 1);
    c.free('a');
    c.fork('e', 'f');
    expect(() => pagedAttention(c, 'f', [1]), 'a fork of an empty sequence').toThrow(RangeError);
  });
});

describe('paged-kv-cache: work (append 12·headDim + 40, fork and free 3·b + 30, slotOf, length, numFreeBlocks 20)', () => {
  const headDim = 4;
  const blockSize = 4;
  const tokens = Array.from({ length: 3000 }, (_, t) => [t % 7, -(t % 5), t % 3, 1]);

  test('3000 appends to one sequence in blocks of 4 (750 blocks), reading numFreeBlocks after each: within 3000·(12·headDim + 40 + 20) steps', () => {
    const c = new counted.PagedKVCache({ numBlocks: 800, blockSize, headDim });
    c.addSequence('s');
    const free = expectWithinBudget(
      () =>
        tokens.map((k) => {
          c.append('s', k, k);
          return c.numFreeBlocks;
        }),
      { steps: 3000 * (12 * headDim + 40 + 20), rule: `3000·(12·headDim + 40) + 3000·20 for headDim = ${headDim}` },
    );
    expect(free[2999], 'numFreeBlocks after 3000 appends').toBe(50);
    expect(c.length('s')).toBe(3000);
    expect(c.keys('s')[2999]).toEqual(tokens[2999]);
  });

  test('20 forks of a sequence of 2999 tokens (750 blocks), each child appending once (copy-on-write), then 20 frees: within the budgets of fork, append and free', () => {
    const c = new counted.PagedKVCache({ numBlocks: 800, blockSize, headDim });
    c.addSequence('p');
    for (const k of tokens.slice(0, 2999)) c.append('p', k, k);
    const b = 750;
    const perFork = 3 * b + 30;
    const perAppend = 12 * headDim + 40 + 2 * blockSize * headDim;
    const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const slots = expectWithinBudget(
      () =>
        ids.map((id) => {
          c.fork('p', id);
          return c.append(id, [1, 2, 3, 4], [5, 6, 7, 8]);
        }),
      {
        steps: 20 * (perFork + perAppend),
        rule: `20·((3·b + 30) + (12·headDim + 40 + 2·blockSize·headDim)) for b = ${b}`,
      },
    );
    expect(c.numFreeBlocks, '50 free blocks, 20 taken by the copies').toBe(30);
    expect(c.keys('c7')[2999]).toEqual([1, 2, 3, 4]);
    expect(c.keys('c7')[2998]).toEqual(tokens[2998]);
    expect(new Set(slots).size, 'each child wrote its own slot').toBe(20);
    expectWithinBudget(
      () => {
        for (const id of ids) c.free(id);
      },
      {
        steps: 20 * perFork,
        rule: `20·(3·b + 30) for b = ${b}`,
      },
    );
    expect(c.numFreeBlocks).toBe(50);
  });

  test('3000 calls each of slotOf and length on a sequence of 750 blocks, and numFreeBlocks of a pool of 5000 blocks: within 20 steps each', () => {
    const c = new counted.PagedKVCache({ numBlocks: 5000, blockSize, headDim: 1 });
    c.addSequence('s');
    for (let t = 0; t < 3000; t++) c.append('s', [t], [t]);
    const out = expectWithinBudget(
      () => {
        const slots: number[] = [];
        let total = 0;
        for (let p = 0; p < 3000; p++) {
          slots.push(c.slotOf('s', p));
          total += c.length('s') + c.numFreeBlocks;
        }
        return { slots, total };
      },
      { steps: 3000 * 3 * 20, rule: '20 steps per call for 3 · 3000 calls' },
    );
    expect(out.slots[2999]).toBe(2999);
    expect(out.total).toBe(3000 * (3000 + 4250));
  });

  test('pagedAttention over 3000 positions with headDim 4: within 10·n·headDim + 10·n + 50 steps', () => {
    const c = new counted.PagedKVCache({ numBlocks: 800, blockSize, headDim });
    c.addSequence('s');
    for (const k of tokens) c.append('s', k, k);
    const q = [0.3, -0.2, 0.1, 0.05];
    const n = 3000;
    const got = expectWithinBudget(() => counted.pagedAttention(c, 's', q), {
      steps: 10 * n * headDim + 10 * n + 50,
      rule: `10·n·headDim + 10·n + 50 for n = ${n}, headDim = ${headDim}`,
    });
    const want = attentionOracle(tokens, tokens, q);
    for (let i = 0; i < headDim; i++) expectClose(got[i], want[i] as number, `output[${i}]`);
  });
});

describe('paged-kv-cache: properties (against a contiguous cache)', () => {
  const Cache = PagedKVCache as unknown as CacheClass;
  const attention = pagedAttention as unknown as Attention;

  test.prop([scenario])(
    'random add/append/fork/free calls: every result, numFreeBlocks, block table, slot, key, value, pooled key and attention equals the oracle',
    (s) => {
      const diff = firstDifference(runOps(Cache, attention, s), runOracle(s));
      expect(diff, `${s.numBlocks} blocks of ${s.blockSize}, headDim ${s.headDim}`).toBeUndefined();
    },
  );

  test.prop([scenario])(
    'no leak: after random calls, freeing every live sequence returns all numBlocks blocks, and numFreeBlocks = numBlocks − distinct blocks in use',
    (s) => {
      const c = new PagedKVCache({ numBlocks: s.numBlocks, blockSize: s.blockSize, headDim: s.headDim });
      runOps(Cache, attention, s, c as unknown as CacheLike);
      const used = new Set<number>();
      const live = IDS.filter((id) => {
        try {
          for (const b of c.blockTable(id)) used.add(b);
          return true;
        } catch {
          return false;
        }
      });
      expect(c.numFreeBlocks, `distinct blocks in use: ${[...used]}`).toBe(s.numBlocks - used.size);
      for (const id of live) c.free(id);
      expect(c.numFreeBlocks, `after freeing ${live}`).toBe(s.numBlocks);
    },
  );

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 })])(
    'a single sequence: slotOf(p) is position p while no block was ever freed, and numFreeBlocks = numBlocks − ⌈length / blockSize⌉',
    (blockSize, n) => {
      const numBlocks = Math.ceil(n / blockSize);
      const c = cache(numBlocks, blockSize, 1);
      c.addSequence('s');
      for (let t = 0; t < n; t++) {
        expect(c.append('s', [t], [t]), `append ${t}`).toBe(t);
        expect(c.numFreeBlocks).toBe(numBlocks - Math.ceil((t + 1) / blockSize));
      }
    },
  );
});
