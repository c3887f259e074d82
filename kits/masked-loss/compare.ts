import type * as tf from '@tensorflow/tfjs';
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
import { type LossCall, lossCall } from './inputs.ts';

type MaskedCrossEntropy = (logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D) => tf.Scalar;
type CausalLmLoss = (logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex?: number) => tf.Scalar;

/**
 * Both functions on the inputs of inputs.ts (`lossCall`): B ≤ 3, T ≤ 6, 1 ≤ V ≤ 8, logits up to
 * ±1000, weighted or 0/1 masks with −100 placeholders, labels[:, 0] often out of range; now and then
 * one bad input (a negative, NaN or infinite weight, an out-of-range counted target, a wrong shape
 * or dtype, a fractional ignoreIndex), where both sides must throw the same error class.
 */
export const differential: Differential<LossCall, TensorValue> = {
  inputs: lossCall,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'maskedCrossEntropy') {
      const loss = exported<MaskedCrossEntropy>(impl, 'maskedCrossEntropy');
      return runOnTensors([input.logits, input.targets, input.mask], ([logits, targets, mask]) =>
        loss(logits as tf.Tensor3D, targets as tf.Tensor2D, mask as tf.Tensor2D),
      );
    }
    const loss = exported<CausalLmLoss>(impl, 'causalLmLoss');
    const extra: [] | [number] = input.ignoreIndex === undefined ? [] : [input.ignoreIndex];
    return runOnTensors([input.logits, input.labels], ([logits, labels]) =>
      loss(logits as tf.Tensor3D, labels as tf.Tensor2D, ...extra),
    );
  },
  difference: (mine, ref) => tensorDifference(mine, ref),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if (value.fn === 'maskedCrossEntropy') {
      return [
        'maskedCrossEntropy(logits, targets, mask)',
        `    ${showSpec('logits', value.logits)}`,
        `    ${showSpec('targets', value.targets)}`,
        `    ${showSpec('mask', value.mask)}`,
      ].join('\n');
    }
    const ignore = value.ignoreIndex === undefined ? '' : `, ${value.ignoreIndex}`;
    return [
      `causalLmLoss(logits, labels${ignore})`,
      `    ${showSpec('logits', value.logits)}`,
      `    ${showSpec('labels', value.labels)}`,
    ].join('\n');
  },
};
