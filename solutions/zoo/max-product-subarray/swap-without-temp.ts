// Bug: overwrites high before computing low, so low is built from the new high instead of the old one; [-1,-2,-3] returns 12, a product no subarray has, instead of 6.
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  const first = nums[0] as number;
  let best = first;
  let high = first;
  let low = first;
  for (let i = 1; i < nums.length; i++) {
    const x = nums[i] as number;
    high = Math.max(x, high * x, low * x);
    low = Math.min(x, high * x, low * x);
    best = Math.max(best, high);
  }
  return best;
}
