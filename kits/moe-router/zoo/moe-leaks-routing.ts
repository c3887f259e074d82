import * as tf from '@tensorflow/tfjs';

export interface Routing {
  /** [T][k]: the chosen experts of every token, most probable first. */
  experts: number[][];
  /** [T][k]: their gates (raw softmax probabilities, or divided by their sum when normalised). */
  gates: number[][];
  /** [T, E]: the full softmax. A new tensor owned by the caller, who disposes it. */
  probs: tf.Tensor2D;
}

function checkK(k: number, numExperts: number, where: string): void {
  if (!(k >= 1 && k <= numExperts)) {
    throw new RangeError(`${where}: k must be between 1 and the number of experts ${numExperts}, got ${k}`);
  }
}

export function topKRouting(routerLogits: tf.Tensor2D, k: number, opts: { normalize?: boolean } = {}): Routing {
  const numExperts = routerLogits.shape[1];
  checkK(k, numExperts, 'topKRouting');
  const normalize = opts.normalize ?? true;
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
  checkK(k, experts, 'expertCapacity');
  if (!(capacityFactor > 0)) {
    throw new RangeError(`expertCapacity: capacityFactor must be > 0, got ${capacityFactor}`);
  }
  return Math.ceil((k * tokens * capacityFactor) / experts);
}

export function dispatch(r: Routing, numExperts: number, capacity: number): { kept: boolean[][]; load: number[] } {
  if (r.probs.shape[1] !== numExperts) {
    throw new RangeError(`dispatch: numExperts ${numExperts} must equal the width of probs ${r.probs.shape[1]}`);
  }
  const load = new Array<number>(numExperts).fill(0);
  const kept = r.experts.map((row) => row.map(() => false));
  const k = r.experts[0]?.length ?? 0;
  for (let slot = 0; slot < k; slot++) {
    r.experts.forEach((row, token) => {
      const e = row[slot] as number;
      if ((load[e] as number) < capacity) {
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
  const [tokens, width] = x.shape;
  const numExperts = routerW.shape[1];
  if (routerW.shape[0] !== width) {
    throw new RangeError(`moeForward: routerW must be [${width}, E] to match x [T, ${width}], got [${routerW.shape}]`);
  }
  if (experts.length !== numExperts) {
    throw new RangeError(`moeForward: ${experts.length} expert functions for a router of width ${numExperts}`);
  }
  checkK(cfg.k, numExperts, 'moeForward');
  const capacity =
    cfg.capacityFactor === undefined ? Infinity : expertCapacity(tokens, numExperts, cfg.k, cfg.capacityFactor);

  {
    const routing = topKRouting(tf.matMul(x, routerW), cfg.k, { normalize: cfg.normalize ?? true });
    const { kept } = dispatch(routing, numExperts, capacity);
    const rows: number[][] = experts.map(() => []);
    const weights: number[][] = experts.map(() => []);
    routing.experts.forEach((chosen, token) => {
      chosen.forEach((e, slot) => {
        if (!kept[token]?.[slot]) return;
        rows[e]?.push(token);
        weights[e]?.push(routing.gates[token]?.[slot] as number);
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
    if (parts.length === 0) return tf.zeros([tokens, width]);
    // scatterND adds up rows sent to the same token (a token kept by several experts).
    return tf.scatterND(tf.tensor2d(owners, [owners.length, 1], 'int32'), tf.concat(parts), [tokens, width]);
  }
}

export function loadBalancingLoss(probs: tf.Tensor2D, experts: number[][], numExperts: number): number {
  const width = probs.shape[1];
  if (width !== numExperts) {
    throw new RangeError(`loadBalancingLoss: numExperts ${numExperts} must equal the width of probs ${width}`);
  }
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
  for (let i = 0; i < numExperts; i++) sum += ((counts[i] as number) / assignments) * (meanProbs[i] as number);
  return numExperts * sum;
}
