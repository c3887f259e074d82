/**
 * Oracles for the training-memory kata, in exact BigInt arithmetic: each result is a rational
 * number, returned as a double only when it is an integer (the suites' generators make sure it is),
 * so a float-drifting implementation cannot agree by accident.
 */

type Part = 'weights' | 'grads' | 'optimizer';

/** Which model-state parts each ZeRO stage shards over the data-parallel GPUs (ZeRO §5). */
const SHARDED: Readonly<Record<0 | 1 | 2 | 3, readonly Part[]>> = {
  0: [],
  1: ['optimizer'],
  2: ['optimizer', 'grads'],
  3: ['optimizer', 'grads', 'weights'],
};

/** Bytes per parameter of each part: fp16 weights, fp16 grads, K bytes of optimizer state. */
const bytesPerParam = (part: Part, k: bigint): bigint => (part === 'optimizer' ? k : 2n);

function exactQuotient(numerator: bigint, denominator: bigint, what: string): number {
  if (numerator % denominator !== 0n) {
    throw new RangeError(`oracle: ${what} = ${numerator}/${denominator} is not a whole number of bytes`);
  }
  const q = numerator / denominator;
  if (q > 2n ** 53n) throw new RangeError(`oracle: ${what} = ${q} is beyond 2^53`);
  return Number(q);
}

/** Per-GPU bytes of weights, grads, optimizer state and their total; integer inputs only. */
export function oracleModelState(
  params: number,
  stage: 0 | 1 | 2 | 3,
  gpus: number,
  k: number,
): { weights: number; grads: number; optimizer: number; total: number } {
  const psi = BigInt(params);
  const n = BigInt(gpus);
  const kk = BigInt(k);
  const bytes = (part: Part): [bigint, bigint] => {
    const whole = bytesPerParam(part, kk) * psi;
    return SHARDED[stage].includes(part) ? [whole, n] : [whole * n, n];
  };
  const [w, g, o] = [bytes('weights'), bytes('grads'), bytes('optimizer')];
  return {
    weights: exactQuotient(w[0], w[1], 'weights'),
    grads: exactQuotient(g[0], g[1], 'grads'),
    optimizer: exactQuotient(o[0], o[1], 'optimizer'),
    total: exactQuotient(w[0] + g[0] + o[0], n, 'total'),
  };
}

/** Activation bytes of one layer, sbh(34 + 5as/h) and the recompute variants, exactly. */
export function oracleActivation(
  seqLen: number,
  batch: number,
  hidden: number,
  heads: number,
  recompute: 'none' | 'selective' | 'full',
): number {
  const [s, b, h, a] = [seqLen, batch, hidden, heads].map(BigInt) as [bigint, bigint, bigint, bigint];
  const sbh = s * b * h;
  if (recompute === 'full') return exactQuotient(2n * sbh, 1n, 'full');
  if (recompute === 'selective') return exactQuotient(34n * sbh, 1n, 'selective');
  // sbh · (34 + 5as/h) = sbh · (34h + 5as) / h
  return exactQuotient(sbh * (34n * h + 5n * a * s), h, 'none');
}

/** Elements communicated per step: gradients reduce-scattered and all-gathered (2Ψ), ZeRO-3 +Ψ. */
export function oracleComm(params: number, stage: 0 | 1 | 2 | 3): number {
  const psi = BigInt(params);
  const collectives = stage === 3 ? 3n : 2n; // reduce-scatter grads, all-gather (+ all-gather weights again)
  return exactQuotient(collectives * psi, 1n, 'communication');
}
