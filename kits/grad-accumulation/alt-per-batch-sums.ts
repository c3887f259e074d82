/**
 * Another way: one pass per micro-batch computes its three sums (Σ m·r², Σ 2m·r·x, Σ m), the way a
 * training loop gets a summed loss and its valid-token count back from each backward pass; the
 * modes differ only in how those sums are combined afterwards:
 *   global-token-mean  (Σ_b S_b) / (Σ_b n_b)        mean-of-means  (1/M) Σ_b S_b / n_b
 * Checkpointing scans only k = 1..ceil(√L): for k > s = ceil(√L), ceil(L/k) ≥ ceil(L/s) − (k − s)
 * (since L/s − L/k ≤ (k − s)·L/s² ≤ k − s), so no larger k is strictly better than s. O(√L).
 */
export interface MicroBatch {
  x: number[][];
  y: number[];
  mask: number[];
}

interface Sums {
  loss: number;
  grad: number[];
  count: number;
}

function number(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what}: expected a number, got ${typeof value}`);
  if (!Number.isFinite(value)) throw new RangeError(`${what}: expected a finite number, got ${value}`);
  return value;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array`);
  return value;
}

/** The checked sums of one micro-batch; throws for any malformed field. */
function sumsOf(theta: readonly number[], mb: MicroBatch, b: number): Sums {
  if (typeof mb !== 'object' || mb === null) throw new TypeError(`mbs[${b}]: expected { x, y, mask }`);
  const x = array(mb.x, `mbs[${b}].x`);
  const y = array(mb.y, `mbs[${b}].y`);
  const mask = array(mb.mask, `mbs[${b}].mask`);
  if (y.length !== x.length || mask.length !== x.length) {
    throw new RangeError(`mbs[${b}]: x, y and mask differ in length (${x.length}, ${y.length}, ${mask.length})`);
  }
  const d = theta.length;
  const sums: Sums = { loss: 0, grad: new Array<number>(d).fill(0), count: 0 };
  for (let i = 0; i < x.length; i++) {
    const row = array(x[i], `mbs[${b}].x[${i}]`);
    if (row.length !== d) throw new RangeError(`mbs[${b}].x[${i}]: length ${row.length}, θ has ${d}`);
    const m = number(mask[i], `mbs[${b}].mask[${i}]`);
    if (m < 0) throw new RangeError(`mbs[${b}].mask[${i}] = ${m} is negative`);
    let r = -number(y[i], `mbs[${b}].y[${i}]`);
    for (let j = 0; j < d; j++) r += number(row[j], `mbs[${b}].x[${i}][${j}]`) * (theta[j] as number);
    sums.loss += m * r * r;
    for (let j = 0; j < d; j++) sums.grad[j] = (sums.grad[j] as number) + 2 * m * r * (row[j] as number);
    sums.count += m;
  }
  return sums;
}

export function fullBatchLossAndGrad(theta: number[], mbs: MicroBatch[]): { loss: number; grad: number[] } {
  return accumulate(theta, mbs, 'global-token-mean');
}

export function accumulate(
  theta: number[],
  mbs: MicroBatch[],
  mode: 'global-token-mean' | 'mean-of-means',
): { loss: number; grad: number[] } {
  const t = array(theta, 'theta');
  if (t.length === 0) throw new RangeError('theta: expected at least one parameter');
  for (let j = 0; j < t.length; j++) number(t[j], `theta[${j}]`);
  const batches = array(mbs, 'mbs') as MicroBatch[];
  if (batches.length === 0) throw new RangeError('mbs: expected at least one micro-batch');
  if (mode !== 'global-token-mean' && mode !== 'mean-of-means') {
    throw new RangeError(`mode: expected 'global-token-mean' or 'mean-of-means', got ${String(mode)}`);
  }
  const parts = batches.map((mb, b) => sumsOf(theta, mb, b));
  const d = theta.length;
  let loss = 0;
  const grad = new Array<number>(d).fill(0);
  if (mode === 'global-token-mean') {
    let total = 0;
    for (const p of parts) total += p.count;
    if (total === 0) return { loss: 0, grad };
    for (const p of parts) {
      loss += p.loss / total;
      for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + (p.grad[j] as number) / total;
    }
  } else {
    const steps = parts.length;
    for (const p of parts) {
      loss += p.loss / p.count / steps;
      for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + (p.grad[j] as number) / p.count / steps;
    }
  }
  return { loss, grad };
}

function layerCount(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what}: expected a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what}: expected an integer >= 1, got ${value}`);
  return value;
}

export function checkpointMemory(layers: number, segment: number): number {
  const l = layerCount(layers, 'layers');
  const k = layerCount(segment, 'segment');
  return Math.ceil(l / k) + k;
}

export function bestCheckpointSegment(layers: number): { segment: number; memory: number; extraForwards: 1 } {
  const l = layerCount(layers, 'layers');
  const last = Math.ceil(Math.sqrt(l));
  let best = { segment: 1, memory: l + 1 };
  for (let k = 2; k <= last; k++) {
    const memory = Math.ceil(l / k) + k;
    if (memory < best.memory) best = { segment: k, memory };
  }
  return { ...best, extraForwards: 1 };
}
