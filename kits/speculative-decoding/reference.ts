/**
 * One round of speculative sampling (Leviathan et al. 2023, Algorithm 1; Chen et al. 2023,
 * Algorithm 2): walk the K draft tokens in order, accept draft token x at position i when
 * u < p_i(x) / q_i(x) for a fresh u, and stop at the first rejection, where the corrected token is
 * drawn from norm(max(0, p_i − q_i)); when all K are accepted, a bonus token is drawn from p_K.
 *
 * Uniforms: one per tested draft token, then one for the last token (corrected or bonus). Every
 * argument is checked before the first draw. O(K·V): the checks read every row once, the residual
 * and the draw are one pass each.
 */
export interface SpeculativeStepInput {
  targetProbs: number[][];
  draftProbs: number[][];
  draftTokens: number[];
  uniform: () => number;
}

export interface SpeculativeStepResult {
  tokens: number[];
  accepted: number;
}

const SUM_TOLERANCE = 1e-9;

/** A row of V probabilities: numbers, finite, ≥ 0, summing to 1 within 1e-9. */
function checkRow(row: unknown, name: string, vocab: number): void {
  if (!Array.isArray(row)) throw new TypeError(`${name} must be an array of probabilities, got ${typeof row}`);
  if (row.length !== vocab) throw new RangeError(`${name} has ${row.length} entries, expected V = ${vocab}`);
  let sum = 0;
  for (let j = 0; j < row.length; j++) {
    const v: unknown = row[j];
    if (typeof v !== 'number') throw new TypeError(`${name}[${j}] must be a number, got ${typeof v}`);
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name}[${j}] must be a finite probability ≥ 0, got ${v}`);
    sum += v;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new RangeError(`${name} sums to ${sum}, expected 1 (within 1e-9)`);
}

/** The rows as arrays, or a TypeError. */
function checkRows(rows: unknown, name: string): unknown[] {
  if (!Array.isArray(rows)) throw new TypeError(`${name} must be an array of rows, got ${typeof rows}`);
  return rows;
}

/** Draws one uniform and checks it is a number in [0, 1). */
function draw(uniform: () => number): number {
  const u: unknown = uniform();
  if (typeof u !== 'number') throw new TypeError(`uniform() must return a number, got ${typeof u}`);
  if (!(u >= 0 && u < 1)) throw new RangeError(`uniform() must return a number in [0, 1), got ${u}`);
  return u;
}

/**
 * Inverse CDF over non-negative weights with total `total`: the first i with u < (w_0 + … + w_i) / total.
 * If rounding leaves the last prefix at or below u, the last index of positive weight.
 */
function sampleFrom(weights: readonly number[], total: number, u: number): number {
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    cumulative += w / total;
    last = i;
    if (u < cumulative) return i;
  }
  return last;
}

export function speculativeStep(input: SpeculativeStepInput): SpeculativeStepResult {
  if (typeof input !== 'object' || input === null) throw new TypeError('input must be an object');
  const { targetProbs, draftProbs, draftTokens, uniform } = input;
  const target = checkRows(targetProbs, 'targetProbs');
  const draft = checkRows(draftProbs, 'draftProbs');
  if (!Array.isArray(draftTokens)) throw new TypeError(`draftTokens must be an array, got ${typeof draftTokens}`);
  if (typeof uniform !== 'function') throw new TypeError(`uniform must be a function, got ${typeof uniform}`);
  const k = draftTokens.length;
  if (k < 1) throw new RangeError('draftTokens is empty: K must be at least 1');
  if (draft.length !== k) throw new RangeError(`draftProbs has ${draft.length} rows, expected K = ${k}`);
  if (target.length !== k + 1) throw new RangeError(`targetProbs has ${target.length} rows, expected K + 1 = ${k + 1}`);
  const first = target[0];
  // V is the length of the first target row; an empty row fails its sum check.
  const vocab = Array.isArray(first) ? first.length : 0;
  for (const [i, row] of target.entries()) checkRow(row, `targetProbs[${i}]`, vocab);
  for (const [i, row] of draft.entries()) checkRow(row, `draftProbs[${i}]`, vocab);
  const p = target as number[][];
  const q = draft as number[][];
  for (let i = 0; i < k; i++) {
    const x: unknown = draftTokens[i];
    if (typeof x !== 'number') throw new TypeError(`draftTokens[${i}] must be a number, got ${typeof x}`);
    if (!Number.isInteger(x) || x < 0 || x >= vocab) {
      throw new RangeError(`draftTokens[${i}] = ${x} is not a token id in [0, ${vocab})`);
    }
    if ((q[i] as number[])[x] === 0) {
      throw new RangeError(`draftTokens[${i}] = ${x} has draft probability 0: the draft could not have sampled it`);
    }
  }

  const tokens: number[] = [];
  for (let i = 0; i < k; i++) {
    const x = draftTokens[i] as number;
    const pi = p[i] as number[];
    const qi = q[i] as number[];
    const u = draw(uniform);
    if (u < (pi[x] as number) / (qi[x] as number)) {
      tokens.push(x);
      continue;
    }
    // Rejected: the corrected token comes from norm(max(0, p_i − q_i)).
    const residual = pi.map((v, j) => Math.max(0, v - (qi[j] as number)));
    const total = residual.reduce((s, r) => s + r, 0);
    const v = draw(uniform);
    // Only rounding can make the residual vanish (p and q agree within the sum tolerance): draw from p_i.
    tokens.push(total > 0 ? sampleFrom(residual, total, v) : sampleFrom(pi, 1, v));
    return { tokens, accepted: i };
  }
  // All K accepted: the bonus token from the target's row after the last draft token.
  tokens.push(sampleFrom(p[k] as number[], 1, draw(uniform)));
  return { tokens, accepted: k };
}
