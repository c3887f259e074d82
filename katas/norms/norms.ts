// Kata: norms (15 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check norms   (or: npx vitest --watch norms)

import * as tf from '@tensorflow/tfjs';

export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps?: number): tf.Tensor {
  // TODO: normalise every row of x over its last axis: (x − mean) / sqrt(var + eps) · gamma + beta.
  throw new Error('TODO: norms');
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor1D, eps?: number): tf.Tensor {
  // TODO: scale every row of x over its last axis: x / sqrt(mean(x²) + eps) · gamma.
  throw new Error('TODO: norms');
}

export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  state: { runningMean: tf.Tensor1D; runningVar: tf.Tensor1D },
  opts?: { eps?: number; momentum?: number },
): { y: tf.Tensor; runningMean: tf.Tensor1D; runningVar: tf.Tensor1D } {
  // TODO: normalise each channel (last axis) over every other axis; return new running statistics.
  throw new Error('TODO: norms');
}
