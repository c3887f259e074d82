// Bug: initialises the best product to 0 (as if an empty subarray were allowed), so an all-negative single element such as [-2] answers 0 instead of -2.
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  let best = 0;
  let high = 1;
  let low = 1;
  for (const x of nums) {
    const a = high * x;
    const b = low * x;
    high = Math.max(x, a, b);
    low = Math.min(x, a, b);
    best = Math.max(best, high);
  }
  return best;
}
