/**
 * Another way, without a running minimum: the best subarray contains no zero and, inside its
 * zero-free run, an even number of negatives, so it is a prefix or a suffix of that run. One
 * pass checks the input, a second multiplies a prefix product from the left and a suffix product
 * from the right, restarting each after a zero. O(n) time (two passes), O(1) extra space.
 */
export function maxProduct(nums: readonly number[]): number {
  if (!Array.isArray(nums)) throw new TypeError('maxProduct: nums must be an array');
  if (nums.length === 0) throw new RangeError('maxProduct: nums must not be empty');
  for (const [i, x] of nums.entries()) {
    if (typeof x !== 'number') throw new TypeError(`maxProduct: nums[${i}] is not a number`);
    if (!Number.isInteger(x)) throw new RangeError(`maxProduct: nums[${i}] = ${x} is not an integer`);
  }
  const n = nums.length;
  let best = -Infinity;
  let prefix = 1;
  let suffix = 1;
  for (let i = 0; i < n; i++) {
    prefix *= nums[i] as number;
    suffix *= nums[n - 1 - i] as number;
    best = Math.max(best, prefix, suffix);
    if (prefix === 0) prefix = 1;
    if (suffix === 0) suffix = 1;
  }
  return best === 0 ? 0 : best; // a product through a zero can be -0
}
