// Kata: sliding-window-alibi (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check sliding-window-alibi   (or: npx vitest --watch sliding-window-alibi)

import * as tf from '@tensorflow/tfjs';

export interface MaskOptions {
  /** Keys per query, the query's own key included; omitted: no window (plain causal). */
  window?: number;
  /** Cached keys before the first query; must equal tk − tq (the default). */
  pastLength?: number;
}

export interface BiasOptions {
  /** Cached keys before the first query; must equal tk − tq (the default). */
  pastLength?: number;
}

export interface AttentionOptions {
  /** Sliding window of keys per query (its own included); omitted: plain causal. */
  window?: number;
  /** Add the ALiBi bias with alibiSlopes(H). Default false. */
  alibi?: boolean;
}

export function alibiSlopes(numHeads: number): number[] {
  // TODO: n = 2^floor(log2 h) slopes 2^(−8k/n), then every other slope of 2n heads.
  throw new Error('TODO: sliding-window-alibi');
}

export function slidingWindowMask(tq: number, tk: number, options?: MaskOptions): tf.Tensor2D {
  // TODO: 0 where i − window < j <= i (i = tk − tq + row), −Infinity elsewhere.
  throw new Error('TODO: sliding-window-alibi');
}

export function alibiBias(numHeads: number, tq: number, tk: number, options?: BiasOptions): tf.Tensor3D {
  // TODO: slope_h · (j − i) for every head, query row and key.
  throw new Error('TODO: sliding-window-alibi');
}

export function attentionWithBias(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  options?: AttentionOptions,
): tf.Tensor3D {
  // TODO: softmax(q·kᵀ/√D + mask + ALiBi) · v, causal, queries at the last Tq positions.
  throw new Error('TODO: sliding-window-alibi');
}
