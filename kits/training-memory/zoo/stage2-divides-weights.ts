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
  const weights = part(2, stage >= 2);
  const grads = part(2, stage >= 2);
  const optimizer = part(k, stage >= 1);
  return { weights, grads, optimizer, total: weights + grads + optimizer };
}

export function activationBytesPerLayer(c: ActivationConfig): number {
  const { seqLen: s, batch: b, hidden: h, heads: a, recompute = 'none' } = c;
  for (const [name, value] of [
    ['seqLen', s],
    ['batch', b],
    ['hidden', h],
    ['heads', a],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  switch (recompute) {
    case 'none':
      return 34 * s * b * h + 5 * a * s * s * b;
    case 'selective':
      return 34 * s * b * h;
    case 'full':
      return 2 * s * b * h;
    default:
      throw new RangeError(`recompute must be 'none', 'selective' or 'full', got ${String(recompute)}`);
  }
}

export function commElementsPerStep(params: number, stage: 0 | 1 | 2 | 3): number {
  checkParams(params);
  checkStage(stage);
  return stage === 3 ? 3 * params : 2 * params;
}
