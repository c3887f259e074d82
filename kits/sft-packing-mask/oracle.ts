/**
 * Brute-force oracles for the sft-packing-mask kata, written straight from the conventions in
 * katas/sft-packing-mask/README.md (no tfjs): token-by-token packing with running counters, the
 * mask from its definition, and a float64 loop over all (i, j) pairs for attention.
 */

export interface Example {
  readonly inputIds: readonly number[];
  readonly labels: readonly number[];
}

export interface PackOracle {
  inputIds: number[];
  labels: number[];
  positionIds: number[];
  seqIds: number[];
  cuSeqlens: number[];
}

/** labels[i] = ignoreIndex while i is inside the prompt, else the token itself (unshifted). */
export function sftExampleOracle(
  prompt: readonly number[],
  response: readonly number[],
  ignoreIndex = -100,
): { inputIds: number[]; labels: number[] } {
  const inputIds = prompt.concat(response);
  const labels = inputIds.map((id, i) => (i < prompt.length ? ignoreIndex : id));
  return { inputIds, labels };
}

/** Walks the tokens one by one, tracking which sequence and which position within it. */
export function packOracle(seqs: readonly Example[], ignoreIndex = -100): PackOracle {
  const out: PackOracle = { inputIds: [], labels: [], positionIds: [], seqIds: [], cuSeqlens: [] };
  let total = 0;
  out.cuSeqlens.push(total);
  for (let s = 0; s < seqs.length; s++) {
    const seq = seqs[s] as Example;
    for (let p = 0; p < seq.inputIds.length; p++) {
      out.inputIds.push(seq.inputIds[p] as number);
      out.labels.push(p === 0 ? ignoreIndex : (seq.labels[p] as number));
      out.positionIds.push(p);
      out.seqIds.push(s);
      total += 1;
    }
    out.cuSeqlens.push(total);
  }
  return out;
}

/** mask[i][j] = 1 when seqIds[i] === seqIds[j] and j ≤ i, else 0 (as nested arrays). */
export function maskOracle(seqIds: readonly number[]): number[][] {
  return seqIds.map((a, i) => seqIds.map((b, j) => (a === b && j <= i ? 1 : 0)));
}

/** Row-major flat copy of maskOracle, for expectTensorClose. */
export function maskOracleFlat(seqIds: readonly number[]): Float64Array {
  return Float64Array.from(maskOracle(seqIds).flat());
}

/** Token p belongs to the number of boundaries cuSeqlens[1..] at or before p. */
export function seqIdsOracle(cuSeqlens: readonly number[]): number[] {
  const total = cuSeqlens.at(-1) ?? 0;
  const ids: number[] = [];
  for (let p = 0; p < total; p++) ids.push(cuSeqlens.slice(1).filter((c) => c <= p).length);
  return ids;
}

/** Σ l(l+1)/2 over the sequence lengths: the number of 1s in the block-causal mask. */
export function allowedPairs(lengths: readonly number[]): number {
  return lengths.reduce((sum, l) => sum + (l * (l + 1)) / 2, 0);
}

/**
 * Masked attention in float64 over the whole pack: for each query i, softmax over the keys j with
 * the same seqId and j ≤ i of q_i·k_j/√d, then the weighted sum of v_j. q, k are [T, d] and v is
 * [T, dv], row-major. O(T²·d): an oracle, not a solution.
 */
export function packedAttentionOracle(
  q: ArrayLike<number>,
  k: ArrayLike<number>,
  v: ArrayLike<number>,
  seqIds: readonly number[],
  d: number,
  dv: number,
): Float64Array {
  const t = seqIds.length;
  const out = new Float64Array(t * dv);
  for (let i = 0; i < t; i++) {
    const scores: number[] = [];
    const keys: number[] = [];
    for (let j = 0; j < t; j++) {
      if (seqIds[j] !== seqIds[i] || j > i) continue;
      let dot = 0;
      for (let c = 0; c < d; c++) dot += (q[i * d + c] as number) * (k[j * d + c] as number);
      scores.push(dot / Math.sqrt(d));
      keys.push(j);
    }
    const max = Math.max(...scores);
    const weights = scores.map((s) => Math.exp(s - max));
    const z = weights.reduce((a, b) => a + b, 0);
    keys.forEach((j, n) => {
      for (let c = 0; c < dv; c++) {
        out[i * dv + c] = (out[i * dv + c] as number) + ((weights[n] as number) / z) * (v[j * dv + c] as number);
      }
    });
  }
  return out;
}
