import * as tf from '@tensorflow/tfjs';

export interface DecoderBlockParams {
  attnNorm: tf.Tensor1D;
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
  mlpNorm: tf.Tensor1D;
  wGate: tf.Tensor2D;
  wUp: tf.Tensor2D;
  wDown: tf.Tensor2D;
}

const NAMES = ['attnNorm', 'wq', 'wk', 'wv', 'wo', 'mlpNorm', 'wGate', 'wUp', 'wDown'] as const;

/** The whole block in plain JavaScript loops on the tensors' data: right values, no tensor ops. */
export function decoderBlockForward(
  x: tf.Tensor3D,
  params: DecoderBlockParams,
  config: { nHeads: number; eps?: number },
): tf.Tensor3D {
  if (!(x instanceof tf.Tensor)) throw new TypeError('x must be a tf.Tensor');
  for (const name of NAMES) if (!(params[name] instanceof tf.Tensor)) throw new TypeError(`params.${name}`);
  const { nHeads, eps = 1e-6 } = config;
  if (typeof nHeads !== 'number' || typeof eps !== 'number') throw new TypeError('config.nHeads and eps are numbers');
  if (!Number.isInteger(nHeads) || nHeads < 1) throw new RangeError(`nHeads ${nHeads}`);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`eps ${eps}`);
  if (x.rank !== 3) throw new RangeError('x must have rank 3');
  const [batch, seqLen, d] = x.shape;
  if (d % nHeads !== 0) throw new RangeError(`D ${d} % nHeads ${nHeads}`);
  const f = params.wGate.shape[1] as number;
  const shapes: Record<(typeof NAMES)[number], number[]> = {
    attnNorm: [d],
    wq: [d, d],
    wk: [d, d],
    wv: [d, d],
    wo: [d, d],
    mlpNorm: [d],
    wGate: [d, f],
    wUp: [d, f],
    wDown: [f, d],
  };
  for (const name of NAMES) {
    if (params[name].shape.join() !== shapes[name].join()) throw new RangeError(`params.${name} shape`);
  }

  const p = Object.fromEntries(NAMES.map((name) => [name, params[name].dataSync()])) as Record<
    (typeof NAMES)[number],
    Float32Array
  >;
  const rows = batch * seqLen;
  const dh = d / nHeads;
  const norm = (v: ArrayLike<number>, gain: Float32Array): Float64Array => {
    const out = new Float64Array(rows * d);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += (v[r * d + j] as number) ** 2;
      const inv = 1 / Math.sqrt(sum / d + eps);
      for (let j = 0; j < d; j++) out[r * d + j] = (v[r * d + j] as number) * inv * (gain[j] as number);
    }
    return out;
  };
  const project = (v: Float64Array, w: Float32Array, inner: number, cols: number): Float64Array => {
    const out = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++)
      for (let i = 0; i < inner; i++)
        for (let c = 0; c < cols; c++) {
          out[r * cols + c] =
            (out[r * cols + c] as number) + (v[r * inner + i] as number) * (w[i * cols + c] as number);
        }
    return out;
  };

  const xs = x.dataSync();
  const a = norm(xs, p.attnNorm);
  const [q, k, v] = [project(a, p.wq, d, d), project(a, p.wk, d, d), project(a, p.wv, d, d)];
  const heads = new Float64Array(rows * d);
  for (let b = 0; b < batch; b++)
    for (let head = 0; head < nHeads; head++)
      for (let t = 0; t < seqLen; t++) {
        const scores: number[] = [];
        for (let s = 0; s <= t; s++) {
          let dot = 0;
          for (let j = 0; j < dh; j++) {
            dot +=
              (q[(b * seqLen + t) * d + head * dh + j] as number) * (k[(b * seqLen + s) * d + head * dh + j] as number);
          }
          scores.push(dot / Math.sqrt(dh));
        }
        const top = Math.max(...scores);
        const weights = scores.map((score) => Math.exp(score - top));
        const total = weights.reduce((sum, w) => sum + w, 0);
        for (let s = 0; s <= t; s++) {
          for (let j = 0; j < dh; j++) {
            const at = (b * seqLen + t) * d + head * dh + j;
            heads[at] =
              (heads[at] as number) +
              ((weights[s] as number) / total) * (v[(b * seqLen + s) * d + head * dh + j] as number);
          }
        }
      }
  const attention = project(heads, p.wo, d, d);
  const h = attention.map((value, i) => value + (xs[i] as number));
  const m = norm(h, p.mlpNorm);
  const gate = project(m, p.wGate, d, f);
  const up = project(m, p.wUp, d, f);
  const hidden = gate.map((g, i) => (g / (1 + Math.exp(-g))) * (up[i] as number));
  const down = project(hidden, p.wDown, f, d);
  const y = down.map((value, i) => value + (h[i] as number));
  return tf.tensor3d(Float32Array.from(y), [batch, seqLen, d], 'float32');
}
