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
 * Another way to write the same layer: the RoPE table is filled by a loop over positions and
 * frequencies, the cache is rebuilt from slices (old[0, L), new, old[L+T, Tmax)), and attention
 * takes an explicit slice of the visible slots [0, L+T) before the scores are formed, with the
 * causal mask as an additive bias of zeros and −∞ built with tf.where. Slicing first is what keeps
 * the unfilled slots, whatever they hold, out of the softmax and out of the weighted sum.
 */
export function createKvCache(batch: number, nHeads: number, maxLen: number, headDim: number): KvCache {
  const sizes = { batch, nHeads, maxLen, headDim };
  for (const [name, value] of Object.entries(sizes)) {
    if (typeof value !== 'number') throw new TypeError(`createKvCache: ${name} must be a number`);
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`createKvCache: ${name} must be a positive integer, got ${value}`);
    }
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
  const [b, t, , dh] = checkInput('mhaWithCache', x, w, config);
  for (const part of ['k', 'v'] as const) {
    if (!(cache[part] instanceof tf.Tensor)) throw new TypeError(`mhaWithCache: cache.${part} must be a tf.Tensor`);
    if (cache[part].rank !== 4) throw new RangeError(`mhaWithCache: cache.${part} must be [B, H, Tmax, Dh]`);
  }
  const start = cache.length;
  if (typeof start !== 'number') throw new TypeError('mhaWithCache: cache.length must be a number');
  const [cb, ch, tmax, cdh] = cache.k.shape;
  if (cb !== b || ch !== config.nHeads || cdh !== dh) {
    throw new RangeError(
      `mhaWithCache: cache.k must be [B = ${b}, nHeads = ${config.nHeads}, Tmax, Dh = ${dh}], got [${cache.k.shape}]`,
    );
  }
  if (!sameShape(cache.v.shape, cache.k.shape)) {
    throw new RangeError(
      `mhaWithCache: cache.v must have the shape of cache.k [${cache.k.shape}], got [${cache.v.shape}]`,
    );
  }
  if (!Number.isInteger(start) || start < 0 || start + t > tmax) {
    throw new RangeError(`mhaWithCache: cache.length ${start} + T ${t} must be at most Tmax = ${tmax}`);
  }
  return tf.tidy(() => {
    const { q, k, v } = projectHeads(x, w, config, start);
    const keys = writeSlots(cache.k, k, start);
    const values = writeSlots(cache.v, v, start);
    const visible = [b, config.nHeads, start + t, dh];
    const y = attend(q, keys.slice([0, 0, 0, 0], visible), values.slice([0, 0, 0, 0], visible), start, w.wo);
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

/** Validates x [B, T, D], nHeads | D and the [D, D] weights; returns [B, T, D, Dh]. */
function checkInput(fn: string, x: tf.Tensor3D, w: MhaWeights, config: MhaConfig): [number, number, number, number] {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`${fn}: x must be a tf.Tensor`);
  if (x.rank !== 3) throw new RangeError(`${fn}: x must have rank 3 [B, T, D], got shape [${x.shape}]`);
  const [b, t, d] = x.shape;
  if (t === 0) throw new RangeError(`${fn}: x must hold at least one token (T >= 1), got T = 0`);
  const { nHeads } = config;
  if (typeof nHeads !== 'number') throw new TypeError(`${fn}: config.nHeads must be a number`);
  if (!Number.isInteger(nHeads) || nHeads < 1 || d % nHeads !== 0) {
    throw new RangeError(`${fn}: config.nHeads must be a positive divisor of D = ${d}, got ${nHeads}`);
  }
  for (const name of ['wq', 'wk', 'wv', 'wo'] as const) {
    if (!(w[name] instanceof tf.Tensor)) throw new TypeError(`${fn}: w.${name} must be a tf.Tensor`);
    if (!sameShape(w[name].shape, [d, d])) {
      throw new RangeError(`${fn}: w.${name} must be [D, D] = [${d}, ${d}], got [${w[name].shape}]`);
    }
  }
  const dh = d / nHeads;
  if (config.rope !== undefined) {
    if (typeof config.rope !== 'object' || config.rope === null)
      throw new TypeError(`${fn}: config.rope must be an object`);
    const { base } = config.rope;
    if (base !== undefined && typeof base !== 'number') throw new TypeError(`${fn}: config.rope.base must be a number`);
    if (base !== undefined && !(base > 0 && base < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`${fn}: config.rope.base must be a finite positive number, got ${base}`);
    }
    if (dh % 2 !== 0) throw new RangeError(`${fn}: RoPE needs an even head size Dh, got ${dh}`);
  }
  return [b, t, d, dh];
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
  const cos = new Float32Array(t * half);
  const sin = new Float32Array(t * half);
  for (let p = 0; p < t; p++) {
    for (let i = 0; i < half; i++) {
      const theta = (start + p) * base ** ((-2 * i) / dh);
      cos[p * half + i] = Math.cos(theta);
      sin[p * half + i] = Math.sin(theta);
    }
  }
  const c = tf.tensor2d(cos, [t, half]);
  const s = tf.tensor2d(sin, [t, half]);
  const [a, bb] = tf.split(x, 2, -1) as [tf.Tensor4D, tf.Tensor4D];
  return tf.concat([a.mul(c).sub(bb.mul(s)), bb.mul(c).add(a.mul(s))], -1);
}

/** old[:, :, 0:start], fresh, old[:, :, start+T:Tmax] along the slot axis: a new tensor. */
function writeSlots(old: tf.Tensor4D, fresh: tf.Tensor4D, start: number): tf.Tensor4D {
  const [b, h, tmax, dh] = old.shape;
  const end = start + fresh.shape[2];
  const parts = [old.slice([0, 0, 0, 0], [b, h, start, dh]), fresh, old.slice([0, 0, end, 0], [b, h, tmax - end, dh])];
  return tf.concat(parts, 2);
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
  const bias = tf.where(tf.lessEqual(slot, queryPos), tf.zeros([t, s]), tf.fill([t, s], -Infinity));
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

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
