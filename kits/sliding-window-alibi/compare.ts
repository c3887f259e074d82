import type * as tf from '@tensorflow/tfjs';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import type { ShapedData } from '../../src/harness/tensor-data.ts';
import { type Call, attentionArgs, biasArgs, call, maskArgs } from './inputs.ts';

type Slopes = (numHeads: number) => number[];
type Mask = (tq: number, tk: number, options?: { window?: number; pastLength?: number }) => tf.Tensor2D;
type Bias = (numHeads: number, tq: number, tk: number, options?: { pastLength?: number }) => tf.Tensor3D;
type Attention = (
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  options?: { window?: number; alibi?: boolean },
) => tf.Tensor3D;

/** A spec holding a case's values as they are (float32-exact seeded data). */
const spec = (a: ShapedData): TensorSpec => ({ shape: a.shape, values: Array.from(a.data) });

/** Slopes are plain float64 numbers: shown and compared like a [H] tensor, to 1e-12 relative. */
function slopesValue(slopes: unknown): TensorValue {
  if (!Array.isArray(slopes)) throw new TypeError(`expected an array of slopes, got ${showJson(slopes)}`);
  return { shape: [slopes.length], dtype: 'number', data: slopes.map(Number), leaked: 0 };
}

export const differential: Differential<Call, TensorValue> = {
  // The four functions on small sizes from inputs.ts, now and then with one bad input (both must throw).
  inputs: call,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    switch (input.fn) {
      case 'alibiSlopes':
        return slopesValue(exported<Slopes>(impl, 'alibiSlopes')(input.h));
      case 'slidingWindowMask': {
        const { tq, tk, options } = maskArgs(input.c, input.bad);
        return runOnTensors([], () => exported<Mask>(impl, 'slidingWindowMask')(tq, tk, { ...options }));
      }
      case 'alibiBias': {
        const { h, tq, tk, options } = biasArgs(input.c, input.bad);
        return runOnTensors([], () => exported<Bias>(impl, 'alibiBias')(h, tq, tk, { ...options }));
      }
      default: {
        const { q, k, v, options } = attentionArgs(input.c, input.bad);
        const attention = exported<Attention>(impl, 'attentionWithBias');
        return runOnTensors([spec(q), spec(k), spec(v)], ([qt, kt, vt]) =>
          attention(qt as tf.Tensor3D, kt as tf.Tensor3D, vt as tf.Tensor3D, { ...options }),
        );
      }
    }
  },
  difference: (mine, ref) =>
    ref.dtype === 'number' ? tensorDifference(mine, ref, { atol: 0, rtol: 1e-12 }) : tensorDifference(mine, ref),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    switch (value.fn) {
      case 'alibiSlopes':
        return `alibiSlopes(${value.h})`;
      case 'slidingWindowMask': {
        const { tq, tk, options } = maskArgs(value.c, value.bad);
        return `slidingWindowMask(${tq}, ${tk}, ${showJson(options)})`;
      }
      case 'alibiBias': {
        const { h, tq, tk, options } = biasArgs(value.c, value.bad);
        return `alibiBias(${h}, ${tq}, ${tk}, ${showJson(options)})`;
      }
      default: {
        const { q, k, v, options } = attentionArgs(value.c, value.bad);
        return [
          `attentionWithBias(q, k, v, ${showJson(options)})`,
          `    ${showSpec('q', spec(q))}`,
          `    ${showSpec('k', spec(k))}`,
          `    ${showSpec('v', spec(v))}`,
        ].join('\n');
      }
    }
  },
};
