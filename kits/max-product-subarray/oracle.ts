/**
 * The oracle for max-product-subarray: the product of every subarray, O(n²). Exact as long as
 * every subarray product stays within ±2^53, which the suites' generators guarantee. Returns +0,
 * never -0, for a zero answer.
 */
export function bruteForceMaxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('the oracle needs a non-empty array');
  let best = -Infinity;
  for (let start = 0; start < nums.length; start++) {
    let product = 1;
    for (let end = start; end < nums.length; end++) {
      product *= nums[end] as number;
      if (product > best) best = product;
    }
  }
  return best === 0 ? 0 : best;
}
