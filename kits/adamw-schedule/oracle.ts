/**
 * Float64 oracles for adamw-schedule, written from the textbook formulas rather than from the
 * reference: AdamW as in Loshchilov & Hutter with PyTorch's conventions (m̂ = m/(1 − β1^t),
 * v̂ = v/(1 − β2^t), p ← p − lr·(wd·p + m̂/(√v̂ + eps))), the HF cosine-with-floor schedule in its
 * own ratio form, and clipping as max_norm / (norm + 1e-6) clamped to 1. Each also returns the size
 * of the terms it added, so the suite can scale a 1e-12 relative tolerance.
 */
export interface OracleSchedule {
  readonly baseLr: number;
  readonly warmupSteps: number;
  readonly totalSteps: number;
  readonly minLr?: number;
}

/** transformers' _get_cosine_schedule_with_warmup_lr_lambda (num_cycles 0.5, min_lr_rate) times baseLr. */
export function lrOracle(step: number, s: OracleSchedule): number {
  const minLr = s.minLr ?? 0;
  if (step < s.warmupSteps) return (s.baseLr * step) / Math.max(1, s.warmupSteps);
  const progress = (step - s.warmupSteps) / Math.max(1, s.totalSteps - s.warmupSteps);
  const factor = 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * progress));
  if (s.baseLr === 0) return 0;
  const minLrRate = minLr / s.baseLr;
  return s.baseLr * Math.max(0, factor * (1 - minLrRate) + minLrRate);
}

export interface ClipOracle {
  readonly grads: number[][];
  readonly totalNorm: number;
  readonly coef: number;
}

/** torch.nn.utils.clip_grad_norm_ with norm_type 2: the norm of the per-tensor norms. */
export function clipOracle(grads: readonly (readonly number[])[], maxNorm: number): ClipOracle {
  const norms = grads.map((g) => Math.sqrt(g.reduce((s, x) => s + x * x, 0)));
  const totalNorm = Math.sqrt(norms.reduce((s, n) => s + n * n, 0));
  const coef = Math.min(1, maxNorm / (totalNorm + 1e-6));
  return { grads: grads.map((g) => g.map((x) => x * coef)), totalNorm, coef };
}

export interface OracleState {
  readonly step: number;
  readonly m: number[][];
  readonly v: number[][];
}

export interface OracleOptions {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
}

export interface AdamWOracle {
  readonly params: number[][];
  readonly state: OracleState;
  /** |p|·(1 + lr·wd) + lr·(|m0| + |g|)/(1 − β1^t)/(√v̂ + eps) per entry: the size a relative tolerance scales. */
  readonly scale: number[][];
}

export const TORCH_DEFAULTS = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 } as const;

/** One AdamW step in float64 with explicit bias-corrected moments. */
export function adamwOracle(
  params: readonly (readonly number[])[],
  grads: readonly (readonly number[])[],
  state: OracleState | null,
  o: OracleOptions,
): AdamWOracle {
  const t = (state?.step ?? 0) + 1;
  const m: number[][] = [];
  const v: number[][] = [];
  const scale: number[][] = [];
  const out = params.map((tensor, i) => {
    const mi: number[] = [];
    const vi: number[] = [];
    const si: number[] = [];
    const pi = tensor.map((p, j) => {
      const g = grads[i]?.[j] as number;
      const m0 = state?.m[i]?.[j] ?? 0;
      const v0 = state?.v[i]?.[j] ?? 0;
      const m1 = o.beta1 * m0 + (1 - o.beta1) * g;
      const v1 = o.beta2 * v0 + (1 - o.beta2) * g * g;
      mi.push(m1);
      vi.push(v1);
      const mHat = m1 / (1 - o.beta1 ** t);
      const vHat = v1 / (1 - o.beta2 ** t);
      const denom = Math.sqrt(vHat) + o.eps;
      const update = mHat / denom;
      // m may cancel (β1·m0 ≈ −(1 − β1)·g): scale by the sizes of m0 and g, not by |m|.
      const updateSize = (Math.abs(m0) + Math.abs(g)) / (1 - o.beta1 ** t) / denom;
      si.push(Math.abs(p) * (1 + o.lr * o.weightDecay) + o.lr * updateSize);
      return p - o.lr * (o.weightDecay * p + update);
    });
    m.push(mi);
    v.push(vi);
    scale.push(si);
    return pi;
  });
  return { params: out, state: { step: t, m, v }, scale };
}
