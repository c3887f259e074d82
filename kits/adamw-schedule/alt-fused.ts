/**
 * Another way, written as the formulas are usually rearranged for speed:
 *  - AdamW in Kingma & Ba's "efficient" form: fold both bias corrections into one step size,
 *    α_t = lr·√(1 − β2^t)/(1 − β1^t), and scale eps by the same √(1 − β2^t), so
 *    p ← p − lr·wd·p − α_t·m/(√v + eps·√(1 − β2^t)), which equals m̂/(√v̂ + eps) exactly in real
 *    arithmetic; the first moment is updated as a lerp, m + (1 − β1)(g − m), as PyTorch does.
 *  - the schedule in transformers' own ratio form: baseLr·(f·(1 − r) + r) with r = minLr/baseLr,
 *    and 0.5·(1 + cos πx) written as cos²(πx/2);
 *  - clipping as PyTorch's clip_grad_norm_: the norm of per-tensor norms, and a coefficient clamped to 1.
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

type Tensors = number[][];

function num(value: unknown, what: string, ok: (x: number) => boolean, rule: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what}: expected a number, got ${typeof value}`);
  if (!Number.isFinite(value) || !ok(value)) throw new RangeError(`${what}: expected ${rule}, got ${value}`);
  return value;
}

const finite = () => true;
const integerAtLeast = (min: number) => (x: number) => Number.isInteger(x) && x >= min;

function tensors(value: unknown, what: string, shape?: Tensors): Tensors {
  if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array of arrays`);
  if (shape && value.length !== shape.length) throw new RangeError(`${what}: expected ${shape.length} tensors`);
  for (let i = 0; i < value.length; i++) {
    const t: unknown = value[i];
    if (!Array.isArray(t)) throw new TypeError(`${what}[${i}]: expected an array`);
    if (shape && t.length !== (shape[i] as number[]).length) {
      throw new RangeError(`${what}[${i}]: expected length ${(shape[i] as number[]).length}`);
    }
    for (let j = 0; j < t.length; j++) num(t[j], `${what}[${i}][${j}]`, finite, 'a finite number');
  }
  return value as Tensors;
}

export function lrAt(step: number, schedule: Schedule): number {
  if (typeof schedule !== 'object' || schedule === null) throw new TypeError('schedule: expected an object');
  const { baseLr, warmupSteps, totalSteps, minLr = 0 } = schedule;
  num(baseLr, 'baseLr', (x) => x >= 0, 'a number >= 0');
  num(warmupSteps, 'warmupSteps', integerAtLeast(0), 'an integer >= 0');
  num(totalSteps, 'totalSteps', integerAtLeast(warmupSteps), 'an integer >= max(1, warmupSteps)');
  if (totalSteps < 1) throw new RangeError('totalSteps: expected an integer >= 1');
  num(minLr, 'minLr', (x) => x >= 0 && x <= baseLr, 'a number in [0, baseLr]');
  num(step, 'step', (x) => integerAtLeast(0)(x) && x <= totalSteps, 'an integer in [0, totalSteps]');

  if (step < warmupSteps) return (step / Math.max(1, warmupSteps)) * baseLr;
  if (baseLr === 0) return 0;
  const x = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
  const c = Math.cos((Math.PI * x) / 2);
  const rate = minLr / baseLr;
  return baseLr * (c * c * (1 - rate) + rate);
}

export function clipGradNorm(grads: number[][], maxNorm: number): { grads: number[][]; totalNorm: number } {
  tensors(grads, 'grads');
  num(maxNorm, 'maxNorm', (x) => x > 0, 'a number > 0');
  let sumOfNorms2 = 0;
  for (const g of grads) {
    let s = 0;
    for (const x of g) s += x * x;
    const n = Math.sqrt(s);
    sumOfNorms2 += n * n;
  }
  const totalNorm = Math.sqrt(sumOfNorms2);
  const coef = Math.min(1, maxNorm / (totalNorm + 1e-6));
  return { grads: grads.map((g) => g.map((x) => x * coef)), totalNorm };
}

export function adamwStep(
  params: number[][],
  grads: number[][],
  state: AdamWState | null,
  options: AdamWOptions,
): { params: number[][]; state: AdamWState } {
  tensors(params, 'params');
  tensors(grads, 'grads', params);
  if (typeof options !== 'object' || options === null) throw new TypeError('options: expected an object');
  const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.01 } = options;
  num(lr, 'lr', (x) => x >= 0, 'a number >= 0');
  num(beta1, 'beta1', (x) => x >= 0 && x < 1, 'a number in [0, 1)');
  num(beta2, 'beta2', (x) => x >= 0 && x < 1, 'a number in [0, 1)');
  num(eps, 'eps', (x) => x > 0, 'a number > 0');
  num(weightDecay, 'weightDecay', (x) => x >= 0, 'a number >= 0');

  const fresh = state === null || state === undefined;
  if (!fresh && typeof state !== 'object') throw new TypeError('state: expected an object or null');
  const step = fresh ? 0 : num(state.step, 'state.step', integerAtLeast(0), 'an integer >= 0');
  const m0 = fresh ? params.map((p) => p.map(() => 0)) : tensors(state.m, 'state.m', params);
  const v0 = fresh ? m0 : tensors(state.v, 'state.v', params);
  for (let i = 0; i < v0.length; i++) {
    for (const x of v0[i] as number[]) if (x < 0) throw new RangeError(`state.v[${i}]: expected entries >= 0`);
  }

  const t = step + 1;
  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
  const alpha = (lr * bc2Sqrt) / (1 - beta1 ** t);
  const epsHat = eps * bc2Sqrt;
  const m: Tensors = [];
  const v: Tensors = [];
  const out: Tensors = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i] as number[];
    const g = grads[i] as number[];
    const mi = (m0[i] as number[]).map((x, j) => x + (1 - beta1) * ((g[j] as number) - x));
    const vi = (v0[i] as number[]).map((x, j) => beta2 * x + (1 - beta2) * (g[j] as number) ** 2);
    out.push(
      p.map((x, j) => x - lr * weightDecay * x - (alpha * (mi[j] as number)) / (Math.sqrt(vi[j] as number) + epsHat)),
    );
    m.push(mi);
    v.push(vi);
  }
  return { params: out, state: { step: t, m, v } };
}
