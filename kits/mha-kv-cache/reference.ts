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

/**
 * Approach: project the T new tokens once, rotate q and k at their absolute positions L … L+T−1,
 * and build the new cache functionally as concat(old[0, L), new, old[L+T, Tmax)) along the slot
 * axis. Attention reads only slots [0, L+T) with a bottom-right causal mask (query i sees slot
 * j ≤ L + i), so whatever the unfilled slots hold (NaN included) never meets the arithmetic.
 * A decode step costs O(B·D² + B·H·(L+T)·T·Dh) plus an O(B·H·Tmax·Dh) copy for the new cache
 * tensors (the price of never modifying the input). Everything runs inside tf.tidy; only y and
 * the new cache tensors survive, and they belong to the caller.
 */
export function createKvCache(batch: number, nHeads: number, maxLen: number, headDim: number): KvCache {
  for (const [name, value] of Object.entries({ batch, nHeads, maxLen, headDim })) {
    positiveInteger(`createKvCache: ${name}`, value);
  }
  const shape: [number, number, number, number] = [batch, nHeads, maxLen, headDim];
  return { k: tf.zeros(shape), v: tf.zeros(shape), length: 0 };
}

export function mhaWithCache(
  x: tf.Tensor3D,
  w: MhaWeights,
  cache: KvCache,
  config: MhaConfig,
): { y: tf.Tensor3D; cache: KvCache } {
  const [b, t, dh] = checkInput('mhaWithCache', x, w, config);
  const [cb, ch, tmax, cdh] = tensorOfRank('mhaWithCache: cache.k', cache.k, 4) as Shape4;
  if (cb !== b || ch !== config.nHeads || cdh !== dh) {
    throw new RangeError(
      `mhaWithCache: cache.k must be [B = ${b}, nHeads = ${config.nHeads}, Tmax, Dh = ${dh}], got [${cache.k.shape}]`,
    );
  }
  const vShape = tensorOfRank('mhaWithCache: cache.v', cache.v, 4);
  if (vShape.some((size, axis) => size !== cache.k.shape[axis])) {
    throw new RangeError(`mhaWithCache: cache.v must have the shape of cache.k [${cache.k.shape}], got [${vShape}]`);
  }
  const start: unknown = cache.length;
  if (typeof start !== 'number') {
    throw new TypeError(`mhaWithCache: cache.length must be a number, got ${typeof start}`);
  }
  if (!Number.isInteger(start) || start < 0) {
    throw new RangeError(`mhaWithCache: cache.length must be an integer >= 0, got ${start}`);
  }
  if (start + t > tmax) {
    throw new RangeError(`mhaWithCache: cache.length ${start} + T ${t} must be at most Tmax = ${tmax}`);
  }
  return tf.tidy(() => {
    const { q, k, v } = projectHeads(x, w, config, start);
    const keys = writeSlots(cache.k, k, start);
    const values = writeSlots(cache.v, v, start);
    const seen = [start + t, tmax - start - t];
    const [visibleKeys] = tf.split(keys, seen, 2) as tf.Tensor4D[];
    const [visibleValues] = tf.split(values, seen, 2) as tf.Tensor4D[];
    const y = attend(q, visibleKeys as tf.Tensor4D, visibleValues as tf.Tensor4D, start, w.wo);
    return { y, cache: { k: keys, v: values, length: start + t } };
  });
}

export function mhaFull(x: tf.Tensor3D, w: MhaWeights, config: MhaConfig): tf.Tensor3D {
  checkInput('mhaFull', x, w, config);
  return tf.tidy(() => {
    const { q, k, v } = projectHeads(x, w, config, 0);
    return attend(q, k, v, 0, w.wo);
  });
}

/**
 * Validates x [B, T, D] with T >= 1, a whole number of heads dividing D, the four [D, D] weights,
 * and for RoPE an object with a finite positive base and an even Dh; returns [B, T, Dh]. A bad
 * argument is named here instead of failing deep inside the forward pass with a tfjs error.
 */
function checkInput(fn: string, x: tf.Tensor3D, w: MhaWeights, config: MhaConfig): [number, number, number] {
  const [b, t, d] = tensorOfRank(`${fn}: x`, x, 3) as [number, number, number];
  if (t === 0) throw new RangeError(`${fn}: x must hold at least one token (T >= 1), got T = 0`);
  const heads = positiveInteger(`${fn}: config.nHeads`, config.nHeads);
  if (d % heads !== 0) throw new RangeError(`${fn}: config.nHeads must divide D = ${d}, got ${heads}`);
  for (const name of ['wq', 'wk', 'wv', 'wo'] as const) {
    const [rows, cols] = tensorOfRank(`${fn}: w.${name}`, w[name], 2);
    if (rows !== d || cols !== d) {
      throw new RangeError(`${fn}: w.${name} must be [D, D] = [${d}, ${d}], got [${w[name].shape}]`);
    }
  }
  const dh = d / heads;
  const rope: unknown = config.rope;
  if (rope !== undefined) {
    if (typeof rope !== 'object' || rope === null) throw new TypeError(`${fn}: config.rope must be an object`);
    const base: unknown = (rope as { base?: unknown }).base;
    if (base !== undefined && typeof base !== 'number') {
      throw new TypeError(`${fn}: config.rope.base must be a number, got ${typeof base}`);
    }
    if (base !== undefined && !(Number.isFinite(base) && base > 0)) {
      throw new RangeError(`${fn}: config.rope.base must be finite and > 0, got ${base}`);
    }
    if (dh % 2 !== 0) throw new RangeError(`${fn}: RoPE needs an even head size Dh = D / nHeads, got ${dh}`);
  }
  return [b, t, dh];
}

type Shape4 = [number, number, number, number];

/** The shape of `value`, which must be a tf.Tensor (TypeError) of the given rank (RangeError). */
function tensorOfRank(name: string, value: unknown, rank: number): number[] {
  if (!(value instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof value}`);
  if (value.rank !== rank) throw new RangeError(`${name} must have rank ${rank}, got shape [${value.shape}]`);
  return value.shape;
}

/** A size or a count: a number (else TypeError) that is an integer >= 1 (else RangeError). */
function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

/** q, k, v as [B, H, T, Dh] (reshape by columns, then transpose); q and k rotated at start … start+T−1. */
function projectHeads(
  x: tf.Tensor3D,
  w: MhaWeights,
  config: MhaConfig,
  start: number,
): { q: tf.Tensor4D; k: tf.Tensor4D; v: tf.Tensor4D } {
  const [b, t, d] = x.shape;
  const h = config.nHeads;
  const rows = x.reshape([b * t, d]);
  const heads = (weight: tf.Tensor2D) =>
    tf
      .matMul(rows, weight)
      .reshape([b, t, h, d / h])
      .transpose([0, 2, 1, 3]) as tf.Tensor4D;
  const q = heads(w.wq);
  const k = heads(w.wk);
  if (config.rope === undefined) return { q, k, v: heads(w.wv) };
  const base = config.rope.base ?? 10000;
  return { q: rope(q, start, base), k: rope(k, start, base), v: heads(w.wv) };
}

/** Half-style RoPE on [B, H, T, Dh] at positions start … start+T−1: pair (i, i + Dh/2). */
function rope(x: tf.Tensor4D, start: number, base: number): tf.Tensor4D {
  const [, , t, dh] = x.shape;
  const half = dh / 2;
  // Angle of entry n of the [T, Dh/2] table: position start + ⌊n / half⌋, frequency n mod half.
  const angle = (n: number) => (start + Math.floor(n / half)) * base ** ((-2 * (n % half)) / dh);
  const cos = Float32Array.from({ length: t * half }, (_, n) => Math.cos(angle(n)));
  const sin = Float32Array.from({ length: t * half }, (_, n) => Math.sin(angle(n)));
  const c = tf.tensor2d(cos, [t, half]);
  const s = tf.tensor2d(sin, [t, half]);
  const [a, bb] = tf.split(x, 2, -1) as [tf.Tensor4D, tf.Tensor4D];
  return tf.concat([a.mul(c).sub(bb.mul(s)), bb.mul(c).add(a.mul(s))], -1);
}

/** old[:, :, 0:start], fresh, old[:, :, start+T:Tmax] along the slot axis: a new tensor. */
function writeSlots(old: tf.Tensor4D, fresh: tf.Tensor4D, start: number): tf.Tensor4D {
  const t = fresh.shape[2];
  const [head, , tail] = tf.split(old, [start, t, old.shape[2] - start - t], 2);
  return tf.concat([head as tf.Tensor4D, fresh, tail as tf.Tensor4D], 2);
}

/**
 * Attention of q [B, H, T, Dh] (absolute positions start …) over keys/values [B, H, S, Dh]
 * (S = start + T): query i sees slot j iff j <= start + i. Heads merged by columns, then @ wo.
 */
function attend(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, start: number, wo: tf.Tensor2D): tf.Tensor3D {
  const [b, h, t, dh] = q.shape;
  const s = k.shape[2];
  const queryPos = tf.range(start, start + t, 1, 'int32').reshape([t, 1]);
  const slot = tf.range(0, s, 1, 'int32').reshape([1, s]);
  // log 1 = 0 where query i may see slot j (j <= start + i), log 0 = −∞ elsewhere.
  const bias = tf.log(tf.cast(tf.lessEqual(slot, queryPos), 'float32'));
  const scores = tf
    .matMul(q, k, false, true)
    .mul(1 / Math.sqrt(dh))
    .add(bias);
  const merged = tf
    .matMul(tf.softmax(scores), v)
    .transpose([0, 2, 1, 3])
    .reshape([b * t, h * dh]);
  return tf.matMul(merged, wo).reshape([b, t, h * dh]) as tf.Tensor3D;
}
