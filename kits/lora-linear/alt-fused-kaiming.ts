import * as tf from '@tensorflow/tfjs';

/**
 * Another way: one fused matmul for the forward pass and loralib's initialisation.
 * x·W and x·A share their left operand, so x is multiplied once by [W | A] ([dIn, dOut + r], the
 * trick fused QKV projections use) and the result is split into x·W and x·A; the rank-r bottleneck
 * then goes through B. A is drawn like loralib's kaiming_uniform_(a=√5): uniform in ±1/√dIn, from
 * mulberry32 in JavaScript, so every backend gets the same numbers. The parameter count adds the
 * A and B sizes of each target from a table of projection shapes.
 */
export interface LoraParams {
  w: tf.Tensor2D;
  bias?: tf.Tensor1D;
  a: tf.Tensor2D;
  b: tf.Tensor2D;
  alpha: number;
}

type Target = 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down';

function checkRank(r: unknown, name = 'r'): number {
  if (typeof r !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`${name} must be a positive integer, got ${r}`);
  return r;
}

function useRslora(opts: unknown): boolean {
  if (opts === undefined) return false;
  if (typeof opts !== 'object' || opts === null) throw new TypeError('opts must be an object');
  const keys = Object.keys(opts);
  if (keys.some((k) => k !== 'rslora')) throw new TypeError(`unknown option in ${JSON.stringify(keys)}`);
  const flag: unknown = (opts as { rslora?: unknown }).rslora;
  if (flag !== undefined && flag !== true && flag !== false) throw new TypeError('rslora must be true or false');
  return flag === true;
}

export function loraScaling(alpha: number, r: number, opts?: { rslora?: boolean }): number {
  checkRank(r);
  if (typeof alpha !== 'number') throw new TypeError('alpha must be a number');
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`alpha must be > 0 and finite, got ${alpha}`);
  return useRslora(opts) ? alpha / Math.sqrt(r) : alpha / r;
}

function isFloat32(t: unknown, rank: number, name: string): t is tf.Tensor {
  if (!(t instanceof tf.Tensor) || t.dtype !== 'float32') throw new TypeError(`${name} must be a float32 tf.Tensor`);
  if (t.rank !== rank) throw new RangeError(`${name} must be ${rank}-D, got [${t.shape}]`);
  return true;
}

/** Validates the shapes of W, A, B (and bias) and returns dIn, dOut and the scaling s. */
function check(p: LoraParams, opts: { rslora?: boolean } | undefined): { dIn: number; dOut: number; s: number } {
  if (p === null || typeof p !== 'object') throw new TypeError('p must be { w, bias?, a, b, alpha }');
  isFloat32(p.w, 2, 'w');
  isFloat32(p.a, 2, 'a');
  isFloat32(p.b, 2, 'b');
  const [dIn, dOut] = p.w.shape;
  const [aIn, r] = p.a.shape;
  const [bR, bOut] = p.b.shape;
  if (aIn !== dIn) throw new RangeError(`a must be [dIn=${dIn}, r], got [${p.a.shape.join(', ')}]`);
  if (bR !== r || bOut !== dOut) {
    throw new RangeError(`b must be [r=${r}, dOut=${dOut}], got [${p.b.shape.join(', ')}]`);
  }
  if (p.bias !== undefined && isFloat32(p.bias, 1, 'bias') && p.bias.shape[0] !== dOut) {
    throw new RangeError(`bias must be [dOut=${dOut}], got [${p.bias.shape.join(', ')}]`);
  }
  return { dIn, dOut, s: loraScaling(p.alpha, r, opts) };
}

export function loraForward(x: tf.Tensor, p: LoraParams, opts?: { rslora?: boolean }): tf.Tensor {
  const { dIn, dOut, s } = check(p, opts);
  if (!(x instanceof tf.Tensor) || x.dtype !== 'float32') throw new TypeError('x must be a float32 tf.Tensor');
  if (x.rank < 1 || x.shape[x.rank - 1] !== dIn) {
    throw new RangeError(`x must be [..., dIn=${dIn}], got [${x.shape.join(', ')}]`);
  }
  const r = p.a.shape[1];
  return tf.tidy(() => {
    const rows = tf.reshape(x, [-1, dIn]);
    const both = tf.matMul(rows, tf.concat([p.w, p.a], 1)); // [N, dOut + r] = [x·W | x·A]
    const [xw, xa] = tf.split(both, [dOut, r], 1) as [tf.Tensor2D, tf.Tensor2D];
    const delta = tf.mul(tf.matMul(xa, p.b), s);
    const y = p.bias === undefined ? tf.add(xw, delta) : tf.add(tf.add(xw, p.bias), delta);
    return tf.reshape(y, [...x.shape.slice(0, -1), dOut]);
  });
}

export function initLora(dIn: number, dOut: number, r: number, seed: number): { a: tf.Tensor2D; b: tf.Tensor2D } {
  checkRank(dIn, 'dIn');
  checkRank(dOut, 'dOut');
  checkRank(r);
  if (typeof seed !== 'number') throw new TypeError('seed must be a number');
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
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

export function mergeLora(p: LoraParams, opts?: { rslora?: boolean }): tf.Tensor2D {
  const { s } = check(p, opts);
  return tf.tidy(() => tf.add(p.w, tf.mul(tf.matMul(p.a, p.b), s)));
}

export function unmergeLora(merged: tf.Tensor2D, p: LoraParams, opts?: { rslora?: boolean }): tf.Tensor2D {
  const { dIn, dOut, s } = check(p, opts);
  isFloat32(merged, 2, 'merged');
  if (merged.shape[0] !== dIn || merged.shape[1] !== dOut) {
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
  if (cfg === null || typeof cfg !== 'object') throw new TypeError('cfg must be an object');
  for (const key of ['hidden', 'intermediate', 'layers', 'heads', 'kvHeads', 'r'] as const) checkRank(cfg[key], key);
  if (cfg.headDim !== undefined) checkRank(cfg.headDim, 'headDim');
  else if (cfg.hidden % cfg.heads !== 0) throw new RangeError('heads must divide hidden when headDim is omitted');
  if (!Array.isArray(cfg.targets)) throw new TypeError('targets must be an array');
  if (new Set(cfg.targets).size !== cfg.targets.length) throw new RangeError('a target is listed twice');
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
    perLayer += cfg.r * (dIn + dOut);
  }
  return perLayer * cfg.layers;
}
