import * as tf from '@tensorflow/tfjs';

/**
 * LoRA linear layer in the [in, out] layout (loralib's transposed): W [dIn, dOut], A [dIn, r],
 * B [r, dOut], y = x·W + bias + s·(x·A)·B with s = alpha/r (rsLoRA: alpha/√r).
 * The forward pass goes through the rank-r bottleneck, O(N·r·(dIn + dOut)) for N rows, instead of
 * forming ΔW = A·B (O(dIn·dOut·r)); merging forms ΔW once so inference is one plain matmul.
 * Every argument is checked before any tensor work (TypeError for a wrong type, a missing field or
 * an unknown option; RangeError for a bad value or shape), and all tensor work runs inside tf.tidy,
 * with no JavaScript loop over elements.
 */
export interface LoraParams {
  w: tf.Tensor2D;
  bias?: tf.Tensor1D;
  a: tf.Tensor2D;
  b: tf.Tensor2D;
  alpha: number;
}

type Target = 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down';
type Opts = { rslora?: boolean };

/** A positive integer: TypeError if not a number at all, RangeError for 0, −2, 2.5, NaN, Infinity. */
function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** The options object: undefined, or an object whose only key is `rslora`, a boolean. */
function rsloraOf(opts: unknown): boolean {
  if (opts === undefined) return false;
  if (typeof opts !== 'object' || opts === null) throw new TypeError('opts must be an object like { rslora: true }');
  for (const key of Object.keys(opts)) {
    if (key !== 'rslora') throw new TypeError(`opts: unknown option ${JSON.stringify(key)} (the only one is rslora)`);
  }
  const { rslora } = opts as Opts;
  if (rslora !== undefined && typeof rslora !== 'boolean') throw new TypeError('opts.rslora must be a boolean');
  return rslora === true;
}

export function loraScaling(alpha: number, r: number, opts?: Opts): number {
  if (typeof alpha !== 'number') throw new TypeError(`alpha must be a number, got ${typeof alpha}`);
  if (!(alpha > 0 && alpha < Infinity)) throw new RangeError(`alpha must be finite and > 0, got ${alpha}`);
  positiveInt('r', r);
  return rsloraOf(opts) ? alpha / Math.sqrt(r) : alpha / r;
}

/** A float32 tf.Tensor of the given rank. */
function tensor(name: string, t: unknown, rank: number): tf.Tensor {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
  if (t.dtype !== 'float32') throw new TypeError(`${name} must be float32, got ${t.dtype}`);
  if (t.rank !== rank) throw new RangeError(`${name} must have rank ${rank}, got [${t.shape.join(', ')}]`);
  return t;
}

/**
 * Validates that A is [dIn, r] and B is [r, dOut] for W [dIn, dOut] (and bias [dOut]); returns dIn,
 * dOut and s. A `p` that is null or not an object fails at `p.w` with the TypeError JavaScript throws.
 */
function check(p: LoraParams, opts: Opts | undefined): { dIn: number; dOut: number; s: number } {
  const [dIn, dOut] = tensor('w', p.w, 2).shape as [number, number];
  const [aIn, r] = tensor('a', p.a, 2).shape as [number, number];
  const [bR, bOut] = tensor('b', p.b, 2).shape as [number, number];
  if (aIn !== dIn) throw new RangeError(`a must be [dIn=${dIn}, r], got [${p.a.shape.join(', ')}]`);
  if (bR !== r || bOut !== dOut) {
    throw new RangeError(`b must be [r=${r}, dOut=${dOut}], got [${p.b.shape.join(', ')}]`);
  }
  if (p.bias !== undefined && tensor('bias', p.bias, 1).shape[0] !== dOut) {
    throw new RangeError(`bias must be [dOut=${dOut}], got [${p.bias.shape.join(', ')}]`);
  }
  return { dIn, dOut, s: loraScaling(p.alpha, r, opts) };
}

export function loraForward(x: tf.Tensor, p: LoraParams, opts?: Opts): tf.Tensor {
  const { dIn, dOut, s } = check(p, opts);
  if (!(x instanceof tf.Tensor)) throw new TypeError('x must be a tf.Tensor');
  if (x.dtype !== 'float32') throw new TypeError(`x must be float32, got ${x.dtype}`);
  if (x.shape[x.rank - 1] !== dIn) {
    throw new RangeError(`x must be [..., dIn=${dIn}], got [${x.shape.join(', ')}]`); // rank 0 too: shape[-1] is undefined
  }
  return tf.tidy(() => {
    const x2 = tf.reshape(x, [-1, dIn]);
    let y = tf.matMul(x2, p.w);
    if (p.bias !== undefined) y = tf.add(y, p.bias);
    y = tf.add(y, tf.mul(tf.matMul(tf.matMul(x2, p.a), p.b), s));
    return tf.reshape(y, [...x.shape.slice(0, -1), dOut]);
  });
}

export function initLora(dIn: number, dOut: number, r: number, seed: number): { a: tf.Tensor2D; b: tf.Tensor2D } {
  positiveInt('dIn', dIn);
  positiveInt('dOut', dOut);
  positiveInt('r', r);
  if (typeof seed !== 'number') throw new TypeError(`seed must be a number, got ${typeof seed}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  // The paper's Gaussian A (std 0.02 here); tfjs draws seeded normals on the CPU, so backends agree.
  // B = 0, so the adapter's change s·A·B starts at zero: the layer begins as the pretrained one.
  return { a: tf.randomNormal([dIn, r], 0, 0.02, 'float32', seed), b: tf.zeros([r, dOut]) };
}

export function mergeLora(p: LoraParams, opts?: Opts): tf.Tensor2D {
  const { s } = check(p, opts);
  return tf.tidy(() => tf.add(p.w, tf.mul(tf.matMul(p.a, p.b), s)));
}

export function unmergeLora(merged: tf.Tensor2D, p: LoraParams, opts?: Opts): tf.Tensor2D {
  const { dIn, dOut, s } = check(p, opts);
  if (tensor('merged', merged, 2).shape[0] !== dIn || merged.shape[1] !== dOut) {
    throw new RangeError(`merged must be [dIn=${dIn}, dOut=${dOut}], got [${merged.shape.join(', ')}]`);
  }
  return tf.tidy(() => tf.sub(merged, tf.mul(tf.matMul(p.a, p.b), s)));
}

const TARGETS: readonly Target[] = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];

export function loraParamCount(cfg: {
  hidden: number;
  intermediate: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim?: number;
  r: number;
  targets: Array<Target>;
}): number {
  const hidden = positiveInt('hidden', cfg.hidden);
  const intermediate = positiveInt('intermediate', cfg.intermediate);
  const layers = positiveInt('layers', cfg.layers);
  const heads = positiveInt('heads', cfg.heads);
  const kvHeads = positiveInt('kvHeads', cfg.kvHeads);
  const r = positiveInt('r', cfg.r);
  if (cfg.headDim === undefined && hidden % heads !== 0) {
    throw new RangeError(`hidden (${hidden}) must be a multiple of heads (${heads}) when headDim is omitted`);
  }
  const headDim = cfg.headDim === undefined ? hidden / heads : positiveInt('headDim', cfg.headDim);
  if (!Array.isArray(cfg.targets)) throw new TypeError('targets must be an array of projection names');
  const qDim = heads * headDim;
  const kvDim = kvHeads * headDim;
  // [dIn, dOut] of each adaptable projection; r·(dIn + dOut) trainable parameters each.
  const dims: Record<Target, [number, number]> = {
    q: [hidden, qDim],
    k: [hidden, kvDim],
    v: [hidden, kvDim],
    o: [qDim, hidden],
    gate: [hidden, intermediate],
    up: [hidden, intermediate],
    down: [intermediate, hidden],
  };
  const seen = new Set<string>();
  let perLayer = 0;
  for (const target of cfg.targets) {
    if (!TARGETS.includes(target)) throw new RangeError(`unknown target ${JSON.stringify(target)}`);
    if (seen.has(target)) throw new RangeError(`target ${JSON.stringify(target)} is listed twice`);
    seen.add(target);
    const [dIn, dOut] = dims[target];
    perLayer += r * (dIn + dOut);
  }
  return perLayer * layers;
}
