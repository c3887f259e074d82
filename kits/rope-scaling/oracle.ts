/**
 * Float64 oracle for rope-scaling, re-derived from the formulas of HF transformers'
 * modeling_rope_utils.py rather than from any solution: every frequency is computed through
 * logarithms (θ_i = exp(−(2i/dim)·ln base)), the bands of YaRN and Llama 3.1 from explicit
 * per-pair weights. Plain loops, no shared helpers with the reference.
 */
export interface OracleConfig {
  readonly dim: number;
  readonly base: number;
  readonly ropeType: 'default' | 'linear' | 'dynamic' | 'yarn' | 'llama3';
  readonly factor: number;
  readonly originalMaxPositionEmbeddings: number;
  readonly seqLen: number;
  readonly betaFast: number;
  readonly betaSlow: number;
  readonly lowFreqFactor: number;
  readonly highFreqFactor: number;
}

export interface OracleResult {
  readonly invFreq: number[];
  readonly attentionScaling: number;
}

/** θ_i = base^(−2i/dim) through exp/log, for i = 0 … dim/2 − 1. */
export function thetas(dim: number, base: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < dim / 2; i++) out.push(Math.exp((-2 * i * Math.log(base)) / dim));
  return out;
}

/** The weight of inv_freq/factor (interpolation) for pair i in YaRN: HF's clamped ramp. */
export function yarnInterpolationWeight(i: number, c: OracleConfig): number {
  const dimFor = (rotations: number) =>
    (c.dim * (Math.log(c.originalMaxPositionEmbeddings) - Math.log(2 * Math.PI * rotations))) / (2 * Math.log(c.base));
  const lo = Math.max(0, Math.floor(dimFor(c.betaFast)));
  const hiRaw = Math.min(c.dim - 1, Math.ceil(dimFor(c.betaSlow)));
  const hi = hiRaw === lo ? lo + 0.001 : hiRaw;
  const t = (i - lo) / (hi - lo);
  return t <= 0 ? 0 : Math.min(t, 1);
}

/** The weight of the unscaled θ for pair i in Llama 3.1 (1: high-frequency band, 0: low). */
export function llama3KeepWeight(theta: number, c: OracleConfig): number {
  const rotationsInContext = (c.originalMaxPositionEmbeddings * theta) / (2 * Math.PI); // L / wavelen
  if (rotationsInContext > c.highFreqFactor) return 1; // wavelen < L / high
  if (rotationsInContext < c.lowFreqFactor) return 0; // wavelen > L / low
  return (rotationsInContext - c.lowFreqFactor) / (c.highFreqFactor - c.lowFreqFactor);
}

export function ropeOracle(c: OracleConfig): OracleResult {
  const plain = thetas(c.dim, c.base);
  switch (c.ropeType) {
    case 'default':
      return { invFreq: plain, attentionScaling: 1 };
    case 'linear':
      return { invFreq: plain.map((t) => t / c.factor), attentionScaling: 1 };
    case 'dynamic': {
      if (c.seqLen <= c.originalMaxPositionEmbeddings) return { invFreq: plain, attentionScaling: 1 };
      const ratio = (c.factor * c.seqLen) / c.originalMaxPositionEmbeddings - c.factor + 1;
      const logBase = Math.log(c.base) + (c.dim / (c.dim - 2)) * Math.log(ratio);
      return { invFreq: thetas(c.dim, Math.exp(logBase)), attentionScaling: 1 };
    }
    case 'yarn':
      return {
        invFreq: plain.map((t, i) => {
          const w = yarnInterpolationWeight(i, c);
          return w * (t / c.factor) + (1 - w) * t;
        }),
        attentionScaling: 1 + 0.1 * Math.log(c.factor),
      };
    case 'llama3':
      return {
        invFreq: plain.map((t) => {
          const keep = llama3KeepWeight(t, c);
          return keep * t + (1 - keep) * (t / c.factor);
        }),
        attentionScaling: 1,
      };
  }
}
