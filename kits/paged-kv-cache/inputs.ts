import fc from 'fast-check';
import { ContiguousCache, attentionOracle } from './oracle.ts';

/**
 * Inputs of the paged-kv-cache kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/paged-kv-cache/paged-kv-cache.props.ts: a small pool and a random sequence of calls on it
 * (add, append, fork, free over four ids, so unknown and duplicate ids, double frees and running
 * out of blocks all happen), and `runOps`, which plays one on the code under test and records,
 * after every call, what it returned (or the error's name) and the state of every sequence.
 */

export const IDS = ['a', 'b', 'c', 'd'] as const;
type Id = (typeof IDS)[number];

export type Op =
  | { readonly op: 'add' | 'free'; readonly id: Id }
  | { readonly op: 'append'; readonly id: Id; readonly key: number[]; readonly value: number[] }
  | { readonly op: 'fork'; readonly parent: Id; readonly child: Id };

export interface Scenario {
  readonly numBlocks: number;
  readonly blockSize: number;
  readonly headDim: number;
  /** The query every step's attention is computed with. */
  readonly query: number[];
  readonly ops: readonly Op[];
}

const id = fc.constantFrom(...IDS);
const vec = (d: number) => fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d });

function opArb(d: number): fc.Arbitrary<Op> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), id }) },
    { weight: 8, arbitrary: fc.record({ op: fc.constant('append' as const), id, key: vec(d), value: vec(d) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('fork' as const), parent: id, child: id }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('free' as const), id }) },
  );
}

/** 1 … 8 blocks of 1 … 4 slots, headDim 1 … 3, up to 50 calls (size 'max': lengths spread evenly). */
export const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    numBlocks: fc.integer({ min: 1, max: 8 }),
    blockSize: fc.integer({ min: 1, max: 4 }),
    headDim: fc.integer({ min: 1, max: 3 }),
  })
  .chain((shape) =>
    fc.record({
      numBlocks: fc.constant(shape.numBlocks),
      blockSize: fc.constant(shape.blockSize),
      headDim: fc.constant(shape.headDim),
      query: vec(shape.headDim),
      ops: fc.array(opArb(shape.headDim), { maxLength: 50, size: 'max' }),
    }),
  );

/** What the suite reads of a cache: the prompt's API. */
export interface CacheLike {
  readonly numFreeBlocks: number;
  readonly keyPool: Float64Array;
  readonly valuePool: Float64Array;
  addSequence(id: string): void;
  append(id: string, key: number[], value: number[]): number;
  fork(parentId: string, childId: string): void;
  free(id: string): void;
  length(id: string): number;
  blockTable(id: string): number[];
  slotOf(id: string, position: number): number;
  keys(id: string): number[][];
  values(id: string): number[][];
}

export type CacheClass = new (options: { numBlocks: number; blockSize: number; headDim: number }) => CacheLike;
export type Attention = (cache: CacheLike, id: string, query: number[]) => number[];

/** One live sequence after a call. `pooledKeys`/`pooledValues` are read from the pools at slotOf. */
export interface SeqState {
  readonly id: string;
  readonly length: number;
  readonly blockTable: number[];
  readonly slots: number[];
  readonly keys: number[][];
  readonly values: number[][];
  readonly pooledKeys: number[][];
  readonly pooledValues: number[][];
  /** softmax(q·Kᵀ/√d)V for the scenario's query; null for an empty sequence. */
  readonly attention: number[] | null;
}

export interface Step {
  readonly call: string;
  readonly result: unknown;
  readonly numFreeBlocks: number;
  readonly sequences: SeqState[];
}

export function describeOp(op: Op): string {
  if (op.op === 'append') return `append('${op.id}', [${op.key}], [${op.value}])`;
  if (op.op === 'fork') return `fork('${op.parent}', '${op.child}')`;
  return `${op.op === 'add' ? 'addSequence' : 'free'}('${op.id}')`;
}

function attempt(call: () => unknown): unknown {
  try {
    const result = call();
    return result === undefined ? 'ok' : result;
  } catch (error) {
    return error instanceof Error ? error.name : `threw ${String(error)}`;
  }
}

function row(pool: Float64Array, slot: number, d: number): number[] {
  return Array.from(pool.subarray(slot * d, slot * d + d));
}

/** Plays the scenario on the code under test (a new cache, or `cache`), recording every result and the state after it. */
export function runOps(
  Cache: CacheClass,
  attention: Attention,
  s: Scenario,
  cache: CacheLike = new Cache({ numBlocks: s.numBlocks, blockSize: s.blockSize, headDim: s.headDim }),
): Step[] {
  return s.ops.map((op) => {
    const result = attempt(() => {
      if (op.op === 'add') return cache.addSequence(op.id);
      if (op.op === 'append') return cache.append(op.id, [...op.key], [...op.value]);
      if (op.op === 'fork') return cache.fork(op.parent, op.child);
      return cache.free(op.id);
    });
    const sequences: SeqState[] = [];
    for (const seqId of IDS) {
      let length: number;
      try {
        length = cache.length(seqId);
      } catch {
        continue;
      }
      const slots = Array.from({ length }, (_, p) => cache.slotOf(seqId, p));
      sequences.push({
        id: seqId,
        length,
        blockTable: cache.blockTable(seqId),
        slots,
        keys: cache.keys(seqId),
        values: cache.values(seqId),
        pooledKeys: slots.map((slot) => row(cache.keyPool, slot, s.headDim)),
        pooledValues: slots.map((slot) => row(cache.valuePool, slot, s.headDim)),
        attention: length === 0 ? null : attention(cache, seqId, [...s.query]),
      });
    }
    return { call: describeOp(op), result, numFreeBlocks: cache.numFreeBlocks, sequences };
  });
}

/** The same calls on the contiguous oracle: what every step must equal. */
export function runOracle(s: Scenario): Step[] {
  const cache = new ContiguousCache(s.numBlocks, s.blockSize, s.headDim);
  return s.ops.map((op) => {
    const result = attempt(() => {
      if (op.op === 'add') return cache.addSequence(op.id);
      if (op.op === 'append') return cache.append(op.id, op.key, op.value);
      if (op.op === 'fork') return cache.fork(op.parent, op.child);
      return cache.free(op.id);
    });
    const sequences: SeqState[] = [];
    for (const seqId of IDS) {
      const seq = cache.sequences.get(seqId);
      if (seq === undefined) continue;
      const length = seq.keys.length;
      sequences.push({
        id: seqId,
        length,
        blockTable: [...seq.table],
        slots: Array.from({ length }, (_, p) => cache.slotOf(seqId, p)),
        keys: seq.keys,
        values: seq.values,
        pooledKeys: seq.keys,
        pooledValues: seq.values,
        attention: length === 0 ? null : attentionOracle(seq.keys, seq.values, s.query),
      });
    }
    // Cloned now: the oracle's rows keep growing after this step.
    return structuredClone({ call: describeOp(op), result, numFreeBlocks: cache.numFreeBlocks, sequences });
  });
}

/**
 * The first difference between two runs, or undefined: every field must be equal, except the
 * attention outputs, which may differ by 1e-9 (relative) from the order of the sums.
 */
export function firstDifference(actual: readonly Step[], expected: readonly Step[]): string | undefined {
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i] as Step;
    if (a === undefined) return `call ${i} (${e.call}) is missing`;
    const where = `after call ${i}, ${e.call}`;
    if (!Object.is(a.result, e.result)) return `${where}: returned ${String(a.result)}, expected ${String(e.result)}`;
    if (a.numFreeBlocks !== e.numFreeBlocks) {
      return `${where}: numFreeBlocks ${a.numFreeBlocks}, expected ${e.numFreeBlocks}`;
    }
    const ids = (steps: Step) => steps.sequences.map((q) => q.id).join(',');
    if (ids(a) !== ids(e)) return `${where}: live sequences [${ids(a)}], expected [${ids(e)}]`;
    for (const [j, es] of e.sequences.entries()) {
      const as = a.sequences[j] as SeqState;
      for (const field of ['length', 'blockTable', 'slots', 'keys', 'values', 'pooledKeys', 'pooledValues'] as const) {
        const x = JSON.stringify(as[field]);
        const y = JSON.stringify(es[field]);
        if (x !== y) return `${where}: ${field}('${es.id}') is ${x}, expected ${y}`;
      }
      const close =
        as.attention === null || es.attention === null
          ? as.attention === es.attention
          : as.attention.length === es.attention.length &&
            as.attention.every(
              (x, c) => Math.abs(x - ((es.attention as number[])[c] as number)) <= 1e-9 * (1 + Math.abs(x)),
            );
      if (!close) {
        return `${where}: pagedAttention('${es.id}') is ${JSON.stringify(as.attention)}, expected ${JSON.stringify(es.attention)}`;
      }
    }
  }
  return actual.length === expected.length ? undefined : `${actual.length} calls, expected ${expected.length}`;
}
