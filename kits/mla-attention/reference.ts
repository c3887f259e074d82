import * as tf from '@tensorflow/tfjs';

/** Plain [in, out] matrices: a row vector times the matrix (x @ W), no biases. */
export interface MlaWeights {
  /** [dModel, dLatent]: h → c_kv, the latent that is cached (DeepSeek-V2's W^DKV). */
  wDkv: tf.Tensor2D;
  /** [dLatent, H·dHead]: c_kv → the content keys k_C; head h is columns h·dHead … (h+1)·dHead − 1. */
  wUk: tf.Tensor2D;
  /** [dLatent, H·dHead]: c_kv → the values, head h as in wUk. */
  wUv: tf.Tensor2D;
  /** [dModel, dRope]: h → the rope key before rotation, one for all heads (W^KR). */
  wKr: tf.Tensor2D;
  /** [dModel, H·(dHead + dRope)]: head h is columns h·(dHead+dRope) …; its first dHead are q_C, its last dRope q_R. */
  wQ: tf.Tensor2D;
  /** [H·dHead, dModel]: the heads' outputs, head h in columns h·dHead …, back to dModel. */
  wO: tf.Tensor2D;
}

/** What MLA caches per token: the latent [Tpast, dLatent] and the rotated rope key [Tpast, dRope]. */
export interface MlaCache {
  cKv: tf.Tensor2D;
  kRope: tf.Tensor2D;
}

export interface MlaOptions {
  numHeads: number;
  dHead: number;
  /** Even: RoPE rotates the pairs (2i, 2i + 1). */
  dRope: number;
  /** Default 10000. */
  ropeBase?: number;
  /** Tokens 0 … Tpast − 1, already seen; the new tokens sit at positions Tpast … Tpast + T − 1. */
  cache?: MlaCache;
}

export interface MlaResult {
  /** [T, dModel]: the new tokens only. */
  out: tf.Tensor2D;
  /** [Tpast + T, …]: the past entries, then the new ones. */
  cache: MlaCache;
}

export type KvCacheSpec =
  | { kind: 'mha'; numHeads: number; dHead: number; bytesPerElement: number; numLayers: number }
  | { kind: 'gqa'; numHeads: number; numKvHeads: number; dHead: number; bytesPerElement: number; numLayers: number }
  | { kind: 'mla'; dLatent: number; dRope: number; bytesPerElement: number; numLayers: number };

/** The sizes a call works with, once its arguments are checked. */
interface Sizes {
  t: number;
  past: number;
  heads: number;
  dHead: number;
  dRope: number;
  dLatent: number;
  base: number;
}

/**
 * Multi-head latent attention, the naive form (DeepSeek-V2 §2.1): per-head content keys and
 * values are up-projected from the whole latent cache, and a head's score is the sum of the
 * content part q_C·k_C and the rope part q_R·k_R (k_R shared by every head), over √(dHead + dRope).
 */
export function mlaAttention(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): MlaResult {
  const s = checkArgs(h, w, options);
  return tf.tidy(() => {
    const { qNope, qRope, cKv, kRope } = project(h, w, options.cache, s);
    const total = s.past + s.t;
    const kNope = splitHeads(tf.matMul(cKv, w.wUk), s.heads, s.dHead);
    const v = splitHeads(tf.matMul(cKv, w.wUv), s.heads, s.dHead);
    const content = tf.matMul(qNope, kNope, false, true);
    const probs = attentionWeights(content, qRope, kRope, s, total);
    const out = tf.matMul(mergeHeads(tf.matMul(probs, v)), w.wO) as tf.Tensor2D;
    return { out, cache: { cKv, kRope } };
  });
}

/**
 * The same layer with W_UK absorbed into the query and W_UV applied after the weighted sum
 * (DeepSeek's inference code, vLLM's MLA backend): q_C·(c W_UK,h)ᵀ = (q_C W_UK,hᵀ)·c, so each
 * head scores the latent cache directly, and Σ p·(c W_UV,h) = (Σ p·c) W_UV,h. No per-head key or
 * value of a cached token is ever formed.
 */
export function mlaAttentionAbsorbed(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): MlaResult {
  const s = checkArgs(h, w, options);
  return tf.tidy(() => {
    const { qNope, qRope, cKv, kRope } = project(h, w, options.cache, s);
    const total = s.past + s.t;
    // wUk [dLatent, H·dHead] → per head W_UK,hᵀ [H, dHead, dLatent]
    const ukT = w.wUk.reshape([s.dLatent, s.heads, s.dHead]).transpose([1, 2, 0]);
    const qLatent = tf.matMul(qNope, ukT); // [H, T, dLatent]
    const content = tf.matMul(qLatent.reshape([s.heads * s.t, s.dLatent]), cKv, false, true);
    const probs = attentionWeights(content.reshape([s.heads, s.t, total]), qRope, kRope, s, total);
    const context = tf.matMul(probs.reshape([s.heads * s.t, total]), cKv).reshape([s.heads, s.t, s.dLatent]);
    const uv = w.wUv.reshape([s.dLatent, s.heads, s.dHead]).transpose([1, 0, 2]); // [H, dLatent, dHead]
    const out = tf.matMul(mergeHeads(tf.matMul(context, uv)), w.wO) as tf.Tensor2D;
    return { out, cache: { cKv, kRope } };
  });
}

/**
 * KV-cache bytes one token costs over all layers: MHA caches K and V for every head, GQA for
 * every kv head, MLA only c_kv and the shared rope key (DeepSeek-V2 Table 1).
 */
export function kvCacheBytesPerToken(spec: KvCacheSpec): number {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('spec must be an object');
  const bytes = spec.bytesPerElement;
  if (typeof bytes !== 'number') throw new TypeError(`spec.bytesPerElement must be a number, got ${typeof bytes}`);
  if (!(bytes > 0 && bytes < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`spec.bytesPerElement must be a finite number > 0, got ${bytes}`);
  }
  const layers = count('spec.numLayers', spec.numLayers);
  switch (spec.kind) {
    case 'mha':
      return 2 * count('spec.numHeads', spec.numHeads) * count('spec.dHead', spec.dHead) * bytes * layers;
    case 'gqa': {
      const heads = count('spec.numHeads', spec.numHeads);
      const kvHeads = count('spec.numKvHeads', spec.numKvHeads);
      if (heads % kvHeads !== 0) {
        throw new RangeError(`spec.numKvHeads ${kvHeads} must divide spec.numHeads ${heads}`);
      }
      return 2 * kvHeads * count('spec.dHead', spec.dHead) * bytes * layers;
    }
    case 'mla':
      return (count('spec.dLatent', spec.dLatent) + count('spec.dRope', spec.dRope)) * bytes * layers;
    default:
      throw new RangeError(`spec.kind must be 'mha', 'gqa' or 'mla', got ${String((spec as { kind: unknown }).kind)}`);
  }
}

/** q_C [H, T, dHead], rotated q_R [H, T, dRope], and the whole cache (past, then new) of c_kv and rotated k_R. */
function project(
  h: tf.Tensor2D,
  w: MlaWeights,
  cache: MlaCache | undefined,
  s: Sizes,
): { qNope: tf.Tensor3D; qRope: tf.Tensor3D; cKv: tf.Tensor2D; kRope: tf.Tensor2D } {
  const q = tf
    .matMul(h, w.wQ)
    .reshape([s.t, s.heads, s.dHead + s.dRope])
    .transpose([1, 0, 2]) as tf.Tensor3D;
  const [qNope, qRopeRaw] = tf.split(q, [s.dHead, s.dRope], 2) as [tf.Tensor3D, tf.Tensor3D];
  const cNew = tf.matMul(h, w.wDkv) as tf.Tensor2D;
  const kNew = rope(tf.matMul(h, w.wKr), s.past, s.base) as tf.Tensor2D;
  const qRope = rope(qRopeRaw, s.past, s.base) as tf.Tensor3D;
  if (cache === undefined) return { qNope, qRope, cKv: cNew, kRope: kNew };
  return {
    qNope,
    qRope,
    cKv: tf.concat([cache.cKv, cNew], 0) as tf.Tensor2D,
    kRope: tf.concat([cache.kRope, kNew], 0) as tf.Tensor2D,
  };
}

/**
 * Interleaved RoPE (HF DeepseekV2's apply_rotary_emb, view_as_complex): pair i is features
 * (2i, 2i + 1), turned by (start + row) · base^(−2i/dRope). x is [..., rows, dRope].
 */
function rope(x: tf.Tensor, start: number, base: number): tf.Tensor {
  const shape = x.shape;
  const rows = shape[shape.length - 2] as number;
  const d = shape[shape.length - 1] as number;
  const invFreq = tf.pow(base, tf.range(0, d, 2).div(-d)).reshape([1, d / 2]);
  const angles = tf
    .range(start, start + rows)
    .reshape([rows, 1])
    .mul(invFreq);
  const cos = angles.cos().expandDims(-1);
  const sin = angles.sin().expandDims(-1);
  const pairs = x.reshape([...shape.slice(0, -1), d / 2, 2]);
  const [a, b] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];
  return tf.concat([a.mul(cos).sub(b.mul(sin)), b.mul(cos).add(a.mul(sin))], -1).reshape(shape);
}

/** softmax over the visible slots of (content + q_R·k_Rᵀ) / √(dHead + dRope); query i sees j ≤ past + i. */
function attentionWeights(content: tf.Tensor, qRope: tf.Tensor3D, kRope: tf.Tensor2D, s: Sizes, total: number) {
  // one rope key per token, shared by all heads: a single [H·T, dRope] × [dRope, S] product
  const ropeScores = tf.matMul(qRope.reshape([s.heads * s.t, s.dRope]), kRope, false, true);
  const scores = content.add(ropeScores.reshape([s.heads, s.t, total])).mul(1 / Math.sqrt(s.dHead + s.dRope));
  const query = tf.range(s.past, s.past + s.t, 1, 'int32').reshape([s.t, 1]);
  const slot = tf.range(0, total, 1, 'int32').reshape([1, total]);
  const bias = tf.where(tf.lessEqual(slot, query), tf.scalar(0), tf.scalar(-Infinity)); // broadcast to [T, S]
  return tf.softmax(scores.add(bias)) as tf.Tensor3D;
}

/** [S, H·dHead] → [H, S, dHead]: head h is columns h·dHead … */
function splitHeads(x: tf.Tensor, heads: number, dHead: number): tf.Tensor3D {
  const rows = x.shape[0] as number;
  return x.reshape([rows, heads, dHead]).transpose([1, 0, 2]) as tf.Tensor3D;
}

/** [H, T, dHead] → [T, H·dHead], the inverse of splitHeads. */
function mergeHeads(x: tf.Tensor): tf.Tensor2D {
  const [heads, t, dHead] = x.shape as [number, number, number];
  return x.transpose([1, 0, 2]).reshape([t, heads * dHead]) as tf.Tensor2D;
}

function count(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

function checkShape(name: string, t: unknown, rows: number, cols: number): void {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
  if (t.rank !== 2 || t.shape[0] !== rows || t.shape[1] !== cols) {
    throw new RangeError(`${name} must be [${rows}, ${cols}], got [${t.shape}]`);
  }
}

function checkArgs(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): Sizes {
  if (!(h instanceof tf.Tensor)) throw new TypeError('h must be a tf.Tensor');
  if (h.rank !== 2) throw new RangeError(`h must be [T, dModel] (rank 2), got [${h.shape}]`);
  const [t, dModel] = h.shape;
  if (t < 1) throw new RangeError('h must hold at least one token (T >= 1)');
  const heads = count('options.numHeads', options.numHeads);
  const dHead = count('options.dHead', options.dHead);
  const dRope = count('options.dRope', options.dRope);
  if (dRope % 2 !== 0) throw new RangeError(`options.dRope must be even (RoPE rotates pairs), got ${dRope}`);
  const base = options.ropeBase ?? 10000;
  if (typeof base !== 'number') throw new TypeError(`options.ropeBase must be a number, got ${typeof base}`);
  if (!(base > 0 && base < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`options.ropeBase must be a finite number > 0, got ${base}`);
  }
  if (!(w.wDkv instanceof tf.Tensor)) throw new TypeError('w.wDkv must be a tf.Tensor');
  const dLatent = w.wDkv.shape[1] ?? 0;
  checkShape('w.wDkv', w.wDkv, dModel, Math.max(dLatent, 1));
  checkShape('w.wUk', w.wUk, dLatent, heads * dHead);
  checkShape('w.wUv', w.wUv, dLatent, heads * dHead);
  checkShape('w.wKr', w.wKr, dModel, dRope);
  checkShape('w.wQ', w.wQ, dModel, heads * (dHead + dRope));
  checkShape('w.wO', w.wO, heads * dHead, dModel);
  let past = 0;
  const { cache } = options;
  if (cache !== undefined) {
    if (typeof cache !== 'object' || cache === null) throw new TypeError('options.cache must be an object');
    if (!(cache.cKv instanceof tf.Tensor)) throw new TypeError('options.cache.cKv must be a tf.Tensor');
    past = cache.cKv.shape[0] ?? 0;
    checkShape('options.cache.cKv', cache.cKv, past, dLatent);
    checkShape('options.cache.kRope', cache.kRope, past, dRope);
  }
  return { t, past, heads, dHead, dRope, dLatent, base };
}
