import * as tf from '@tensorflow/tfjs';

export interface MlaWeights {
  wDkv: tf.Tensor2D;
  wUk: tf.Tensor2D;
  wUv: tf.Tensor2D;
  wKr: tf.Tensor2D;
  wQ: tf.Tensor2D;
  wO: tf.Tensor2D;
}

export interface MlaCache {
  cKv: tf.Tensor2D;
  kRope: tf.Tensor2D;
}

export interface MlaOptions {
  numHeads: number;
  dHead: number;
  dRope: number;
  ropeBase?: number;
  cache?: MlaCache;
}

export interface MlaResult {
  out: tf.Tensor2D;
  cache: MlaCache;
}

export type KvCacheSpec =
  | { kind: 'mha'; numHeads: number; dHead: number; bytesPerElement: number; numLayers: number }
  | { kind: 'gqa'; numHeads: number; numKvHeads: number; dHead: number; bytesPerElement: number; numLayers: number }
  | { kind: 'mla'; dLatent: number; dRope: number; bytesPerElement: number; numLayers: number };

interface Setup {
  t: number;
  past: number;
  heads: number;
  dHead: number;
  dRope: number;
  dLatent: number;
  base: number;
}

/**
 * Another way to write the layer. The naive form is HF transformers' DeepseekV2Attention: each
 * head's query is [q_C; q_R], each head's key is [k_C; k_R] with the one rope key tiled over the
 * heads, and a single product scores both parts. RoPE is x·cos + (x·R)·sin with R the [dRope,
 * dRope] matrix that maps each pair (a, b) to (−b, a), cos/sin tables filled by a loop.
 */
export function mlaAttention(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): MlaResult {
  const s = setup(h, w, options);
  return tf.tidy(() => {
    const { cKv, kRope } = extendCache(h, w, options.cache, s);
    const total = s.past + s.t;
    const q = tf.matMul(h, w.wQ).reshape([s.t, s.heads, s.dHead + s.dRope]);
    const qC = q.slice([0, 0, 0], [s.t, s.heads, s.dHead]);
    const qR = rotate(q.slice([0, 0, s.dHead], [s.t, s.heads, s.dRope]).transpose([1, 0, 2]), s.past, s.base);
    const query = tf.concat([qC.transpose([1, 0, 2]), qR], 2); // [H, T, dHead + dRope]
    const kC = tf.matMul(cKv, w.wUk).reshape([total, s.heads, s.dHead]).transpose([1, 0, 2]);
    const kR = tf.tile(kRope.expandDims(0), [s.heads, 1, 1]);
    const key = tf.concat([kC, kR], 2);
    const v = tf.matMul(cKv, w.wUv).reshape([total, s.heads, s.dHead]).transpose([1, 0, 2]);
    const scores = tf.matMul(query, key, false, true).div(Math.sqrt(s.dHead + s.dRope));
    const p = tf.softmax(scores.add(causalBias(s.t, s.past)));
    const merged = tf
      .matMul(p, v)
      .transpose([1, 0, 2])
      .reshape([s.t, s.heads * s.dHead]);
    return { out: tf.matMul(merged, w.wO) as tf.Tensor2D, cache: { cKv, kRope } };
  });
}

/**
 * The absorbed form with the weights folded ahead of the attention, head by head: W_Q,C,h·W_UK,hᵀ
 * [dModel, dLatent] turns h straight into a query against c_kv, and W_UV,h·W_O,h [dLatent, dModel]
 * takes the weighted sum of c_kv straight to the output, summed over heads.
 */
export function mlaAttentionAbsorbed(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): MlaResult {
  const s = setup(h, w, options);
  return tf.tidy(() => {
    const { cKv, kRope } = extendCache(h, w, options.cache, s);
    const bias = causalBias(s.t, s.past);
    const width = s.dHead + s.dRope;
    let out = tf.zeros([s.t, h.shape[1]]) as tf.Tensor2D;
    for (let head = 0; head < s.heads; head++) {
      const wqC = w.wQ.slice([0, head * width], [-1, s.dHead]);
      const wqR = w.wQ.slice([0, head * width + s.dHead], [-1, s.dRope]);
      const uk = w.wUk.slice([0, head * s.dHead], [-1, s.dHead]);
      const uv = w.wUv.slice([0, head * s.dHead], [-1, s.dHead]);
      const wo = w.wO.slice([head * s.dHead, 0], [s.dHead, -1]);
      const qLatent = tf.matMul(h, tf.matMul(wqC, uk, false, true)); // h · (W_Q,C,h · W_UK,hᵀ)
      const qR = rotate(tf.matMul(h, wqR), s.past, s.base);
      const scores = tf
        .matMul(qLatent, cKv, false, true)
        .add(tf.matMul(qR, kRope, false, true))
        .div(Math.sqrt(width));
      const p = tf.softmax(scores.add(bias));
      out = out.add(tf.matMul(tf.matMul(p, cKv), tf.matMul(uv, wo)));
    }
    return { out, cache: { cKv, kRope } };
  });
}

const STORED: Record<string, (s: Record<string, number>) => { keys: number; values: number }> = {
  mha: (s) => {
    const perHead = need(s, 'dHead');
    return { keys: need(s, 'numHeads') * perHead, values: need(s, 'numHeads') * perHead };
  },
  gqa: (s) => {
    const kvHeads = need(s, 'numKvHeads');
    if (need(s, 'numHeads') % kvHeads !== 0) throw new RangeError(`numKvHeads ${kvHeads} must divide numHeads`);
    return { keys: kvHeads * need(s, 'dHead'), values: kvHeads * need(s, 'dHead') };
  },
  mla: (s) => ({ keys: need(s, 'dLatent') + need(s, 'dRope'), values: 0 }),
};

/** Elements stored per token and layer (keys, values), times bytes and layers. */
export function kvCacheBytesPerToken(spec: KvCacheSpec): number {
  if (spec === null || typeof spec !== 'object') throw new TypeError('spec must be an object');
  const fields = spec as unknown as Record<string, number>;
  const layers = need(fields, 'numLayers');
  const bytes = fields.bytesPerElement;
  if (typeof bytes !== 'number') throw new TypeError('bytesPerElement must be a number');
  if (!Number.isFinite(bytes) || bytes <= 0) throw new RangeError('bytesPerElement must be finite and > 0');
  const kind = STORED[String(spec.kind)];
  if (!Object.hasOwn(STORED, String(spec.kind)) || kind === undefined) {
    throw new RangeError(`kind must be mha, gqa or mla, got ${String(spec.kind)}`);
  }
  const { keys, values } = kind(fields);
  return (keys + values) * bytes * layers;
}

function need(s: Record<string, unknown>, name: string): number {
  const value = s[name];
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** c_kv and the rotated rope key of the new tokens appended to the cache. */
function extendCache(h: tf.Tensor2D, w: MlaWeights, cache: MlaCache | undefined, s: Setup): MlaCache {
  const cNew = tf.matMul(h, w.wDkv) as tf.Tensor2D;
  const kNew = rotate(tf.matMul(h, w.wKr), s.past, s.base) as tf.Tensor2D;
  if (cache === undefined || s.past === 0) return { cKv: cNew, kRope: kNew };
  return { cKv: tf.concat([cache.cKv, cNew]) as tf.Tensor2D, kRope: tf.concat([cache.kRope, kNew]) as tf.Tensor2D };
}

/** Interleaved RoPE on [..., rows, d] at positions start …: x·cos + (x·R)·sin. */
function rotate(x: tf.Tensor, start: number, base: number): tf.Tensor {
  const rows = x.shape[x.rank - 2] as number;
  const d = x.shape[x.rank - 1] as number;
  const cos = new Float32Array(rows * d);
  const sin = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < d; f++) {
      const angle = (start + r) * base ** (-(f - (f % 2)) / d);
      cos[r * d + f] = Math.cos(angle);
      sin[r * d + f] = Math.sin(angle);
    }
  }
  const swap = new Float32Array(d * d);
  for (let i = 0; i < d; i += 2) {
    swap[i * d + i + 1] = 1; // (a, b)·R: a goes to the second slot …
    swap[(i + 1) * d + i] = -1; // … and −b to the first
  }
  const flat = x.reshape([-1, d]);
  const turned = tf.matMul(flat, tf.tensor2d(swap, [d, d])).reshape(x.shape);
  return x.mul(tf.tensor2d(cos, [rows, d])).add(turned.mul(tf.tensor2d(sin, [rows, d])));
}

/** [T, past + T]: 0 where slot j ≤ past + i, −Infinity after. */
function causalBias(t: number, past: number): tf.Tensor2D {
  const values = new Float32Array(t * (past + t));
  for (let i = 0; i < t; i++)
    values.fill(Number.NEGATIVE_INFINITY, i * (past + t) + past + i + 1, (i + 1) * (past + t));
  return tf.tensor2d(values, [t, past + t]);
}

function positive(name: string, value: unknown): number {
  return need({ [name]: value }, name);
}

function matrix(name: string, x: unknown, rows: number, cols: number): void {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
  if (x.shape.length !== 2 || x.shape[0] !== rows || x.shape[1] !== cols) {
    throw new RangeError(`${name} must have shape [${rows}, ${cols}], got [${x.shape}]`);
  }
}

function setup(h: tf.Tensor2D, w: MlaWeights, options: MlaOptions): Setup {
  if (!(h instanceof tf.Tensor)) throw new TypeError('h must be a tf.Tensor');
  if (h.shape.length !== 2 || (h.shape[0] as number) === 0) throw new RangeError('h must be [T, dModel] with T >= 1');
  const [t, dModel] = h.shape as [number, number];
  const heads = positive('numHeads', options.numHeads);
  const dHead = positive('dHead', options.dHead);
  const dRope = positive('dRope', options.dRope);
  if (dRope % 2 === 1) throw new RangeError('dRope must be even');
  const base = options.ropeBase === undefined ? 10000 : options.ropeBase;
  if (typeof base !== 'number') throw new TypeError('ropeBase must be a number');
  if (!Number.isFinite(base) || base <= 0) throw new RangeError('ropeBase must be finite and > 0');
  for (const name of ['wDkv', 'wUk', 'wUv', 'wKr', 'wQ', 'wO'] as const) {
    if (!(w[name] instanceof tf.Tensor)) throw new TypeError(`w.${name} must be a tf.Tensor`);
  }
  const dLatent = w.wDkv.rank === 2 ? (w.wDkv.shape[1] as number) : -1;
  if (dLatent < 1) throw new RangeError('w.wDkv must be [dModel, dLatent] with dLatent >= 1');
  matrix('w.wDkv', w.wDkv, dModel, dLatent);
  matrix('w.wUk', w.wUk, dLatent, heads * dHead);
  matrix('w.wUv', w.wUv, dLatent, heads * dHead);
  matrix('w.wKr', w.wKr, dModel, dRope);
  matrix('w.wQ', w.wQ, dModel, heads * (dHead + dRope));
  matrix('w.wO', w.wO, heads * dHead, dModel);
  const cache = options.cache;
  let past = 0;
  if (cache !== undefined) {
    if (cache === null || typeof cache !== 'object') throw new TypeError('cache must be an object');
    for (const part of ['cKv', 'kRope'] as const) {
      if (!(cache[part] instanceof tf.Tensor)) throw new TypeError(`cache.${part} must be a tf.Tensor`);
    }
    past = cache.kRope.shape[0] as number;
    matrix('cache.kRope', cache.kRope, past, dRope);
    matrix('cache.cKv', cache.cKv, past, dLatent);
  }
  return { t, past, heads, dHead, dRope, dLatent, base };
}
