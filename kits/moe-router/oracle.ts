/**
 * Float64 loop oracle for the `moe-router` kata, written from the spec and independent of any
 * solution. Plain arrays in, plain arrays out (no tfjs), so the arbitraries, the suite and the
 * compare spec can all use it.
 *
 *   probs[t]   = softmax over all E logits of token t
 *   experts[t] = the k most probable experts, most probable first, ties → lower index
 *   gates[t]   = their probabilities, divided by their sum when normalize (default true)
 *   capacity   = ceil(k·T·cf / E)                (unlimited when cf is undefined)
 *   dispatch   = slot-major: every token's first choice in token order, then every second choice…;
 *                an assignment is kept while its expert has fewer than `capacity` kept so far
 *   moe(x)[t]  = Σ over kept slots s of gates[t][s] · expert_{experts[t][s]}(x[t])   (no renormalising)
 *   aux        = E · Σᵢ fᵢ·Pᵢ,  fᵢ = share of the T·k assignments choosing i,  Pᵢ = mean of probs[·][i]
 */

export type Matrix = number[][];

export function softmaxRow(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

/** Indices 0..E-1 ordered by descending value, equal values by ascending index. */
export function rankRow(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
}

export interface OracleRouting {
  experts: Matrix;
  gates: Matrix;
  probs: Matrix;
}

export function routingOracle(logits: Matrix, k: number, normalize = true): OracleRouting {
  const probs = logits.map(softmaxRow);
  const experts = probs.map((row) => rankRow(row).slice(0, k));
  const gates = probs.map((row, t) => {
    const chosen = (experts[t] as number[]).map((e) => row[e] as number);
    const sum = chosen.reduce((a, b) => a + b, 0);
    return normalize ? chosen.map((g) => g / sum) : chosen;
  });
  return { experts, gates, probs };
}

/**
 * ceil(k·T·cf / E) in exact integer arithmetic, for a capacity factor that is a multiple of
 * 1/1024 (all the factors the tests use are).
 */
export function capacityOracle(tokens: number, experts: number, k: number, capacityFactor: number): number {
  const scaled = capacityFactor * 1024;
  if (!Number.isInteger(scaled)) throw new RangeError('oracle: capacity factor must be a multiple of 1/1024');
  const numerator = BigInt(k) * BigInt(tokens) * BigInt(scaled);
  const denominator = BigInt(experts) * 1024n;
  return Number((numerator + denominator - 1n) / denominator);
}

/**
 * True when every plausible float64 evaluation order of k·T·cf/E rounds up to the exact capacity.
 * The spec warns that float rounding can push an exact integer up by one; the tests keep away
 * from such cases so that any correct order passes.
 */
export function capacityIsRoundingSafe(tokens: number, experts: number, k: number, capacityFactor: number): boolean {
  const exact = capacityOracle(tokens, experts, k, capacityFactor);
  const [t, e, c] = [tokens, experts, capacityFactor];
  const orders = [
    (k * t * c) / e,
    (t / e) * (c * k),
    (t * c * k) / e,
    (k * c * t) / e,
    t * ((k * c) / e),
    k * ((t * c) / e),
    (t / e) * c * k,
    ((k * t) / e) * c,
  ];
  return orders.every((value) => Math.ceil(value) === exact);
}

export interface OracleDispatch {
  kept: boolean[][];
  load: number[];
}

export function dispatchOracle(experts: Matrix, numExperts: number, capacity: number): OracleDispatch {
  const load = new Array<number>(numExperts).fill(0);
  const kept = experts.map((row) => row.map(() => false));
  const k = experts.length === 0 ? 0 : (experts[0] as number[]).length;
  for (let slot = 0; slot < k; slot++) {
    for (let t = 0; t < experts.length; t++) {
      const e = (experts[t] as number[])[slot] as number;
      if ((load[e] as number) < capacity) {
        load[e] = (load[e] as number) + 1;
        (kept[t] as boolean[])[slot] = true;
      }
    }
  }
  return { kept, load };
}

export function auxLossOracle(probs: Matrix, experts: Matrix, numExperts: number): number {
  const t = probs.length;
  const assignments = experts.reduce((n, row) => n + row.length, 0);
  const counts = new Array<number>(numExperts).fill(0);
  for (const row of experts) for (const e of row) counts[e] = (counts[e] as number) + 1;
  let sum = 0;
  for (let i = 0; i < numExperts; i++) {
    let p = 0;
    for (const row of probs) p += row[i] as number;
    sum += ((counts[i] as number) / assignments) * (p / t);
  }
  return numExperts * sum;
}

/** One expert of the tests: h ↦ tanh(h·A + b), row by row (A is [d, d], b is [d]). */
export interface ExpertWeights {
  a: Matrix;
  b: number[];
}

export function expertOracle(w: ExpertWeights, row: readonly number[]): number[] {
  const d = w.b.length;
  const out: number[] = [];
  for (let j = 0; j < d; j++) {
    let s = w.b[j] as number;
    for (let i = 0; i < row.length; i++) s += (row[i] as number) * ((w.a[i] as number[])[j] as number);
    out.push(Math.tanh(s));
  }
  return out;
}

export function matMul(a: Matrix, b: Matrix): Matrix {
  return a.map((row) =>
    (b[0] ?? []).map((_, j) => row.reduce((s, v, i) => s + v * ((b[i] as number[])[j] as number), 0)),
  );
}

export interface MoeOracleConfig {
  k: number;
  normalize?: boolean;
  capacityFactor?: number;
}

export function moeOracle(x: Matrix, routerW: Matrix, experts: readonly ExpertWeights[], cfg: MoeOracleConfig): Matrix {
  const t = x.length;
  const e = experts.length;
  const routing = routingOracle(matMul(x, routerW), cfg.k, cfg.normalize ?? true);
  const capacity = cfg.capacityFactor === undefined ? Infinity : capacityOracle(t, e, cfg.k, cfg.capacityFactor);
  const { kept } = dispatchOracle(routing.experts, e, capacity);
  return x.map((row, token) => {
    const out = new Array<number>(row.length).fill(0);
    (routing.experts[token] as number[]).forEach((expert, slot) => {
      if (!(kept[token] as boolean[])[slot]) return;
      const gate = (routing.gates[token] as number[])[slot] as number;
      const y = expertOracle(experts[expert] as ExpertWeights, row);
      for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) + gate * (y[j] as number);
    });
    return out;
  });
}

/** A flat row-major array as rows of `cols`. */
export function rowsOf(data: ArrayLike<number>, cols: number): Matrix {
  const all = Array.from(data);
  const rows: Matrix = [];
  for (let offset = 0; offset < all.length; offset += cols) rows.push(all.slice(offset, offset + cols));
  return rows;
}
