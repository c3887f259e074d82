/**
 * Memory and traffic of mixed-precision data-parallel training (ZeRO, arXiv 1910.02054 §3;
 * activations from Korthikanti et al., arXiv 2205.05198). Per GPU, in bytes:
 * fp16 weights 2Ψ, fp16 grads 2Ψ, optimizer KΨ (K = 12: fp32 master copy, Adam m and v).
 * ZeRO stage 1 partitions the optimizer over N GPUs, stage 2 also the grads, stage 3 also the
 * weights. Each part multiplies before it divides, so (K·Ψ)/N stays exact whenever the quotient is
 * an integer below 2^53. O(1) time and space.
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

function checkParams(params: number): void {
  if (!(params > 0) || !Number.isFinite(params)) {
    throw new RangeError(`params must be a positive finite number, got ${params}`);
  }
}

function checkStage(stage: unknown): asserts stage is 0 | 1 | 2 | 3 {
  if (stage !== 0 && stage !== 1 && stage !== 2 && stage !== 3) {
    throw new RangeError(`stage must be 0, 1, 2 or 3, got ${String(stage)}`);
  }
}

export function modelStateBytes(params: number, opts: ModelStateOptions = {}): ModelStateBytes {
  const { stage = 0, gpus = 1, k = 12 } = opts;
  checkParams(params);
  checkStage(stage);
  if (!Number.isInteger(gpus) || gpus < 1) throw new RangeError(`gpus must be a positive integer, got ${gpus}`);
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
  const { seqLen: s, batch: b, hidden: h, heads: a, recompute = 'none' } = c;
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
  checkParams(params);
  checkStage(stage);
  return stage === 3 ? 3 * params : 2 * params;
}
