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

/**
 * Grouped-query attention without materialising repeated keys: the G = Hq / Hkv query heads that
 * share kv head g are consecutive, so q reshapes to [B, Hkv, G·Tq, D] and one batched matMul per
 * step serves the whole group. The causal mask is a [Tq, Tk] additive 0 / −∞ table broadcast over
 * [B, Hkv, G, Tq, Tk]; tf.softmax subtracts the row maximum, so large scores cannot overflow.
 * O(B·Hq·Tq·Tk·D) time, O(B·Hq·Tq·Tk) extra memory for the scores.
 */
export function groupedQueryAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  options: AttentionOptions = {},
): tf.Tensor4D {
  const causal = options.causal ?? false;
  if (typeof causal !== 'boolean') throw new TypeError(`options.causal must be a boolean, got ${typeof causal}`);
  requireRank(q, 4, 'q');
  requireRank(k, 4, 'k');
  requireRank(v, 4, 'v');
  const [b, hq, tq, d] = q.shape;
  const [bk, hkv, tk, dk] = k.shape;
  if (!sameShape(k.shape, v.shape)) {
    throw new RangeError(`v must have the shape of k [${k.shape}], got [${v.shape}]`);
  }
  if (bk !== b) throw new RangeError(`k and v must have batch size ${b} like q, got ${bk}`);
  if (dk !== d) throw new RangeError(`k and v must have head size D = ${d} like q, got ${dk}`);
  if (hq % hkv !== 0) {
    throw new RangeError(`q's head count ${hq} must be a multiple of k's head count ${hkv}`);
  }
  if (causal && tq > tk) {
    throw new RangeError(`causal attention needs Tq <= Tk (bottom-right mask), got Tq = ${tq}, Tk = ${tk}`);
  }
  const group = hq / hkv;

  return tf.tidy(() => {
    const queries = q.reshape([b, hkv, group * tq, d]);
    const scores = tf
      .matMul(queries, k, false, true)
      .mul(1 / Math.sqrt(d))
      .reshape([b, hkv, group, tq, tk]);
    const masked = causal ? scores.add(causalBias(tq, tk)) : scores;
    const weights = tf.softmax(masked).reshape([b, hkv, group * tq, tk]);
    return tf.matMul(weights, v).reshape([b, hq, tq, d]) as tf.Tensor4D;
  });
}

/**
 * Self-attention with GQA projections: x·wq, x·wk, x·wv split into heads by columns
 * ([B, T, H·Dh] → [B, T, H, Dh] → transpose to [B, H, T, Dh]), attention, heads merged back the
 * same way, then ·wo. O(B·T·dModel·(H + Hkv)·Dh + B·H·T²·Dh) time.
 */
export function gqaSelfAttention(x: tf.Tensor3D, weights: GqaWeights, config: GqaConfig): tf.Tensor3D {
  requireRank(x, 3, 'x');
  const { wq, wk, wv, wo } = weights;
  const { nHeads, nKvHeads } = config;
  const causal = config.causal ?? false; // groupedQueryAttention checks that it is a boolean
  const [b, t, dModel] = x.shape;
  requireCount(nHeads, 'config.nHeads');
  requireCount(nKvHeads, 'config.nKvHeads');
  if (nHeads % nKvHeads !== 0) throw new RangeError(`config.nKvHeads = ${nKvHeads} must divide nHeads = ${nHeads}`);
  requireRank(wq, 2, 'weights.wq');
  const [wqRows, wqCols] = wq.shape;
  if (wqRows !== dModel || wqCols % nHeads !== 0 || wqCols === 0) {
    throw new RangeError(
      `weights.wq must be [dModel = ${dModel}, nHeads·Dh] with nHeads = ${nHeads}, got [${wq.shape}]`,
    );
  }
  const dh = wqCols / nHeads;
  expectShape(wk, [dModel, nKvHeads * dh], 'weights.wk');
  expectShape(wv, [dModel, nKvHeads * dh], 'weights.wv');
  expectShape(wo, [nHeads * dh, dModel], 'weights.wo');

  return tf.tidy(() => {
    const rows = x.reshape([b * t, dModel]);
    const heads = (w: tf.Tensor2D, h: number) =>
      tf.matMul(rows, w).reshape([b, t, h, dh]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
    const attended = groupedQueryAttention(heads(wq, nHeads), heads(wk, nKvHeads), heads(wv, nKvHeads), { causal });
    const merged = attended.transpose([0, 2, 1, 3]).reshape([b * t, nHeads * dh]);
    return tf.matMul(merged, wo).reshape([b, t, dModel]) as tf.Tensor3D;
  });
}

/** 0 where query i may see key j (j <= i + Tk − Tq), −∞ elsewhere. */
function causalBias(tq: number, tk: number): tf.Tensor2D {
  const offset = tk - tq;
  const queryPos = tf.range(0, tq, 1, 'int32').reshape([tq, 1]);
  const keyPos = tf.range(0, tk, 1, 'int32').reshape([1, tk]);
  const visible = tf.lessEqual(keyPos, queryPos.add(offset));
  return tf.where(visible, tf.zeros([tq, tk]), tf.fill([tq, tk], -Infinity)) as tf.Tensor2D;
}

/** A tf.Tensor of the given rank: a missing weight is a TypeError, a wrong rank a RangeError. */
function requireRank(tensor: tf.Tensor, rank: number, name: string): void {
  if (!(tensor instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof tensor}`);
  if (tensor.rank !== rank) throw new RangeError(`${name} must have rank ${rank}, got shape [${tensor.shape}]`);
}

/** A head count: a number (TypeError otherwise) that is a positive integer (RangeError otherwise). */
function requireCount(value: number, name: string): void {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

function expectShape(tensor: tf.Tensor, shape: readonly number[], name: string): void {
  if (!(tensor instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got a ${typeof tensor}`);
  if (!sameShape(tensor.shape, shape)) {
    throw new RangeError(`${name} must have shape [${shape}], got [${tensor.shape}]`);
  }
}
