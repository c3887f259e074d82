import fc from 'fast-check';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the mha-kv-cache kata, shared by the hidden suite, the compare spec and the learner's
 * katas/mha-kv-cache/mha-kv-cache.props.ts. Plain data only: sizes, a chunking, a RoPE setting and
 * a seed; `kvCacheInputs(c)` turns them into x and the four weights, and a property builds the
 * tensors.
 */
export interface KvCacheCase {
  /** Batch size B. */
  readonly b: number;
  /** Heads H. */
  readonly nHeads: number;
  /** Head size Dh (even whenever rope is set), so D = H·Dh. */
  readonly dh: number;
  /** Sizes of the prefill and the decode chunks, in order; T = their sum. */
  readonly chunks: readonly number[];
  /** Tmax − T ≥ 0: cache slots that stay empty. */
  readonly slack: number;
  /** undefined: no RoPE; {}: RoPE with the default base 10000; or an explicit base. */
  readonly rope: { readonly base?: number } | undefined;
  readonly seed: number;
}

export const ropeSetting: fc.Arbitrary<{ base?: number } | undefined> = fc.constantFrom(
  undefined,
  {},
  { base: 10000 },
  { base: 100 },
  { base: 500000 },
);

/**
 * B 1..2, H 1..3, Dh 1..4 (2 or 4 with RoPE), 1..4 chunks of 1..4 tokens (the first is the
 * prefill), Tmax = T + 0..3, and the RoPE setting drawn from `rope`.
 */
export function kvCacheCaseWith(rope: fc.Arbitrary<{ base?: number } | undefined>): fc.Arbitrary<KvCacheCase> {
  return fc
    .record({
      b: fc.integer({ min: 1, max: 2 }),
      nHeads: fc.integer({ min: 1, max: 3 }),
      dh: fc.integer({ min: 1, max: 4 }),
      chunks: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
      slack: fc.integer({ min: 0, max: 3 }),
      rope,
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map((c) => ({ ...c, dh: c.rope === undefined ? c.dh : 2 * Math.ceil(c.dh / 2) }));
}

/** Any case: RoPE off, default or with a base from {10000, 100, 500000}. */
export const kvCacheCase: fc.Arbitrary<KvCacheCase> = kvCacheCaseWith(ropeSetting);

/** The total number of tokens T of a case. */
export const tokensOf = (c: Pick<KvCacheCase, 'chunks'>): number => c.chunks.reduce((a, n) => a + n, 0);

/** The config argument of a case: nHeads, plus rope only when the case sets it. */
export function configOf(c: Pick<KvCacheCase, 'nHeads' | 'rope'>): { nHeads: number; rope?: { base?: number } } {
  return { nHeads: c.nHeads, ...(c.rope !== undefined && { rope: { ...c.rope } }) };
}

/**
 * x [B, T, D] with values in [−1, 1) and the four [D, D] weights (x @ W) in [−s, s) with
 * s = 1.5/√D, so that softmax weights are far from uniform but scores stay moderate.
 */
export function kvCacheInputs(c: KvCacheCase): {
  x: ShapedData;
  wq: ShapedData;
  wk: ShapedData;
  wv: ShapedData;
  wo: ShapedData;
} {
  const d = c.nHeads * c.dh;
  const scale = 1.5 / Math.sqrt(d);
  return {
    x: seededData([c.b, tokensOf(c), d], c.seed),
    wq: seededData([d, d], c.seed + 1, scale),
    wk: seededData([d, d], c.seed + 2, scale),
    wv: seededData([d, d], c.seed + 3, scale),
    wo: seededData([d, d], c.seed + 4, scale),
  };
}

/** A rule of the contract that a run breaks on purpose ('none': a valid run). */
export type BadRun = 'none' | 'overflow' | 'emptyChunk' | 'heads' | 'rank';

/**
 * One differential run as plain data: `fn` 'full' is mhaFull(x, w, config); 'chunks' is
 * createKvCache(B, nHeads, Tmax, D/nHeads), then mhaWithCache once per chunk.
 */
export interface MhaRun {
  readonly fn: 'full' | 'chunks';
  readonly x: ShapedData;
  readonly w: { readonly wq: ShapedData; readonly wk: ShapedData; readonly wv: ShapedData; readonly wo: ShapedData };
  readonly config: { nHeads: number; rope?: { base?: number } };
  readonly chunks: readonly number[];
  readonly tmax: number;
  /** The rule the run breaks; every bad run must throw RangeError. */
  readonly bad: BadRun;
}

/**
 * A kvCacheCase run through mhaFull or chunk by chunk, breaking `bad`: 'overflow' adds a chunk the
 * cache has no room for (L + T > Tmax), 'emptyChunk' adds a chunk of 0 tokens (T = 0), 'heads'
 * gives D = H·Dh + 1 with nHeads ≥ 2 (D % nHeads ≠ 0), 'rank' passes x as [T, D] to mhaFull.
 */
export function mhaRunWith(bad: fc.Arbitrary<BadRun>): fc.Arbitrary<MhaRun> {
  return fc
    .record({ c: kvCacheCase, fn: fc.constantFrom('full' as const, 'chunks' as const), bad })
    .map(({ c, fn, bad: rule }) => {
      const nHeads = rule === 'heads' ? Math.max(2, c.nHeads) : c.nHeads;
      const d = rule === 'heads' ? nHeads * c.dh + 1 : c.nHeads * c.dh;
      const chunks = rule === 'emptyChunk' ? [...c.chunks, 0] : rule === 'overflow' ? [...c.chunks, 1] : c.chunks;
      const t = tokensOf({ chunks });
      const scale = 1.5 / Math.sqrt(d);
      return {
        fn:
          rule === 'emptyChunk' || rule === 'overflow' ? ('chunks' as const) : rule === 'rank' ? ('full' as const) : fn,
        x: seededData(rule === 'rank' ? [t, d] : [c.b, t, d], c.seed),
        w: {
          wq: seededData([d, d], c.seed + 1, scale),
          wk: seededData([d, d], c.seed + 2, scale),
          wv: seededData([d, d], c.seed + 3, scale),
          wo: seededData([d, d], c.seed + 4, scale),
        },
        config: { ...configOf(c), nHeads },
        chunks,
        tmax: rule === 'overflow' ? t - 1 : t + c.slack,
        bad: rule,
      };
    });
}

/** Mostly valid runs; about one in thirteen breaks one rule. */
export const mhaRun: fc.Arbitrary<MhaRun> = mhaRunWith(
  fc.oneof(
    { weight: 12, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom<BadRun>('overflow', 'emptyChunk', 'heads', 'rank') },
  ),
);

/** Runs that each break one rule, and must throw RangeError. */
export const badMhaRun: fc.Arbitrary<MhaRun> = mhaRunWith(
  fc.constantFrom<BadRun>('overflow', 'emptyChunk', 'heads', 'rank'),
);
