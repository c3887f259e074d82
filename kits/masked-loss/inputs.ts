import fc from 'fast-check';
import { type LossShape, type MaskKind, type RandomLossCase, randomLossCase } from './oracle.ts';

/**
 * Inputs of the masked-loss kata, shared by the hidden suite and the learner's
 * katas/masked-loss/masked-loss.props.ts. A case is plain data (float64 copies of float32 values);
 * a property builds the tensors: logits [B, T, V] float32, targets [B, T] int32, mask [B, T] float32.
 */
export type { LossShape, RandomLossCase } from './oracle.ts';
export { randomLabels } from './oracle.ts';

/** B 1..3, T 1..6, V 2..8 (V = 1 is valid too, but tf.oneHot needs depth ≥ 2: test it on its own). */
export const lossShape: fc.Arbitrary<LossShape> = fc.record({
  B: fc.integer({ min: 1, max: 3 }),
  T: fc.integer({ min: 1, max: 6 }),
  V: fc.integer({ min: 2, max: 8 }),
});

/**
 * Logits of magnitude up to 1, 8 or 60; a 0/1 mask or a weighted one (0, 0.25 … 3.5); targets in
 * [0, V) where the mask is positive and placeholders (−100, −1, ≥ V, or valid) where it is 0.
 */
export const lossCase: fc.Arbitrary<RandomLossCase> = fc
  .record({
    shape: lossShape,
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 8, 60),
    kind: fc.constantFrom<MaskKind>('binary', 'weights'),
  })
  .map(({ shape, seed, scale, kind }) => randomLossCase(shape, seed, scale, kind));

/**
 * A case for causalLmLoss: `c.logits` and `c.shape` as above, an ignoreIndex, and a seed for
 * labels: `randomLabels(c.shape, labelSeed, ignoreIndex)` gives B·T labels, about a third ignored.
 */
export const causalCase: fc.Arbitrary<{ c: RandomLossCase; ignoreIndex: number; labelSeed: number }> = fc.record({
  c: lossCase,
  ignoreIndex: fc.constantFrom(-100, -100, -1, 0, 2),
  labelSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});
