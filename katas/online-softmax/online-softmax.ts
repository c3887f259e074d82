// Kata: online-softmax (30 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check online-softmax   (or: npx vitest --watch online-softmax)

import * as tf from '@tensorflow/tfjs';

export function onlineSoftmaxStats(x: number[], blockSize: number): { max: number; sumExp: number } {
  // TODO: one pass over x in blocks, keeping a running max m (from −∞) and ℓ = Σ e^{x − m}.
  throw new Error('TODO: online-softmax');
}

export function tiledAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  opts?: { blockQ?: number; blockK?: number; causal?: boolean },
): tf.Tensor2D {
  // TODO: softmax(q·kᵀ/√d)·v block by block, never building the [Tq, Tk] score matrix.
  throw new Error('TODO: online-softmax');
}

export function scoreMatrixBytes(c: { batch: number; heads: number; seqLen: number; bytesPerElement: number }): number {
  // TODO: the bytes of the B·H·T·T score matrix that standard attention materialises.
  throw new Error('TODO: online-softmax');
}
