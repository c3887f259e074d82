// Kata: distillation-loss (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check distillation-loss   (or: npx vitest --watch distillation-loss)
// Budget: at most 8·N + 100 steps of JavaScript work, N = the number of positions (B·T, or N).
import * as tf from '@tensorflow/tfjs';

export type Direction = 'forward' | 'reverse';

export interface DistillationOptions {
  readonly temperature?: number; // default 2
  readonly alpha?: number; // default 0.5: the weight of the soft term
  readonly direction?: Direction; // default 'forward': KL(p_teacher‖q_student)
  readonly ignoreIndex?: number; // default -100
}

export interface DistillationLoss {
  readonly loss: tf.Scalar;
  readonly softLoss: tf.Scalar;
  readonly hardLoss: tf.Scalar;
}

export function distillationLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  labels: tf.Tensor,
  opts: DistillationOptions = {},
): DistillationLoss {
  // TODO: softLoss = T² · mean over counted positions of KL at temperature T (sum over the vocabulary);
  // hardLoss = mean cross-entropy with the labels at temperature 1; loss = α·softLoss + (1 − α)·hardLoss.
  throw new Error('TODO: distillation-loss');
}
