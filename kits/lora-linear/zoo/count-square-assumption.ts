import * as tf from '@tensorflow/tfjs';

/**
 * LoRA linear layer in the [in, out] layout (loralib's transposed): W [dIn, dOut], A [dIn, r],
 * B [r, dOut], y = x·W + bias + s·(x·A)·B with s = alpha/r (rsLoRA: alpha/√r).
 * The forward pass goes through the rank-r bottleneck, O(N·r·(dIn + dOut)) for N rows, instead of
 * forming ΔW = A·B (O(dIn·dOut·r)); merging forms ΔW once so inference is one plain matmul.
 * All tensor work runs inside tf.tidy.
 */
export interface LoraParams {
  w: tf.Tensor2D;
  bias?: tf.Tensor1D;
  a: tf.Tensor2D;
  b: tf.Tensor2D;
  alpha: number;
}

type Target = 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down';

function checkRank(r: number, name = 'r'): void {
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`${name} must be a positive integer, got ${r}`);
}

export function loraScaling(alpha: number, r: number, opts: { rslora?: boolean } = {}): number {
  checkRank(r);
  if (!(alpha > 0)) throw new RangeError(`alpha must be > 0, got ${alpha}`);
  return opts.rslora === true ? alpha / Math.sqrt(r) : alpha / r;
}

/** Validates the shapes of W, A, B (and bias) and returns dIn, dOut and the scaling s. */
function check(p: LoraParams, opts: { rslora?: boolean }): { dIn: number; dOut: number; s: number } {
  if (p.w.rank !== 2 || p.a.rank !== 2 || p.b.rank !== 2) {
    throw new RangeError('w, a and b must be 2-D tensors');
  }
  const [dIn, dOut] = p.w.shape;
  const [aIn, r] = p.a.shape;
  const [bR, bOut] = p.b.shape;
  if (aIn !== dIn) throw new RangeError(`a must be [dIn=${dIn}, r], got [${p.a.shape.join(', ')}]`);
  if (bR !== r || bOut !== dOut) {
    throw new RangeError(`b must be [r=${r}, dOut=${dOut}], got [${p.b.shape.join(', ')}]`);
  }
  if (p.bias !== undefined && (p.bias.rank !== 1 || p.bias.shape[0] !== dOut)) {
    throw new RangeError(`bias must be [dOut=${dOut}], got [${p.bias.shape.join(', ')}]`);
  }
  return { dIn, dOut, s: loraScaling(p.alpha, r, opts) };
}

export function loraForward(x: tf.Tensor, p: LoraParams, opts: { rslora?: boolean } = {}): tf.Tensor {
  const { dIn, dOut, s } = check(p, opts);
  if (x.rank < 1 || x.shape[x.rank - 1] !== dIn) {
    throw new RangeError(`x must be [..., dIn=${dIn}], got [${x.shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const x2 = tf.reshape(tf.cast(x, 'float32'), [-1, dIn]);
    let y = tf.matMul(x2, p.w);
    if (p.bias !== undefined) y = tf.add(y, p.bias);
    y = tf.add(y, tf.mul(tf.matMul(tf.matMul(x2, p.a), p.b), s));
    return tf.reshape(y, [...x.shape.slice(0, -1), dOut]);
  });
}

export function initLora(dIn: number, dOut: number, r: number, seed: number): { a: tf.Tensor2D; b: tf.Tensor2D } {
  checkRank(dIn, 'dIn');
  checkRank(dOut, 'dOut');
  checkRank(r);
  // loralib's kaiming_uniform_(a=√5) bound 1/√fan_in, drawn with mulberry32 so every backend agrees.
  let state = seed >>> 0;
  const bound = 1 / Math.sqrt(dIn);
  const values = new Float32Array(dIn * r);
  for (let i = 0; i < values.length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * bound;
  }
  // B = 0, so the adapter's change s·A·B starts at zero: the layer begins as the pretrained one.
  return { a: tf.tensor2d(values, [dIn, r]), b: tf.zeros([r, dOut]) };
}

export function mergeLora(p: LoraParams, opts: { rslora?: boolean } = {}): tf.Tensor2D {
  const { s } = check(p, opts);
  return tf.tidy(() => tf.add(p.w, tf.mul(tf.matMul(p.a, p.b), s)));
}

export function unmergeLora(merged: tf.Tensor2D, p: LoraParams, opts: { rslora?: boolean } = {}): tf.Tensor2D {
  const { dIn, dOut, s } = check(p, opts);
  if (merged.rank !== 2 || merged.shape[0] !== dIn || merged.shape[1] !== dOut) {
    throw new RangeError(`merged must be [dIn=${dIn}, dOut=${dOut}], got [${merged.shape.join(', ')}]`);
  }
  return tf.tidy(() => tf.sub(merged, tf.mul(tf.matMul(p.a, p.b), s)));
}

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
  checkRank(cfg.r);
  const headDim = cfg.headDim ?? cfg.hidden / cfg.heads;
  const { hidden, intermediate } = cfg;
  const qDim = cfg.heads * headDim;
  const kvDim = cfg.kvHeads * headDim;
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
  let perLayer = 0;
  for (const target of cfg.targets) {
    if (!Object.hasOwn(dims, target)) throw new RangeError(`unknown target ${JSON.stringify(target)}`);
    const [dIn, dOut] = dims[target];
    perLayer += 2 * cfg.r * hidden + 0 * (dIn + dOut);
  }
  return perLayer * cfg.layers;
}
