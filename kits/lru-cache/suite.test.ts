import { fc, test } from '../../src/harness/prop.ts';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/lru-cache';
import { LRUCache, SizedLRUCache } from '@impl/lru-cache';
import {
  type CacheLike,
  type Key,
  type Op,
  busyOps,
  describeCall,
  lruScenario,
  runOps,
  sizedScenario,
} from './inputs.ts';
import { BruteForceCache } from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

type Ctor = new (limit: number) => unknown;

/** A cache filled with `puts` ([key, value] or [key, value, bytes]) in that order. */
function lru<V>(capacity: number, ...puts: [Key, V][]): LRUCache<Key, V> {
  const cache = new LRUCache<Key, V>(capacity);
  for (const [k, v] of puts) cache.put(k, v);
  return cache;
}

function sized<V>(maxBytes: number, ...puts: [Key, V, number][]): SizedLRUCache<Key, V> {
  const cache = new SizedLRUCache<Key, V>(maxBytes);
  for (const [k, v, bytes] of puts) cache.put(k, v, bytes);
  return cache;
}

/** The values given to the constructors and to put's bytes that must throw, and the error. */
const NOT_NUMBERS: readonly unknown[] = [undefined, null, '3', 3n, true, new Number(3), [3]];
const NOT_COUNTS: readonly number[] = [0, -1, 2.5, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const showArg = (x: unknown): string =>
  typeof x === 'bigint'
    ? `${x}n`
    : x instanceof Number
      ? 'new Number(3)'
      : typeof x === 'string'
        ? `'${x}'`
        : String(x);

/**
 * For the long workloads: a whole-array toEqual would make vitest diff tens of thousands of steps
 * on a wrong answer; report the first call whose result differs instead.
 */
function expectSameResults(
  actual: readonly unknown[],
  expected: readonly unknown[],
  ops: readonly Op[],
  sized: boolean,
) {
  expect(actual.length, 'number of results').toBe(expected.length);
  const same = (a: unknown, b: unknown): boolean =>
    Array.isArray(a) && Array.isArray(b)
      ? a.length === b.length && a.every((x, j) => Object.is(x, b[j]))
      : Object.is(a, b);
  const i = expected.findIndex((e, j) => !same(actual[j], e));
  if (i >= 0) {
    expect(actual[i], `call ${i}: ${describeCall(ops[i] as Op, sized)} (compared with the brute-force oracle)`).toEqual(
      expected[i],
    );
  }
}

/** Plays `ops` on `cache` (no keys() calls), returning each call's result; reads size (and bytes) after each call. */
function play(cache: CacheLike, ops: readonly Op[], isSized: boolean): unknown[] {
  const results: unknown[] = new Array(ops.length);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
    if (op.op === 'put') results[i] = isSized ? cache.put(op.key, op.value, op.bytes) : cache.put(op.key, op.value);
    else if (op.op !== 'keys') results[i] = cache[op.op](op.key);
    if (cache.size < 0) results[i] = 'negative size';
    if (isSized && (cache.bytes as number) < 0) results[i] = 'negative bytes';
  }
  return results;
}

/** The prompt's budget: 30 steps per call, where a read of size or bytes is a call too. */
function budget(calls: number, what: string): { steps: number; rule: string } {
  return { steps: 30 * calls, rule: `30·m for m = ${calls} calls (${what})` };
}

describe('lru-cache: LRUCache worked examples', () => {
  test('LeetCode 146 with capacity 2: put 1, put 2, get 1, put 3 evicts 2, put 4 evicts 1', () => {
    const cache = new LRUCache<number, number>(2);
    expect(cache.put(1, 1), 'put(1, 1)').toEqual([]);
    expect(cache.put(2, 2), 'put(2, 2)').toEqual([]);
    expect(cache.get(1), 'get(1)').toBe(1);
    expect(cache.put(3, 3), 'put(3, 3) evicts 2, the least recently used').toEqual([2]);
    expect(cache.get(2), 'get(2) after its eviction').toBeUndefined();
    expect(cache.put(4, 4), 'put(4, 4) evicts 1').toEqual([1]);
    expect(cache.get(1), 'get(1)').toBeUndefined();
    expect(cache.get(3), 'get(3)').toBe(3);
    expect(cache.get(4), 'get(4)').toBe(4);
    expect(cache.keys(), 'keys() least recently used first').toEqual([3, 4]);
    expect(cache.size).toBe(2);
  });

  test('a get hit makes the key the most recently used: cap 3, put a b c, get a, put d evicts b', () => {
    const cache = lru(3, ['a', 1], ['b', 2], ['c', 3]);
    expect(cache.get('a')).toBe(1);
    expect(cache.keys(), 'after get(a)').toEqual(['b', 'c', 'a']);
    expect(cache.put('d', 4)).toEqual(['b']);
    expect(cache.keys()).toEqual(['c', 'a', 'd']);
  });

  test('a get miss returns undefined and changes nothing: cap 2, put a b, get z', () => {
    const cache = lru(2, ['a', 1], ['b', 2]);
    expect(cache.get('z')).toBeUndefined();
    expect(cache.keys()).toEqual(['a', 'b']);
    expect(cache.size).toBe(2);
  });

  test('put of an existing key updates its value and makes it the most recently used: cap 2, put a b, put a=9, put c evicts b', () => {
    const cache = lru(2, ['a', 1], ['b', 2]);
    expect(cache.put('a', 9), 'put(a, 9) on a full cache').toEqual([]);
    expect(cache.keys(), 'after put(a, 9)').toEqual(['b', 'a']);
    expect(cache.put('c', 3), 'put(c, 3)').toEqual(['b']);
    expect(cache.get('a')).toBe(9);
  });

  test('updating a key of a full cache never evicts: cap 2, put a b, put b=5 keeps a and b', () => {
    const cache = lru(2, ['a', 1], ['b', 2]);
    expect(cache.put('b', 5)).toEqual([]);
    expect(cache.size).toBe(2);
    expect(cache.keys()).toEqual(['a', 'b']);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBe(5);
  });

  test('the cache holds exactly capacity entries before it evicts: cap 3, puts 1..4', () => {
    const cache = new LRUCache<number, string>(3);
    expect([cache.put(1, 'x'), cache.put(2, 'x'), cache.put(3, 'x')], 'the first three puts').toEqual([[], [], []]);
    expect(cache.size, 'size after 3 puts').toBe(3);
    expect(cache.put(4, 'x'), 'put(4) evicts 1').toEqual([1]);
    expect(cache.size, 'size after 4 puts').toBe(3);
  });

  test('capacity 1: every new key evicts the previous one', () => {
    const cache = new LRUCache<string, number>(1);
    expect(cache.put('a', 1)).toEqual([]);
    expect(cache.put('b', 2)).toEqual(['a']);
    expect(cache.put('b', 3), 'put(b, 3) is an update').toEqual([]);
    expect(cache.put('c', 4)).toEqual(['b']);
    expect(cache.keys()).toEqual(['c']);
  });

  test('has does not change the recency order: cap 2, put a b, has(a), put c evicts a', () => {
    const cache = lru(2, ['a', 1], ['b', 2]);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('z')).toBe(false);
    expect(cache.put('c', 3)).toEqual(['a']);
    expect(cache.has('a'), 'has(a) after its eviction').toBe(false);
  });

  test('keys() does not change the recency order and returns a new array: cap 2, put a b, keys(), put c evicts a', () => {
    const cache = lru(2, ['a', 1], ['b', 2]);
    const keys = cache.keys();
    expect(keys).toEqual(['a', 'b']);
    keys.reverse();
    keys.push('zzz');
    expect(cache.keys(), 'after changing the returned array').toEqual(['a', 'b']);
    expect(cache.put('c', 3)).toEqual(['a']);
  });

  test('delete removes a key and frees its place: cap 2, put a b, delete a, put c evicts nothing', () => {
    const cache = lru(2, ['a', 1], ['b', 2]);
    expect(cache.delete('a'), 'delete(a)').toBe(true);
    expect(cache.delete('a'), 'delete(a) again').toBe(false);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.put('c', 3), 'put(c)').toEqual([]);
    expect(cache.keys()).toEqual(['b', 'c']);
    expect(cache.put('d', 4), 'put(d) evicts b').toEqual(['b']);
  });

  test('delete of the most recently used key and of the only key: cap 3', () => {
    const cache = lru(3, ['a', 1], ['b', 2], ['c', 3]);
    expect(cache.delete('c')).toBe(true);
    expect(cache.keys()).toEqual(['a', 'b']);
    expect(cache.put('d', 4)).toEqual([]);
    expect(cache.put('e', 5), 'put(e) evicts a').toEqual(['a']);
    const one = lru(1, ['x', 1]);
    expect(one.delete('x')).toBe(true);
    expect(one.keys()).toEqual([]);
    expect(one.size).toBe(0);
    expect(one.put('y', 2)).toEqual([]);
    expect(one.keys()).toEqual(['y']);
  });

  test('a new cache is empty: size 0, keys() [], get and delete miss', () => {
    const cache = new LRUCache<string, number>(4);
    expect(cache.size).toBe(0);
    expect(cache.keys()).toEqual([]);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.delete('a')).toBe(false);
    expect(cache.has('a')).toBe(false);
  });
});

describe('lru-cache: keys and values', () => {
  test("keys compare as in a Map: 1 and '1' are two keys", () => {
    const cache = lru<string>(3, [1, 'number'], ['1', 'string']);
    expect(cache.size).toBe(2);
    expect(cache.get(1)).toBe('number');
    expect(cache.get('1')).toBe('string');
    expect(cache.keys()).toEqual([1, '1']);
  });

  test('keys compare as in a Map: NaN is one key, found again by NaN', () => {
    const cache = lru(2, [Number.NaN, 'nan']);
    expect(cache.get(Number.NaN)).toBe('nan');
    expect(cache.put(Number.NaN, 'again'), 'put(NaN) is an update').toEqual([]);
    expect(cache.size).toBe(1);
    expect(cache.delete(Number.NaN)).toBe(true);
  });

  test('keys compare as in a Map: two objects are two keys, the same object is one', () => {
    const a = { id: 1 };
    const b = { id: 1 };
    const cache = new LRUCache<object, string>(3);
    cache.put(a, 'a');
    cache.put(b, 'b');
    expect(cache.size).toBe(2);
    expect(cache.get(a)).toBe('a');
    expect(cache.get(b)).toBe('b');
    expect(cache.get({ id: 1 })).toBeUndefined();
    expect(cache.keys()[0], 'the least recently used key is the object a itself').toBe(a);
  });

  test('a get that finds a falsy value is a hit: it makes the key the most recently used (LRUCache and SizedLRUCache)', () => {
    for (const value of [0, '', null, false, Number.NaN]) {
      const cache = new LRUCache<string, unknown>(2);
      cache.put('a', value);
      cache.put('b', 1);
      cache.get('a');
      expect(cache.keys(), `LRUCache: put(a, ${String(value)}), put(b, 1), get(a)`).toEqual(['b', 'a']);
      const small = sized<unknown>(4, ['a', value, 1], ['b', 1, 1]);
      small.get('a');
      expect(small.keys(), `SizedLRUCache: put(a, ${String(value)}, 1), put(b, 1, 1), get(a)`).toEqual(['b', 'a']);
    }
  });

  test("falsy values are values: 0, '', null, false and NaN come back from get", () => {
    const values: unknown[] = [0, '', null, false, Number.NaN];
    const cache = new LRUCache<number, unknown>(5);
    for (const [i, value] of values.entries()) cache.put(i, value);
    for (const [i, value] of values.entries()) {
      expect(cache.get(i), `get(${i}) after put(${i}, ${String(value)})`).toBe(value);
    }
    const small = sized<unknown>(4, ['a', 0, 1], ['b', null, 1]);
    expect(small.get('a'), 'SizedLRUCache get(a) after put(a, 0, 1)').toBe(0);
    expect(small.get('b'), 'SizedLRUCache get(b) after put(b, null, 1)').toBe(null);
  });
});

describe('lru-cache: SizedLRUCache worked examples', () => {
  test('maxBytes 10: put a 4, b 4, then c 4 evicts a (12 > 10), leaving 8 bytes', () => {
    const cache = new SizedLRUCache<string, string>(10);
    expect(cache.put('a', 'A', 4)).toEqual([]);
    expect(cache.put('b', 'B', 4)).toEqual([]);
    expect(cache.bytes, 'bytes after a, b').toBe(8);
    expect(cache.put('c', 'C', 4), 'put(c, C, 4)').toEqual(['a']);
    expect(cache.bytes).toBe(8);
    expect(cache.size).toBe(2);
    expect(cache.keys()).toEqual(['b', 'c']);
  });

  test('one put evicts as many entries as it must, least recently used first: maxBytes 10, a b c 3 each, get a, put d 7 evicts b then c', () => {
    const cache = sized(10, ['a', 1, 3], ['b', 2, 3], ['c', 3, 3]);
    expect(cache.get('a')).toBe(1);
    expect(cache.put('d', 4, 7), 'put(d, 4, 7): 16 bytes, then 13, then 10').toEqual(['b', 'c']);
    expect(cache.keys()).toEqual(['a', 'd']);
    expect(cache.bytes).toBe(10);
    expect(cache.get('b')).toBeUndefined();
  });

  test('an entry of exactly maxBytes fits and evicts all the others: maxBytes 10, a 3, b 3, put x 10', () => {
    const cache = sized(10, ['a', 1, 3], ['b', 2, 3]);
    expect(cache.put('x', 9, 10)).toEqual(['a', 'b']);
    expect(cache.keys()).toEqual(['x']);
    expect(cache.bytes).toBe(10);
  });

  test('a total of exactly maxBytes evicts nothing: maxBytes 6, put a 2, b 2, c 2', () => {
    const cache = sized(6, ['a', 1, 2], ['b', 2, 2]);
    expect(cache.put('c', 3, 2)).toEqual([]);
    expect(cache.bytes).toBe(6);
    expect(cache.size).toBe(3);
  });

  test('updating a key takes its new size and can evict others: maxBytes 10, a 4, b 4, put a 8 evicts b', () => {
    const cache = sized(10, ['a', 1, 4], ['b', 2, 4]);
    expect(cache.put('a', 5, 8), 'put(a, 5, 8)').toEqual(['b']);
    expect(cache.bytes).toBe(8);
    expect(cache.keys()).toEqual(['a']);
    expect(cache.get('a')).toBe(5);
  });

  test('updating a key to a smaller size frees bytes: maxBytes 10, a 6, b 4, put a 1, then c 5 fits', () => {
    const cache = sized(10, ['a', 1, 6], ['b', 2, 4]);
    expect(cache.put('a', 7, 1)).toEqual([]);
    expect(cache.bytes, 'bytes after put(a, 7, 1)').toBe(5);
    expect(cache.keys(), 'a is now the most recently used').toEqual(['b', 'a']);
    expect(cache.put('c', 3, 5)).toEqual([]);
    expect(cache.bytes).toBe(10);
  });

  test('an update never evicts the updated key itself: maxBytes 10, a 5, b 5, put b 10 evicts only a', () => {
    const cache = sized(10, ['a', 1, 5], ['b', 2, 5]);
    expect(cache.put('b', 3, 10)).toEqual(['a']);
    expect(cache.keys()).toEqual(['b']);
    expect(cache.get('b')).toBe(3);
    expect(cache.bytes).toBe(10);
  });

  test('an update of the least recently used key moves it before evicting: maxBytes 9, a 3, b 3, c 3, put a 4 evicts b', () => {
    const cache = sized(9, ['a', 1, 3], ['b', 2, 3], ['c', 3, 3]);
    expect(cache.put('a', 4, 4)).toEqual(['b']);
    expect(cache.keys()).toEqual(['c', 'a']);
    expect(cache.bytes).toBe(7);
  });

  test('an update keeps the new size for later: maxBytes 10, a 2, b 2, put a 6, delete a frees 6 bytes', () => {
    const cache = sized(10, ['a', 1, 2], ['b', 2, 2]);
    expect(cache.put('a', 3, 6)).toEqual([]);
    expect(cache.bytes, 'bytes after put(a, 3, 6)').toBe(8);
    expect(cache.delete('a')).toBe(true);
    expect(cache.bytes, 'bytes after delete(a)').toBe(2);
    expect(cache.put('c', 4, 8), 'put(c, 4, 8) fits next to b').toEqual([]);
  });

  test("the prompt's example: maxBytes 10, a b c 3 each, get a, put d 7 → [b, c], put a 8 → [d], put x 11 throws", () => {
    const s = sized(10, ['a', 'A', 3], ['b', 'B', 3], ['c', 'C', 3]);
    expect(s.bytes).toBe(9);
    expect(s.get('a')).toBe('A');
    expect(s.put('d', 'D', 7)).toEqual(['b', 'c']);
    expect(s.keys()).toEqual(['a', 'd']);
    expect(s.bytes).toBe(10);
    expect(s.put('a', 'A2', 8)).toEqual(['d']);
    expect(s.bytes).toBe(8);
    expect(() => s.put('x', 'X', 11)).toThrow(RangeError);
    expect(s.keys()).toEqual(['a']);
  });

  test('get refreshes and has does not: maxBytes 4, a 2, b 2, get a, put c 2 evicts b; has c, put d 2 evicts a', () => {
    const cache = sized(4, ['a', 1, 2], ['b', 2, 2]);
    expect(cache.get('a')).toBe(1);
    expect(cache.put('c', 3, 2)).toEqual(['b']);
    expect(cache.has('a')).toBe(true);
    expect(cache.put('d', 4, 2)).toEqual(['a']);
  });

  test('delete frees the entry and its bytes: maxBytes 10, a 6, b 4, delete a, put c 6 fits', () => {
    const cache = sized(10, ['a', 1, 6], ['b', 2, 4]);
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.bytes).toBe(4);
    expect(cache.size).toBe(1);
    expect(cache.put('c', 3, 6)).toEqual([]);
    expect(cache.keys()).toEqual(['b', 'c']);
    expect(cache.bytes).toBe(10);
  });

  test('a new SizedLRUCache is empty: size 0, bytes 0, keys() []', () => {
    const cache = new SizedLRUCache<string, number>(8);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
    expect(cache.keys()).toEqual([]);
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('lru-cache: bad input', () => {
  for (const [name, Class] of [
    ['LRUCache capacity', LRUCache],
    ['SizedLRUCache maxBytes', SizedLRUCache],
  ] as const) {
    test(`${name} that is not a number throws TypeError: undefined, null, '3', 3n, true, new Number(3), [3]`, () => {
      for (const x of NOT_NUMBERS) {
        expect(() => new (Class as Ctor)(x as number), `new ${name.split(' ')[0]}(${showArg(x)})`).toThrow(TypeError);
      }
    });

    test(`${name} that is not an integer >= 1 throws RangeError: 0, -1, 2.5, 0.5, NaN, ±Infinity`, () => {
      for (const x of NOT_COUNTS) {
        expect(() => new (Class as Ctor)(x), `new ${name.split(' ')[0]}(${x})`).toThrow(RangeError);
      }
    });
  }

  /** A cache in a known state; each bad put must leave it exactly so. */
  function expectUnchangedAfter(bad: unknown, error: typeof TypeError | typeof RangeError): void {
    for (const target of ['c', 'a']) {
      const cache = sized(10, ['a', 1, 4], ['b', 2, 4]);
      const what = `put('${target}', 99, ${showArg(bad)}) on a b (4 bytes each) in 10`;
      expect(() => cache.put(target, 99, bad as number), what).toThrow(error);
      expect(cache.keys(), `keys() after ${what}`).toEqual(['a', 'b']);
      expect(cache.bytes, `bytes after ${what}`).toBe(8);
      expect(cache.size, `size after ${what}`).toBe(2);
      expect(cache.has('c'), `has('c') after ${what}`).toBe(false);
      expect(cache.get('a'), `get('a') after ${what}`).toBe(1);
    }
  }

  test("put bytes that is not a number throws TypeError and changes nothing: undefined (missing), null, '3', 3n, true, new Number(3), [3]", () => {
    for (const x of NOT_NUMBERS) expectUnchangedAfter(x, TypeError);
  });

  test('put bytes that is not an integer >= 1 throws RangeError and changes nothing: 0, -1, 2.5, 0.5, NaN, ±Infinity', () => {
    for (const x of NOT_COUNTS) expectUnchangedAfter(x, RangeError);
  });

  test('put bytes larger than maxBytes throws RangeError and changes nothing: 11 and 1000 in a cache of 10', () => {
    expectUnchangedAfter(11, RangeError);
    expectUnchangedAfter(1000, RangeError);
  });
});

describe('lru-cache: work (at most 30 steps per call, keys() at most 4·size + 8)', () => {
  // Capacity 1000 over 1500 keys: the cache is full and evicts on about a third of the puts. Scanning
  // the entries (an array with indexOf or splice, a Map walked for the oldest time stamp or spread
  // for its first key) costs about 1000 steps a call, 30 times the budget.
  const lruOps = busyOps(20_000, 1500, 17);

  test('LRUCache of capacity 1000, 2·10^4 calls over 1500 keys (reading size after each): within 30·m steps, results as the oracle', () => {
    const expected = play(new BruteForceCache<Key, number>(1000, false), lruOps, false);
    const cache = new counted.LRUCache<Key, number>(1000);
    const results = expectWithinBudget(
      () => play(cache, lruOps, false),
      budget(2 * lruOps.length, 'each op and a read of size'),
    );
    expectSameResults(results, expected, lruOps, false);
  });

  test('LRUCache of capacity 2000 filled with 2000 keys, then 10^4 new keys (one eviction per put): within 30·m steps', () => {
    const ops: Op[] = Array.from({ length: 12_000 }, (_, i) => ({ op: 'put', key: i, value: i, bytes: 1 }));
    const cache = new counted.LRUCache<Key, number>(2000);
    const results = expectWithinBudget(
      () => play(cache, ops, false),
      budget(2 * ops.length, 'each put and a read of size'),
    );
    expect(results[1999], 'put(1999) fills the cache').toEqual([]);
    expect(results[2000], 'put(2000) evicts 0').toEqual([0]);
    expect(results[11_999], 'put(11999) evicts 9999').toEqual([9999]);
  });

  test('SizedLRUCache of 4000 bytes, 2·10^4 calls of 1 to 8 bytes, every 500th a put of 2000 bytes: within 30·m steps, results as the oracle', () => {
    const ops = busyOps(20_000, 1500, 29, 8, 2000);
    const expected = play(new BruteForceCache<Key, number>(4000, true), ops, true);
    const cache = new counted.SizedLRUCache<Key, number>(4000);
    const results = expectWithinBudget(
      () => play(cache, ops, true),
      budget(3 * ops.length, 'each op and reads of size and bytes'),
    );
    expectSameResults(results, expected, ops, true);
  });

  test('keys() of full caches of 5000 entries: within 4·size + 8 steps each, least recently used first', () => {
    const plain = new counted.LRUCache<number, number>(5000);
    const bySize = new counted.SizedLRUCache<number, number>(5000);
    for (let i = 0; i < 5000; i++) {
      plain.put(i, i);
      bySize.put(i, i, 1);
    }
    plain.get(0);
    bySize.get(0);
    const rule = { steps: 4 * 5000 + 8, rule: '4·size + 8 for size = 5000' };
    const keys = expectWithinBudget(() => plain.keys(), rule);
    const sizedKeys = expectWithinBudget(() => bySize.keys(), rule);
    const order = Array.from({ length: 5000 }, (_, i) => (i + 1) % 5000);
    expect(keys.length === 5000 && keys.every((k, i) => k === order[i]), 'LRUCache keys(): 1 … 4999, then 0').toBe(
      true,
    );
    expect(
      sizedKeys.length === 5000 && sizedKeys.every((k, i) => k === order[i]),
      'SizedLRUCache keys(): 1 … 4999, then 0',
    ).toBe(true);
  });
});

describe('lru-cache: properties (against a brute-force cache with time stamps)', () => {
  test.prop([lruScenario])(
    'LRUCache: every result, keys() and size after every call equal the oracle',
    ({ capacity, ops }) => {
      const expected = runOps(new BruteForceCache<Key, number>(capacity, false), ops, false);
      expect(runOps(new LRUCache<Key, number>(capacity), ops, false), `capacity ${capacity}`).toEqual(expected);
    },
  );

  test.prop([sizedScenario])(
    'SizedLRUCache: every result (or RangeError), keys(), size and bytes after every call equal the oracle',
    ({ maxBytes, ops }) => {
      const expected = runOps(new BruteForceCache<Key, number>(maxBytes, true), ops, true);
      expect(runOps(new SizedLRUCache<Key, number>(maxBytes), ops, true), `maxBytes ${maxBytes}`).toEqual(expected);
    },
  );

  test.prop([fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 60 })])(
    'LRUCache: size never exceeds capacity, and the newest key is always cached',
    (capacity, keys) => {
      const cache = new LRUCache<number, number>(capacity);
      for (const k of keys) {
        cache.put(k, k);
        expect(cache.size, `size after put(${k}) with capacity ${capacity}`).toBeLessThanOrEqual(capacity);
        expect(cache.keys().at(-1), `the most recently used key after put(${k})`).toBe(k);
      }
    },
  );
});
