/**
 * Another way: the ZeRO stages as a table of which parts each stage shards, and the arguments
 * checked against a small schema. Each part is (bytes per parameter · Ψ) / (N if sharded else 1),
 * one multiplication before one division, so whole-byte answers are exact. The activation term is
 * factored as s·b·(34h + 5as): all integers, so exact below 2^53 whatever the order.
 */
export interface ModelStateOptions {
  stage?: 0 | 1 | 2 | 3;
  gpus?: number;
  k?: number;
}

export interface ActivationConfig {
  seqLen: number;
  batch: number;
  hidden: number;
  heads: number;
  recompute?: 'none' | 'selective' | 'full';
}

/** Which parts each stage shards: [weights, grads, optimizer]. */
const SHARDS = new Map<unknown, readonly [boolean, boolean, boolean]>([
  [0, [false, false, false]],
  [1, [false, false, true]],
  [2, [false, true, true]],
  [3, [true, true, true]],
]);

/** Activation bytes per sbh for each recompute mode, and whether the attention scores are kept. */
const KEPT = new Map<unknown, { perSbh: number; scores: boolean }>([
  ['none', { perSbh: 34, scores: true }],
  ['selective', { perSbh: 34, scores: false }],
  ['full', { perSbh: 2, scores: false }],
]);

function fields(value: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TypeError(`${what}: not an object`);
  const unknown = Object.keys(value).filter((key) => !keys.includes(key));
  if (unknown.length > 0) throw new TypeError(`${what}: unknown option(s) ${unknown.join(', ')}`);
  return value as Record<string, unknown>;
}

function positiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what}: expected a number, got ${typeof value}`);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${what}: expected a positive integer, got ${value}`);
  return value;
}

function shardsOf(stage: unknown): readonly [boolean, boolean, boolean] {
  const shards = SHARDS.get(stage);
  if (shards === undefined) throw new RangeError(`stage: expected 0, 1, 2 or 3, got ${String(stage)}`);
  return shards;
}

export function modelStateBytes(
  params: number,
  opts?: ModelStateOptions,
): { weights: number; grads: number; optimizer: number; total: number } {
  const psi = positiveInteger(params, 'params');
  const o = opts === undefined ? {} : fields(opts, 'opts', ['stage', 'gpus', 'k']);
  const [shardWeights, shardGrads, shardOptimizer] = shardsOf(o.stage === undefined ? 0 : o.stage);
  const n = o.gpus === undefined ? 1 : positiveInteger(o.gpus, 'gpus');
  let k = 12;
  if (o.k !== undefined) {
    if (typeof o.k !== 'number') throw new TypeError(`k: expected a number, got ${typeof o.k}`);
    if (Number.isNaN(o.k) || o.k < 0 || o.k === Number.POSITIVE_INFINITY) throw new RangeError(`k: ${o.k} is not >= 0`);
    k = o.k;
  }
  const bytes = (perParam: number, sharded: boolean): number => (perParam * psi) / (sharded ? n : 1);
  const weights = bytes(2, shardWeights);
  const grads = bytes(2, shardGrads);
  const optimizer = bytes(k, shardOptimizer);
  return { weights, grads, optimizer, total: weights + grads + optimizer };
}

export function activationBytesPerLayer(c: ActivationConfig): number {
  const f = fields(c, 'config', ['seqLen', 'batch', 'hidden', 'heads', 'recompute']);
  const s = positiveInteger(f.seqLen, 'seqLen');
  const b = positiveInteger(f.batch, 'batch');
  const h = positiveInteger(f.hidden, 'hidden');
  const a = positiveInteger(f.heads, 'heads');
  const kept = KEPT.get(f.recompute === undefined ? 'none' : f.recompute);
  if (kept === undefined) throw new RangeError(`recompute: expected 'none', 'selective' or 'full'`);
  return s * b * (kept.perSbh * h + (kept.scores ? 5 * a * s : 0));
}

export function commElementsPerStep(params: number, stage: 0 | 1 | 2 | 3): number {
  const psi = positiveInteger(params, 'params');
  const [shardWeights] = shardsOf(stage);
  // Reduce-scatter and all-gather the gradients; ZeRO-3 all-gathers the weights once more.
  return (shardWeights ? 3 : 2) * psi;
}
