/**
 * Gradient accumulation for a masked squared-error "token" loss, and the √n activation-checkpointing
 * trade-off.
 *
 * Accumulation: count the valid tokens of ALL micro-batches first (num_items_in_batch), then divide
 * every micro-batch's SUMMED loss and gradient by that one global count and add them up; this equals
 * the full-batch token mean. O(total tokens · d) time, O(d) extra space.
 * Checkpointing: keeping every k-th activation costs ceil(L/k) checkpoints plus k recomputed
 * activations of one segment; a scan over k = 1..L finds the smallest minimiser in O(L).
 */
export interface MicroBatch {
  x: number[][];
  y: number[];
  mask: number[];
}

export interface LossAndGrad {
  loss: number;
  grad: number[];
}

export type Mode = 'global-token-mean' | 'mean-of-means';

/** A number (TypeError otherwise) that is finite (RangeError otherwise): a NaN would spread silently. */
function checkFinite(value: unknown, name: string): void {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
}

function checkArray(value: unknown, name: string): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array, got ${typeof value}`);
}

function validate(theta: readonly number[], mbs: readonly MicroBatch[]): void {
  checkArray(theta, 'theta');
  if (theta.length === 0) throw new RangeError('theta must hold at least one parameter, got none');
  theta.forEach((t, j) => {
    checkFinite(t, `theta[${j}]`);
  });
  checkArray(mbs, 'mbs');
  if (mbs.length === 0) throw new RangeError('mbs must hold at least one micro-batch, got none');
  const d = theta.length;
  mbs.forEach((mb, b) => {
    checkArray(mb.x, `mbs[${b}].x`);
    checkArray(mb.y, `mbs[${b}].y`);
    checkArray(mb.mask, `mbs[${b}].mask`);
    const n = mb.x.length;
    if (mb.y.length !== n || mb.mask.length !== n) {
      throw new RangeError(
        `mbs[${b}]: x, y and mask must have the same length, got ${n}, ${mb.y.length}, ${mb.mask.length}`,
      );
    }
    mb.x.forEach((row, i) => {
      checkArray(row, `mbs[${b}].x[${i}]`);
      if (row.length !== d) throw new RangeError(`mbs[${b}].x[${i}] has length ${row.length}, expected ${d}`);
      row.forEach((v, j) => {
        checkFinite(v, `mbs[${b}].x[${i}][${j}]`);
      });
    });
    mb.y.forEach((v, i) => {
      checkFinite(v, `mbs[${b}].y[${i}]`);
    });
    mb.mask.forEach((m, i) => {
      checkFinite(m, `mbs[${b}].mask[${i}]`);
      if (m < 0) throw new RangeError(`mbs[${b}].mask[${i}] must be >= 0, got ${m}`);
    });
  });
}

/** Σ m·(x·θ − y)² and its gradient Σ 2m(x·θ − y)x over one micro-batch, times `scale`, added into `acc`. */
function addScaledSum(theta: readonly number[], mb: MicroBatch, scale: number, acc: LossAndGrad): void {
  mb.x.forEach((row, i) => {
    const m = mb.mask[i] as number;
    let r = -(mb.y[i] as number);
    row.forEach((v, j) => {
      r += v * (theta[j] as number);
    });
    acc.loss += scale * m * r * r;
    row.forEach((v, j) => {
      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * m * r * v;
    });
  });
}

const validCount = (mb: MicroBatch): number => mb.mask.reduce((s, m) => s + m, 0);

/** The token-mean loss over every valid token of every micro-batch, as if they were one batch. */
export function fullBatchLossAndGrad(theta: number[], mbs: MicroBatch[]): LossAndGrad {
  return accumulate(theta, mbs, 'global-token-mean');
}

/**
 * 'global-token-mean': each micro-batch's summed loss ÷ the global valid-token count (correct).
 * 'mean-of-means': each micro-batch's own token mean, averaged over micro-batches (the old bug).
 */
export function accumulate(theta: number[], mbs: MicroBatch[], mode: Mode): LossAndGrad {
  validate(theta, mbs);
  if (mode !== 'global-token-mean' && mode !== 'mean-of-means') {
    throw new RangeError(`mode must be 'global-token-mean' or 'mean-of-means', got ${String(mode)}`);
  }
  const acc: LossAndGrad = { loss: 0, grad: theta.map(() => 0) };
  if (mode === 'global-token-mean') {
    const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward
    if (total === 0) return acc;
    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);
  } else {
    for (const mb of mbs) addScaledSum(theta, mb, 1 / (validCount(mb) * mbs.length), acc);
  }
  return acc;
}

/** A number (TypeError otherwise) that is an integer >= 1 (RangeError otherwise). */
function checkPositiveInteger(name: string, value: unknown): void {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}

/** Activation units held with a checkpoint every `segment` layers: ceil(L/k) + k. */
export function checkpointMemory(layers: number, segment: number): number {
  checkPositiveInteger('layers', layers);
  checkPositiveInteger('segment', segment);
  return Math.ceil(layers / segment) + segment;
}

/** The smallest segment length k minimising ceil(L/k) + k (about √L), for one extra forward pass. */
export function bestCheckpointSegment(layers: number): { segment: number; memory: number; extraForwards: 1 } {
  checkPositiveInteger('layers', layers);
  let segment = 1;
  let memory = checkpointMemory(layers, 1);
  for (let k = 2; k <= layers; k++) {
    const m = checkpointMemory(layers, k);
    if (m < memory) {
      segment = k;
      memory = m;
    }
  }
  return { segment, memory, extraForwards: 1 };
}
