// Kata: grouped-query-attention (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check grouped-query-attention   (or: npx vitest --watch grouped-query-attention)

import * as tf from '@tensorflow/tfjs';

export interface AttentionOptions {
  /** Mask future keys, aligned bottom-right (KV-cache decoding). Default false. */
  causal?: boolean;
}

export interface GqaWeights {
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
}

export interface GqaConfig {
  nHeads: number;
  nKvHeads: number;
  causal?: boolean;
}

export function groupedQueryAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  options?: AttentionOptions,
): tf.Tensor4D {
  // TODO: softmax(q·kᵀ / sqrt(D)) · v, query head h reading kv head floor(h / (Hq / Hkv)).
  throw new Error('TODO: grouped-query-attention');
}

export function gqaSelfAttention(x: tf.Tensor3D, weights: GqaWeights, config: GqaConfig): tf.Tensor3D {
  // TODO: project x into heads, call groupedQueryAttention, merge the heads and apply wo.
  throw new Error('TODO: grouped-query-attention');
}
