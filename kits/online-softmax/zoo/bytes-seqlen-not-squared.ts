export { onlineSoftmaxStats, tiledAttention } from '../reference.ts';

export function scoreMatrixBytes(c: { batch: number; heads: number; seqLen: number; bytesPerElement: number }): number {
  return c.batch * c.heads * c.seqLen * c.bytesPerElement;
}
