// Bug: counts B·H·T·bytes, one score per token, forgetting that every query scores every key: the score matrix is T×T per head, which is exactly why it dominates memory at long context.
export { onlineSoftmaxStats, tiledAttention } from '../../online-softmax.ts';

export function scoreMatrixBytes(c: { batch: number; heads: number; seqLen: number; bytesPerElement: number }): number {
  return c.batch * c.heads * c.seqLen * c.bytesPerElement;
}
