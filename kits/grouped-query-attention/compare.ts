import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
  valuesArb,
  rarely,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';

/** 'omit' calls without the options argument (causal must default to false). */
type Causal = 'omit' | false | true;

interface AttentionInput {
  readonly fn: 'groupedQueryAttention';
  readonly q: TensorSpec;
  readonly k: TensorSpec;
  readonly v: TensorSpec;
  readonly causal: Causal;
}

interface SelfAttentionInput {
  readonly fn: 'gqaSelfAttention';
  readonly x: TensorSpec;
  readonly wq: TensorSpec;
  readonly wk: TensorSpec;
  readonly wv: TensorSpec;
  readonly wo: TensorSpec;
  readonly nHeads: number;
  readonly nKvHeads: number;
  readonly causal: Causal;
}

type Input = AttentionInput | SelfAttentionInput;

type Gqa = (q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, options?: { causal?: boolean }) => tf.Tensor4D;
type GqaSelf = (
  x: tf.Tensor3D,
  weights: { wq: tf.Tensor2D; wk: tf.Tensor2D; wv: tf.Tensor2D; wo: tf.Tensor2D },
  config: { nHeads: number; nKvHeads: number; causal?: boolean },
) => tf.Tensor3D;

const causalArb = fc.constantFrom<Causal>('omit', false, true);
/** Mostly valid inputs; now and then one the spec says must throw RangeError. */

// Small shapes (B ≤ 2, Hkv ≤ 3, G ≤ 3, T ≤ 4, D ≤ 4); `large` multiplies q and k by 100 so scores
// reach the thousands (exp overflows float32 unless each row's max is subtracted).
const attention: fc.Arbitrary<AttentionInput> = fc
  .record({
    b: fc.integer({ min: 1, max: 2 }),
    hkv: fc.integer({ min: 1, max: 3 }),
    group: fc.integer({ min: 1, max: 3 }),
    tq: fc.integer({ min: 1, max: 4 }),
    tk: fc.integer({ min: 1, max: 4 }),
    d: fc.integer({ min: 1, max: 4 }),
    causal: causalArb,
    large: fc.boolean(),
    q: valuesArb(),
    k: valuesArb(),
    v: valuesArb(),
    bad: rarely('heads', 'batch', 'headDim', 'vShape'),
  })
  .map(({ b, hkv, group, tq, tk, d, causal, large, q, k, v, bad }) => {
    const kvHeads = bad === 'heads' ? Math.max(2, hkv) : hkv;
    const hq = kvHeads * group + (bad === 'heads' ? 1 : 0);
    const scale = large ? 100 : 1;
    const kvShape = [b + (bad === 'batch' ? 1 : 0), kvHeads, tk, d + (bad === 'headDim' ? 1 : 0)];
    return {
      fn: 'groupedQueryAttention' as const,
      q: { shape: [b, hq, tq, d], values: q.map((x) => x * scale) },
      k: { shape: kvShape, values: k.map((x) => x * scale) },
      v: { shape: bad === 'vShape' ? kvShape.map((dim, axis) => (axis === 2 ? dim + 1 : dim)) : kvShape, values: v },
      causal,
    };
  });

// Weights are halves in [-1, 1] and x halves in [-2, 2], so scores stay moderate and float32
// round-off cannot tip a softmax.
const selfAttention: fc.Arbitrary<SelfAttentionInput> = fc
  .record({
    b: fc.integer({ min: 1, max: 2 }),
    t: fc.integer({ min: 1, max: 4 }),
    nKv: fc.integer({ min: 1, max: 2 }),
    group: fc.integer({ min: 1, max: 3 }),
    dh: fc.integer({ min: 1, max: 3 }),
    dModel: fc.integer({ min: 1, max: 4 }),
    causal: causalArb,
    x: valuesArb(),
    wq: valuesArb(16, 0.5),
    wk: valuesArb(16, 0.5),
    wv: valuesArb(16, 0.5),
    wo: valuesArb(16, 0.5),
    bad: rarely('kvNotDivisor', 'wqColumns', 'wkColumns', 'woShape'),
  })
  .map(({ b, t, nKv, group, dh, dModel, causal, x, wq, wk, wv, wo, bad }) => {
    const nHeads = nKv * group;
    const nKvHeads = bad === 'kvNotDivisor' ? nHeads + 1 : nKv;
    const kvColumns = nKvHeads * dh + (bad === 'wkColumns' ? 1 : 0);
    return {
      fn: 'gqaSelfAttention' as const,
      x: { shape: [b, t, dModel], values: x },
      wq: { shape: [dModel, nHeads * dh + (bad === 'wqColumns' ? 1 : 0)], values: wq },
      wk: { shape: [dModel, kvColumns], values: wk },
      wv: { shape: [dModel, kvColumns], values: wv },
      wo: { shape: [nHeads * dh, dModel + (bad === 'woShape' ? 1 : 0)], values: wo },
      nHeads,
      nKvHeads,
      causal,
    };
  });

function options(causal: Causal): [] | [{ causal: boolean }] {
  return causal === 'omit' ? [] : [{ causal }];
}

export const differential: Differential<Input, TensorValue> = {
  inputs: fc.oneof(attention, selfAttention),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'groupedQueryAttention') {
      const gqa = exported<Gqa>(impl, 'groupedQueryAttention');
      return runOnTensors([input.q, input.k, input.v], ([q, k, v]) =>
        gqa(q as tf.Tensor4D, k as tf.Tensor4D, v as tf.Tensor4D, ...options(input.causal)),
      );
    }
    const self = exported<GqaSelf>(impl, 'gqaSelfAttention');
    const config = { nHeads: input.nHeads, nKvHeads: input.nKvHeads, ...options(input.causal)[0] };
    return runOnTensors([input.x, input.wq, input.wk, input.wv, input.wo], ([x, wq, wk, wv, wo]) =>
      self(x as tf.Tensor3D, { wq, wk, wv, wo } as Parameters<GqaSelf>[1], config),
    );
  },
  difference: (mine, ref) => tensorDifference(mine, ref),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    const opts = value.causal === 'omit' ? '' : `, { causal: ${value.causal} }`;
    if (value.fn === 'groupedQueryAttention') {
      return `groupedQueryAttention(q, k, v${opts})\n    ${showSpec('q', value.q)}\n    ${showSpec('k', value.k)}\n    ${showSpec('v', value.v)}`;
    }
    const causal = value.causal === 'omit' ? '' : `, causal: ${value.causal}`;
    return [
      `gqaSelfAttention(x, { wq, wk, wv, wo }, { nHeads: ${value.nHeads}, nKvHeads: ${value.nKvHeads}${causal} })`,
      ...(['x', 'wq', 'wk', 'wv', 'wo'] as const).map((name) => `    ${showSpec(name, value[name])}`),
    ].join('\n');
  },
};
