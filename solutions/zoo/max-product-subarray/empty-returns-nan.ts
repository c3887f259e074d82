// Bug: reads nums[0] without checking the length; for [] the loop never runs and undefined (NaN once used in arithmetic) comes back instead of a RangeError.
export function maxProduct(nums: readonly number[]): number {
  let best = nums[0] as number;
  let high = best;
  let low = best;
  for (let i = 1; i < nums.length; i++) {
    const x = nums[i] as number;
    const a = high * x;
    const b = low * x;
    high = Math.max(x, a, b);
    low = Math.min(x, a, b);
    best = Math.max(best, high);
  }
  return best + 0;
}
