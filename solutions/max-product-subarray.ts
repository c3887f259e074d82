/**
 * One pass, keeping the largest and the smallest product of a subarray that ends at the current
 * index: a negative factor swaps their roles, and the element alone restarts after a zero.
 * O(n) time, O(1) extra space; every product is exact in float64 under the stated constraints.
 */
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) {
    throw new RangeError('nums must hold at least one element, got an empty array');
  }
  const first = nums[0] as number;
  let best = first;
  let high = first; // largest product of a subarray ending here
  let low = first; // smallest product of a subarray ending here
  for (let i = 1; i < nums.length; i++) {
    const x = nums[i] as number;
    const a = high * x;
    const b = low * x;
    high = Math.max(x, a, b);
    low = Math.min(x, a, b);
    best = Math.max(best, high);
  }
  return best === 0 ? 0 : best; // never -0
}
