/**
 * Memory and traffic of mixed-precision data-parallel training (ZeRO, arXiv 1910.02054 §3;
 * activations from Korthikanti et al., arXiv 2205.05198). Per GPU, in bytes:
 * fp16 weights 2Ψ, fp16 grads 2Ψ, optimizer KΨ (K = 12: fp32 master copy, Adam m and v).
 * ZeRO stage 1 partitions the optimizer over N GPUs, stage 2 also the grads, stage 3 also the
 * weights. Each part multiplies before it divides, so (K·Ψ)/N stays exact whenever the quotient is
 * an integer below 2^53. Every argument is checked first: a typo must not turn into a default.
 * O(1) time and space.
 */
export interface ModelStateOptions {
  stage?: 0 | 1 | 2 | 3;
  gpus?: number;
  k?: number;
}

export interface ModelStateBytes {
  weights: number;
  grads: number;
  optimizer: number;
  total: number;
}

export interface ActivationConfig {
  seqLen: number;
  batch: number;
  hidden: number;
  heads: number;
  recompute?: 'none' | 'selective' | 'full';
}

type Stage = 0 | 1 | 2 | 3;
const STAGES: readonly unknown[] = [0, 1, 2, 3];
const RECOMPUTE: readonly unknown[] = ['none', 'selective', 'full'];

/** A plain object with only the allowed keys (TypeError otherwise: `{ gpu: 8 }` is a typo, not 1 GPU). */
function checkObject(value: unknown, name: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${value === null ? 'null' : typeof value}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new TypeError(`${name} has an unknown key '${key}'`);
  }
  return value as Record<string, unknown>;
}

/** A number (TypeError otherwise) that is an integer >= 1 (RangeError otherwise): a count. */
function checkCount(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

function checkStage(stage: unknown): Stage {
  if (!STAGES.includes(stage)) throw new RangeError(`stage must be 0, 1, 2 or 3, got ${String(stage)}`);
  return stage as Stage;
}

export function modelStateBytes(params: number, opts: ModelStateOptions = {}): ModelStateBytes {
  checkCount(params, 'params');
  const o = checkObject(opts, 'opts', ['stage', 'gpus', 'k']);
  const stage = o.stage === undefined ? 0 : checkStage(o.stage);
  const gpus = o.gpus === undefined ? 1 : checkCount(o.gpus, 'gpus');
  const k = o.k === undefined ? 12 : o.k;
  if (typeof k !== 'number') throw new TypeError(`k must be a number, got ${typeof k}`);
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`k must be a finite number >= 0, got ${k}`);
  const part = (bytesPerParam: number, partitioned: boolean) =>
    partitioned ? (bytesPerParam * params) / gpus : bytesPerParam * params;
  const weights = part(2, stage >= 3);
  const grads = part(2, stage >= 2);
  const optimizer = part(k, stage >= 1);
  return { weights, grads, optimizer, total: weights + grads + optimizer };
}

/**
 * Activation bytes stored by one transformer layer (fp16, no tensor/sequence parallelism):
 * sbh(34 + 5as/h) = 34·sbh + 5·a·s²·b without recomputation; 34·sbh when the attention core is
 * recomputed (selective); 2·sbh (the layer input) with full recomputation.
 */
export function activationBytesPerLayer(c: ActivationConfig): number {
  const config = checkObject(c, 'the config', ['seqLen', 'batch', 'hidden', 'heads', 'recompute']);
  const s = checkCount(config.seqLen, 'seqLen');
  const b = checkCount(config.batch, 'batch');
  const h = checkCount(config.hidden, 'hidden');
  const a = checkCount(config.heads, 'heads');
  const recompute = config.recompute === undefined ? 'none' : config.recompute;
  if (!RECOMPUTE.includes(recompute)) {
    throw new RangeError(`recompute must be 'none', 'selective' or 'full', got ${String(recompute)}`);
  }
  if (recompute === 'full') return 2 * s * b * h;
  if (recompute === 'selective') return 34 * s * b * h;
  return 34 * s * b * h + 5 * a * s * s * b; // sbh·(34 + 5as/h) without dividing by h
}

/**
 * Elements each GPU sends per training step: 2Ψ for plain data parallelism and ZeRO-1/2
 * (reduce-scatter + all-gather of the gradients), 3Ψ for ZeRO-3 (the weights are all-gathered
 * again for the backward pass).
 */
export function commElementsPerStep(params: number, stage: 0 | 1 | 2 | 3): number {
  checkCount(params, 'params');
  return checkStage(stage) === 3 ? 3 * params : 2 * params;
}
