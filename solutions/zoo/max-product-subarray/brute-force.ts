// Bug: correct answers, but tries every subarray: O(n²) reads, about 2·10^8 for n = 2·10^4, where one O(n) pass suffices.
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
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
