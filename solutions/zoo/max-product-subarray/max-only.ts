// Bug: adapts Kadane's maximum-sum scan and tracks only the running maximum, forgetting that a negative factor turns the smallest product into the largest ([-2,3,-4] gives 3, not 24).
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  let best = nums[0] as number;
  let high = best;
  for (let i = 1; i < nums.length; i++) {
    const x = nums[i] as number;
    high = Math.max(x, high * x);
    best = Math.max(best, high);
  }
  return best;
}
