// Kata: mla-attention (30 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check mla-attention   (or: npx vitest --watch mla-attention)

import * as tf from '@tensorflow/tfjs';

/** Plain [in, out] matrices (x @ W), no biases. */
export interface MlaWeights {
  /** [dModel, dLatent]: h → c_kv. */
  wDkv: tf.Tensor2D;
  /** [dLatent, H·dHead]: c_kv → content keys; head h is columns h·dHead … (h+1)·dHead − 1. */
  wUk: tf.Tensor2D;
  /** [dLatent, H·dHead]: c_kv → values, heads as in wUk. */
  wUv: tf.Tensor2D;
  /** [dModel, dRope]: h → the rope key (before RoPE), shared by all heads. */
  wKr: tf.Tensor2D;
  /** [dModel, H·(dHead + dRope)]: head h is columns h·(dHead+dRope) …: first dHead q_C, last dRope q_R. */
  wQ: tf.Tensor2D;
  /** [H·dHead, dModel]. */
  wO: tf.Tensor2D;
}

/** What MLA caches: cKv [Tpast, dLatent] and the rotated rope key kRope [Tpast, dRope]. */
export interface MlaCache {
  cKv: tf.Tensor2D;
  kRope: tf.Tensor2D;
}

export interface MlaOptions {
  numHeads: number;
  dHead: number;
  /** Even: interleaved RoPE rotates the pairs (2i, 2i + 1). */
  dRope: number;
  /** Default 10000. */
  ropeBase?: number;
  /** Tokens at positions 0 … Tpast − 1; the new tokens sit at Tpast … Tpast + T − 1. */
  cache?: MlaCache;
}

export interface MlaResult {
  /** [T, dModel]: the new tokens only. */
  out: tf.Tensor2D;
  /** [Tpast + T, …]: the past rows, then the new ones. */
  cache: MlaCache;
}

export type KvCacheSpec =
  | { kind: 'mha'; numHeads: number; dHead: number; bytesPerElement: number; numLayers: number }
  | { kind: 'gqa'; numHeads: number; numKvHeads: number; dHead: number; bytesPerElement: number; numLayers: number }
  | { kind: 'mla'; dLatent: number; dRope: number; bytesPerElement: number; numLayers: number };

export function mlaAttention(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): MlaResult {
  // TODO: c_kv = h·wDkv; k_C, v from c_kv (past + new); one rope key per token; scores over √(dHead + dRope).
  throw new Error('TODO: mla-attention');
}

export function mlaAttentionAbsorbed(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): MlaResult {
  // TODO: the same result with W_UK folded into the query and W_UV after the weighted sum of c_kv.
  throw new Error('TODO: mla-attention');
}

export function kvCacheBytesPerToken(spec: KvCacheSpec): number {
  // TODO: MHA 2·H·dHead, GQA 2·Hkv·dHead, MLA dLatent + dRope elements, times bytes and layers.
  throw new Error('TODO: mla-attention');
}
