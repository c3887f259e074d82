// Bug: truncates each product with `| 0` (an "integer hint" from asm.js-style code), which keeps only the low 32 bits once a product passes 2^31.
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  const first = nums[0] as number;
  let best = first;
  let high = first;
  let low = first;
  for (let i = 1; i < nums.length; i++) {
    const x = nums[i] as number;
    const a = (high * x) | 0;
    const b = (low * x) | 0;
    high = Math.max(x, a, b);
    low = Math.min(x, a, b);
    best = Math.max(best, high);
  }
  return best;
}
