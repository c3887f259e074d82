/**
 * Oracles for the speculative-decoding kata, written independently of the reference:
 * - `literalStep`: the rules as a slow literal program (count the accepted prefix first, then build
 *   the distribution of the last token as a whole normalised array, then invert its CDF);
 * - `outcomeDistribution`: the exact probability of every result when the draft tokens are sampled
 *   from the draft rows and the uniforms are truly uniform (enumeration, no random numbers), and
 *   `firstTokenMarginal`, which by the theorem of Leviathan et al. (Appendix A.1) equals p_0.
 */

/** Inverse CDF in index order: the first i with u < Σ_{j≤i} dist_j; past the end, the last positive entry. */
export function inverseCdfOracle(dist: readonly number[], u: number): number {
  let c = 0;
  for (let i = 0; i < dist.length; i++) {
    c += dist[i] as number;
    if (dist[i] !== 0 && u < c) return i;
  }
  let last = dist.length - 1;
  while (last > 0 && dist[last] === 0) last--;
  return last;
}

/** norm(max(0, p − q)), or p itself when the residual is all zero. */
export function residualOracle(p: readonly number[], q: readonly number[]): number[] {
  const r = p.map((v, j) => (v > (q[j] as number) ? v - (q[j] as number) : 0));
  let total = 0;
  for (const v of r) total += v;
  return total === 0 ? [...p] : r.map((v) => v / total);
}

export interface StepTrace {
  tokens: number[];
  accepted: number;
  /** How many uniforms the step drew. */
  draws: number;
}

/** The rules, literally: accepted prefix, then the last token's distribution, then one draw from it. */
export function literalStep(
  target: readonly (readonly number[])[],
  draft: readonly (readonly number[])[],
  draftTokens: readonly number[],
  uniform: () => number,
): StepTrace {
  const k = draftTokens.length;
  let draws = 0;
  let n = 0;
  while (n < k) {
    const x = draftTokens[n] as number;
    const ratio = ((target[n] as number[])[x] as number) / ((draft[n] as number[])[x] as number);
    draws++;
    if (!(uniform() < ratio)) break;
    n++;
  }
  const dist = n < k ? residualOracle(target[n] as number[], draft[n] as number[]) : [...(target[k] as number[])];
  draws++;
  const last = inverseCdfOracle(dist, uniform());
  return { tokens: [...draftTokens.slice(0, n), last], accepted: n, draws };
}

/**
 * The exact distribution of the result (tokens joined by ',') when draft token i is drawn from
 * draft row i and every uniform is truly uniform: accept with probability min(1, p/q), else the
 * residual; all accepted, the bonus from the last target row.
 */
export function outcomeDistribution(
  target: readonly (readonly number[])[],
  draft: readonly (readonly number[])[],
): Map<string, number> {
  const k = draft.length;
  const out = new Map<string, number>();
  const add = (tokens: readonly number[], w: number) => {
    if (w === 0) return;
    const key = tokens.join(',');
    out.set(key, (out.get(key) ?? 0) + w);
  };
  const walk = (i: number, prefix: number[], w: number): void => {
    if (i === k) {
      for (const [y, py] of (target[k] as number[]).entries()) add([...prefix, y], w * py);
      return;
    }
    const p = target[i] as number[];
    const q = draft[i] as number[];
    q.forEach((qx, x) => {
      if (qx === 0) return;
      const accept = Math.min(1, (p[x] as number) / qx);
      walk(i + 1, [...prefix, x], w * qx * accept);
      const residual = residualOracle(p, q);
      for (const [y, ry] of residual.entries()) add([...prefix, y], w * qx * (1 - accept) * ry);
    });
  };
  walk(0, [], 1);
  return out;
}

/** The distribution of the first emitted token, from `outcomeDistribution`. */
export function firstTokenMarginal(outcomes: ReadonlyMap<string, number>, vocab: number): number[] {
  const m = new Array<number>(vocab).fill(0);
  for (const [key, w] of outcomes) {
    const first = Number(key.split(',')[0]);
    m[first] = (m[first] as number) + w;
  }
  return m;
}

/** Total variation distance between two distributions over the same keys (missing keys are 0). */
export function totalVariation(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) sum += Math.abs((a.get(key) ?? 0) - (b.get(key) ?? 0));
  return sum / 2;
}

/** Expected acceptance probability of one draft token: Σ_x min(p(x), q(x)) (Leviathan et al., Section 3: β = 1 − D_LK(p, q)). */
export function acceptanceRate(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let x = 0; x < p.length; x++) s += Math.min(p[x] as number, q[x] as number);
  return s;
}
