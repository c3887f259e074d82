import fc from 'fast-check';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the mla-attention kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/mla-attention/mla-attention.props.ts. Plain data only (sizes, seeds): a property builds
 * its tensors from `mlaInputs(c)`.
 */

/** 'omit' leaves ropeBase out, so the default 10000 is exercised. */
export type RopeBase = 'omit' | number;

export interface MlaSizes {
  readonly numHeads: number;
  readonly dHead: number;
  /** Even. */
  readonly dRope: number;
  readonly dLatent: number;
  readonly dModel: number;
  readonly ropeBase: RopeBase;
  readonly seed: number;
}

export interface MlaCase extends MlaSizes {
  /** Cached tokens before the call (0: no cache argument). */
  readonly past: number;
  /** New tokens. */
  readonly t: number;
}

const sizes = {
  numHeads: fc.integer({ min: 1, max: 4 }),
  dHead: fc.integer({ min: 1, max: 5 }),
  dRope: fc.integer({ min: 1, max: 3 }).map((n) => 2 * n),
  dLatent: fc.integer({ min: 1, max: 6 }),
  dModel: fc.integer({ min: 1, max: 6 }),
  ropeBase: fc.constantFrom<RopeBase>('omit', 10000, 100, 2),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
};

/** H 1..4, dHead 1..5, dRope 2..6 (even), dLatent 1..6, dModel 1..6, past 0..5, T 1..4. */
export const mlaCase: fc.Arbitrary<MlaCase> = fc.record({
  ...sizes,
  past: fc.integer({ min: 0, max: 5 }),
  t: fc.integer({ min: 1, max: 4 }),
});

export interface ChunkCase extends MlaSizes {
  /** Lengths of the chunks fed one after another (the first is the prefill). */
  readonly chunks: readonly number[];
}

/** The sizes of mlaCase and 1..4 chunks of 1..3 tokens. */
export const chunkCase: fc.Arbitrary<ChunkCase> = fc.record({
  ...sizes,
  chunks: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
});

export interface MlaWeightData {
  readonly wDkv: ShapedData;
  readonly wUk: ShapedData;
  readonly wUv: ShapedData;
  readonly wKr: ShapedData;
  readonly wQ: ShapedData;
  readonly wO: ShapedData;
}

export const WEIGHT_NAMES = ['wDkv', 'wUk', 'wUv', 'wKr', 'wQ', 'wO'] as const;

/** The six weights, [in, out], seeded values in [−1, 1). */
export function weightsOf(c: MlaSizes): MlaWeightData {
  const { numHeads: h, dHead, dRope, dLatent, dModel, seed } = c;
  return {
    wDkv: seededData([dModel, dLatent], seed + 1),
    wUk: seededData([dLatent, h * dHead], seed + 2),
    wUv: seededData([dLatent, h * dHead], seed + 3),
    wKr: seededData([dModel, dRope], seed + 4),
    wQ: seededData([dModel, h * (dHead + dRope)], seed + 5),
    wO: seededData([h * dHead, dModel], seed + 6),
  };
}

/** h [T, dModel], the weights, and a cache of `past` rows (any values, as a cache from earlier calls holds) when past > 0. */
export function mlaInputs(c: MlaCase): {
  h: ShapedData;
  w: MlaWeightData;
  cache: { cKv: ShapedData; kRope: ShapedData } | undefined;
} {
  return {
    h: seededData([c.t, c.dModel], c.seed),
    w: weightsOf(c),
    cache:
      c.past === 0
        ? undefined
        : { cKv: seededData([c.past, c.dLatent], c.seed + 7, 1.5), kRope: seededData([c.past, c.dRope], c.seed + 8) },
  };
}

/** h [sum of chunks, dModel] for a chunked run. */
export function chunkInputs(c: ChunkCase): { h: ShapedData; w: MlaWeightData } {
  const t = c.chunks.reduce((a, b) => a + b, 0);
  return { h: seededData([t, c.dModel], c.seed), w: weightsOf(c) };
}

/** The options argument without the cache: numHeads, dHead, dRope and ropeBase unless omitted. */
export function optionsOf(c: MlaSizes): { numHeads: number; dHead: number; dRope: number; ropeBase?: number } {
  return {
    numHeads: c.numHeads,
    dHead: c.dHead,
    dRope: c.dRope,
    ...(c.ropeBase !== 'omit' && { ropeBase: c.ropeBase }),
  };
}

export type BytesKind = 'mha' | 'gqa' | 'mla';

/** Every field of every kind; a call passes only those of its kind (see bytesSpecOf). */
export interface BytesCase {
  readonly kind: BytesKind;
  readonly numHeads: number;
  readonly numKvHeads: number;
  readonly dHead: number;
  readonly dLatent: number;
  readonly dRope: number;
  readonly bytesPerElement: number;
  readonly numLayers: number;
}

/** numKvHeads always divides numHeads (numHeads = numKvHeads · group). */
export const bytesCase: fc.Arbitrary<BytesCase> = fc
  .record({
    kind: fc.constantFrom<BytesKind>('mha', 'gqa', 'mla'),
    numKvHeads: fc.integer({ min: 1, max: 16 }),
    group: fc.integer({ min: 1, max: 8 }),
    dHead: fc.integer({ min: 1, max: 256 }),
    dLatent: fc.integer({ min: 1, max: 1024 }),
    dRope: fc.integer({ min: 1, max: 128 }),
    bytesPerElement: fc.constantFrom(0.5, 1, 2, 4),
    numLayers: fc.integer({ min: 1, max: 128 }),
  })
  .map(({ group, ...r }) => ({ ...r, numHeads: r.numKvHeads * group }));

/** The spec object of a case: only the fields its kind uses. */
export function bytesSpecOf(c: BytesCase): Record<string, unknown> {
  const common = { bytesPerElement: c.bytesPerElement, numLayers: c.numLayers };
  switch (c.kind) {
    case 'mha':
      return { kind: 'mha', numHeads: c.numHeads, dHead: c.dHead, ...common };
    case 'gqa':
      return { kind: 'gqa', numHeads: c.numHeads, numKvHeads: c.numKvHeads, dHead: c.dHead, ...common };
    default:
      return { kind: 'mla', dLatent: c.dLatent, dRope: c.dRope, ...common };
  }
}

/** A whole call for `kata compare`. */
export type Call =
  | { readonly fn: 'mlaAttention' | 'mlaAttentionAbsorbed'; readonly c: MlaCase }
  | { readonly fn: 'kvCacheBytesPerToken'; readonly spec: BytesCase };

export const call: fc.Arbitrary<Call> = fc.oneof(
  fc.record({ fn: fc.constantFrom('mlaAttention' as const, 'mlaAttentionAbsorbed' as const), c: mlaCase }),
  fc.record({ fn: fc.constant('kvCacheBytesPerToken' as const), spec: bytesCase }),
);
