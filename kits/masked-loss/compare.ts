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

interface MaskedInput {
  readonly fn: 'maskedCrossEntropy';
  readonly logits: TensorSpec;
  readonly targets: TensorSpec;
  readonly mask: TensorSpec;
}

interface CausalInput {
  readonly fn: 'causalLmLoss';
  readonly logits: TensorSpec;
  readonly labels: TensorSpec;
  /** undefined: called with two arguments (the default is -100). */
  readonly ignoreIndex: number | undefined;
}

type Input = MaskedInput | CausalInput;

type MaskedCrossEntropy = (logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D) => tf.Scalar;
type CausalLmLoss = (logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex?: number) => tf.Scalar;

/**
 * B ≤ 3, T ≤ 4, 1 ≤ V ≤ 4 (V = 1 is valid). Logits are halves in [-2, 2], or the same times 1000
 * (`large`), where log(softmax) underflows. Class ids are drawn in [0, 8) and taken mod V, so
 * they shrink to 0.
 */
const sizes = {
  b: fc.integer({ min: 1, max: 3 }),
  t: fc.integer({ min: 1, max: 4 }),
  v: fc.integer({ min: 1, max: 4 }),
  large: fc.boolean(),
  logits: valuesArb(24),
  ids: fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 8 }),
};

function cycle<T>(values: readonly T[], length: number): T[] {
  return Array.from({ length }, (_, i) => values[i % values.length] as T);
}

const masked: fc.Arbitrary<MaskedInput> = fc
  .record({
    ...sizes,
    weights: fc.array(fc.constantFrom(1, 0, 0.5, 2), { minLength: 1, maxLength: 8 }),
    // Masked-out targets become -100, as in SFT data; they must be neither read nor validated.
    placeholders: fc.boolean(),
    bad: rarely('negativeWeight', 'nanWeight', 'targetRange', 'targetsShape', 'maskShape'),
  })
  .map(({ b, t, v, large, logits, ids, weights, placeholders, bad }) => {
    const n = b * t;
    const mask: number[] = cycle(weights, n);
    if (bad === 'negativeWeight') mask[n - 1] = -1;
    if (bad === 'nanWeight') mask[n - 1] = Number.NaN;
    const targets = cycle(ids, n).map((id, i) => (placeholders && mask[i] === 0 ? -100 : id % v));
    if (bad === 'targetRange') {
      mask[n - 1] = 1;
      targets[n - 1] = v;
    }
    return {
      fn: 'maskedCrossEntropy' as const,
      logits: { shape: [b, t, v], values: logits.map((x) => x * (large ? 1000 : 1)) },
      targets: { shape: bad === 'targetsShape' ? [b, t + 1] : [b, t], values: targets, dtype: 'int32' as const },
      mask: { shape: bad === 'maskShape' ? [b + 1, t] : [b, t], values: mask },
    };
  });

const causal: fc.Arbitrary<CausalInput> = fc
  .record({
    ...sizes,
    ignoreIndex: fc.constantFrom(undefined, -100, -1, 0),
    // Which labels are ignored (ignoreIndex), cycled over the batch.
    ignored: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    // labels[:, 0] is never a target, so garbage there must not matter.
    garbageFirst: fc.boolean(),
    bad: rarely('labelRange', 'minus100Counted', 'labelsShape'),
  })
  .map(({ b, t, v, large, logits, ids, ignoreIndex, ignored, garbageFirst, bad }) => {
    const skip = ignoreIndex ?? -100;
    const flags = cycle(ignored, b * t);
    const labels = cycle(ids, b * t).map((id, i) => (flags[i] ? skip : id % v));
    if (garbageFirst) for (let row = 0; row < b; row++) labels[row * t] = 99;
    const last = b * t - 1;
    if (bad === 'labelRange' && t > 1) labels[last] = v;
    const effectiveIgnore = bad === 'minus100Counted' ? -1 : ignoreIndex;
    if (bad === 'minus100Counted' && t > 1) labels[last] = -100;
    return {
      fn: 'causalLmLoss' as const,
      logits: { shape: [b, t, v], values: logits.map((x) => x * (large ? 1000 : 1)) },
      labels: { shape: bad === 'labelsShape' ? [b, t + 1] : [b, t], values: labels, dtype: 'int32' as const },
      ignoreIndex: effectiveIgnore,
    };
  });

export const differential: Differential<Input, TensorValue> = {
  inputs: fc.oneof(masked, causal),
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
