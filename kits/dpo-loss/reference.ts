import * as tf from '@tensorflow/tfjs';

export type DpoLossType = 'sigmoid' | 'ipo' | 'hinge';

const LOSS_TYPES: readonly string[] = ['sigmoid', 'ipo', 'hinge'];

export interface SequenceLogProbsOptions {
  ignoreIndex?: number;
  average?: boolean;
}

export interface DpoLossOptions {
  beta?: number;
  labelSmoothing?: number;
  lossType?: DpoLossType;
}

export interface DpoLossResult {
  loss: tf.Scalar;
  losses: tf.Tensor1D;
  chosenRewards: tf.Tensor1D;
  rejectedRewards: tf.Tensor1D;
}

/**
 * log π(y | x) of each sequence: position t predicts labels[:, t+1] (the shift is inside), labels
 * equal to ignoreIndex (the prompt, padding) do not count, and the counted token log-probs are
 * summed (or averaged, for IPO). The labels are read on the host first so that bad input throws
 * before any tensor is made, and ignored positions gather logit 0 of their position under weight 0.
 * log_softmax = x − logsumexp(x), stable for any finite logits. O(B·T·V) tensor work, O(B·T)
 * JavaScript (the labels).
 */
export function sequenceLogProbs(
  logits: tf.Tensor3D,
  labels: tf.Tensor2D,
  opts: SequenceLogProbsOptions = {},
): tf.Tensor1D {
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const average = opts.average ?? false;
  for (const [name, t] of Object.entries({ logits, labels })) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof t}`);
  }
  if (typeof ignoreIndex !== 'number') throw new TypeError(`ignoreIndex must be a number, got ${typeof ignoreIndex}`);
  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`ignoreIndex must be an integer, got ${ignoreIndex}`);
  if (typeof average !== 'boolean') throw new TypeError(`average must be a boolean, got ${typeof average}`);
  if (logits.rank !== 3) throw new RangeError(`logits: expected rank 3 [B, T, V], got [${logits.shape.join(', ')}]`);
  const [B, T, V] = logits.shape as [number, number, number];
  if (B === 0 || T === 0 || V === 0) throw new RangeError(`logits: B, T and V must be >= 1, got [${B}, ${T}, ${V}]`);
  if (labels.rank !== 2 || labels.shape[0] !== B || labels.shape[1] !== T) {
    throw new RangeError(`labels: expected shape [${B}, ${T}] to match logits, got [${labels.shape.join(', ')}]`);
  }
  const ids = labels.dataSync();
  const S = T - 1; // predicted positions per row
  const flatIndex = new Int32Array(B * S);
  const weight = new Float32Array(B * S);
  const counts = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < S; t++) {
      const label = ids[b * T + t + 1] as number;
      const i = b * S + t;
      flatIndex[i] = (b * T + t) * V; // the logits of position t
      if (label === ignoreIndex) continue;
      if (!Number.isInteger(label) || label < 0 || label >= V) {
        throw new RangeError(
          `labels: a counted label must be an integer in [0, ${V}), got ${label} at [${b}, ${t + 1}]`,
        );
      }
      flatIndex[i] += label;
      weight[i] = 1;
      (counts[b] as number) += 1;
    }
    if (average && counts[b] === 0) {
      throw new RangeError(`labels: row ${b} has no counted label, so its average log-prob is undefined`);
    }
  }
  if (S === 0) return tf.zeros([B], 'float32');
  return tf.tidy(() => {
    // The last position predicts nothing: drop it from the small [B, T] log-sum-exp, not from the
    // [B, T, V] logits (slicing those would copy them).
    const lse = tf.slice(tf.logSumExp(logits, -1), [0, 0], [B, S]);
    const picked = tf.reshape(tf.gather(tf.reshape(logits, [-1]), tf.tensor1d(flatIndex, 'int32')), [B, S]);
    const logp = tf.sub(picked, lse);
    const summed = tf.sum(tf.mul(logp, tf.tensor2d(weight, [B, S])), 1);
    return (average ? tf.div(summed, tf.tensor1d(counts)) : summed) as tf.Tensor1D;
  });
}

/**
 * DPO and two variants on the margin h = (πc − πr) − (refc − refr):
 * sigmoid (cDPO) (1−ε)·softplus(−βh) + ε·softplus(βh), i.e. −(1−ε)logσ(βh) − ε·logσ(−βh) (TRL ≤ 0.19);
 * ipo (h − 1/(2β))²; hinge relu(1 − βh). softplus never overflows: βh = −1000 gives 1000.
 * loss = mean(losses); implicit rewards β(π − ref). O(N) tensor work inside tf.tidy, no JavaScript
 * loop over the pairs.
 */
export function dpoLoss(
  policyChosen: tf.Tensor1D,
  policyRejected: tf.Tensor1D,
  refChosen: tf.Tensor1D,
  refRejected: tf.Tensor1D,
  opts: DpoLossOptions = {},
): DpoLossResult {
  const beta = opts.beta ?? 0.1;
  const eps = opts.labelSmoothing ?? 0;
  const lossType = opts.lossType ?? 'sigmoid';
  if (typeof beta !== 'number') throw new TypeError(`beta must be a number, got ${typeof beta}`);
  if (!(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`beta: expected a finite number > 0, got ${beta}`);
  if (typeof eps !== 'number') throw new TypeError(`labelSmoothing must be a number, got ${typeof eps}`);
  if (!(eps >= 0 && eps < 0.5)) throw new RangeError(`labelSmoothing: expected a number in [0, 0.5), got ${eps}`);
  if (!LOSS_TYPES.includes(lossType)) {
    throw new RangeError(`lossType: expected 'sigmoid', 'ipo' or 'hinge', got ${JSON.stringify(lossType)}`);
  }
  const inputs = { policyChosen, policyRejected, refChosen, refRejected };
  for (const [name, t] of Object.entries(inputs)) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof t}`);
  }
  const n = policyChosen.shape[0] ?? 0;
  for (const [name, t] of Object.entries(inputs)) {
    if (t.rank !== 1 || t.shape[0] !== n || n === 0) {
      throw new RangeError(`${name}: expected shape [N] with N >= 1 like policyChosen, got [${t.shape.join(', ')}]`);
    }
  }
  return tf.tidy(() => {
    const pc = tf.cast(policyChosen, 'float32');
    const pr = tf.cast(policyRejected, 'float32');
    const rc = tf.cast(refChosen, 'float32');
    const rr = tf.cast(refRejected, 'float32');
    const h = tf.sub(tf.sub(pc, pr), tf.sub(rc, rr));
    let losses: tf.Tensor;
    if (lossType === 'ipo') losses = tf.square(tf.sub(h, 1 / (2 * beta)));
    else if (lossType === 'hinge') losses = tf.relu(tf.sub(1, tf.mul(h, beta)));
    else {
      const z = tf.mul(h, beta);
      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));
    }
    return {
      loss: tf.mean(losses) as tf.Scalar,
      losses: losses as tf.Tensor1D,
      chosenRewards: tf.mul(tf.sub(pc, rc), beta) as tf.Tensor1D,
      rejectedRewards: tf.mul(tf.sub(pr, rr), beta) as tf.Tensor1D,
    };
  });
}
