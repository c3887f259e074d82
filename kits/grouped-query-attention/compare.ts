import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';
import { type AttentionCall, type Causal, type SelfAttentionCall, attentionCall, selfAttentionCall } from './inputs.ts';

type Input =
  | ({ readonly fn: 'groupedQueryAttention' } & AttentionCall)
  | ({ readonly fn: 'gqaSelfAttention' } & SelfAttentionCall);

type Gqa = (q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, options?: { causal?: boolean }) => tf.Tensor4D;
type GqaSelf = (
  x: tf.Tensor3D,
  weights: { wq: tf.Tensor2D; wk: tf.Tensor2D; wv: tf.Tensor2D; wo: tf.Tensor2D },
  config: { nHeads: number; nKvHeads: number; causal?: boolean },
) => tf.Tensor3D;

function options(causal: Causal): [] | [{ causal: boolean }] {
  return causal === 'omit' ? [] : [{ causal }];
}

export const differential: Differential<Input, TensorValue> = {
  // Both functions on small shapes from inputs.ts, now and then with a bad input (both must throw).
  // groupedQueryAttention twice as often: it has more configurations (Tq ≠ Tk, large scores).
  inputs: fc.oneof(
    { weight: 2, arbitrary: attentionCall.map((call) => ({ fn: 'groupedQueryAttention' as const, ...call })) },
    { weight: 1, arbitrary: selfAttentionCall.map((call) => ({ fn: 'gqaSelfAttention' as const, ...call })) },
  ),
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
