import fc from 'fast-check';
import { seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the lru-cache kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/lru-cache/lru-cache.props.ts: sequences of calls on a cache, and `runOps`, which plays
 * one on any cache (the kata's classes or the oracle's) and records what every call returned.
 */

/** Keys: small integers, strings that look like them ('1' is not 1), and NaN (one key, as in a Map). */
export type Key = number | string;

export const key: fc.Arbitrary<Key> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 7 }) },
  { weight: 2, arbitrary: fc.constantFrom('1', '2', 'a') },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);

/** One call on a cache. `bytes` is passed to `put` only on a SizedLRUCache. */
export type Op =
  | { readonly op: 'get' | 'has' | 'delete'; readonly key: Key }
  | { readonly op: 'put'; readonly key: Key; readonly value: number; readonly bytes: number }
  | { readonly op: 'keys' };

function ops(bytes: fc.Arbitrary<number>, maxLength: number): fc.Arbitrary<Op[]> {
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), key }) },
    {
      weight: 5,
      arbitrary: fc.record({ op: fc.constant('put' as const), key, value: fc.integer({ min: 0, max: 999 }), bytes }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('has' as const), key }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
    { weight: 1, arbitrary: fc.constant({ op: 'keys' as const }) },
  );
  // size 'max': lengths spread over 0 … maxLength (the default keeps most sequences under 10 calls).
  return fc.array(op, { maxLength, size: 'max' });
}

/** An LRUCache of capacity 1 … 5 and up to 40 calls on it. */
export interface LruScenario {
  readonly capacity: number;
  readonly ops: readonly Op[];
}

export const lruScenario: fc.Arbitrary<LruScenario> = fc.record({
  capacity: fc.integer({ min: 1, max: 5 }),
  ops: ops(fc.constant(1), 40),
});

/**
 * A SizedLRUCache of 1 … 12 bytes and up to 40 calls on it; about one put in ten is larger than
 * the whole cache (it must throw RangeError and change nothing).
 */
export interface SizedScenario {
  readonly maxBytes: number;
  readonly ops: readonly Op[];
}

export const sizedScenario: fc.Arbitrary<SizedScenario> = fc.integer({ min: 1, max: 12 }).chain((maxBytes) =>
  fc.record({
    maxBytes: fc.constant(maxBytes),
    ops: ops(
      fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: 1, max: maxBytes }) },
        { weight: 1, arbitrary: fc.integer({ min: maxBytes + 1, max: maxBytes + 3 }) },
      ),
      40,
    ),
  }),
);

/** What both caches offer; `bytes` exists on the sized one only. */
export interface CacheLike {
  readonly size: number;
  readonly bytes?: number;
  get(key: Key): unknown;
  has(key: Key): boolean;
  put(key: Key, value: number, bytes?: number): Key[];
  delete(key: Key): boolean;
  keys(): Key[];
}

/** One call and what came of it: its result (or the name of the error it threw), then the cache's state. */
export interface Step {
  readonly call: string;
  readonly result: unknown;
  readonly keys: Key[];
  readonly size: number;
  readonly bytes?: number;
}

const show = (k: Key): string => (typeof k === 'string' ? `'${k}'` : String(k));

export function describeCall(op: Op, sized: boolean): string {
  if (op.op === 'keys') return 'keys()';
  if (op.op === 'put') return `put(${show(op.key)}, ${op.value}${sized ? `, ${op.bytes}` : ''})`;
  return `${op.op}(${show(op.key)})`;
}

/** Plays `ops` on `cache`, recording every result and the cache's keys, size (and bytes) after it. */
export function runOps(cache: CacheLike, ops: readonly Op[], sized: boolean): Step[] {
  return ops.map((op) => {
    let result: unknown;
    try {
      if (op.op === 'keys') result = cache.keys();
      else if (op.op === 'put') result = sized ? cache.put(op.key, op.value, op.bytes) : cache.put(op.key, op.value);
      else result = cache[op.op](op.key);
    } catch (error) {
      result = error instanceof Error ? error.name : `threw ${String(error)}`;
    }
    const state = { keys: cache.keys(), size: cache.size };
    return { call: describeCall(op, sized), result, ...state, ...(sized ? { bytes: cache.bytes } : {}) };
  });
}

/**
 * A long deterministic workload for the work budget: `count` calls over `keySpace` integer keys
 * (about 45% get, 40% put, 10% has, 5% delete), so a cache smaller than the key space is full
 * and evicting all the time. Sizes are 1 … maxBytes (1 for an LRUCache); with `big`, every 500th
 * call is a put of `big` bytes instead, which evicts many entries at once.
 */
export function busyOps(count: number, keySpace: number, seed: number, maxBytes = 1, big?: number): Op[] {
  const uniform = seededUniform(seed);
  const pick = (n: number) => Math.floor(uniform() * n);
  const out: Op[] = [];
  for (let i = 0; i < count; i++) {
    const r = uniform();
    const k = pick(keySpace);
    if (big !== undefined && i % 500 === 499) out.push({ op: 'put', key: k, value: i, bytes: big });
    else if (r < 0.45) out.push({ op: 'get', key: k });
    else if (r < 0.85) out.push({ op: 'put', key: k, value: i, bytes: 1 + pick(maxBytes) });
    else if (r < 0.95) out.push({ op: 'has', key: k });
    else out.push({ op: 'delete', key: k });
  }
  return out;
}
