// Kata: decoder-block-forward (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check decoder-block-forward   (or: npx vitest --watch decoder-block-forward)
import * as tf from '@tensorflow/tfjs';

export interface DecoderBlockParams {
  attnNorm: tf.Tensor1D;
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
  mlpNorm: tf.Tensor1D;
  wGate: tf.Tensor2D;
  wUp: tf.Tensor2D;
  wDown: tf.Tensor2D;
}

export function decoderBlockForward(
  x: tf.Tensor3D,
  params: DecoderBlockParams,
  config: { nHeads: number; eps?: number },
): tf.Tensor3D {
  // TODO: y = h + SwiGLU(RMSNorm(h)) with h = x + causal MHA(RMSNorm(x)); no leaked tensors.
  throw new Error('TODO: decoder-block-forward');
}
