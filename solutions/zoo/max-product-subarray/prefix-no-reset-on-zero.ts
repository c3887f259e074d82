// Bug: the prefix/suffix-product trick without restarting the running product after a zero, so everything after a 0 stays 0 ([0,2] gives 0, not 2).
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  let best = -Infinity;
  let prefix = 1;
  let suffix = 1;
  const n = nums.length;
  for (let i = 0; i < n; i++) {
    prefix *= nums[i] as number;
    suffix *= nums[n - 1 - i] as number;
    best = Math.max(best, prefix, suffix);
  }
  return best;
}
