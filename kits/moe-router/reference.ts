import * as tf from '@tensorflow/tfjs';

/**
 * Top-k mixture-of-experts routing with expert capacity, as in Mixtral (softmax over all E, top-k,
 * renormalise the k gates) plus Switch/GShard-style capacity and the Switch load-balancing loss.
 *
 * topKRouting: one softmax and one tf.topk over [T, E] (tf.topk puts the lower index first on a
 * tie), then the k values and indices are read back: O(T·E) work. dispatch: two nested loops,
 * slot outside, token inside (slot-major priority), one counter per expert: O(T·k).
 * moeForward: gather each expert's kept tokens, run the expert on them only, scale by the gates
 * and add the rows back with one scatterND (duplicate indices are summed): O(T·d·E) for the router plus the experts'
 * own cost on T·k rows at most. loadBalancingLoss: counts of the T·k choices and one column mean
 * of probs: O(T·(E + k)). Every argument is checked first, so a bad one throws before any tensor
 * is made.
 */
export interface Routing {
  /** [T][k]: the chosen experts of every token, most probable first. */
  experts: number[][];
  /** [T][k]: their gates (raw softmax probabilities, or divided by their sum when normalised). */
  gates: number[][];
  /** [T, E]: the full softmax. A new tensor owned by the caller, who disposes it. */
  probs: tf.Tensor2D;
}

/** A number, or a TypeError: a string '2' would otherwise pass comparisons by coercion. */
function numberArg(where: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${where} must be a number, got ${typeof value}`);
  return value;
}

/** An integer in [min, max], or a RangeError (a TypeError when it is not a number at all). */
function integerIn(where: string, value: unknown, min: number, max: number): number {
  const n = numberArg(where, value);
  if (!(Number.isInteger(n) && n >= min && n <= max)) {
    throw new RangeError(`${where} must be an integer in [${min}, ${max}], got ${n}`);
  }
  return n;
}

/** A rank-2 tf.Tensor with at least one row: [rows, cols]. */
function matrixArg(where: string, value: unknown): [number, number] {
  if (!(value instanceof tf.Tensor)) throw new TypeError(`${where} must be a tf.Tensor, got ${String(value)}`);
  if (value.rank !== 2) throw new RangeError(`${where} must be a 2-D tensor, got shape [${value.shape}]`);
  const [rows, cols] = value.shape as [number, number];
  if (rows < 1) throw new RangeError(`${where} must have at least one row, got shape [${value.shape}]`);
  return [rows, cols];
}

/** Throws a RangeError when `t` holds NaN or ±Infinity (one boolean read back; nothing leaks). */
function finiteValues(where: string, t: tf.Tensor): void {
  const flag = tf.tidy(() => tf.all(tf.isFinite(t)));
  const finite = flag.dataSync()[0] === 1;
  flag.dispose();
  if (!finite) throw new RangeError(`${where} must hold finite values, found NaN or ±Infinity`);
}

/** `experts` as a [T][k] table of expert ids in [0, E), k >= 1 the same for every token. */
function choicesArg(where: string, experts: unknown, tokens: number, numExperts: number): number {
  if (!(Array.isArray(experts) && experts.every((row) => Array.isArray(row)))) {
    throw new TypeError(`${where} must be an array of rows (arrays of expert ids)`);
  }
  if (experts.length !== tokens) {
    throw new RangeError(`${where} must have one row per token (${tokens}), got ${experts.length}`);
  }
  const k = (experts[0] as unknown[]).length; // tokens >= 1, so row 0 exists
  for (const [t, row] of experts.entries()) {
    if (row.length !== k || k < 1) {
      throw new RangeError(`${where}[${t}] must list k = ${k} >= 1 experts like row 0, got ${row.length}`);
    }
    for (const e of row) {
      if (!(Number.isInteger(e) && e >= 0 && e < numExperts)) {
        throw new RangeError(`${where}[${t}] holds ${e}, not an expert id in [0, ${numExperts})`);
      }
    }
  }
  return k;
}

export function topKRouting(routerLogits: tf.Tensor2D, k: number, opts: { normalize?: boolean } = {}): Routing {
  const [, numExperts] = matrixArg('topKRouting: routerLogits', routerLogits);
  integerIn('topKRouting: k', k, 1, numExperts);
  // topKRouting(logits, 2, false) must not silently normalise.
  if (Object(opts) !== opts) throw new TypeError(`topKRouting: opts must be an object, got ${String(opts)}`);
  const normalize = opts.normalize ?? true;
  if (typeof normalize !== 'boolean') throw new TypeError(`topKRouting: opts.normalize must be a boolean`);
  finiteValues('topKRouting: routerLogits', routerLogits);
  const probs = tf.softmax(routerLogits) as tf.Tensor2D;
  const { values, indices } = tf.topk(probs, k);
  const top = values.arraySync() as number[][];
  const experts = indices.arraySync() as number[][];
  tf.dispose([values, indices]);
  const gates = top.map((row) => {
    if (!normalize) return row;
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((g) => g / sum);
  });
  return { experts, gates, probs };
}

export function expertCapacity(tokens: number, experts: number, k: number, capacityFactor: number): number {
  integerIn('expertCapacity: tokens', tokens, 1, Number.MAX_SAFE_INTEGER);
  integerIn('expertCapacity: experts', experts, 1, Number.MAX_SAFE_INTEGER);
  integerIn('expertCapacity: k', k, 1, experts);
  const cf = numberArg('expertCapacity: capacityFactor', capacityFactor);
  if (!(Number.isFinite(cf) && cf > 0)) {
    throw new RangeError(`expertCapacity: capacityFactor must be a finite number > 0, got ${cf}`);
  }
  return Math.ceil((k * tokens * cf) / experts);
}

export function dispatch(r: Routing, numExperts: number, capacity: number): { kept: boolean[][]; load: number[] } {
  const [tokens, width] = matrixArg('dispatch: r.probs', r.probs);
  integerIn('dispatch: numExperts', numExperts, 1, Number.MAX_SAFE_INTEGER);
  if (width !== numExperts) {
    throw new RangeError(`dispatch: numExperts ${numExperts} must equal the width of probs ${width}`);
  }
  const cap = numberArg('dispatch: capacity', capacity);
  if (!(cap === Number.POSITIVE_INFINITY || (Number.isInteger(cap) && cap >= 0))) {
    throw new RangeError(`dispatch: capacity must be an integer >= 0 or Infinity, got ${cap}`);
  }
  const k = choicesArg('dispatch: r.experts', r.experts, tokens, numExperts);
  const load = new Array<number>(numExperts).fill(0);
  const kept = r.experts.map((row) => row.map(() => false));
  for (let slot = 0; slot < k; slot++) {
    r.experts.forEach((row, token) => {
      const e = row[slot] as number;
      if ((load[e] as number) < cap) {
        load[e] = (load[e] as number) + 1;
        (kept[token] as boolean[])[slot] = true;
      }
    });
  }
  return { kept, load };
}

export function moeForward(
  x: tf.Tensor2D,
  routerW: tf.Tensor2D,
  experts: Array<(h: tf.Tensor2D) => tf.Tensor2D>,
  cfg: { k: number; normalize?: boolean; capacityFactor?: number },
): tf.Tensor2D {
  const [tokens, width] = matrixArg('moeForward: x', x);
  const [height, numExperts] = matrixArg('moeForward: routerW', routerW);
  if (height !== width) {
    throw new RangeError(`moeForward: routerW must be [${width}, E] to match x [T, ${width}], got [${routerW.shape}]`);
  }
  if (!Array.isArray(experts) || !experts.every((f) => typeof f === 'function')) {
    throw new TypeError('moeForward: experts must be an array of functions');
  }
  if (experts.length !== numExperts) {
    throw new RangeError(`moeForward: ${experts.length} expert functions for a router of width ${numExperts}`);
  }
  integerIn('moeForward: cfg.k', cfg.k, 1, numExperts);
  finiteValues('moeForward: x', x);
  finiteValues('moeForward: routerW', routerW);
  const capacity =
    cfg.capacityFactor === undefined ? Infinity : expertCapacity(tokens, numExperts, cfg.k, cfg.capacityFactor);

  // topKRouting checks cfg.normalize (a TypeError unless boolean or absent); tf.tidy cleans up.
  return tf.tidy(() => {
    const routing = topKRouting(tf.matMul(x, routerW), cfg.k, cfg);
    const { kept } = dispatch(routing, numExperts, capacity);
    const rows: number[][] = experts.map(() => []);
    const weights: number[][] = experts.map(() => []);
    routing.experts.forEach((chosen, token) => {
      const keptRow = kept[token] as boolean[];
      const gateRow = routing.gates[token] as number[];
      chosen.forEach((e, slot) => {
        if (!keptRow[slot]) return;
        (rows[e] as number[]).push(token);
        (weights[e] as number[]).push(gateRow[slot] as number);
      });
    });
    const parts: tf.Tensor2D[] = [];
    const owners: number[] = [];
    experts.forEach((expert, e) => {
      const ids = rows[e] as number[];
      if (ids.length === 0) return;
      const y = expert(tf.gather(x, ids));
      parts.push(y.mul(tf.tensor2d(weights[e] as number[], [ids.length, 1])));
      owners.push(...ids);
    });
    // T >= 1 and capacity >= 1, so the first assignment is always kept and parts is never empty.
    // scatterND adds up rows sent to the same token (a token kept by several experts).
    return tf.scatterND(tf.tensor2d(owners, [owners.length, 1], 'int32'), tf.concat(parts), [tokens, width]);
  });
}

export function loadBalancingLoss(probs: tf.Tensor2D, experts: number[][], numExperts: number): number {
  const [tokens, width] = matrixArg('loadBalancingLoss: probs', probs);
  integerIn('loadBalancingLoss: numExperts', numExperts, 1, Number.MAX_SAFE_INTEGER);
  if (width !== numExperts) {
    throw new RangeError(`loadBalancingLoss: numExperts ${numExperts} must equal the width of probs ${width}`);
  }
  choicesArg('loadBalancingLoss: experts', experts, tokens, numExperts);
  const counts = new Array<number>(numExperts).fill(0);
  let assignments = 0;
  for (const row of experts) {
    for (const e of row) counts[e] = (counts[e] as number) + 1;
    assignments += row.length;
  }
  const mean = tf.mean(probs, 0);
  const meanProbs = mean.dataSync();
  mean.dispose();
  let sum = 0;
  for (let i = 0; i < numExperts; i++) {
    const p = meanProbs[i] as number;
    if (!Number.isFinite(p)) throw new RangeError(`loadBalancingLoss: probs must be finite, column ${i} is not`);
    sum += ((counts[i] as number) / assignments) * p;
  }
  return numExperts * sum;
}
