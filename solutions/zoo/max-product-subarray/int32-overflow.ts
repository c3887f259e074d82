// Bug: uses Math.imul (a habit from C/Java int arithmetic, or "to keep products integral"), which wraps at 2^32: forty 2s give 0 instead of 2^40.
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  const first = nums[0] as number;
  let best = first;
  let high = first;
  let low = first;
  for (let i = 1; i < nums.length; i++) {
    const x = nums[i] as number;
    const a = Math.imul(high, x);
    const b = Math.imul(low, x);
    high = Math.max(x, a, b);
    low = Math.min(x, a, b);
    best = Math.max(best, high);
  }
  return best;
}
