// Kata: mha-kv-cache (30 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check mha-kv-cache   (or: npx vitest --watch mha-kv-cache)

import * as tf from '@tensorflow/tfjs';

/** HuggingFace StaticCache layout: k and v are [B, H, Tmax, Dh]; slots [0, length) are filled. */
export interface KvCache {
  k: tf.Tensor4D;
  v: tf.Tensor4D;
  length: number;
}

export interface MhaWeights {
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
}

export interface MhaConfig {
  nHeads: number;
  /** Half-style RoPE (HF rotate_half) on q and k at absolute positions; base defaults to 10000. */
  rope?: { base?: number };
}

export function createKvCache(batch: number, nHeads: number, maxLen: number, headDim: number): KvCache {
  // TODO: two float32 zero tensors [batch, nHeads, maxLen, headDim] and length 0.
  throw new Error('TODO: mha-kv-cache');
}

export function mhaWithCache(
  x: tf.Tensor3D,
  w: MhaWeights,
  cache: KvCache,
  config: MhaConfig,
): { y: tf.Tensor3D; cache: KvCache } {
  // TODO: tokens at positions L … L+T−1 (L = cache.length): write k, v into slots [L, L+T) of NEW cache tensors, attend over slots j ≤ L + i.
  throw new Error('TODO: mha-kv-cache');
}

export function mhaFull(x: tf.Tensor3D, w: MhaWeights, config: MhaConfig): tf.Tensor3D {
  // TODO: causal multi-head self-attention over positions 0 … T−1, no cache.
  throw new Error('TODO: mha-kv-cache');
}
