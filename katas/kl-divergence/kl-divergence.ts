// Kata: kl-divergence (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check kl-divergence   (or: npx vitest --watch kl-divergence)
import * as tf from '@tensorflow/tfjs';

export type Reduction = 'none' | 'sum' | 'mean' | 'batchmean';

export interface KlDivLossOptions {
  readonly reduction?: Reduction;
  readonly logTarget?: boolean;
}

export function logSoftmax(logits: tf.Tensor): tf.Tensor {
  // TODO: log softmax over the last axis, x − logsumexp(x): finite for |x| up to 1e4.
  throw new Error('TODO: kl-divergence');
}

export function entropy(logits: tf.Tensor): tf.Tensor {
  // TODO: H(p) = −Σ p log p over the last axis, in nats: [..., V] → [...]; 0·log 0 = 0.
  throw new Error('TODO: kl-divergence');
}

export function crossEntropy(pLogits: tf.Tensor, qLogits: tf.Tensor): tf.Tensor {
  // TODO: H(p, q) = −Σ p log q over the last axis: [..., V] → [...].
  throw new Error('TODO: kl-divergence');
}

export function klDivergence(pLogits: tf.Tensor, qLogits: tf.Tensor): tf.Tensor {
  // TODO: KL(p‖q) = Σ p (log p − log q) over the last axis: [..., V] → [...].
  throw new Error('TODO: kl-divergence');
}

export function klDivLoss(input: tf.Tensor, target: tf.Tensor, opts: KlDivLossOptions = {}): tf.Tensor {
  // TODO: PyTorch's F.kl_div: input = log q, target = p; pointwise p·(log p − input); default reduction 'mean'.
  throw new Error('TODO: kl-divergence');
}
