/**
 * The three pieces of an LLM fine-tuning step, on plain numbers:
 *  - lrAt: transformers' linear warmup + cosine decay to a floor (get_cosine_with_min_lr_schedule_with_warmup,
 *    num_cycles = 0.5), indexed by the 0-based scheduler step;
 *  - clipGradNorm: torch.nn.utils.clip_grad_norm_: one L2 norm over ALL tensors, scaled by
 *    max_norm / (norm + 1e-6) only when that is below 1;
 *  - adamwStep: torch.optim.AdamW: decoupled decay p *= 1 − lr·wd first, then the bias-corrected Adam
 *    update with eps outside the square root, t counted from 1.
 * Every function is pure: it returns new arrays and leaves its arguments alone. O(N + G) for N
 * numbers in G tensors, O(1) for lrAt.
 */
export interface Schedule {
  baseLr: number;
  warmupSteps: number;
  totalSteps: number;
  minLr?: number;
}

export interface AdamWOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

export interface AdamWState {
  step: number;
  m: number[][];
  v: number[][];
}

/** clip_grad_norm_'s guard against a zero norm: max_norm / (total_norm + 1e-6). */
const CLIP_EPS = 1e-6;

function checkNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

function checkCount(value: unknown, name: string, min: number): number {
  const n = checkNumber(value, name);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${n}`);
  return n;
}

function checkObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${name} must be an object`);
  return value as Record<string, unknown>;
}

/** A list of tensors (arrays) of finite numbers; `like` gives the shape it must have. */
function checkTensors(value: unknown, name: string, like?: readonly (readonly number[])[]): number[][] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of arrays`);
  if (like !== undefined && value.length !== like.length) {
    throw new RangeError(`${name} must hold ${like.length} tensors, got ${value.length}`);
  }
  value.forEach((tensor, i) => {
    if (!Array.isArray(tensor)) throw new TypeError(`${name}[${i}] must be an array`);
    const want = like?.[i]?.length;
    if (want !== undefined && tensor.length !== want) {
      throw new RangeError(`${name}[${i}] must have length ${want}, got ${tensor.length}`);
    }
    tensor.forEach((x, j) => {
      checkNumber(x, `${name}[${i}][${j}]`);
    });
  });
  return value as number[][];
}

/**
 * The learning rate for 0-based scheduler step `step`: baseLr·step/max(1, W) while step < W, then
 * minLr + (baseLr − minLr)·0.5·(1 + cos(π·progress)) with progress = (step − W)/max(1, T − W).
 */
export function lrAt(step: number, schedule: Schedule): number {
  const s = checkObject(schedule, 'schedule');
  const baseLr = checkNumber(s.baseLr, 'schedule.baseLr');
  if (baseLr < 0) throw new RangeError(`schedule.baseLr must be >= 0, got ${baseLr}`);
  const warmup = checkCount(s.warmupSteps, 'schedule.warmupSteps', 0);
  const total = checkCount(s.totalSteps, 'schedule.totalSteps', 1);
  if (warmup > total) throw new RangeError(`schedule.warmupSteps (${warmup}) must be <= totalSteps (${total})`);
  const minLr = s.minLr === undefined ? 0 : checkNumber(s.minLr, 'schedule.minLr');
  if (minLr < 0 || minLr > baseLr) throw new RangeError(`schedule.minLr must be in [0, baseLr], got ${minLr}`);
  const k = checkCount(step, 'step', 0);
  if (k > total) throw new RangeError(`step must be <= totalSteps (${total}), got ${k}`);

  if (k < warmup) return (baseLr * k) / Math.max(1, warmup);
  const progress = (k - warmup) / Math.max(1, total - warmup);
  return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/**
 * One global L2 norm over every entry of every tensor; when maxNorm / (norm + 1e-6) < 1 every
 * entry is multiplied by it, otherwise the gradients are returned unchanged (as copies).
 */
export function clipGradNorm(grads: number[][], maxNorm: number): { grads: number[][]; totalNorm: number } {
  checkTensors(grads, 'grads');
  const max = checkNumber(maxNorm, 'maxNorm');
  if (max <= 0) throw new RangeError(`maxNorm must be > 0, got ${max}`);
  let squares = 0;
  for (const tensor of grads) for (const g of tensor) squares += g * g;
  const totalNorm = Math.sqrt(squares);
  const coef = max / (totalNorm + CLIP_EPS);
  if (coef >= 1) return { grads: grads.map((tensor) => [...tensor]), totalNorm }; // never scales up
  return { grads: grads.map((tensor) => tensor.map((g) => g * coef)), totalNorm };
}

function checkBeta(value: unknown, name: string): number {
  const beta = checkNumber(value, name);
  if (beta < 0 || beta >= 1) throw new RangeError(`${name} must be in [0, 1), got ${beta}`);
  return beta;
}

function checkAtLeast(value: unknown, name: string, min: number, strict: boolean): number {
  const x = checkNumber(value, name);
  if (strict ? x <= min : x < min) throw new RangeError(`${name} must be ${strict ? '>' : '>='} ${min}, got ${x}`);
  return x;
}

/**
 * One torch.optim.AdamW step (amsgrad off). `state` null or undefined means a fresh state (step 0, zero moments).
 * Returns the new parameters and the new state; t = state.step + 1.
 */
export function adamwStep(
  params: number[][],
  grads: number[][],
  state: AdamWState | null,
  options: AdamWOptions,
): { params: number[][]; state: AdamWState } {
  checkTensors(params, 'params');
  checkTensors(grads, 'grads', params);
  const o = checkObject(options, 'options');
  const lr = checkAtLeast(o.lr, 'options.lr', 0, false);
  const beta1 = checkBeta(o.beta1 === undefined ? 0.9 : o.beta1, 'options.beta1');
  const beta2 = checkBeta(o.beta2 === undefined ? 0.999 : o.beta2, 'options.beta2');
  const eps = checkAtLeast(o.eps === undefined ? 1e-8 : o.eps, 'options.eps', 0, true);
  const weightDecay = checkAtLeast(o.weightDecay === undefined ? 0.01 : o.weightDecay, 'options.weightDecay', 0, false);

  let step = 0;
  let m: readonly (readonly number[])[] = params.map((p) => p.map(() => 0));
  let v = m;
  if (state !== null && state !== undefined) {
    const st = checkObject(state, 'state');
    step = checkCount(st.step, 'state.step', 0);
    m = checkTensors(st.m, 'state.m', params);
    v = checkTensors(st.v, 'state.v', params);
    v.forEach((tensor, i) => {
      tensor.forEach((x, j) => {
        if (x < 0) throw new RangeError(`state.v[${i}][${j}] must be >= 0, got ${x}`);
      });
    });
  }

  const t = step + 1; // PyTorch increments the step before using it: the first update has t = 1
  const biasCorrection1 = 1 - beta1 ** t;
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
  const stepSize = lr / biasCorrection1;
  const decay = 1 - lr * weightDecay;

  const newM: number[][] = [];
  const newV: number[][] = [];
  const newParams = params.map((tensor, i) => {
    const g = grads[i] as number[];
    const mi = m[i] as readonly number[];
    const vi = v[i] as readonly number[];
    const outM: number[] = [];
    const outV: number[] = [];
    const out = tensor.map((p, j) => {
      const gj = g[j] as number;
      const mj = (mi[j] as number) * beta1 + (1 - beta1) * gj;
      const vj = (vi[j] as number) * beta2 + (1 - beta2) * gj * gj;
      outM.push(mj);
      outV.push(vj);
      const denom = Math.sqrt(vj) / biasCorrection2Sqrt + eps; // eps outside the square root
      return p * decay - (stepSize * mj) / denom; // decoupled decay first, then the Adam update
    });
    newM.push(outM);
    newV.push(outV);
    return out;
  });
  return { params: newParams, state: { step: t, m: newM, v: newV } };
}
