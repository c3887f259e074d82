// Bug: the running max starts at 0 instead of −∞, so for logits far below 0 (e.g. −1000) max reports 0 and every e^{x−0} underflows: sumExp = 0 and log-sum-exp = −∞.
export { scoreMatrixBytes, tiledAttention } from '../../online-softmax.ts';

export function onlineSoftmaxStats(x: number[], blockSize: number): { max: number; sumExp: number } {
  if (x.length === 0) throw new RangeError('x must not be empty');
  if (!(blockSize >= 1)) throw new RangeError('blockSize must be >= 1');
  let m = 0;
  let l = 0;
  for (let start = 0; start < x.length; start += blockSize) {
    const block = x.slice(start, start + blockSize);
    const next = Math.max(m, ...block);
    let sum = 0;
    for (const value of block) sum += Math.exp(value - next);
    l = l * Math.exp(m - next) + sum;
    m = next;
  }
  return { max: m, sumExp: l };
}
