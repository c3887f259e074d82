import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 oracles for the manual-backward kata, independent of any solution: forward passes as
 * plain loops, their gradients by central finite differences (h = 1e-6; error about 1e-9 here),
 * and the closed-form gradients, also as loops. The suite checks that the two agree, then compares
 * the code under test with both.
 *
 * Losses differentiated: cross-entropy L = dloss · mean_n(−log softmax(z_n)[y_n]);
 * LayerNorm and attention take the upstream gradient as a fixed weight, L = Σ dy ∘ y, so dL/dinput
 * is exactly the vector-Jacobian product the backward pass returns.
 */

export const FD_STEP = 1e-6;

/** ∂f/∂x_i for every i by central differences; x is copied, never changed. */
export function finiteDifferences(x: Float64Array, f: (x: Float64Array) => number, h = FD_STEP): Float64Array {
  const grad = new Float64Array(x.length);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const saved = probe[i] as number;
    probe[i] = saved + h;
    const up = f(probe);
    probe[i] = saved - h;
    const down = f(probe);
    probe[i] = saved;
    grad[i] = (up - down) / (2 * h);
  }
  return grad;
}

// ------------------------------------------------------------------------------- cross-entropy

/** dloss · mean over the N rows of −log softmax(row)[label], logits [N, C] row-major. */
export function crossEntropyLoss(logits: Float64Array, labels: readonly number[], c: number, dloss = 1): number {
  const n = labels.length;
  let total = 0;
  for (let row = 0; row < n; row++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c; j++) max = Math.max(max, logits[row * c + j] as number);
    let sum = 0;
    for (let j = 0; j < c; j++) sum += Math.exp((logits[row * c + j] as number) - max);
    total += max + Math.log(sum) - (logits[row * c + (labels[row] as number)] as number);
  }
  return (dloss * total) / n;
}

/** Closed form: dloss · (softmax − onehot) / N. */
export function crossEntropyGrad(logits: F64Array, labels: readonly number[], dloss = 1): F64Array {
  const [n, c] = logits.shape as [number, number];
  const out = new Float64Array(n * c);
  for (let row = 0; row < n; row++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c; j++) max = Math.max(max, logits.data[row * c + j] as number);
    let sum = 0;
    for (let j = 0; j < c; j++) sum += Math.exp((logits.data[row * c + j] as number) - max);
    for (let j = 0; j < c; j++) {
      const p = Math.exp((logits.data[row * c + j] as number) - max) / sum;
      out[row * c + j] = (dloss * (p - (j === labels[row] ? 1 : 0))) / n;
    }
  }
  return { shape: [n, c], data: out };
}

export function crossEntropyGradFD(logits: F64Array, labels: readonly number[], dloss = 1): F64Array {
  const c = logits.shape[1] as number;
  return { shape: logits.shape, data: finiteDifferences(logits.data, (z) => crossEntropyLoss(z, labels, c, dloss)) };
}

// ------------------------------------------------------------------------------------ LayerNorm

/** y = (x − μ)/sqrt(var + eps)·γ + β per row of x [N, D], var biased (÷ D). β = 0: it has no effect on the gradients. */
export function layerNormForward(x: Float64Array, gamma: Float64Array, d: number, eps = 1e-5): Float64Array {
  const y = new Float64Array(x.length);
  for (let off = 0; off < x.length; off += d) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[off + j] as number;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += ((x[off + j] as number) - mean) ** 2;
    variance /= d;
    for (let j = 0; j < d; j++)
      y[off + j] = (((x[off + j] as number) - mean) / Math.sqrt(variance + eps)) * (gamma[j] as number);
  }
  return y;
}

export interface LayerNormGrads {
  readonly dx: F64Array;
  readonly dgamma: F64Array;
  readonly dbeta: F64Array;
}

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * (b[i] as number), 0);

/** The three gradients of L = Σ dy ∘ layerNorm(x, γ, β) by finite differences (dβ from β's forward effect). */
export function layerNormGradsFD(x: F64Array, gamma: Float64Array, dy: Float64Array, eps = 1e-5): LayerNormGrads {
  const [n, d] = x.shape as [number, number];
  const dx = finiteDifferences(x.data, (xs) => dot(dy, layerNormForward(xs, gamma, d, eps)));
  const dgamma = finiteDifferences(gamma, (g) => dot(dy, layerNormForward(x.data, g, d, eps)));
  // y depends on β as y + β (broadcast over rows): L(β) = Σ dy ∘ (y0 + β).
  const y0 = layerNormForward(x.data, gamma, d, eps);
  const dbeta = finiteDifferences(new Float64Array(d), (b) => {
    let s = 0;
    for (let i = 0; i < n * d; i++) s += (dy[i] as number) * ((y0[i] as number) + (b[i % d] as number));
    return s;
  });
  return { dx: { shape: [n, d], data: dx }, dgamma: { shape: [d], data: dgamma }, dbeta: { shape: [d], data: dbeta } };
}

/** Closed form, Karpathy's "backprop ninja" route: through the mean and the variance step by step. */
export function layerNormGrads(x: F64Array, gamma: Float64Array, dy: Float64Array, eps = 1e-5): LayerNormGrads {
  const [n, d] = x.shape as [number, number];
  const dx = new Float64Array(n * d);
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let row = 0; row < n; row++) {
    const off = row * d;
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x.data[off + j] as number;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += ((x.data[off + j] as number) - mean) ** 2;
    variance /= d;
    const rstd = 1 / Math.sqrt(variance + eps);
    // dL/dvar = Σ_j g_j (x_j − μ) · (−1/2)(var + eps)^(−3/2); dL/dμ = −rstd Σ_j g_j (the var term's dμ part sums to 0).
    let dvar = 0;
    let dmean = 0;
    for (let j = 0; j < d; j++) {
      const g = (dy[off + j] as number) * (gamma[j] as number);
      dvar += g * ((x.data[off + j] as number) - mean) * -0.5 * rstd ** 3;
      dmean += -g * rstd;
    }
    for (let j = 0; j < d; j++) {
      const centred = (x.data[off + j] as number) - mean;
      const g = (dy[off + j] as number) * (gamma[j] as number);
      dx[off + j] = g * rstd + (dvar * 2 * centred) / d + dmean / d;
      dgamma[j] = (dgamma[j] as number) + (dy[off + j] as number) * centred * rstd;
      dbeta[j] = (dbeta[j] as number) + (dy[off + j] as number);
    }
  }
  return { dx: { shape: [n, d], data: dx }, dgamma: { shape: [d], data: dgamma }, dbeta: { shape: [d], data: dbeta } };
}

// ------------------------------------------------------------------------------------ attention

export interface AttentionShape {
  readonly tq: number;
  readonly tk: number;
  readonly d: number;
  readonly dv: number;
  readonly causal: boolean;
}

/** P [Tq, Tk]: softmax of q kᵀ/sqrt(d), query i seeing keys j <= i + Tk − Tq when causal. */
export function attentionProbs(q: Float64Array, k: Float64Array, s: AttentionShape): Float64Array {
  const p = new Float64Array(s.tq * s.tk);
  const scale = 1 / Math.sqrt(s.d);
  for (let i = 0; i < s.tq; i++) {
    const last = s.causal ? i + s.tk - s.tq : s.tk - 1;
    let max = Number.NEGATIVE_INFINITY;
    const row = new Float64Array(s.tk);
    for (let j = 0; j <= last; j++) {
      let score = 0;
      for (let c = 0; c < s.d; c++) score += (q[i * s.d + c] as number) * (k[j * s.d + c] as number);
      row[j] = score * scale;
      max = Math.max(max, row[j] as number);
    }
    let sum = 0;
    for (let j = 0; j <= last; j++) sum += Math.exp((row[j] as number) - max);
    for (let j = 0; j <= last; j++) p[i * s.tk + j] = Math.exp((row[j] as number) - max) / sum;
  }
  return p;
}

/** O [Tq, dv] = P v. */
export function attentionForward(q: Float64Array, k: Float64Array, v: Float64Array, s: AttentionShape): Float64Array {
  const p = attentionProbs(q, k, s);
  const out = new Float64Array(s.tq * s.dv);
  for (let i = 0; i < s.tq; i++)
    for (let j = 0; j < s.tk; j++)
      for (let c = 0; c < s.dv; c++)
        out[i * s.dv + c] = (out[i * s.dv + c] as number) + (p[i * s.tk + j] as number) * (v[j * s.dv + c] as number);
  return out;
}

export interface AttentionGrads {
  readonly dq: F64Array;
  readonly dk: F64Array;
  readonly dv: F64Array;
}

export function attentionGradsFD(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  dOut: Float64Array,
  s: AttentionShape,
): AttentionGrads {
  return {
    dq: { shape: [s.tq, s.d], data: finiteDifferences(q, (x) => dot(dOut, attentionForward(x, k, v, s))) },
    dk: { shape: [s.tk, s.d], data: finiteDifferences(k, (x) => dot(dOut, attentionForward(q, x, v, s))) },
    dv: { shape: [s.tk, s.dv], data: finiteDifferences(v, (x) => dot(dOut, attentionForward(q, k, x, s))) },
  };
}

/** Closed form through the softmax Jacobian: dS_ij = P_ij (dP_ij − Σ_l P_il dP_il), dP = dO vᵀ. */
export function attentionGrads(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  dOut: Float64Array,
  s: AttentionShape,
): AttentionGrads & { probs: Float64Array } {
  const p = attentionProbs(q, k, s);
  const scale = 1 / Math.sqrt(s.d);
  const dq = new Float64Array(s.tq * s.d);
  const dk = new Float64Array(s.tk * s.d);
  const dv = new Float64Array(s.tk * s.dv);
  for (let i = 0; i < s.tq; i++) {
    const dp = new Float64Array(s.tk);
    let weighted = 0;
    for (let j = 0; j < s.tk; j++) {
      for (let c = 0; c < s.dv; c++)
        dp[j] = (dp[j] as number) + (dOut[i * s.dv + c] as number) * (v[j * s.dv + c] as number);
      weighted += (p[i * s.tk + j] as number) * (dp[j] as number);
    }
    for (let j = 0; j < s.tk; j++) {
      const pij = p[i * s.tk + j] as number;
      const ds = pij * ((dp[j] as number) - weighted) * scale;
      for (let c = 0; c < s.d; c++) {
        dq[i * s.d + c] = (dq[i * s.d + c] as number) + ds * (k[j * s.d + c] as number);
        dk[j * s.d + c] = (dk[j * s.d + c] as number) + ds * (q[i * s.d + c] as number);
      }
      for (let c = 0; c < s.dv; c++)
        dv[j * s.dv + c] = (dv[j * s.dv + c] as number) + pij * (dOut[i * s.dv + c] as number);
    }
  }
  return {
    dq: { shape: [s.tq, s.d], data: dq },
    dk: { shape: [s.tk, s.d], data: dk },
    dv: { shape: [s.tk, s.dv], data: dv },
    probs: p,
  };
}
