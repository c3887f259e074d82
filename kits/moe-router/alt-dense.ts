import * as tf from '@tensorflow/tfjs';

/**
 * Another way: the router reads the logits and the softmax back and ranks each token's experts in
 * JavaScript (descending probability, ascending index), and normalised gates are a softmax over the
 * k chosen logits (mistral-src's formulation) instead of the raw gates divided by their sum.
 * dispatch walks the T·k assignments as one flat slot-major sequence. moeForward is dense: it runs
 * every expert on all of x (allowed: experts are row-wise) and mixes the outputs with a [T, E]
 * combine matrix that holds each kept gate and 0 elsewhere, as the GShard einsum formulation does.
 * loadBalancingLoss is E/T · Σ probs · f with f broadcast over the tokens, one tensor reduction.
 */
export interface Routing {
  experts: number[][];
  gates: number[][];
  probs: tf.Tensor2D;
}

function isNumber(value: unknown, where: string): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: not a number`);
  return value;
}

function wholeNumber(value: unknown, where: string, low: number, high = Number.POSITIVE_INFINITY): number {
  const n = isNumber(value, where);
  if (!Number.isSafeInteger(n) || n < low || n > high)
    throw new RangeError(`${where}: ${n} is outside ${low}..${high}`);
  return n;
}

/** The shape [rows, cols] of a 2-D tensor with rows >= 1. */
function shape2d(value: unknown, where: string): [number, number] {
  if (!(value instanceof tf.Tensor)) throw new TypeError(`${where}: not a tf.Tensor`);
  if (value.shape.length !== 2 || (value.shape[0] as number) === 0) {
    throw new RangeError(`${where}: expected [rows >= 1, cols], got [${value.shape}]`);
  }
  return [value.shape[0] as number, value.shape[1] as number];
}

function allFinite(t: tf.Tensor, where: string): void {
  const bad = tf.tidy(() => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(t)), 'int32')));
  const count = bad.dataSync()[0] as number;
  bad.dispose();
  if (count > 0) throw new RangeError(`${where}: ${count} value(s) are NaN or ±Infinity`);
}

/** The width k of a table of expert ids in [0, numExperts), one row per token. */
function choiceTable(experts: unknown, tokens: number, numExperts: number, where: string): number {
  if (!Array.isArray(experts)) throw new TypeError(`${where}: not an array`);
  for (const row of experts) if (!Array.isArray(row)) throw new TypeError(`${where}: a row is not an array`);
  if (experts.length !== tokens) throw new RangeError(`${where}: ${experts.length} rows for ${tokens} tokens`);
  const k: number = experts[0].length;
  if (k === 0) throw new RangeError(`${where}: rows are empty`);
  for (const row of experts as unknown[][]) {
    if (row.length !== k) throw new RangeError(`${where}: rows of different lengths`);
    for (const e of row) {
      if (typeof e !== 'number' || !Number.isInteger(e) || e < 0 || e >= numExperts) {
        throw new RangeError(`${where}: ${String(e)} is not an expert id`);
      }
    }
  }
  return k;
}

export function topKRouting(routerLogits: tf.Tensor2D, k: number, opts?: { normalize?: boolean }): Routing {
  const [, numExperts] = shape2d(routerLogits, 'topKRouting(routerLogits)');
  wholeNumber(k, 'topKRouting(k)', 1, numExperts);
  if (opts !== undefined && (typeof opts !== 'object' || opts === null))
    throw new TypeError('topKRouting(opts): not an object');
  const normalize = opts?.normalize === undefined ? true : opts.normalize;
  if (normalize !== true && normalize !== false) throw new TypeError('topKRouting(opts.normalize): not a boolean');
  allFinite(routerLogits, 'topKRouting(routerLogits)');
  const logits = routerLogits.arraySync() as number[][];
  const probs = tf.softmax(routerLogits) as tf.Tensor2D;
  const p = probs.arraySync() as number[][];
  const experts: number[][] = [];
  const gates: number[][] = [];
  for (let t = 0; t < p.length; t++) {
    const row = p[t] as number[];
    const order = row.map((_, i) => i).sort((i, j) => (row[j] as number) - (row[i] as number) || i - j);
    const chosen = order.slice(0, k);
    experts.push(chosen);
    if (!normalize) {
      gates.push(chosen.map((e) => row[e] as number));
      continue;
    }
    // A softmax over the k chosen logits equals the chosen probabilities over their sum.
    const z = chosen.map((e) => (logits[t] as number[])[e] as number);
    const top = Math.max(...z);
    const w = z.map((v) => Math.exp(v - top));
    const total = w.reduce((a, b) => a + b, 0);
    gates.push(w.map((v) => v / total));
  }
  return { experts, gates, probs };
}

export function expertCapacity(tokens: number, experts: number, k: number, capacityFactor: number): number {
  wholeNumber(tokens, 'expertCapacity(tokens)', 1);
  wholeNumber(experts, 'expertCapacity(experts)', 1);
  wholeNumber(k, 'expertCapacity(k)', 1, experts);
  const cf = isNumber(capacityFactor, 'expertCapacity(capacityFactor)');
  if (!(cf > 0 && cf < Number.POSITIVE_INFINITY)) throw new RangeError(`expertCapacity(capacityFactor): ${cf}`);
  return Math.ceil(((tokens * cf) / experts) * k);
}

export function dispatch(r: Routing, numExperts: number, capacity: number): { kept: boolean[][]; load: number[] } {
  const [tokens, width] = shape2d(r.probs, 'dispatch(r.probs)');
  wholeNumber(numExperts, 'dispatch(numExperts)', width, width);
  const cap = isNumber(capacity, 'dispatch(capacity)');
  if (cap !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(cap) && cap >= 0)) {
    throw new RangeError(`dispatch(capacity): ${cap}`);
  }
  const k = choiceTable(r.experts, tokens, numExperts, 'dispatch(r.experts)');
  const load = new Array<number>(numExperts).fill(0);
  const kept: boolean[][] = [];
  for (let t = 0; t < tokens; t++) kept.push(new Array<boolean>(k).fill(false));
  // Assignment j = slot·T + token: every first choice in token order, then every second choice…
  for (let j = 0; j < tokens * k; j++) {
    const slot = Math.floor(j / tokens);
    const token = j - slot * tokens;
    const e = (r.experts[token] as number[])[slot] as number;
    if ((load[e] as number) >= cap) continue;
    load[e] = (load[e] as number) + 1;
    (kept[token] as boolean[])[slot] = true;
  }
  return { kept, load };
}

export function moeForward(
  x: tf.Tensor2D,
  routerW: tf.Tensor2D,
  experts: Array<(h: tf.Tensor2D) => tf.Tensor2D>,
  cfg: { k: number; normalize?: boolean; capacityFactor?: number },
): tf.Tensor2D {
  const [tokens, d] = shape2d(x, 'moeForward(x)');
  const [rows, numExperts] = shape2d(routerW, 'moeForward(routerW)');
  if (rows !== d) throw new RangeError(`moeForward: routerW has ${rows} rows for x of width ${d}`);
  if (!Array.isArray(experts)) throw new TypeError('moeForward(experts): not an array');
  for (const f of experts) if (typeof f !== 'function') throw new TypeError('moeForward(experts): not a function');
  if (experts.length !== numExperts)
    throw new RangeError(`moeForward: ${experts.length} experts, router width ${numExperts}`);
  const { k, normalize, capacityFactor } = cfg;
  wholeNumber(k, 'moeForward(cfg.k)', 1, numExperts);
  if (normalize !== undefined && normalize !== true && normalize !== false) {
    throw new TypeError('moeForward(cfg.normalize): not a boolean');
  }
  allFinite(x, 'moeForward(x)');
  allFinite(routerW, 'moeForward(routerW)');
  const capacity =
    capacityFactor === undefined ? Number.POSITIVE_INFINITY : expertCapacity(tokens, numExperts, k, capacityFactor);
  return tf.tidy(() => {
    const routing = topKRouting(tf.matMul(x, routerW), k, normalize === undefined ? {} : { normalize });
    const { kept } = dispatch(routing, numExperts, capacity);
    // combine[t][e]: the gate of token t for expert e if that assignment was kept, else 0.
    const combine = Array.from({ length: tokens }, () => new Array<number>(numExperts).fill(0));
    routing.experts.forEach((chosen, t) => {
      chosen.forEach((e, s) => {
        if ((kept[t] as boolean[])[s]) (combine[t] as number[])[e] = (routing.gates[t] as number[])[s] as number;
      });
    });
    const weights = tf.tensor2d(combine, [tokens, numExperts], 'float32');
    let out: tf.Tensor = tf.zeros([tokens, d]);
    experts.forEach((expert, e) => {
      out = tf.add(out, tf.mul(tf.slice(weights, [0, e], [tokens, 1]), expert(x)));
    });
    return out as tf.Tensor2D;
  });
}

export function loadBalancingLoss(probs: tf.Tensor2D, experts: number[][], numExperts: number): number {
  const [tokens, width] = shape2d(probs, 'loadBalancingLoss(probs)');
  wholeNumber(numExperts, 'loadBalancingLoss(numExperts)', width, width);
  const k = choiceTable(experts, tokens, numExperts, 'loadBalancingLoss(experts)');
  const f = new Array<number>(numExperts).fill(0);
  for (const row of experts) for (const e of row) f[e] = (f[e] as number) + 1 / (tokens * k);
  // E · Σᵢ fᵢ · mean_t probs[t][i] = E/T · Σ_t Σᵢ probs[t][i] · fᵢ.
  const total = tf.tidy(() => tf.sum(tf.mul(probs, tf.tensor2d([f], [1, numExperts], 'float32'))));
  const value = (total.dataSync()[0] as number) * (numExperts / tokens);
  total.dispose();
  if (!Number.isFinite(value)) throw new RangeError('loadBalancingLoss(probs): not finite');
  return value;
}
