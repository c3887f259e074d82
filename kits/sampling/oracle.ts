/**
 * Float64 oracles for the sampling kata, written independently of the reference: top-k keeps a
 * logit when fewer than k logits are strictly larger; top-p is a literal port of Hugging Face's
 * TopPLogitsWarper (sort ascending, cumulative softmax, remove cumsum ≤ 1 − p, keep the last
 * minKeep), with ties ordered so that the lower index counts as more probable.
 */
const NEG = Number.NEGATIVE_INFINITY;

/** softmax in float64; −∞ logits get probability 0. */
export function softmaxOracle(logits: readonly number[]): number[] {
  let max = NEG;
  for (const v of logits) if (v > max) max = v;
  const exps = logits.map((v) => (v === NEG ? 0 : Math.exp(v - max)));
  let total = 0;
  for (const e of exps) total += e;
  return exps.map((e) => e / total);
}

export function temperatureOracle(logits: readonly number[], t: number): number[] {
  return logits.map((v) => v / t);
}

export function topKOracle(logits: readonly number[], k: number): number[] {
  return logits.map((v) => {
    let larger = 0;
    for (const w of logits) if (w > v) larger++;
    return larger < k ? v : NEG;
  });
}

export function topPOracle(logits: readonly number[], p: number, minKeep = 1): number[] {
  const probs = softmaxOracle(logits);
  // Ascending: less probable first; on ties the higher index is less probable.
  const ascending = probs.map((_, i) => i).sort((a, b) => (probs[a] as number) - (probs[b] as number) || b - a);
  const out = [...logits];
  let cumsum = 0;
  ascending.forEach((i, pos) => {
    cumsum += probs[i] as number;
    const amongLastMinKeep = pos >= ascending.length - minKeep;
    if (cumsum <= 1 - p && !amongLastMinKeep) out[i] = NEG;
  });
  return out;
}

export function penaltyOracle(logits: readonly number[], previous: readonly number[], penalty: number): number[] {
  const out = [...logits];
  const seen = new Set(previous);
  for (let i = 0; i < logits.length; i++) {
    if (!seen.has(i)) continue;
    const v = logits[i] as number;
    out[i] = v < 0 ? v * penalty : v / penalty;
  }
  return out;
}

export interface SampleOptionsData {
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  previous?: number[];
}

/** The final distribution `sampleToken` draws from (HF order: penalty, temperature, top-k, top-p). */
export function sampleDistributionOracle(logits: readonly number[], opts: SampleOptionsData = {}): number[] {
  let s = [...logits];
  if (opts.repetitionPenalty !== undefined) s = penaltyOracle(s, opts.previous ?? [], opts.repetitionPenalty);
  if (opts.temperature !== undefined) s = temperatureOracle(s, opts.temperature);
  if (opts.topK !== undefined) s = topKOracle(s, opts.topK);
  if (opts.topP !== undefined) s = topPOracle(s, opts.topP);
  return softmaxOracle(s);
}

/** Inverse CDF in vocabulary order: the first i with u < Σ_{j≤i} p_j. */
export function inverseCdfOracle(probs: readonly number[], u: number): number {
  let c = 0;
  for (let i = 0; i < probs.length; i++) {
    c += probs[i] as number;
    if (u < c) return i;
  }
  return probs.length - 1;
}

/**
 * How close the top-p boundary is: the smallest |mass of a descending prefix − p| over every
 * prefix (ties: lower index first). Cases within 1e-6 are left out: rounding may decide them.
 */
export function topPMargin(logits: readonly number[], p: number): number {
  const probs = softmaxOracle(logits);
  const desc = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
  let mass = 0;
  let margin = Math.abs(p);
  for (const i of desc) {
    mass += probs[i] as number;
    margin = Math.min(margin, Math.abs(mass - p));
  }
  return margin;
}
