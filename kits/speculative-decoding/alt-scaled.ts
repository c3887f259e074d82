/**
 * Another way: never divide. Draft token x is accepted when u · q(x) < p(x) (the same test as
 * u < p(x)/q(x) for q(x) > 0, without the ratio), and a token is drawn from unnormalised weights w
 * with total W by scaling the uniform instead of the weights: the first i with u · W < w_0 + … + w_i.
 * The arguments are checked up front by one table of row checks; O(K·V).
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

function fail(kind: 'type' | 'range', message: string): never {
  throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

function probabilityRows(value: unknown, name: string, count: number, vocab: number): number[][] {
  if (!Array.isArray(value)) fail('type', `${name}: expected an array of rows`);
  if (value.length !== count) fail('range', `${name}: expected ${count} rows, got ${value.length}`);
  for (const [i, row] of value.entries()) {
    if (!Array.isArray(row)) fail('type', `${name}[${i}]: expected an array`);
    if (row.length !== vocab) fail('range', `${name}[${i}]: expected ${vocab} entries, got ${row.length}`);
    let total = 0;
    for (const [j, v] of row.entries()) {
      if (typeof v !== 'number') fail('type', `${name}[${i}][${j}]: expected a number`);
      if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) fail('range', `${name}[${i}][${j}]: ${v} is not a probability`);
      total += v;
    }
    if (!(Math.abs(total - 1) <= 1e-9)) fail('range', `${name}[${i}]: sums to ${total}, not 1`);
  }
  return value as number[][];
}

/** The first index whose prefix sum of weights exceeds u · total; past the end, the last positive weight. */
function pick(weights: readonly number[], total: number, u: number): number {
  const threshold = u * total;
  let prefix = 0;
  let chosen = -1;
  for (const [i, w] of weights.entries()) {
    if (w <= 0) continue;
    prefix += w;
    chosen = i;
    if (threshold < prefix) break;
  }
  return chosen;
}

export function speculativeStep(input: SpeculativeStepInput): SpeculativeStepResult {
  if (input === null || typeof input !== 'object') fail('type', 'input: expected an object');
  const { draftTokens, uniform } = input;
  if (!Array.isArray(draftTokens)) fail('type', 'draftTokens: expected an array');
  if (typeof uniform !== 'function') fail('type', 'uniform: expected a function');
  const k = draftTokens.length;
  if (k === 0) fail('range', 'draftTokens: expected at least one draft token');
  const head: unknown = Array.isArray(input.targetProbs) ? input.targetProbs[0] : undefined;
  const vocab = Array.isArray(head) ? head.length : 0;
  const p = probabilityRows(input.targetProbs, 'targetProbs', k + 1, vocab);
  const q = probabilityRows(input.draftProbs, 'draftProbs', k, vocab);
  for (const [i, x] of draftTokens.entries()) {
    if (typeof x !== 'number') fail('type', `draftTokens[${i}]: expected a number`);
    if (!(Number.isInteger(x) && x >= 0 && x < vocab)) fail('range', `draftTokens[${i}]: ${x} is not in [0, ${vocab})`);
    if (!(((q[i] as number[])[x] as number) > 0))
      fail('range', `draftTokens[${i}]: the draft gives ${x} probability 0`);
  }
  const next = (): number => {
    const u: unknown = uniform();
    if (typeof u !== 'number') fail('type', 'uniform(): expected a number');
    if (!(u >= 0 && u < 1)) fail('range', `uniform(): ${u} is not in [0, 1)`);
    return u;
  };

  for (let i = 0; i < k; i++) {
    const x = draftTokens[i] as number;
    const pRow = p[i] as number[];
    const qRow = q[i] as number[];
    if (next() * (qRow[x] as number) < (pRow[x] as number)) continue;
    let total = 0;
    const residual = pRow.map((v, j) => {
      const r = v > (qRow[j] as number) ? v - (qRow[j] as number) : 0;
      total += r;
      return r;
    });
    const u = next();
    const last = total > 0 ? pick(residual, total, u) : pick(pRow, 1, u);
    return { tokens: [...draftTokens.slice(0, i), last], accepted: i };
  }
  return { tokens: [...draftTokens, pick(p[k] as number[], 1, next())], accepted: k };
}
