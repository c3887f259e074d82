import * as tf from '@tensorflow/tfjs';
import { groupedQueryAttention } from '../reference.ts';

export { groupedQueryAttention };

export function gqaSelfAttention(
  x: tf.Tensor3D,
  weights: { wq: tf.Tensor2D; wk: tf.Tensor2D; wv: tf.Tensor2D; wo: tf.Tensor2D },
  config: { nHeads: number; nKvHeads: number; causal?: boolean },
): tf.Tensor3D {
  const { wq, wk, wv, wo } = weights;
  const { nHeads, nKvHeads } = config;
  const [b, t, dModel] = x.shape;
  const dh = wq.shape[1] / nHeads;
  const same = (w: tf.Tensor2D, rows: number, cols: number) => w.shape[0] === rows && w.shape[1] === cols;
  if (
    nHeads % nKvHeads !== 0 ||
    !Number.isInteger(dh) ||
    !same(wq, dModel, nHeads * dh) ||
    !same(wk, dModel, nKvHeads * dh) ||
    !same(wv, dModel, nKvHeads * dh) ||
    !same(wo, nHeads * dh, dModel)
  ) {
    throw new RangeError(`weights do not fit x [${x.shape}] with nHeads ${nHeads}, nKvHeads ${nKvHeads}`);
  }
  return tf.tidy(() => {
    const rows = x.reshape([b * t, dModel]);
    const heads = (w: tf.Tensor2D, h: number) => tf.matMul(rows, w).reshape([b, h, t, dh]) as tf.Tensor4D;
    const attended = groupedQueryAttention(heads(wq, nHeads), heads(wk, nKvHeads), heads(wv, nKvHeads), {
      causal: config.causal ?? false,
    });
    return tf.matMul(attended.reshape([b * t, nHeads * dh]), wo).reshape([b, t, dModel]) as tf.Tensor3D;
  });
}
