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
 * Grouped-query attention as HuggingFace writes it: repeat every kv head G = Hq / Hkv times in
 * place (repeat_kv: kv heads 0, 0, 1, 1, … for G = 2), then plain multi-head attention. The
 * causal mask replaces hidden scores by −1e9 through tf.where (exp of it underflows to 0);
 * tf.softmax subtracts each row's maximum. O(B·Hq·Tq·Tk·D) time, O(B·Hq·Tk·D) extra memory for
 * the repeated keys and values, which the reshape-to-groups formulation avoids.
 */
export function groupedQueryAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  options: AttentionOptions = {},
): tf.Tensor4D {
  const causal = options.causal ?? false;
  if (causal !== true && causal !== false) throw new TypeError('options.causal must be true or false');
  for (const [name, t] of [
    ['q', q],
    ['k', k],
    ['v', v],
  ] as const) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
    if (t.rank !== 4) throw new RangeError(`${name} must be [B, H, T, D] (rank 4), got [${t.shape}]`);
  }
  const [b, hq, tq, d] = q.shape;
  const [bk, hkv, tk, dk] = k.shape;
  if (k.shape.some((n, i) => n !== v.shape[i])) {
    throw new RangeError(`v [${v.shape}] must have the shape of k [${k.shape}]`);
  }
  if (bk !== b || dk !== d) throw new RangeError(`k [${k.shape}] must share B and D with q [${q.shape}]`);
  if (hq % hkv !== 0) throw new RangeError(`q's ${hq} heads must be a multiple of k's ${hkv}`);
  if (causal && tq > tk) throw new RangeError(`causal needs Tq <= Tk, got Tq = ${tq}, Tk = ${tk}`);
  return tf.tidy(() => {
    const group = hq / hkv;
    const keys = repeatHeads(k, group);
    const values = repeatHeads(v, group);
    let scores = tf.matMul(q, keys, false, true).mul(1 / Math.sqrt(d));
    if (causal) {
      const queryPos = tf.range(0, tq).reshape([tq, 1]);
      const keyPos = tf.range(0, tk).reshape([1, tk]);
      const visible = tf.lessEqual(keyPos, queryPos.add(tk - tq)).broadcastTo(scores.shape);
      scores = tf.where(visible, scores, tf.fill(scores.shape, -1e9));
    }
    return tf.matMul(tf.softmax(scores), values) as tf.Tensor4D;
  });
}

/** repeat_kv: [B, Hkv, T, D] → [B, Hkv·G, T, D], each kv head repeated G times in place. */
function repeatHeads(t: tf.Tensor4D, group: number): tf.Tensor4D {
  const [b, h, len, d] = t.shape;
  return t
    .expandDims(2)
    .tile([1, 1, group, 1, 1])
    .reshape([b, h * group, len, d]) as tf.Tensor4D;
}

/**
 * Self-attention with the heads cut out one by one: head h of a projection is its column slice
 * h·Dh … (h+1)·Dh − 1, stacked on a new head axis into [B, H, T, Dh]; after attention the heads
 * are concatenated back along the features, then ·wo. A loop over heads only (no loop over
 * tokens): O(B·T·dModel·(H + Hkv)·Dh + B·H·T²·Dh) tensor work.
 */
export function gqaSelfAttention(x: tf.Tensor3D, weights: GqaWeights, config: GqaConfig): tf.Tensor3D {
  if (!(x instanceof tf.Tensor)) throw new TypeError('x must be a tf.Tensor');
  if (x.rank !== 3) throw new RangeError(`x must be [B, T, dModel] (rank 3), got [${x.shape}]`);
  const { wq, wk, wv, wo } = weights;
  for (const [name, w] of Object.entries({ wq, wk, wv, wo })) {
    if (!(w instanceof tf.Tensor)) throw new TypeError(`weights.${name} must be a tf.Tensor`);
    if (w.rank !== 2) throw new RangeError(`weights.${name} must be a matrix, got [${w.shape}]`);
  }
  const { nHeads, nKvHeads } = config;
  const causal = config.causal ?? false;
  if (causal !== true && causal !== false) throw new TypeError('config.causal must be true or false');
  for (const [name, n] of Object.entries({ nHeads, nKvHeads })) {
    if (typeof n !== 'number') throw new TypeError(`config.${name} must be a number`);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`config.${name} must be a positive integer, got ${n}`);
  }
  if (nHeads % nKvHeads !== 0) throw new RangeError(`config.nKvHeads = ${nKvHeads} must divide nHeads = ${nHeads}`);
  const [b, t, dModel] = x.shape;
  const dh = wq.shape[1] / nHeads;
  const same = (w: tf.Tensor2D, rows: number, cols: number) => w.shape[0] === rows && w.shape[1] === cols;
  if (!Number.isInteger(dh) || dh < 1 || !same(wq, dModel, nHeads * dh)) {
    throw new RangeError(
      `weights.wq [${wq.shape}] must be [dModel, nHeads·Dh] with dModel = ${dModel}, nHeads = ${nHeads}`,
    );
  }
  if (!same(wk, dModel, nKvHeads * dh) || !same(wv, dModel, nKvHeads * dh)) {
    throw new RangeError(`weights.wk and wv must be [${dModel}, ${nKvHeads * dh}], got [${wk.shape}], [${wv.shape}]`);
  }
  if (!same(wo, nHeads * dh, dModel)) {
    throw new RangeError(`weights.wo must be [${nHeads * dh}, ${dModel}], got [${wo.shape}]`);
  }
  return tf.tidy(() => {
    const rows = x.reshape([b * t, dModel]);
    const split = (w: tf.Tensor2D, h: number) => {
      const projected = tf.matMul(rows, w);
      const heads = Array.from({ length: h }, (_, i) => projected.slice([0, i * dh], [b * t, dh]).reshape([b, t, dh]));
      return tf.stack(heads, 1) as tf.Tensor4D;
    };
    const attended = groupedQueryAttention(split(wq, nHeads), split(wk, nKvHeads), split(wv, nKvHeads), { causal });
    const merged = tf.concat(tf.unstack(attended, 1), -1).reshape([b * t, nHeads * dh]);
    return tf.matMul(merged, wo).reshape([b, t, dModel]) as tf.Tensor3D;
  });
}
